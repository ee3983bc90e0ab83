"""Sitemaps: every story, section, tag, author and page, and Google News' fresh stories.

Locations are paths; Django's sitemap views put the scheme and host of the
request in front of them. Only things a reader can open are listed, and each
with the time it last changed, so every ``<url>`` has a ``<lastmod>``.
"""

from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from newsdesk.core.upstream import PageSitemapEntries
from newsdesk.news.models import ArticleIndexPage, ArticlePage, Author, Category, HomePage

from .links import page_path, site_name

# Well under the protocol's 50,000 URLs, so one child sitemap stays quick to build.
SITEMAP_PAGE_SIZE = 5000
NEWS_WINDOW = timedelta(hours=48)
# Pages that list stories: they change whenever a story is published.
LISTING_PAGES = (HomePage, ArticleIndexPage)


class CountedOnce:
    """A sitemap whose items are counted once per request.

    The index first asks whether a sitemap holds anything, then how many pages
    it has; Django's ``paginator`` property would count the items afresh each time.
    """

    @cached_property
    def paginator(self):
        return Paginator(self._items(), self.limit)


class ArticleSitemap(CountedOnce, Sitemap):
    """Every published story, in id order so that each page keeps its stories as news arrives."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return ArticlePage.objects.published().defer_streamfields().order_by("pk")

    def location(self, article):
        return page_path(article)

    def lastmod(self, article):
        # Its last significant change (an update or a correction), as Google asks:
        # a minor fix is no reason to crawl the story again.
        return article.modified_at

    def get_latest_lastmod(self):
        # Django's default loads every story to find the newest.
        modified = Coalesce("last_updated_at", "first_published_at")
        return self.items().aggregate(latest=Max(modified))["latest"]


class LatestStorySitemap(CountedOnce, Sitemap):
    """Listing pages, which change whenever one of their stories is (re)published."""

    limit = SITEMAP_PAGE_SIZE

    def lastmod(self, listing):
        return listing.latest_story_at


class CategorySitemap(LatestStorySitemap):
    """Sections with at least one published story, their subsections' stories included."""

    def items(self):
        latest = newest_story_by_category()
        categories = [c for c in Category.objects.order_by("pk") if c.pk in latest]
        for category in categories:
            category.latest_story_at = latest[category.pk]
        return categories


def newest_story_by_category():
    """Map each category id to its newest story's time, counting its subcategories' stories.

    Two queries: the newest story filed directly in each category, and the tree,
    walked upwards in memory (with a guard against a loop left in old data).
    """
    own = (
        ArticlePage.objects.published()
        .order_by()
        .values_list("category")
        .annotate(latest=Max("last_published_at"))
    )
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    latest = {}
    for category_id, when in own:
        node, seen = category_id, set()
        while node is not None and node not in seen:
            seen.add(node)
            latest[node] = max(latest.get(node, when), when)
            node = parents.get(node)
    return latest


class TagSitemap(LatestStorySitemap):
    """Tags carried by at least one published story."""

    def items(self):
        published = ArticlePage.objects.published().values("pk")
        return (
            Tag.objects.filter(news_articletag_items__content_object__in=published)
            .annotate(
                latest_story_at=Max("news_articletag_items__content_object__last_published_at")
            )
            .order_by("pk")
        )

    def location(self, tag):
        return reverse("news:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(LatestStorySitemap):
    """Authors with a byline on at least one published story."""

    def items(self):
        published = ArticlePage.objects.published().values("pk")
        return (
            Author.objects.filter(bylines__article__in=published)
            .annotate(latest_story_at=Max("bylines__article__last_published_at"))
            .order_by("pk")
        )


class PageSitemap(CountedOnce, PageSitemapEntries, WagtailSitemap):
    """The site's other Wagtail pages: the front page, the story index, standard pages.

    Wagtail builds each address from the Site record's root URL; it is moved onto
    the host the request came to, as everywhere else in feeds and sitemaps.
    """

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return super().items().not_type(ArticlePage)

    @cached_property
    def newest_story_at(self):
        published = ArticlePage.objects.published()
        return published.aggregate(latest=Max("last_published_at"))["latest"]

    def lastmod(self, page):
        """A page's last publication; the front page and story index change with every story."""
        own = super().lastmod(page)
        if isinstance(page, LISTING_PAGES):
            return max(filter(None, (own, self.newest_story_at)), default=None)
        return own

    def entries(self, page, protocol, domain):
        """The page's addresses on the request's host; listing pages dated by their newest story."""
        entries = []
        for url in super().entries(page, protocol, domain):
            parts = urlsplit(url["location"])
            url = {**url, "location": urlunsplit((protocol, domain, parts.path, parts.query, ""))}
            if isinstance(page, LISTING_PAGES):
                url["lastmod"] = self.lastmod(page)
            entries.append(url)
        return entries


class NewsSitemap(CountedOnce, Sitemap):
    """Google News: stories first published in the last 48 hours, newest first.

    ``limit`` is both the page size and the cap: Google reads at most 1,000
    ``<news:news>`` entries from one sitemap.
    """

    limit = 1000

    def __init__(self, request):
        self.publication = {
            "name": site_name(request),
            "language": publication_language(settings.LANGUAGE_CODE),
        }

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        fresh = ArticlePage.objects.published().filter(first_published_at__gte=since)
        return fresh.defer_streamfields()[: self.limit]

    def location(self, article):
        return page_path(article)

    def lastmod(self, article):
        return article.modified_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication"] = self.publication
        return urls


def publication_language(language_code):
    """Google News' language code: ISO 639 ("en" for "en-gb"), but zh-cn and zh-tw as they are."""
    code = language_code.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def sitemaps_for(request):
    """The child sitemaps, by the section name their address carries."""
    return {
        "articles": ArticleSitemap(),
        "categories": CategorySitemap(),
        "tags": TagSitemap(),
        "authors": AuthorSitemap(),
        "pages": PageSitemap(request),
        "news": NewsSitemap(request),
    }


def indexed_sitemaps(request):
    """The child sitemaps the index lists: those with at least one address.

    An empty child is an empty ``<urlset>``, which the sitemaps.org schema refuses
    (it wants one ``<url>`` at least): a new paper has no tags yet, and a quiet
    weekend leaves the news sitemap empty.
    """
    return {
        name: sitemap for name, sitemap in sitemaps_for(request).items() if sitemap.paginator.count
    }
