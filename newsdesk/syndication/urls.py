from django.urls import path

from . import feeds, views
from .live import LiveUpdatesAtomFeed, LiveUpdatesFeed, live_feed_view
from .views import feed_view

app_name = "syndication"

urlpatterns = [
    path("feed/", feed_view(feeds.SiteFeed()), name="feed"),
    path("feed/atom/", feed_view(feeds.SiteAtomFeed()), name="feed_atom"),
    path("feed.json", feed_view(feeds.SiteJsonFeed()), name="feed_json"),
    path("category/<str:slug>/feed/", feed_view(feeds.CategoryFeed()), name="category_feed"),
    path(
        "category/<str:slug>/feed/atom/",
        feed_view(feeds.CategoryAtomFeed()),
        name="category_feed_atom",
    ),
    path("tag/<str:slug>/feed/", feed_view(feeds.TagFeed()), name="tag_feed"),
    path("tag/<str:slug>/feed/atom/", feed_view(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("author/<str:slug>/feed/", feed_view(feeds.AuthorFeed()), name="author_feed"),
    path(
        "author/<str:slug>/feed/atom/", feed_view(feeds.AuthorAtomFeed()), name="author_feed_atom"
    ),
    path("comments/feed/", feed_view(feeds.SiteCommentsFeed()), name="comments_feed"),
    path("comments/feed/atom/", feed_view(feeds.SiteCommentsAtomFeed()), name="comments_feed_atom"),
    path(
        "feed/comments/<id:article_id>/",
        feed_view(feeds.ArticleCommentsFeed()),
        name="article_comments_feed",
    ),
    path(
        "feed/comments/<id:article_id>/atom/",
        feed_view(feeds.ArticleCommentsAtomFeed()),
        name="article_comments_feed_atom",
    ),
    path("live/<id:story_id>/feed/", live_feed_view(LiveUpdatesFeed()), name="live_feed"),
    path(
        "live/<id:story_id>/feed/atom/",
        live_feed_view(LiveUpdatesAtomFeed()),
        name="live_feed_atom",
    ),
    path("corrections/feed/", feed_view(feeds.CorrectionsFeed()), name="corrections_feed"),
    path(
        "corrections/feed/atom/",
        feed_view(feeds.CorrectionsAtomFeed()),
        name="corrections_feed_atom",
    ),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    # Before the generic pattern, which would otherwise claim "news" as a section name;
    # the index, reversing that pattern for the "news" section, links here.
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
