"""Tools the apps' tests share: checkers written by others, run over our pages.

Not an installed app: nothing here is imported by the site itself.
"""
