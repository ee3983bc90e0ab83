"""gzip and Brotli for text answers, chosen from the reader's ``Accept-Encoding``."""

import gzip
from functools import lru_cache

import brotli

COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/feed+json",
    "application/ld+json",
    "application/javascript",
    "image/svg+xml",
)
# Below this a compressed answer is hardly smaller, and costs time both ends.
MIN_BYTES = 860
GZIP_LEVEL = 6
BROTLI_QUALITY = 5  # most of the gain of 11 at a small fraction of its time


@lru_cache(maxsize=512)
def preferred_encoding(accept_encoding):
    """``"br"``, ``"gzip"`` or ``""`` for an ``Accept-Encoding`` header, honouring ``q=0``.

    Browsers send a handful of distinct headers, so the answer is remembered.
    """
    offered = {}
    for part in accept_encoding.lower().split(","):
        name, _semicolon, parameters = part.strip().partition(";")
        quality = 1.0
        parameters = parameters.strip()
        if parameters.startswith("q="):
            try:
                quality = float(parameters[2:])
            except ValueError:
                quality = 0.0
        offered[name.strip()] = quality
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0.0)) > 0:
            return encoding
    return ""


def is_compressible(content_type, body):
    """Is a body of this type and size worth compressing?"""
    return len(body) >= MIN_BYTES and content_type.startswith(COMPRESSIBLE_TYPES)


def compress(body, encoding):
    """``body`` in ``encoding`` (``"br"`` or ``"gzip"``)."""
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    # mtime=0: the same page compresses to the same bytes in every process.
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
