"""Wagtail pages the page cache may share with every anonymous reader."""

from . import SITE, cache_for_everyone


class SharedPageMixin:
    """Mixed into a ``Page`` model, before ``Page``: its answers are kept and shared.

    Subclasses say which tags their answers carry (``cache_tags``) and which tags
    a publish or unpublish of them invalidates (``invalidation_tags``; by default
    everything, right for a page that may be in every page's menu).
    """

    def cache_tags(self):
        """Tags beyond ``SITE`` that this page's answers carry."""
        return ()

    def invalidation_tags(self):
        """What goes stale when this page is published, changed or withdrawn."""
        return (SITE,)

    def purge_urls(self):
        """Addresses beyond the page's own a CDN must drop when it changes."""
        return ()

    def pages_to_prime(self):
        """The pages a crowd opens first when this one is published, itself first.

        Kept at once on publish (``priming.py``): the page a push alert links to,
        and the front page, which every publish makes stale and which readers
        open next.
        """
        site = self.get_site()
        return (self, site.root_page) if site is not None else (self,)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return cache_for_everyone(response, *self.cache_tags())
