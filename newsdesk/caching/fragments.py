"""Pieces of a page kept apart from it, so that changing one does not empty the page.

A fragment is rendered by a function its app registers, for a name and a
*variant* (a plain word or number). In a page it is wrapped in markers; when the
page is kept, only the text around the markers is kept, and the fragment is put
back from its own cache each time the page is put together (see
``docs/caching.md``). Its tags say when it goes stale, like a page's.
"""

import re
import threading
import time
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from . import SITE
from .clock import slot_of

MARKER = re.compile(rb"<!--stitch:([\w.-]+):([\w-]*)-->(.*?)<!--/stitch-->", re.DOTALL)
_registered = {}


@dataclass(frozen=True)
class Kind:
    """A registered fragment: how to render one variant, and what makes it stale."""

    render: object
    slots: tuple


@dataclass(frozen=True)
class Fragment:
    """One rendered variant of a fragment and the clock reading it was rendered at."""

    html: bytes
    slots: tuple
    sequence: int
    built_at: float


def register(name, render, tags):
    """Make fragment ``name`` available: ``render(variant)`` returns its HTML as a string.

    Like every kept page, a fragment also goes stale when ``SITE`` is invalidated.
    """
    slots = tuple(sorted({slot_of(tag) for tag in (SITE, *tags)}))
    _registered[name] = Kind(render=render, slots=slots)


def wrapped(name, variant):
    """The fragment rendered now, between the markers a kept page is cut at."""
    html = _registered[name].render(variant)
    return mark_safe(f"<!--stitch:{name}:{variant}-->{html}<!--/stitch-->")  # noqa: S308


def without_markers(body):
    """``body`` as a reader should get it: each fragment in place, its markers gone."""
    return MARKER.sub(rb"\3", body)


def cut(body):
    """Split a page at its fragments: a tuple of bytes and ``(name, variant)`` holes,
    and the fragments' own text as rendered with the page."""
    parts, rendered, position = [], {}, 0
    for match in MARKER.finditer(body):
        parts.append(body[position : match.start()])
        hole = (match.group(1).decode(), match.group(2).decode())
        parts.append(hole)
        rendered[hole] = match.group(3)
        position = match.end()
    parts.append(body[position:])
    return tuple(parts), rendered


class FragmentCache:
    """This process's rendered fragments, each re-rendered once its tags are invalidated."""

    def __init__(self, clock, max_entries=20_000):
        self.clock = clock
        self.max_entries = max_entries
        self._fragments = {}
        self._lock = threading.Lock()

    def get(self, hole):
        """The current text of fragment ``hole`` (a ``(name, variant)`` pair)."""
        fragment = self._fragments.get(hole)
        if fragment is None or not self.is_current(fragment):
            sequence = self.clock.now()
            html = _registered[hole[0]].render(hole[1]).encode()
            fragment = self.keep(hole, html, sequence)
        return fragment

    def has_current(self, hole):
        """Does this process hold fragment ``hole`` with nothing it shows changed since?"""
        fragment = self._fragments.get(hole)
        return fragment is not None and self.is_current(fragment)

    def keep(self, hole, html, sequence):
        """Remember ``html`` as fragment ``hole`` rendered at clock reading ``sequence``."""
        kind = _registered.get(hole[0])
        if kind is None:
            raise LookupError(f"No fragment is registered as {hole[0]!r}.")
        with self._lock:
            current = self._fragments.get(hole)
            if current is not None and current.sequence >= sequence and self.is_current(current):
                return current
            if len(self._fragments) >= self.max_entries:
                self._fragments.pop(next(iter(self._fragments)))
            fragment = Fragment(html, kind.slots, sequence, time.time())
            self._fragments[hole] = fragment
            return fragment

    def is_current(self, fragment):
        """Has nothing the fragment shows changed since it was rendered?"""
        table = self.clock.slots
        return all(table[slot] <= fragment.sequence for slot in fragment.slots)

    def clear(self):
        with self._lock:
            self._fragments.clear()
