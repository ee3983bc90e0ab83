"""Reading a WordPress eXtended RSS (WXR) export, one record at a time.

Pure: a file in, dataclasses out, nothing written. The file is streamed with
defusedxml's ``iterparse`` and every record's elements are dropped once it has
been read, so memory stays flat however large the export. WXR 1.0 to 1.2 differ
in the ``wp:`` namespace URI (http or https, and the version in it); elements are
matched by what their namespace *is*, never by its exact URI.
"""

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from html import unescape
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.utils import timezone

NO_DATE = "0000-00-00 00:00:00"
WXR_VERSIONS = ("1.0", "1.1", "1.2")
# Statuses whose item is on show, and so needs a date even when the export gives none.
SHOWN_STATUSES = {"publish", "private"}
# Python reads WordPress's "no date" year, -0001, as 2001: only a plain year is a date.
FOUR_DIGIT_YEAR = re.compile(r"\s\d{4}\s")
SITE_FIELDS = {"title", "link", "pubDate", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}
RECORDS = {"wp:author", "wp:category", "wp:tag", "wp:term", "item"}
KEPT_META = {"_thumbnail_id", "_wp_attached_file", "_wp_attachment_image_alt", "footnotes"}


class ExportError(Exception):
    """The file cannot be imported; the message names the line or the item, in one line."""


@dataclass
class Site:
    """The exporting blog.

    ``base_url`` is the blog's own address (``<wp:base_blog_url>``), which its
    items' links use; on WordPress.com and multisite ``network_url``
    (``<wp:base_site_url>``) is the network's, shared by every blog on it.
    ``exported`` is when the file was written: its ``<pubDate>``, else (from
    the first record on) the file's modification time, as ``exported_by`` says.
    """

    title: str = ""
    link: str = ""
    base_url: str = ""
    network_url: str = ""
    wxr_version: str = ""
    exported: datetime | None = None
    exported_by: str = "the export's <pubDate>"


@dataclass
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category or a tag, declared in the channel or met on an item."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str = ""
    parent: str = ""
    description: str = ""
    term_id: int | None = None


@dataclass
class Comment:
    wp_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent_id: int = 0


@dataclass
class Item:
    """A post, page, attachment or anything else WordPress keeps as a post row."""

    wp_id: int
    type: str = "post"
    status: str = "publish"
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    date: datetime | None = None
    modified: datetime | None = None
    parent_id: int = 0
    password: str = ""
    comments_open: bool = True
    sticky: bool = False
    attachment_url: str = ""
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    # Slugs the item had before an editor changed it: WordPress still answered them.
    old_slugs: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    digest: str = ""
    # Where the date came from when the export gave none ("" when it did).
    dated_by: str = ""
    # True when the export gave no <wp:post_id> and ``wp_id`` was derived (negative).
    derived_id: bool = False


@cache
def _name(tag):
    """``{namespace}local`` as ``prefix:local``, whatever version of the namespace it is."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "wordpress.org/export/" in uri:
        return f"excerpt:{local}" if uri.rstrip("/").endswith("excerpt") else f"wp:{local}"
    if "purl.org/rss/1.0/modules/content" in uri:
        return f"content:{local}"
    if "purl.org/dc/elements" in uri:
        return f"dc:{local}"
    return f"other:{local}"


def _children(element):
    """The element's children as ``{prefixed name: text}``, first one of each name."""
    values = {}
    for child in element:
        values.setdefault(_name(child.tag), (child.text or "").strip())
    return values


def read(path, outline=False):
    """Yield the export's ``Site``, then each ``Author``, ``Term`` and ``Item`` in file order.

    ``outline=True`` reads items without their content and comments: faster, for
    a first look at the whole file. The ``Site`` is yielded as its channel opens
    and filled in as the channel's own elements are read; WordPress writes them
    before the first record.

    Raises ``ExportError`` naming the line for a file that is not well-formed XML
    or not a WXR export, and naming the item for a record it cannot read.
    """
    try:
        yield from _records(path, outline)
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        if reason == "no element found":
            reason = "the file ends early (is it truncated?)"
        raise ExportError(
            f"{path}: not a readable XML file at line {line}, column {column}: {reason}"
        ) from error
    except DefusedXmlException as error:
        raise ExportError(
            f"{path}: refused, the XML declares entities or a DTD ({error})"
        ) from error
    except (LookupError, UnicodeError) as error:
        raise ExportError(f"{path}: unknown or wrong text encoding ({error})") from error


