"""Feeds, sitemaps and robots.txt as HTTP answers: headers for caches and crawlers."""

from django.contrib.sitemaps import views as sitemap_views
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page

from newsdesk.caching import cached_for_everyone
from newsdesk.news.cache_tags import STORIES

from .freshness import counting_withdrawals
from .sitemaps import NewsSitemap, indexed_sitemaps, sitemaps_for

# Nothing in these answers depends on who asks, so any cache may keep them a while;
# the news sitemap and feeds change with every story, robots.txt hardly ever.
FEED_MAX_AGE = 5 * 60
SITEMAP_MAX_AGE = 60 * 60
NEWS_SITEMAP_MAX_AGE = 5 * 60
ROBOTS_MAX_AGE = 24 * 60 * 60


def feed_view(feed):
    """Serve ``feed`` with Cache-Control, an ETag and Last-Modified, answering 304 when unchanged.

    ``Feed`` sets Last-Modified from its newest entry, moved later when an entry
    was withdrawn since (see ``freshness.py``); Django's conditional GET
    handling adds the ETag (a hash of the body, so a change of wording or of the
    full-text setting is seen even when no date moved) and the 304.
    """
    return cached_for_everyone(STORIES)(
        conditional_page(
            counting_withdrawals(cache_control(max_age=FEED_MAX_AGE, public=True)(feed))
        )
    )


@cached_for_everyone(STORIES)
@conditional_page
@counting_withdrawals
@cache_control(max_age=SITEMAP_MAX_AGE, public=True)
def sitemap_index(request):
    """``/sitemap.xml``: the index of each page of every child sitemap that is not empty."""
    return sitemap_views.index(
        request, indexed_sitemaps(request), sitemap_url_name="syndication:sitemap"
    )


@cached_for_everyone(STORIES)
@conditional_page
@counting_withdrawals
@cache_control(max_age=SITEMAP_MAX_AGE, public=True)
def sitemap_section(request, section):
    """One child sitemap; ``?p=`` picks its page."""
    return sitemap_views.sitemap(
        request, sitemaps_for(request), section=section, template_name="syndication/sitemap.xml"
    )


@cached_for_everyone(STORIES)
@conditional_page
@counting_withdrawals
@cache_control(max_age=NEWS_SITEMAP_MAX_AGE, public=True)
def news_sitemap(request):
    """The Google News sitemap of the last 48 hours' stories."""
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap(request)}, template_name="syndication/sitemap_news.xml"
    )


@cached_for_everyone()
@cache_control(max_age=ROBOTS_MAX_AGE, public=True)
def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and the comment form's endpoint."""
    # The endpoint takes a story id; cutting the id off disallows all of them.
    comment_posts = reverse("comments:post", kwargs={"article_id": 0}).removesuffix("0/")
    context = {
        "disallow": [reverse("wagtailadmin_home"), comment_posts],
        "sitemaps": [
            request.build_absolute_uri(reverse("syndication:sitemap_index")),
            request.build_absolute_uri(reverse("syndication:news_sitemap")),
        ],
    }
    return TemplateResponse(
        request, "syndication/robots.txt", context, content_type="text/plain; charset=utf-8"
    )
