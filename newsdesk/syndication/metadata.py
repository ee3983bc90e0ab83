"""What a reader page says about itself: canonical address, robots rules and share cards.

Everything here reads the template context a page already has (``page``,
``category``, ``tag``, ``author``, the ``stories`` or ``latest`` listing),
so no view needs to know about search engines or social networks.
"""

from dataclasses import dataclass

from django.core.paginator import Page as ListingPage
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Page

from newsdesk.core import pictures
from newsdesk.news.models import ArticleIndexPage, ArticlePage, HomePage

from .structured_data import iso_datetime

# The context names the news app gives its paginated listings: stories, and the
# corrections page (which gives no ItemList: ``page_types.describe`` knows it not).
LISTING_KEYS = ("stories", "latest", "corrections")
DESCRIPTION_LENGTH = 160
# Facebook and LinkedIn crop to about 1.91:1; X's large card shows the same crop.
SHARE_IMAGE_FILTER = pictures.SETS["share"].sizes[0]


@dataclass(frozen=True)
class Summary:
    """How one reader page presents itself to search engines and share cards."""

    title: str
    description: str = ""
    og_type: str = "website"
    article: ArticlePage | None = None


@dataclass(frozen=True)
class ShareImage:
    """The picture a share card shows: absolute URL, pixel size and alt text."""

    url: str
    width: int
    height: int
    alt: str


def share_image(image, rendition, request):
    """The ShareImage for ``rendition``, a ``SHARE_IMAGE_FILTER`` rendition of ``image``."""
    url = request.build_absolute_uri(rendition.url)
    return ShareImage(url, rendition.width, rendition.height, image.default_alt_text)


def listing(context):
    """The page of a paginated story listing the context shows, or None."""
    for key in LISTING_KEYS:
        stories = context.get(key)
        if isinstance(stories, ListingPage):
            return stories
    return None


def listing_page_number(context):
    """The number of the listing page shown, or 1 on a page that lists nothing."""
    stories = listing(context)
    return stories.number if stories is not None else 1


def canonical_url(request, page_number=1):
    """The page's own absolute address, without a query string.

    A later listing page is a different page and keeps its ``?page=``; every
    other parameter (tracking tags, a mistyped page number) is dropped.
    """
    url = request.build_absolute_uri(request.path)
    return f"{url}?page={page_number}" if page_number > 1 else url


def robots_directive(context):
    """The robots meta content for this page, or "" to leave it indexable.

    A view asks for ``noindex`` with ``robots_noindex`` (search results, a story
    showing its reader's comment awaiting moderation). Later listing pages are
    kept out of the index, but their links are still followed to the stories.
    """
    if context.get("robots_noindex"):
        return "noindex"
    if listing_page_number(context) > 1:
        return "noindex, follow"
    return ""


def summarise(context):
    """The Summary of the page in ``context``, or None for pages with nothing to share.

    Pages the news app does not describe (an error page, a date archive) get
    None, and with it no share card.
    """
    site_name = context.get("site_name", "")
    page = context.get("page")
    if isinstance(page, ArticlePage):
        description = page.search_description or page.standfirst
        return Summary(page.title, description, og_type="article", article=page)
    if isinstance(page, Page):
        return _wagtail_page_summary(page, site_name)
    for key, summary_of in _LISTING_SUMMARIES:
        if context.get(key) is not None:
            return summary_of(context[key], site_name)
    return None


def _wagtail_page_summary(page, site_name):
    if isinstance(page, HomePage):
        title = page.seo_title or site_name
        fallback = gettext("The latest news from %(site)s: top stories and every section.")
    elif isinstance(page, ArticleIndexPage):
        title = page.seo_title or page.title
        fallback = gettext("Every story from %(site)s, newest first.")
    else:
        title, fallback = page.seo_title or page.title, ""
    introduction = getattr(page, "introduction", "")
    description = page.search_description or introduction or fallback % {"site": site_name}
    return Summary(title, description)


def _category_summary(category, site_name):
    fallback = gettext("The latest %(section)s news from %(site)s.")
    names = {"section": category.name, "site": site_name}
    return Summary(category.name, category.description or fallback % names)


def _tag_summary(tag, site_name):
    text = gettext("Stories tagged “%(tag)s” from %(site)s, newest first.")
    return Summary(tag.name, text % {"tag": tag.name, "site": site_name})


def _author_summary(author, site_name):
    # The same cut the author page's own meta description makes.
    bio = Truncator(author.bio).chars(DESCRIPTION_LENGTH)
    fallback = gettext("Stories by %(name)s for %(site)s, newest first.")
    return Summary(author.name, bio or fallback % {"name": author.name, "site": site_name})


def _corrections_summary(corrections, site_name):
    text = gettext("Every correction and clarification %(site)s has made, newest first.")
    return Summary(gettext("Corrections and clarifications"), text % {"site": site_name})


_LISTING_SUMMARIES = (
    ("corrections", _corrections_summary),
    ("category", _category_summary),
    ("tag", _tag_summary),
    ("author", _author_summary),
)


def open_graph(summary, request, *, url, site_name, image=None, tags=()):
    """Open Graph ``(property, content)`` pairs for the page at canonical ``url``.

    ``image`` is a ShareImage and ``tags`` the story's tag names.
    """
    properties = [
        ("og:site_name", site_name),
        ("og:type", summary.og_type),
        ("og:title", summary.title),
        ("og:url", url),
        ("og:locale", translation.to_locale(translation.get_language())),
    ]
    if summary.description:
        properties.append(("og:description", summary.description))
    if image is not None:
        properties += [
            ("og:image", image.url),
            ("og:image:width", image.width),
            ("og:image:height", image.height),
            ("og:image:alt", image.alt),
        ]
    if summary.article is not None:
        properties += _article_properties(summary.article, request, tags)
    return properties


def _article_properties(article, request, tags):
    properties = []
    if article.published_at:
        modified = article.updated_at or article.published_at
        properties += [
            ("article:published_time", iso_datetime(article.published_at)),
            ("article:modified_time", iso_datetime(modified)),
        ]
    properties.append(("article:section", article.section.name))
    properties += [
        ("article:author", request.build_absolute_uri(author.get_absolute_url()))
        for author in article.authors
    ]
    properties += [("article:tag", tag) for tag in tags]
    return properties


def twitter_card(summary, image=None):
    """X (Twitter) card ``(name, content)`` pairs: a large-image card when there is a picture."""
    card = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", summary.title),
    ]
    if summary.description:
        card.append(("twitter:description", summary.description))
    if image is not None:
        card += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return card