def _records(path, outline):
    site, depth, root_seen = Site(), 0, False
    modified = datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    channel = None
    for event, element in iterparse(str(path), events=("start", "end")):
        name = _name(element.tag)
        if event == "start":
            if not root_seen:
                root_seen = True
                if name != "rss":
                    raise ExportError(
                        f"{path}: not a WordPress export (WXR): it starts with <{name}>, not <rss>"
                    )
            depth += 1
            if name == "channel":
                channel = element
                yield site
            continue
        depth -= 1
        if depth == 2 and name in SITE_FIELDS:
            _set_site(site, name, (element.text or "").strip(), path)
        elif depth == 2 and name in RECORDS:
            if not site.wxr_version:
                raise ExportError(
                    f"{path}: not a WordPress export (WXR): no <wp:wxr_version> before its records"
                )
            if site.exported is None:
                site.exported, site.exported_by = modified, "the file's modification time"
            yield _record(name, element, outline, site)
            if channel is not None:
                # Drop what was read: the channel would otherwise keep every item.
                channel.clear()
    if channel is None or not site.wxr_version:
        raise ExportError(f"{path}: not a WordPress export (WXR): no <wp:wxr_version>")


def _set_site(site, name, text, path):
    if name == "wp:base_site_url":
        site.network_url = text
        site.base_url = site.base_url or text
    elif name == "wp:base_blog_url":
        site.base_url = text or site.base_url
    elif name == "wp:wxr_version":
        if text not in WXR_VERSIONS:
            found = f"WXR version {text!r}" if text else "an empty <wp:wxr_version>"
            raise ExportError(
                f"{path}: refused, {found} is not a WordPress export version"
                f" Newsdesk reads ({', '.join(WXR_VERSIONS)})"
            )
        site.wxr_version = text
    elif name == "pubDate":
        site.exported = _rss_date(text)
    else:
        setattr(site, name, text)


def _rss_date(text):
    """An RSS ``<pubDate>`` ("Thu, 02 May 2024 08:30:00 +0000"), or None if it is not one.

    WordPress writes "Mon, 30 Nov -0001 00:00:00 +0000" for an item with no date yet.
    """
    if not FOUR_DIGIT_YEAR.search(text or ""):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _record(name, element, outline, site):
    values = _children(element)
    if name == "wp:author":
        return Author(
            login=values.get("wp:author_login", ""),
            display_name=unescape(values.get("wp:author_display_name", "")),
            email=values.get("wp:author_email", ""),
            first_name=values.get("wp:author_first_name", ""),
            last_name=values.get("wp:author_last_name", ""),
        )
    if name == "wp:category":
        return Term(
            "category",
            slug=_slug(values.get("wp:category_nicename", "")),
            name=unescape(values.get("wp:cat_name", "")),
            parent=_slug(values.get("wp:category_parent", "")),
            description=unescape(values.get("wp:category_description", "")),
            term_id=_int(values.get("wp:term_id"), 0) or None,
        )
    if name == "wp:tag":
        return Term(
            "post_tag",
            slug=_slug(values.get("wp:tag_slug", "")),
            name=unescape(values.get("wp:tag_name", "")),
            description=values.get("wp:tag_description", ""),
            term_id=_int(values.get("wp:term_id"), 0) or None,
        )
    if name == "wp:term":
        return Term(
            values.get("wp:term_taxonomy", ""),
            slug=_slug(values.get("wp:term_slug", "")),
            name=unescape(values.get("wp:term_name", "")),
            parent=_slug(values.get("wp:term_parent", "")),
            description=values.get("wp:term_description", ""),
            term_id=_int(values.get("wp:term_id"), 0) or None,
        )
    return _item(element, values, outline, site)


