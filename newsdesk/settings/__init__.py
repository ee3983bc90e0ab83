"""Newsdesk's settings modules; ``TOOL_APPS`` is here so ``newsdesk`` can read it cheaply.

Importing this package runs no settings code: ``newsdesk/__main__.py`` reads
``TOOL_APPS`` before it knows which settings module to load.
"""

# Apps that build or measure a site rather than serve one: installed by the tools,
# dev and test settings, never by production (see tools.py).
TOOL_APPS = ("newsdesk.demo", "newsdesk.benchmarks")
