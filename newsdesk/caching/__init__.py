"""The page cache: what domain apps call to share an answer and to say what changed.

``cache_for_everyone(response, *tags)`` marks a render as the same for every
anonymous reader; ``invalidate(*tags)`` makes every page carrying one of the tags
stale once the current transaction commits. Tags are the domain apps' own words
(``"story:42"``); ``SITE`` is carried by every page. See ``docs/caching.md``.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial, wraps

from django.conf import settings
from django.db import transaction

SITE = "site"
# Where ``tag_answer`` gathers the tags a render adds to its answer's.
RENDERED_TAGS_ATTRIBUTE = "newsdesk_rendered_tags"
# The tags ``invalidating_once`` is gathering, when a block of writes is inside one.
_gathering = ContextVar("newsdesk_gathered_invalidations", default=None)


def cache_for_everyone(response, *tags):
    """Mark ``response`` as shareable until ``SITE`` or one of ``tags`` is invalidated."""
    response.newsdesk_cache_tags = {SITE, *tags}
    return response


def tag_answer(request, *tags):
    """Add ``tags`` to the answer being rendered for ``request``, if it is shared.

    For a piece of a page that learns what it shows only as it renders (a story
    card, whose story may go live): the page is kept under its tags too.
    """
    request.__dict__.setdefault(RENDERED_TAGS_ATTRIBUTE, set()).update(tags)


def cached_for_everyone(*tags):
    """View decorator: ``cache_for_everyone`` on every answer of the view."""

    def decorator(view):
        @wraps(view)
        def tagged(request, *args, **kwargs):
            return cache_for_everyone(view(request, *args, **kwargs), *tags)

        return tagged

    return decorator


def invalidate(*tags):
    """Make every page carrying one of ``tags`` stale, on every worker, after the commit.

    After, not before: a render that starts once the clock has moved must
    already read the committed change.
    """
    gathering = _gathering.get()
    if gathering is not None:
        gathering.update(tags)
        return
    transaction.on_commit(partial(_invalidate_now, tags), robust=True)


@contextmanager
def invalidating_once():
    """Gather the block's invalidations into one, made when its transaction commits.

    For a writer that changes many rows through code that invalidates row by row
    (an import's batch of stories, sections and tags): pages go stale once per
    commit, not once per row. Enter it inside the transaction.
    """
    gathered = set()
    token = _gathering.set(gathered)
    try:
        yield
    finally:
        _gathering.reset(token)
    if gathered:
        invalidate(*gathered)


def _invalidate_now(tags):
    if settings.NEWSDESK_PAGE_CACHE:
        from .store import page_cache

        cache = page_cache()
        try:
            cache.clock.invalidate(tags)
        except Exception:
            # The change is committed but could not be announced (Redis is down):
            # this process keeps nothing, and the error is logged for the operator.
            cache.forget_all()
            raise


def has_frontend_cache():
    """Is a CDN or Varnish configured to be purged (``WAGTAILFRONTENDCACHE``)?"""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_urls(urls):
    """Ask the configured CDN or Varnish (Wagtail's frontend cache) to drop ``urls``."""
    if not has_frontend_cache():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    transaction.on_commit(partial(purge_urls_from_cache, sorted(set(urls))), robust=True)
