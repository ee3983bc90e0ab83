"""A kept page (``StoredPage``, shared between processes) and its ready answer (``Entry``).

A ``StoredPage`` is what one render produced: status, headers, and the body cut
at its fragments. An ``Entry`` is that page put together with the current
fragments in one process, with its ETag and Last-Modified and, made on first
demand, its gzip and Brotli bodies, so that answering a reader is a lookup.
Conditional requests are judged by Django's own ``get_conditional_response``.
"""

import hashlib
import time
from dataclasses import dataclass, field
from http import HTTPStatus

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from .clock import SEQUENCE, still_good
from .compression import compress, is_compressible, preferred_encoding

# Set per answer by the entry (or the server), never copied from the render.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "date", "set-cookie"}
# Says where an answer came from, for operators and tests.
HIT = ("X-Cache", "hit")
# Browsers send a handful of distinct Accept-Encoding headers; odd ones are not remembered.
ACCEPT_HEADERS_KEPT = 16
# Request headers that make an answer conditional (RFC 9110 13.1).
CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def status_line(status):
    """``"200 OK"`` for 200: the status as WSGI's ``start_response`` takes it."""
    status = HTTPStatus(status)
    return f"{status.value} {status.phrase}"


@dataclass(frozen=True)
class StoredPage:
    """A rendered page as kept in the shared store."""

    status: int
    headers: tuple
    parts: tuple
    slots: tuple
    sequence: int
    last_modified: float
    expires: float


@dataclass
class Variant:
    """The body in one encoding, with the status line and headers that go with it.

    ``headers`` end with ``HIT``; a server may change the list it is given, so
    each answer sends a copy.
    """

    status: str
    headers: list
    body: bytes
    etag: str


@dataclass
class Entry:
    """A page ready to send to any anonymous reader, as long as it is fresh."""

    page: StoredPage
    fragments: tuple
    body: bytes
    compressible: bool
    last_modified: float
    digest: str
    variants: dict = field(default_factory=dict)
    # Variants by the very ``Accept-Encoding`` header asked with, for the hot path.
    by_accept: dict = field(default_factory=dict)
    # The clock's sequence when the entry was last found fresh: while nothing at all
    # has been invalidated since, its slots need no second look.
    fresh_at: int = -1

    @classmethod
    def assemble(cls, page, fragment_cache):
        """Put ``page`` together with the current text of each of its fragments."""
        pieces, fragments = [], []
        for part in page.parts:
            if isinstance(part, bytes):
                pieces.append(part)
            else:
                fragment = fragment_cache.get(part)
                fragments.append(fragment)
                pieces.append(fragment.html)
        body = b"".join(pieces)
        content_type = dict(page.headers).get("Content-Type", "")
        newest = max([page.last_modified, *(f.built_at for f in fragments)])
        return cls(
            page=page,
            fragments=tuple(fragments),
            body=body,
            compressible=is_compressible(content_type, body),
            last_modified=newest,
            digest=hashlib.blake2b(body, digest_size=12).hexdigest(),
        )

    @property
    def size(self):
        """Bytes held, counting room for the compressed bodies made later."""
        return 2 * len(self.body)

    def is_fresh(self, table):
        """Unexpired, and nothing it shows (page or fragment) invalidated since it was made."""
        sequence = table[SEQUENCE]  # read first: an invalidation landing meanwhile moves it
        if time.time() >= self.page.expires:
            return False
        if sequence == self.fresh_at:
            return True
        page = self.page
        if not still_good(page.slots, table, page.sequence):
            return False
        if not all(still_good(f.slots, table, f.sequence) for f in self.fragments):
            return False
        self.fresh_at = sequence
        return True

    def variant(self, accept_encoding):
        """The body and headers for a reader whose browser sent ``accept_encoding``."""
        encoding = preferred_encoding(accept_encoding) if self.compressible else ""
        found = self.variants.get(encoding)
        if found is None:
            found = self.variants[encoding] = self._make_variant(encoding)
        if len(self.by_accept) < ACCEPT_HEADERS_KEPT:
            self.by_accept[accept_encoding] = found
        return found

    def _make_variant(self, encoding):
        body = compress(self.body, encoding) if encoding else self.body
        etag = f'"{self.digest}{"-" + encoding if encoding else ""}"'
        headers = [(k, v) for k, v in self.page.headers if k.lower() not in OWN_HEADERS]
        headers += [
            ("ETag", etag),
            ("Last-Modified", http_date(self.last_modified)),
            ("Content-Length", str(len(body))),
        ]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        headers.append(HIT)
        return Variant(status=status_line(self.page.status), headers=headers, body=body, etag=etag)

    def answer(self, environ):
        """``(status line, headers, body)`` for any GET or HEAD with these WSGI headers.

        A conditional request is judged by Django (``get_conditional_response``):
        a matching ``If-None-Match``, or a recent enough ``If-Modified-Since``,
        gets a bodiless 304. A HEAD gets the headers alone.
        """
        variant = self.variant(environ.get("HTTP_ACCEPT_ENCODING", ""))
        if any(name in environ for name in CONDITIONS):
            full = HttpResponse(status=self.page.status, headers=variant.headers)
            judged = get_conditional_response(
                WSGIRequest(environ),
                etag=variant.etag,
                last_modified=int(self.last_modified),
                response=full,
            )
            if judged is not full:
                return status_line(judged.status_code), [*judged.items(), HIT], b""
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else variant.body
        return variant.status, variant.headers.copy(), body
