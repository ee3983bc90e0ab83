"""What machines read of a live story: its LiveBlogPosting JSON-LD and the feeds of its updates.

A live story's page says it is a ``LiveBlogPosting`` (Google's "Live" badge reads
it) rather than a plain NewsArticle, with every NewsArticle property kept, and
lists the updates its first page shows as ``liveBlogUpdate`` entries, each with
an address that lands on that page. Its RSS and Atom feeds carry the updates
newest first. Withdrawn updates are left out of both: they say nothing any more.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from html import unescape

from django.db.models import Max
from django.utils.html import strip_tags
from django.utils.http import http_date, parse_http_date_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page

from newsdesk.caching import cache_for_everyone
from newsdesk.core import pictures
from newsdesk.live.cache_tags import live_tag
from newsdesk.live.models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate
from newsdesk.news.cache_tags import story_tag
from newsdesk.news.models import ArticlePage

from . import structured_data as schema
from .absolute import absolute_urls
from .entries import FEED_LENGTH, Byline
from .feedgenerators import NewsAtomFeed, NewsRssFeed
from .feeds import Subject, SubjectFeed
from .links import page_path, site_name, tag_uri
from .views import FEED_MAX_AGE

# The picture of an update a search engine is pointed to: one the page already shows.
UPDATE_IMAGE_SIZE = "width-1024"


def coverage_of(story):
    """The story's live coverage, or None if it never went live.

    Read through the page's own relation, so every part of a page that asks
    shares one query.
    """
    try:
        return story.live_coverage
    except LiveCoverage.DoesNotExist:
        return None


def update_text(update):
    """The words of an update as plain text, one paragraph per block.

    A picture is its caption, a quote its words and who said them, a link card
    its title, its line and its address.
    """
    parts = []
    for block in update.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(unescape(strip_tags(value.source)))
        elif block.block_type == "quote":
            said = f"“{value['quote']}”"
            parts.append(f"{said} ({value['attribution']})" if value["attribution"] else said)
        elif block.block_type == "image":
            parts.append(value["caption"])
        elif block.block_type == "link":
            parts += [value["title"], value["description"], value["url"]]
    return "\n\n".join(" ".join(part.split()) for part in parts if part and part.strip())


def live_blog_posting(data, story, request, *, url, site_name):
    """Turn the NewsArticle ``data`` of ``story`` into its LiveBlogPosting, if it has coverage.

    ``coverageEndTime`` appears once the coverage has ended; ``dateModified`` is
    the latest change to the story or to an update shown.
    """
    coverage = coverage_of(story)
    if coverage is None:
        return data
    shown = [
        update
        for update in LiveUpdate.objects.filter(story=story).for_readers()[:UPDATES_PER_PAGE]
        if not update.is_withdrawn
    ]
    publisher = schema.organization(request, site_name)
    data = {
        **data,
        "@type": "LiveBlogPosting",
        "coverageStartTime": schema.iso_datetime(coverage.started_at),
        "liveBlogUpdate": [blog_posting(update, request, url, publisher) for update in shown],
    }
    if coverage.ended_at:
        data["coverageEndTime"] = schema.iso_datetime(coverage.ended_at)
    changes = [update.edited_at or update.posted_at for update in shown]
    changes += [moment for moment in (coverage.started_at, coverage.ended_at) if moment]
    if "dateModified" in data:
        latest = schema.iso_datetime(max(changes))
        data["dateModified"] = max(data["dateModified"], latest, key=datetime.fromisoformat)
    return data


def blog_posting(update, request, story_url, publisher):
    """One update as the BlogPosting of a ``liveBlogUpdate``, at its place on the story's page."""
    posting = {
        "@type": "BlogPosting",
        "headline": Truncator(update.summary()).chars(schema.HEADLINE_LENGTH),
        "url": f"{story_url}#update-{update.pk}",
        "datePublished": schema.iso_datetime(update.posted_at),
        "articleBody": update_text(update),
        "author": _author(update, request, publisher),
    }
    if update.edited_at:
        posting["dateModified"] = schema.iso_datetime(update.edited_at)
    images = [
        request.build_absolute_uri(
            pictures.renditions(block.value["image"], "column")[UPDATE_IMAGE_SIZE].url
        )
        for block in update.body
        if block.block_type == "image" and block.value["image"] is not None
    ]
    if images:
        posting["image"] = images
    return posting


