"""The first pass over an export: everything the second needs to know in advance.

Posts link to each other and to pictures that may come later in the file, and
categories name parents declared anywhere. Reading the whole file once first,
keeping only names, ids and addresses, lets the second pass write each post
completely as it streams past, and means a file that fails to parse fails
before anything is written.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import urlsplit

from . import parse

POST_TYPES = {"post", "page"}
# WordPress's trash, autosaves and revisions are not content anyone published.
DROPPED_STATUSES = {"trash", "auto-draft", "inherit"}
UPLOADS = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class PostSummary:
    wp_id: int
    type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    digest: str
    sticky: bool
    derived_id: bool = False
    old_slugs: list = field(default_factory=list)


@dataclass
class AttachmentSummary:
    wp_id: int
    url: str
    relative_path: str
    title: str
    alt: str
    caption: str


@dataclass
class Survey:
    site: parse.Site = None
    authors: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)
    not_content: dict = field(default_factory=dict)
    undeclared_authors: set = field(default_factory=set)
    items: int = 0
    warnings: list = field(default_factory=list)

    @property
    def source(self):
        """The exporting blog, as the key of everything imported from it.

        The blog's own address, never a network's: every blog of a multisite
        network or of WordPress.com shares the network's, and their ids overlap.
        """
        return (self.site.base_url or self.site.link or self.site.title)[:200]

    def report_to(self, report):
        """Pass what the survey noticed about single items on to ``report``."""
        for where, message in self.warnings:
            report.warn(where, message)


def survey(path, progress=None):
    """Read the export at ``path`` once and return its ``Survey``; writes nothing.

    ``progress`` is called once per item. Raises ``parse.ExportError``.
    """
    found = Survey()
    for record in parse.read(path, outline=True):
        if isinstance(record, parse.Site):
            found.site = record
        elif isinstance(record, parse.Author):
            found.authors.setdefault(record.login, record)
        elif isinstance(record, parse.Term):
            if record.taxonomy not in {"category", "post_tag"}:
                kind = f"{record.taxonomy or 'unnamed'} term"
                found.not_content[kind] = found.not_content.get(kind, 0) + 1
            _add_term(found, record)
        else:
            _add_item(found, record)
            if progress:
                progress()
    return found


def _add_term(found, term):
    terms = {"category": found.categories, "post_tag": found.tags}.get(term.taxonomy)
    if terms is not None and term.slug:
        known = terms.get(term.slug)
        # An item names only slug and name; a declaration adds parent and description.
        if known is None or (term.term_id and not known.term_id):
            terms[term.slug] = term


def _add_item(found, item):
    found.items += 1
    if item.type == "attachment":
        found.attachments[item.wp_id] = AttachmentSummary(
            wp_id=item.wp_id,
            url=item.attachment_url,
            relative_path=relative_upload_path(
                item.meta.get("_wp_attached_file") or item.attachment_url
            ),
            title=item.title,
            alt=item.meta.get("_wp_attachment_image_alt", ""),
            caption=item.excerpt,
        )
        return
    if item.type not in POST_TYPES or item.status in DROPPED_STATUSES:
        kind = item.type if item.type not in POST_TYPES else f"{item.type} ({item.status})"
        found.not_content[kind] = found.not_content.get(kind, 0) + 1
        return
    found.posts[item.wp_id] = PostSummary(
        wp_id=item.wp_id,
        type=item.type,
        status=item.status,
        title=item.title,
        slug=item.slug,
        link=item.link,
        guid=item.guid,
        digest=item.digest,
        sticky=item.sticky,
        derived_id=item.derived_id,
        old_slugs=item.old_slugs,
    )
    if item.dated_by:
        found.warnings.append(
            (
                f"{item.type} {item.wp_id}",
                f"no <wp:post_date>: dated {item.date.astimezone(UTC):%Y-%m-%d %H:%M} UTC,"
                f" from {item.dated_by}",
            )
        )
    for term in item.terms:
        _add_term(found, term)
    if item.creator and item.creator not in found.authors:
        found.undeclared_authors.add(item.creator)


def relative_upload_path(url_or_path):
    """The path below ``wp-content/uploads``: how a picture is found under ``--media-dir``."""
    path = urlsplit(url_or_path or "").path
    if UPLOADS in path:
        path = path.split(UPLOADS, 1)[1]
    return path.lstrip("/")


def unsized(relative_path):
    """The original of a resized copy: ``photo-300x200.jpg`` is ``photo.jpg``."""
    return SIZE_SUFFIX.sub("", relative_path)
