"""Posts and pages written as Wagtail pages, many at a time.

``add_child`` with a revision and a publish costs tens of milliseconds a page and
re-indexes it on every save: hours for a large site. New pages are written in
bulk instead, placed in the tree by ``newsdesk.core.tree``, live without a
revision, and indexed for search once at the end. Scheduled pages alone get a
revision, because that is where Wagtail keeps the time they are to go live.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction

from newsdesk.core.tree import NewChildren

from .terms import unique_slug

TITLE_MAX = 255
LIVE_STATUSES = {"publish", "private"}
DRAFT_STATUSES = {"draft", "pending", "future"}


class Shelf:
    """Where new pages of one kind go: under ``parent``, at the next free positions."""

    def __init__(self, parent, model, site_root_path):
        self.parent, self.model = parent, model
        self.children = None
        self.taken = set(parent.get_children().values_list("slug", flat=True))
        self.url = "/" + parent.url_path[len(site_root_path) :]
        self.content_type = ContentType.objects.get_for_model(model)

    def begin(self):
        """Take the next free positions under the parent: call first in each batch's transaction.

        Between two batches an editor may have added a page there.
        """
        self.children = NewChildren(self.parent)

    def claim_slug(self, item):
        """A slug no sibling has: WordPress's own, else one made from the title."""
        title = slugify(strip_tags(item.title), allow_unicode=True)
        base = item.slug or title or f"{item.type}-{item.wp_id}"
        return unique_slug(slugify(base, allow_unicode=True) or base, self.taken, TITLE_MAX)

    def row(self, slug, item, report):
        """An unsaved ``Page`` row for ``item`` at the next position under the parent."""
        title = page_title(item, report)
        page = Page(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=self.content_type,
            **publication(item, report),
        )
        return self.children.place(page)

    def count_children(self):
        """Tell the parent how many children the bulk writes gave it."""
        self.children.count()


def page_title(item, report):
    """The headline: "(no title)" for an untitled post, cut to the length Wagtail keeps.

    A headline is plain text: markup in a title (``<em>``) is dropped, its words kept,
    and the original reported.
    """
    title = " ".join(strip_tags(item.title).split())
    if title != " ".join(item.title.split()):
        report.warn(f"{item.type} {item.wp_id}", f"markup left out of the title “{item.title}”")
    if not title:
        report.warn(f"{item.type} {item.wp_id}", "has no title; imported as “(no title)”")
        return "(no title)"
    if len(title) > TITLE_MAX:
        report.warn(f"{item.type} {item.wp_id}", f"title cut to {TITLE_MAX} characters")
        return title[: TITLE_MAX - 1] + "…"
    return title


def publication(item, report):
    """Page fields for the post's status, its dates kept.

    publish and private go live (private behind a login, see ``restriction``),
    future waits for its date, draft and pending stay drafts.
    """
    modified = max(item.modified or item.date, item.date) if item.date else item.modified
    if item.status in LIVE_STATUSES:
        return {
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": item.date,
            "last_published_at": modified,
            "latest_revision_created_at": modified,
        }
    if item.status not in DRAFT_STATUSES:
        report.warn(f"{item.type} {item.wp_id}", f"unknown status {item.status!r}; kept as a draft")
    return {
        "live": False,
        "has_unpublished_changes": True,
        "go_live_at": item.date if item.status == "future" else None,
        "latest_revision_created_at": modified,
    }


def update_time(item):
    """When readers were told a live post last changed: its modified time, if after its date."""
    live = item.status in LIVE_STATUSES and item.date and item.modified
    return item.modified if live and item.modified > item.date else None


def restriction(item, report):
    """The view restriction a private or password-protected post needs, or None."""
    if item.password:
        report.warn(f"{item.type} {item.wp_id}", "password-protected: imported as not public")
        return {"restriction_type": PageViewRestriction.PASSWORD, "password": item.password}
    if item.status == "private":
        return {"restriction_type": PageViewRestriction.LOGIN, "password": ""}
    return None


def write_specific(model, page_id, fields):
    """The model's own row for a page whose tree row is already written."""
    if "body" in fields:
        fields = {**fields, "body": json.dumps(fields["body"])}
    specific = model(page_ptr_id=page_id, **fields)
    specific.save_base(raw=True, force_insert=True)


def schedule(model, page_id, go_live_at):
    """A revision approved to go live at ``go_live_at``: what Wagtail's scheduler publishes."""
    page = model.objects.get(pk=page_id)
    page.save_revision(approved_go_live_at=go_live_at, clean=False)


def update(model, page_id, item, fields, report):
    """Bring an imported page up to date with a newer export; its slug is kept."""
    page = model.objects.get(pk=page_id)
    page.title = page.draft_title = page_title(item, report)
    for key, value in {**publication(item, report), **fields}.items():
        setattr(page, key, json.dumps(value) if key == "body" else value)
    PageViewRestriction.objects.filter(page=page).delete()
    page.save(clean=False)
    return page


def restrict(page_ids_and_rules):
    """Write the view restrictions for ``[(page id, rule)]`` in one query."""
    PageViewRestriction.objects.bulk_create(
        PageViewRestriction(page_id=page_id, **rule) for page_id, rule in page_ids_and_rules
    )
