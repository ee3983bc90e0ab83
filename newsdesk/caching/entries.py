"""A kept page (``StoredPage``, shared between processes) and its ready answer (``Entry``).

A ``StoredPage`` is what one render produced: status, headers, and the body cut
at its fragments. An ``Entry`` is that page put together with the current
fragments in one process, with its ETag and Last-Modified and, made on first
demand, its gzip and Brotli bodies, so that answering a reader is a lookup.
"""

import hashlib
import time
from dataclasses import dataclass, field
from http import HTTPStatus

from django.utils.http import http_date, parse_http_date_safe

from .clock import still_good
from .compression import compress, is_compressible, preferred_encoding

# Set per answer by the entry (or the server), never copied from the render.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "date", "set-cookie"}
# What a 304 repeats from the full answer (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "expires", "vary"}


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
    """The body in one encoding, with the headers that go with it."""

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
        page = self.page
        if time.time() >= page.expires or not still_good(page.slots, table, page.sequence):
            return False
        return all(still_good(f.slots, table, f.sequence) for f in self.fragments)

    def variant(self, accept_encoding):
        """The body and headers for a reader whose browser sent ``accept_encoding``."""
        encoding = preferred_encoding(accept_encoding) if self.compressible else ""
        found = self.variants.get(encoding)
        if found is None:
            found = self.variants[encoding] = self._make_variant(encoding)
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
        return Variant(headers=headers, body=body, etag=etag)

    def answer(self, meta):
        """``(status, headers, body)`` for a request with these WSGI/``META`` headers.

        A matching ``If-None-Match`` (or, without one, a recent enough
        ``If-Modified-Since``) gets a bodiless 304; a HEAD gets the headers alone.
        """
        variant = self.variant(meta.get("HTTP_ACCEPT_ENCODING", ""))
        if self._not_modified(meta, variant):
            headers = [(k, v) for k, v in variant.headers if k.lower() in NOT_MODIFIED_HEADERS]
            headers += [("ETag", variant.etag), ("Last-Modified", http_date(self.last_modified))]
            return HTTPStatus.NOT_MODIFIED, headers, b""
        body = b"" if meta.get("REQUEST_METHOD") == "HEAD" else variant.body
        return self.page.status, variant.headers, body

    def _not_modified(self, meta, variant):
        if_none_match = meta.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            # Weak comparison, right for GET: W/"x" matches "x".
            return variant.etag in if_none_match or if_none_match.strip() == "*"
        since = meta.get("HTTP_IF_MODIFIED_SINCE")
        if since:
            moment = parse_http_date_safe(since)
            return moment is not None and int(self.last_modified) <= moment
        return False