def _item(element, values, outline, site):
    wp_id = _int(values.get("wp:post_id"), None)
    item = Item(
        wp_id=wp_id if wp_id is not None else stable_id(values),
        derived_id=wp_id is None,
        type=values.get("wp:post_type", "post") or "post",
        status=values.get("wp:status", "publish") or "publish",
        title=unescape(values.get("title", "")),
        link=values.get("link", ""),
        guid=values.get("guid", ""),
        slug=_slug(values.get("wp:post_name", "")),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        creator=values.get("dc:creator", ""),
        parent_id=_int(values.get("wp:post_parent"), 0),
        password=values.get("wp:post_password", ""),
        comments_open=values.get("wp:comment_status", "open") != "closed",
        sticky=values.get("wp:is_sticky", "0") == "1",
        attachment_url=values.get("wp:attachment_url", ""),
    )
    where = f"item {item.wp_id}"
    item.date = _date(
        values.get("wp:post_date_gmt"), values.get("wp:post_date"), where, "post_date"
    )
    if item.date is None and item.status in SHOWN_STATUSES:
        own = _rss_date(values.get("pubDate", ""))
        item.date = own or site.exported
        item.dated_by = "its own <pubDate>" if own else site.exported_by
    item.modified = _date(
        values.get("wp:post_modified_gmt"), values.get("wp:post_modified"), where, "post_modified"
    )
    for child in element:
        _item_child(item, _name(child.tag), child, where, outline)
    if outline:
        item.content = ""
    else:
        # Everything the item says, to notice an item that changed since the last run.
        text = "\x00".join([*element.itertext(), *(c.get("nicename", "") for c in element)])
        item.digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
    return item


def _item_child(item, name, child, where, outline):
    if name == "category" and child.get("domain"):
        item.terms.append(
            Term(
                child.get("domain"),
                slug=_slug(child.get("nicename", "")),
                name=unescape((child.text or "").strip()),
            )
        )
    elif name == "wp:postmeta":
        meta = _children(child)
        key = meta.get("wp:meta_key", "")
        if key == "_wp_old_slug" and meta.get("wp:meta_value"):
            item.old_slugs.append(_slug(meta["wp:meta_value"]))
        elif key in KEPT_META:
            item.meta[key] = meta.get("wp:meta_value", "")
    elif name == "wp:comment":
        # Read in an outline too: a comment that cannot be imported must stop the
        # first pass, before anything is written.
        comment = _comment(_children(child), where, item.wp_id)
        if not outline:
            item.comments.append(comment)


def stable_id(values):
    """A stable id for an item the export gives no ``<wp:post_id>``: from its GUID, else
    from its link and title. A comment without ``<wp:comment_id>`` gets one the same
    way, from its post, author, date and text.

    Negative, so it can never be a WordPress id, and the same on every run, so a
    second import of the same file finds what the first one wrote.
    """
    if values.get("guid"):
        return _hashed_id(values["guid"])
    if values.get("link") or values.get("title"):
        return _hashed_id(values.get("link", ""), values.get("title", ""))
    return _hashed_id(values.get("content:encoded", ""))


def _hashed_id(*parts):
    digest = hashlib.sha1("\x00".join(parts).encode(), usedforsecurity=False).hexdigest()
    return -(int(digest[:12], 16) or 1)


def _comment(values, where, item_id):
    wp_id = _int(values.get("wp:comment_id"), None)
    if wp_id is None:
        wp_id = _hashed_id(
            str(item_id),
            values.get("wp:comment_author", ""),
            values.get("wp:comment_date_gmt") or values.get("wp:comment_date", ""),
            values.get("wp:comment_content", ""),
        )
    return Comment(
        wp_id=wp_id,
        author=values.get("wp:comment_author", ""),
        email=values.get("wp:comment_author_email", ""),
        url=values.get("wp:comment_author_url", ""),
        ip=values.get("wp:comment_author_IP", ""),
        date=_date(
            values.get("wp:comment_date_gmt"),
            values.get("wp:comment_date"),
            f"{where}, comment {wp_id}",
            "comment_date",
        ),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "1"),
        type=values.get("wp:comment_type", ""),
        parent_id=_int(values.get("wp:comment_parent"), 0),
    )


def _date(gmt, local, where, label):
    """The moment from the GMT field, else the local one in the site's time zone.

    WordPress writes ``0000-00-00 00:00:00`` for "no date yet" (drafts); that is None.
    """
    for text, zone in ((gmt, UTC), (local, timezone.get_current_timezone())):
        if not text or text == NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as error:
            raise ExportError(
                f"{where}: {label} {text!r} is not a date (YYYY-MM-DD HH:MM:SS)"
            ) from error
        return timezone.make_aware(moment, zone)
    return None


def _slug(text):
    """WordPress stores non-Latin slugs percent-encoded; Newsdesk keeps them as Unicode."""
    return unquote(text).strip()


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default
