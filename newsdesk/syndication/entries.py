"""What each feed entry says, worked out once per request so every feed format agrees.

Feeds are answered by one shared ``Feed`` instance, so nothing about a request may
be stored on it; instead the request's details (host, settings) go into these
entries, which the feed classes then only read.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import formats
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from newsdesk.news.body import with_dateline
from newsdesk.news.models import ArticleAuthor, ArticleTag
from newsdesk.news.models.bylines import group_bylines

from .absolute import absolute_urls
from .links import absolute_page_url, tag_uri
from .media import Picture, hero_picture, with_hero_renditions
from .models import SyndicationSettings

FEED_LENGTH = 50


@dataclass(frozen=True)
class Byline:
    """A story's author as feeds give it; a credit line ("Staff", an agency) has no ``url``."""

    name: str
    url: str | None


@dataclass(frozen=True)
class StoryEntry:
    """One story as a feed shows it; ``content_html`` is set only for full-text feeds."""

    title: str
    link: str
    guid: str
    summary: str
    published: datetime
    updated: datetime
    authors: tuple[Byline, ...]
    categories: tuple[str, ...]
    content_html: str | None
    picture: Picture | None


@dataclass(frozen=True)
class CommentEntry:
    """One approved comment as a feed shows it: the commenter's name, never their email."""

    title: str
    link: str
    guid: str
    text: str
    author_name: str
    published: datetime
    updated: datetime

    @property
    def html(self):
        """The comment as HTML: its text escaped, its paragraphs kept."""
        return linebreaks(self.text, autoescape=True)


@dataclass(frozen=True)
class CorrectionEntry:
    """One correction or clarification as a feed shows it; a withdrawn one says so."""

    title: str
    link: str
    guid: str
    text: str
    published: datetime
    updated: datetime


def story_entries(stories, request):
    """The newest ``FEED_LENGTH`` of ``stories`` as entries, in a fixed number of queries."""
    full_text = SyndicationSettings.for_request(request).full_text
    stories = with_hero_renditions(stories.for_listing()).prefetch_related(
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
        Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag")),
    )
    if not full_text:
        stories = stories.defer_streamfields()
    return [_story_entry(story, request, full_text) for story in stories[:FEED_LENGTH]]


def _story_entry(story, request, full_text):
    link = absolute_page_url(story, request)
    tags = sorted(item.tag.name for item in story.tagged_items.all())
    return StoryEntry(
        title=story.title,
        link=link,
        guid=tag_uri("article", story.pk, story.first_published_at),
        summary=story.standfirst,
        published=story.first_published_at,
        updated=story.modified_at,
        authors=_authors(story, request),
        categories=tuple(dict.fromkeys([story.section.name, *tags])),
        content_html=_full_text(story, link) if full_text else None,
        picture=hero_picture(story.hero_image, request),
    )


def _authors(story, request):
    """The Reporting bylines, reporters with their pages: feeds' authors, as in the JSON-LD."""
    groups = group_bylines(story.bylines.all())  # as prefetched with their reporters
    lead = next((group for group in groups if group.is_lead), None)
    return tuple(
        Byline(byline.name, byline.url and request.build_absolute_uri(byline.url))
        for byline in (lead.bylines if lead else ())
    )


def _full_text(story, base_url):
    """The story's body as the page renders it, dateline and all, every address made absolute."""
    html = "".join(with_dateline([str(block.render()) for block in story.body], story.dateline))
    return absolute_urls(html, base_url)


def comment_entries(comments, request):
    """The newest ``FEED_LENGTH`` of ``comments`` as entries, with their stories in one query."""
    comments = comments.select_related("article").defer("article__body")
    newest = comments.order_by("-created_at", "-pk")[:FEED_LENGTH]
    return [_comment_entry(comment, request) for comment in newest]


def _comment_entry(comment, request):
    article = comment.article
    return CommentEntry(
        title=_("Comment on %(headline)s by %(name)s")
        % {"headline": article.title, "name": comment.name},
        link=f"{absolute_page_url(article, request)}#comment-{comment.pk}",
        guid=tag_uri("comment", comment.pk, comment.created_at),
        text=comment.body,
        author_name=comment.name,
        published=comment.created_at,
        # A comment held for moderation joins the feed when it is approved; that
        # is when the feed changed, so conditional GETs must see it as new.
        updated=max(filter(None, (comment.created_at, comment.moderated_at))),
    )


def correction_entries(notes, request):
    """The first ``FEED_LENGTH`` of ``notes`` (``Correction.objects.public()``) as entries."""
    return [_correction_entry(note, request) for note in notes[:FEED_LENGTH]]


def _correction_entry(note, request):
    article = note.article
    if note.is_withdrawn:
        withdrawn = formats.date_format(note.withdrawn_at, "j F Y")
        text = _("This %(kind)s was withdrawn on %(date)s.") % {
            "kind": note.get_kind_display().lower(),
            "date": withdrawn,
        }
    else:
        text = note.text
    return CorrectionEntry(
        title=_("%(kind)s: %(headline)s")
        % {"kind": note.get_kind_display(), "headline": article.title},
        link=f"{absolute_page_url(article, request)}#correction-{note.pk}",
        guid=tag_uri("correction", note.pk, note.created_at),
        text=text,
        published=note.created_at,
        # A withdrawal changes the entry: feed readers and conditional GETs must see it.
        updated=note.changed_at,
    )
