"""The paper's feeds: stories of the site, a category, a tag or an author; comments; corrections.

Each feed class only says what it is about (``get_object`` returns a ``Subject``);
how an entry reads is decided once, in ``entries.py``, for every format alike.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, Author, Category, Correction, tags_in_print

from .entries import comment_entries, correction_entries, story_entries
from .feedgenerators import JsonFeed, NewsAtomFeed, NewsRssFeed
from .links import page_path, site_name


@dataclass(frozen=True)
class Subject:
    """What one request's feed is about; ``source`` is the stories or comments it lists."""

    request: HttpRequest
    title: str
    description: str
    link: str
    source: QuerySet


class SubjectFeed(Feed):
    """Feed fields read from the ``Subject``, item fields from the entries."""

    item_guid_is_permalink = False

    def title(self, subject):
        return subject.title

    def description(self, subject):
        return subject.description

    def subtitle(self, subject):
        return subject.description

    def link(self, subject):
        return subject.link

    def feed_guid(self, subject):
        # The feed's own address: the site's RSS and comments feeds share a home page link.
        return subject.request.build_absolute_uri(subject.request.path)

    def author_name(self, subject):
        return site_name(subject.request)

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated


class StoryFeed(SubjectFeed):
    """The newest published stories of a subject, in RSS 2.0."""

    feed_type = NewsRssFeed

    def items(self, subject):
        return story_entries(subject.source, subject.request)

    def item_description(self, entry):
        # RSS descriptions are HTML; a standfirst is plain text.
        return escape(entry.summary)

    def item_categories(self, entry):
        return entry.categories

    def item_comments(self, entry):
        return f"{entry.link}#comments"

    def item_enclosures(self, entry):
        picture = entry.picture
        if picture is None:
            return []
        return [Enclosure(picture.url, str(picture.length), picture.mime_type)]

    def item_extra_kwargs(self, entry):
        return {
            "authors": entry.authors,
            "summary": entry.summary,
            "content_html": entry.content_html,
            "picture": entry.picture,
        }


class SiteFeed(StoryFeed):
    """The newest stories of the whole paper."""

    def get_object(self, request):
        paper = site_name(request)
        return Subject(
            request,
            title=paper,
            description=_("The newest stories from %(paper)s.") % {"paper": paper},
            link="/",
            source=ArticlePage.objects.published(),
        )


class SiteAtomFeed(SiteFeed):
    feed_type = NewsAtomFeed


class SiteJsonFeed(SiteFeed):
    feed_type = JsonFeed


class CategoryFeed(StoryFeed):
    """The newest stories of a section and its subsections; unknown slugs are 404."""

    def get_object(self, request, slug):
        category = Category.objects.get(slug=slug)
        return Subject(
            request,
            title=f"{category.name} · {site_name(request)}",
            description=_("The newest stories in %(section)s.") % {"section": category.name},
            link=category.get_absolute_url(),
            source=ArticlePage.objects.published().in_category(category),
        )


class CategoryAtomFeed(CategoryFeed):
    feed_type = NewsAtomFeed


class TagFeed(StoryFeed):
    """The newest stories carrying a tag."""

    def get_object(self, request, slug):
        tag = tags_in_print().get(slug=slug)
        return Subject(
            request,
            title=_("Stories tagged %(tag)s · %(paper)s")
            % {"tag": tag.name, "paper": site_name(request)},
            description=_("The newest stories tagged %(tag)s.") % {"tag": tag.name},
            link=reverse("news:tag", kwargs={"slug": tag.slug}),
            source=ArticlePage.objects.published().tagged(tag),
        )


class TagAtomFeed(TagFeed):
    feed_type = NewsAtomFeed


class AuthorFeed(StoryFeed):
    """The newest stories with an author among their bylines."""

    def get_object(self, request, slug):
        author = Author.objects.get(slug=slug)
        return Subject(
            request,
            title=f"{author.name} · {site_name(request)}",
            description=_("The newest stories by %(author)s.") % {"author": author.name},
            link=author.get_absolute_url(),
            source=ArticlePage.objects.published().by_author(author),
        )


class AuthorAtomFeed(AuthorFeed):
    feed_type = NewsAtomFeed


class CommentFeed(SubjectFeed):
    """The newest approved comments of a subject, in RSS 2.0: names only, never emails."""

    feed_type = Rss201rev2Feed

    def items(self, subject):
        return comment_entries(subject.source, subject.request)

    def item_description(self, entry):
        return entry.html

    def item_author_name(self, entry):
        return entry.author_name


class SiteCommentsFeed(CommentFeed):
    """The newest approved comments on any story a reader can open."""

    def get_object(self, request):
        paper = site_name(request)
        published = ArticlePage.objects.published().values("pk")
        return Subject(
            request,
            title=_("Comments · %(paper)s") % {"paper": paper},
            description=_("Readers' newest comments on %(paper)s.") % {"paper": paper},
            link="/",
            source=Comment.objects.approved().filter(article__in=published),
        )


class SiteCommentsAtomFeed(SiteCommentsFeed):
    feed_type = Atom1Feed


class ArticleCommentsFeed(CommentFeed):
    """The newest approved comments on one published story; any other id is 404."""

    def get_object(self, request, article_id):
        article = ArticlePage.objects.published().get(pk=article_id)
        return Subject(
            request,
            title=_("Comments on %(headline)s") % {"headline": article.title},
            description=_("Readers' newest comments on %(headline)s.")
            % {"headline": article.title},
            link=f"{page_path(article, request)}#comments",
            source=Comment.objects.approved().for_article(article),
        )


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = Atom1Feed


class CorrectionsFeed(SubjectFeed):
    """The newest corrections and clarifications on stories readers can open, in RSS 2.0."""

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        paper = site_name(request)
        return Subject(
            request,
            title=_("Corrections and clarifications · %(paper)s") % {"paper": paper},
            description=_("What %(paper)s got wrong or said unclearly, and what is right.")
            % {"paper": paper},
            link=reverse("news:corrections"),
            source=Correction.objects.public(),
        )

    def items(self, subject):
        return correction_entries(subject.source, subject.request)

    def item_description(self, entry):
        # RSS descriptions are HTML; a correction is plain text.
        return escape(entry.text)


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
