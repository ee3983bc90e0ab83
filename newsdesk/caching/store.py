"""The page cache: a shared store of rendered pages and each process's ready answers.

Two levels. The *shared store* is a Django cache (``CACHES["pages"]``: files in
the data folder by default, Redis when ``REDIS_URL`` is set) holding each
rendered page once for every worker. Each process also keeps its ready
``Entry`` objects in memory, so a hit costs a dictionary lookup and a check of
the clock. Both are checked against the clock (``clock.py``) on every use, so
nothing invalidated is ever answered.
"""

import threading
import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.http import parse_http_date_safe

from . import fragments
from .clock import LocalClock, RedisClock, slot_of
from .entries import Entry, StoredPage
from .keys import page_key, personal_cookie_pattern, request_key, scheme_reader

KEY_ENVIRON = "newsdesk.page_cache_key"
STORE_PREFIX = "page:v1:"
FRAGMENT_PREFIX = "fragment:v1:"
RENDER_LOCKS = 64


class PageCache:
    """Everything one process needs to answer, keep and forget cached pages."""

    def __init__(self, clock, store, seconds, memory_bytes):
        self.clock = clock
        # A clock shared through Redis is copied in now and then; a local one is always current.
        self.polls = not isinstance(clock, LocalClock)
        self.store = store
        self.seconds = seconds
        self.memory_bytes = memory_bytes
        self.fragments = fragments.FragmentCache(clock)
        self.cookie_pattern = personal_cookie_pattern()
        self.scheme = scheme_reader()
        # Static files and media have their own caching; the admin is never shared.
        self.skipped_prefixes = (settings.STATIC_URL, settings.MEDIA_URL, "/admin/")
        self._memory = {}
        self._memory_used = 0
        self._memory_lock = threading.Lock()
        self._render_locks = [threading.Lock() for _ in range(RENDER_LOCKS)]

    def quick_hit(self, environ):
        """The ready answer to a plain anonymous GET, if memory holds it fresh; else ``None``.

        The hot path of a breaking story, so it checks only what can make a
        kept answer wrong for this request: a query string, a condition, a
        personal cookie. Everything else goes through ``key_for`` and ``find``;
        no page outside the cache (the admin, static files) is ever in memory.
        """
        if (
            environ["REQUEST_METHOD"] != "GET"
            or environ.get("QUERY_STRING")
            or "HTTP_AUTHORIZATION" in environ
            or "HTTP_IF_NONE_MATCH" in environ
            or "HTTP_IF_MODIFIED_SINCE" in environ
            or "HTTP_IF_MATCH" in environ
            or "HTTP_IF_UNMODIFIED_SINCE" in environ
        ):
            return None
        cookies = environ.get("HTTP_COOKIE")
        if cookies and self.cookie_pattern.search(cookies):
            return None
        entry = self._memory.get(page_key(environ, self.scheme(environ)))
        if entry is None:
            return None
        if self.polls:
            self.clock.sync()
        if not entry.is_fresh(self.clock.slots):
            return None
        accept = environ.get("HTTP_ACCEPT_ENCODING", "")
        return entry.by_accept.get(accept) or entry.variant(accept)

    def key_for(self, environ):
        """The cache key of a GET/HEAD request, or ``None`` when the cache must not answer."""
        return request_key(environ, self.cookie_pattern, self.skipped_prefixes, self.scheme)

    def render_lock(self, key):
        """The lock held while ``key`` is looked up and, if missing, rendered.

        A breaking story missing from the cache is rendered once per process,
        not once per waiting reader: the others wait for that render and share it.
        """
        return self._render_locks[hash(key) % RENDER_LOCKS]

    def find(self, key):
        """The fresh entry for ``key`` from memory or the shared store, else ``None``.

        An entry from the store is put together here, rendering any of its
        fragments that went stale: call it with Django's connection handling.
        """
        return self.fresh_entry(key) or self._from_store(key)

    def fresh_entry(self, key):
        """The ready answer for ``key`` if memory holds it still good, else ``None``."""
        entry = self._memory.get(key)
        if entry is not None:
            self.clock.sync()
            if entry.is_fresh(self.clock.slots):
                return entry
        return None

    def _from_store(self, key):
        page = self.store.get(STORE_PREFIX + key)
        if page is None:
            return None
        self.clock.sync()
        self._take_fragments(page)
        entry = Entry.assemble(page, self.fragments)
        if not entry.is_fresh(self.clock.slots):
            return None
        self._remember(key, entry)
        return entry

    def _take_fragments(self, page):
        """Take from the shared store the fragments of ``page`` this process holds stale.

        The process that kept the page (publishing primes it, ``priming.py``) stored
        the fragments it rendered with it: after a publish, every worker then puts
        the page together without rendering its boxes again.
        """
        holes = [part for part in page.parts if not isinstance(part, bytes)]
        holes = [hole for hole in holes if not self.fragments.has_current(hole)]
        if not holes:
            return
        found = self.store.get_many([fragment_key(hole) for hole in holes])
        for hole in holes:
            fragment = found.get(fragment_key(hole))
            if fragment is not None and self.fragments.is_current(fragment):
                self.fragments.keep(hole, fragment.html, fragment.sequence)

    def keep(self, key, status, headers, body, tags, sequence):
        """Keep a page rendered at clock reading ``sequence``; returns its ready ``Entry``.

        Its fragments are stored beside it, for other processes to take.
        """
        parts, rendered = fragments.cut(body)
        stored = {}
        for hole, html in rendered.items():
            stored[fragment_key(hole)] = self.fragments.keep(hole, html, sequence)
        now = time.time()
        last_modified = parse_http_date_safe(dict(headers).get("Last-Modified", "")) or now
        page = StoredPage(
            status=status,
            headers=tuple(headers),
            parts=parts,
            slots=tuple(sorted({slot_of(tag) for tag in tags})),
            sequence=sequence,
            last_modified=min(last_modified, now),
            expires=min(now + self.seconds, next_midnight(now)),
        )
        self.store.set_many({STORE_PREFIX + key: page, **stored}, timeout=self.seconds)
        entry = Entry.assemble(page, self.fragments)
        self._remember(key, entry)
        return entry

    def _remember(self, key, entry):
        # Server threads remember at once; lookups need no lock (one dict read).
        with self._memory_lock:
            old = self._memory.pop(key, None)
            if old is not None:
                self._memory_used -= old.size
            # Oldest first out: a hot page evicted comes straight back from the shared store.
            while self._memory and self._memory_used + entry.size > self.memory_bytes:
                self._memory_used -= self._memory.pop(next(iter(self._memory))).size
            self._memory[key] = entry
            self._memory_used += entry.size

    def forget_all(self):
        """Drop this process's ready answers and fragments (the shared store is left)."""
        with self._memory_lock:
            self._memory.clear()
            self._memory_used = 0
        self.fragments.clear()


