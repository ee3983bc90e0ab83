"""Which JSON-LD blocks each kind of reader page carries.

- a story: NewsArticle (LiveBlogPosting while it has live coverage) and its BreadcrumbList;
- the front page: WebSite (with the site search) and the paper's Organization;
- a section, tag, date archive or the story index, and later pages of the front
  page: CollectionPage, BreadcrumbList and an ItemList of the stories shown;
- an author: ProfilePage about a Person, BreadcrumbList and ItemList;
- search: SearchResultsPage, with an ItemList when something matched;
- a plain page: WebPage and BreadcrumbList.

Everything is read from the template context the page already has, the stories
a listing shows included, so no block costs a query. Built from the page and the
host it was asked for alone, the blocks are the same for every reader, as a
cached page must be.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView
from wagtail.models import Page

from newsdesk.core import pictures
from newsdesk.core.models import StandardPage
from newsdesk.news.models import ArticleIndexPage, HomePage

from . import live, metadata
from . import structured_data as schema

SEARCH_VIEW = "search:results"
# The picture the author page shows: the same rendition, so no second one is made.
AUTHOR_PHOTO_FILTER = pictures.SETS["portrait"].sizes[0]
# The date archives, outermost first: the view showing each period, the name of
# its date in the context, and its crumb's URL name and date format.
ARCHIVE_LEVELS = (
    (YearArchiveView, "year", "news:archive_year", "Y"),
    (MonthArchiveView, "month", "news:archive_month", "F Y"),
    (DayArchiveView, "day", "news:archive_day", "j F Y"),
)
ARCHIVE_VIEWS = tuple(level[0] for level in ARCHIVE_LEVELS)


@dataclass(frozen=True)
class Described:
    """What a page other than a story or the front page says it is."""

    kind: str
    name: str
    trail: tuple = ()
    main_entity: dict | None = None
    url: str | None = None


def structured_data(context, request, summary, *, url, images=(), tags=()):
    """The JSON-LD blocks, as dicts, for the page in ``context`` at canonical ``url``.

    ``summary`` is the page's ``metadata.Summary`` (or None); ``images`` and
    ``tags`` are a story's picture URLs and tag names.
    """
    site_name = context.get("site_name", "")
    if summary is not None and summary.article is not None:
        article = summary.article
        story = schema.news_article(
            article,
            request,
            url=url,
            site_name=site_name,
            images=images,
            tags=tags,
            comment_count=context.get("comment_count"),
        )
        story = live.live_blog_posting(story, article, request, url=url, site_name=site_name)
        return [story, schema.article_breadcrumbs(article, request, url=url)]
    if isinstance(context.get("page"), HomePage) and metadata.listing_page_number(context) == 1:
        return [
            schema.website(request, site_name, search_path=reverse(SEARCH_VIEW)),
            schema.publisher_card(request, site_name),
        ]
    described = describe(context, request, summary)
    if described is None:
        return []
    return _page_blocks(context, request, summary, described, url=described.url or url)


def describe(context, request, summary):
    """The schema.org type, name and breadcrumb trail of the page, or None if none fits."""
    page = context.get("page")
    title = summary.title if summary is not None else ""
    here = (title, metadata.canonical_url(request))
    home = schema.home_crumb(request)
    if context.get("category") is not None:
        trail = schema.category_trail(context["category"], request)
        return Described("CollectionPage", title, tuple(trail))
    if context.get("tag") is not None:
        return Described("CollectionPage", title, (home, here))
    if context.get("author") is not None:
        person = _author(context["author"], request)
        return Described("ProfilePage", title, (home, here), main_entity=person)
    if isinstance(context.get("view"), ARCHIVE_VIEWS):
        trail = _archive_trail(context, request)
        name = gettext("Stories from %(period)s") % {"period": trail[-1][0]}
        return Described("CollectionPage", name, (home, *trail))
    if _is_search(request):
        # Each search is its own page: its address, query included, names it.
        return Described(
            "SearchResultsPage", _search_name(context), url=request.build_absolute_uri()
        )
    if isinstance(page, HomePage | ArticleIndexPage):
        # A later page of the front page is one list of stories, with no trail
        # beyond the front page itself.
        trail = (home, here) if isinstance(page, ArticleIndexPage) else ()
        return Described("CollectionPage", title, trail)
    if isinstance(page, StandardPage):
        # Plain pages can only sit directly below the front page.
        return Described("WebPage", title, (home, here))
    if isinstance(page, Page):
        return Described("WebPage", title)
    return None


def _page_blocks(context, request, summary, described, *, url):
    stories = metadata.listing(context)
    shown = list(stories.object_list) if stories is not None else []
    items = None
    if shown:
        urls = [request.build_absolute_uri(story.get_url(request)) for story in shown]
        items = schema.item_list(urls, url=url, first_position=stories.start_index())
    main_entity = described.main_entity
    if main_entity is None and items is not None:
        main_entity = {"@id": items["@id"]}
    page = schema.web_page(
        described.kind,
        request,
        url=url,
        name=described.name,
        description=summary.description if summary is not None else "",
        breadcrumbs=bool(described.trail),
        main_entity=main_entity,
    )
    blocks = [page]
    if described.trail:
        blocks.append(schema.breadcrumb_list(described.trail, url=url))
    if items is not None:
        blocks.append(items)
    return blocks


def _author(author, request):
    photo = author.photo
    image_url = None
    if photo is not None:
        image_url = request.build_absolute_uri(
            pictures.renditions(photo, "portrait")[AUTHOR_PHOTO_FILTER].url
        )
    return schema.profile(author, request, image_url=image_url)


def _archive_trail(context, request):
    """``(name, URL)`` pairs from the archive's year down to the period the page shows."""
    depth, key = next(
        (depth, key)
        for depth, (view_class, key, _url_name, _format) in enumerate(ARCHIVE_LEVELS, start=1)
        if isinstance(context["view"], view_class)
    )
    period = context[key]
    parts = (f"{period:%Y}", f"{period:%m}", f"{period:%d}")
    return [
        (
            date_format(period, name_format),
            request.build_absolute_uri(reverse(url_name, args=parts[:n])),
        )
        for n, (_view, _key, url_name, name_format) in enumerate(ARCHIVE_LEVELS[:depth], start=1)
    ]


def _is_search(request):
    match = request.resolver_match
    return match is not None and match.view_name == SEARCH_VIEW


def _search_name(context):
    if context.get("terms"):
        return gettext("Results for “%(query)s”") % {"query": context["form"].cleaned_data["q"]}
    return gettext("Search the archive")