def _author(update, request, publisher):
    if update.author_id:
        return schema.person(update.author, request)
    if update.byline:
        # A typed byline is a reporter without a profile (the desk fills in the
        # poster's own name); the paper itself speaks when there is none.
        return {"@type": "Person", "name": update.byline}
    return publisher


@dataclass(frozen=True)
class UpdateEntry:
    """One live update as a feed shows it: its share address, its words as HTML."""

    title: str
    link: str
    guid: str
    html: str
    published: datetime
    updated: datetime
    authors: tuple[Byline, ...]


def update_entries(updates, request):
    """The newest ``FEED_LENGTH`` of ``updates`` as feed entries."""
    return [_update_entry(update, request) for update in updates[:FEED_LENGTH]]


def _update_entry(update, request):
    link = request.build_absolute_uri(update.share_url())
    html = "".join(str(block.render()) for block in update.body)
    author = update.author
    byline = update.byline_name
    authors = ()
    if byline:
        url = author and request.build_absolute_uri(author.get_absolute_url())
        authors = (Byline(byline, url),)
    return UpdateEntry(
        title=update.summary(),
        link=link,
        guid=tag_uri("live-update", update.pk, update.posted_at),
        html=absolute_urls(html, link),
        published=update.posted_at,
        updated=update.edited_at or update.posted_at,
        authors=authors,
    )


class LiveUpdatesFeed(SubjectFeed):
    """A live story's updates readers can read, newest first, in RSS 2.0.

    Any id but a published story's that went live is 404.
    """

    feed_type = NewsRssFeed

    def get_object(self, request, story_id):
        story = ArticlePage.objects.published().get(pk=story_id, live_coverage__isnull=False)
        return Subject(
            request,
            title=_("Live: %(headline)s · %(paper)s")
            % {"headline": story.title, "paper": site_name(request)},
            description=_("The latest updates on %(headline)s.") % {"headline": story.title},
            link=page_path(story, request),
            source=LiveUpdate.objects.filter(story=story).visible().newest_first(),
        )

    def items(self, subject):
        return update_entries(subject.source.select_related("author"), subject.request)

    def item_description(self, entry):
        return entry.html

    def item_extra_kwargs(self, entry):
        return {"authors": entry.authors, "content_html": None, "picture": None}


class LiveUpdatesAtomFeed(LiveUpdatesFeed):
    feed_type = NewsAtomFeed


def live_feed_view(feed):
    """Serve a live story's ``feed`` from the page cache until its coverage changes.

    Like the site's feeds it answers 304 when unchanged; its Last-Modified is the
    coverage's latest change, a withdrawal or an edit included, so a reader who
    asks "changed since?" after an update was withdrawn is told yes.
    """
    answer = conditional_page(
        _dated_by_coverage(cache_control(max_age=FEED_MAX_AGE, public=True)(feed))
    )

    def view(request, story_id):
        response = answer(request, story_id=story_id)
        return cache_for_everyone(response, live_tag(story_id), story_tag(story_id))

    return view


def _dated_by_coverage(view):
    @wraps(view)
    def dated(request, story_id):
        response = view(request, story_id=story_id)
        changed = last_change(story_id)
        stated = parse_http_date_safe(response.get("Last-Modified", ""))
        if changed and stated is not None and changed.timestamp() > stated:
            response["Last-Modified"] = http_date(changed.timestamp())
        return response

    return dated


def last_change(story_id):
    """The latest moment an update of the story was posted, edited or withdrawn."""
    moments = LiveUpdate.objects.filter(story_id=story_id).aggregate(
        posted=Max("posted_at"), edited=Max("edited_at"), withdrawn=Max("withdrawn_at")
    )
    known = [moment for moment in moments.values() if moment]
    return max(known) if known else None


def feed_title(story):
    """How a live story's feeds are named where a page offers them."""
    return _("Live updates: %(headline)s") % {"headline": story.title}