def fragment_key(hole):
    """The shared store's key of fragment ``hole``, a ``(name, variant)`` pair."""
    name, variant = hole
    return f"{FRAGMENT_PREFIX}{name}:{variant}"


def next_midnight(moment):
    """The next midnight in the site's time zone, as a timestamp.

    Kept pages expire then at the latest, because the masthead prints today's date.
    """
    local = timezone.localtime(datetime.fromtimestamp(moment, tz=UTC))
    tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return tomorrow.timestamp()


def make_clock():
    """The clock for this deployment: Redis's when the store is Redis, else the local file."""
    redis_url = getattr(settings, "NEWSDESK_REDIS_URL", "")
    if redis_url:
        return RedisClock(redis_url, poll_interval=settings.NEWSDESK_PAGE_CACHE_POLL_SECONDS)
    return LocalClock(settings.NEWSDESK_PAGE_CACHE_CLOCK)


@lru_cache(maxsize=1)
def page_cache():
    """This process's ``PageCache``, made on first use from the settings."""
    return PageCache(
        clock=make_clock(),
        store=caches["pages"],
        seconds=settings.NEWSDESK_PAGE_CACHE_SECONDS,
        memory_bytes=settings.NEWSDESK_PAGE_CACHE_MEMORY_MB * 1024 * 1024,
    )
