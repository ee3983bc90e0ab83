"""``{% feed_links %}``: the ``<link rel="alternate">`` feeds that fit the page being shown;
``{% feed_link %}``: a listing's own feed as a link a reader sees.

It reads the context the page already has (``category``, ``tag``, ``author``,
or ``page`` being a story), so no news template needs to know about feeds, and
it makes no query of its own.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsdesk.news.models import ArticlePage, Author, Category, HomePage

from ..links import site_name
from ..live import coverage_of, feed_title

register = template.Library()

RSS, ATOM, JSON_FEED = "application/rss+xml", "application/atom+xml", "application/feed+json"


@dataclass(frozen=True)
class Alternate:
    type: str
    title: str
    url_name: str
    kwargs: dict


def _rss_and_atom(title, url_name, **kwargs):
    return [
        Alternate(RSS, f"{title} (RSS)", url_name, kwargs),
        Alternate(ATOM, f"{title} (Atom)", f"{url_name}_atom", kwargs),
    ]


def alternates_for(context, paper):
    """The feeds a page with this context advertises: the site's, then its own."""
    feeds = [
        *_rss_and_atom(paper, "syndication:feed"),
        Alternate(JSON_FEED, f"{paper} (JSON Feed)", "syndication:feed_json", {}),
    ]
    category, tag, author = context.get("category"), context.get("tag"), context.get("author")
    page = context.get("page")
    if isinstance(category, Category):
        feeds += _rss_and_atom(category.name, "syndication:category_feed", slug=category.slug)
    if isinstance(tag, Tag):
        title = _("Stories tagged %(tag)s") % {"tag": tag.name}
        feeds += _rss_and_atom(title, "syndication:tag_feed", slug=tag.slug)
    if isinstance(author, Author):
        feeds += _rss_and_atom(author.name, "syndication:author_feed", slug=author.slug)
    if isinstance(page, HomePage):
        title = _("Comments · %(paper)s") % {"paper": paper}
        feeds += _rss_and_atom(title, "syndication:comments_feed")
    if context.get("corrections") is not None:
        title = _("Corrections and clarifications")
        feeds += _rss_and_atom(title, "syndication:corrections_feed")
    if isinstance(page, ArticlePage):
        section = page.section
        feeds += _rss_and_atom(section.name, "syndication:category_feed", slug=section.slug)
        # A draft or a preview of one has no comments feed yet: it would answer 404.
        if page.live and page.first_published_at:
            title = _("Comments on %(headline)s") % {"headline": page.title}
            feeds += _rss_and_atom(title, "syndication:article_comments_feed", article_id=page.pk)
        if page.live and page.first_published_at and coverage_of(page) is not None:
            feeds += _rss_and_atom(feed_title(page), "syndication:live_feed", story_id=page.pk)
    return feeds


def own_feed(context):
    """The RSS feed of the section, tag or author a listing shows, as ``(name, url)``, or None."""
    category, tag, author = context.get("category"), context.get("tag"), context.get("author")
    if isinstance(category, Category):
        return category.name, reverse("syndication:category_feed", args=[category.slug])
    if isinstance(tag, Tag):
        return tag.name, reverse("syndication:tag_feed", args=[tag.slug])
    if isinstance(author, Author):
        return author.name, reverse("syndication:author_feed", args=[author.slug])
    if context.get("corrections") is not None:
        return _("corrections and clarifications"), reverse("syndication:corrections_feed")
    return None


@register.inclusion_tag("syndication/feed_link.html", takes_context=True)
def feed_link(context):
    """A visible link to the listing's own feed, for readers who never see ``<head>``."""
    feed = own_feed(context)
    return {"name": feed[0], "url": feed[1]} if feed else {}


@register.inclusion_tag("syndication/feed_links.html", takes_context=True)
def feed_links(context):
    """Render the page's feed discovery links, with absolute addresses.

    Pages rendered without a request (the bare 500 page) get none: building the
    links would need the host, and such a page must not touch the database.
    """
    request = context.get("request")
    if request is None:
        return {"feeds": []}
    paper = context.get("site_name") or site_name(request)
    feeds = [
        {
            "type": alternate.type,
            "title": alternate.title,
            "href": request.build_absolute_uri(
                reverse(alternate.url_name, kwargs=alternate.kwargs)
            ),
        }
        for alternate in alternates_for(context, paper)
    ]
    return {"feeds": feeds}
