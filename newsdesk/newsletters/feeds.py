"""RSS and Atom feeds of a newsletter's sent editions, for its public archive."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsdesk.syndication.feedgenerators import NewsAtomFeed, NewsRssFeed

from .models import Edition, Newsletter

FEED_LENGTH = 20


def sent_editions(newsletter):
    """The editions of ``newsletter`` that went out, newest first."""
    editions = newsletter.editions.filter(status=Edition.Status.SENT)
    return editions.order_by("-sent_at", "-pk")


class EditionsFeed(Feed):
    """The newest sent editions of one newsletter whose archive is public, in RSS 2.0."""

    feed_type = NewsRssFeed

    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Newsletter, slug=slug, archive_public=True)

    def title(self, newsletter):
        return newsletter.name

    def description(self, newsletter):
        return newsletter.description or _("Past editions of %(name)s.") % {"name": newsletter}

    def subtitle(self, newsletter):
        return self.description(newsletter)

    def link(self, newsletter):
        return newsletter.get_absolute_url()

    def items(self, newsletter):
        return sent_editions(newsletter).select_related("newsletter")[:FEED_LENGTH]

    def item_title(self, edition):
        return edition.subject

    def item_description(self, edition):
        # RSS descriptions are HTML; an introduction is plain text.
        return escape(edition.intro)

    def item_link(self, edition):
        return reverse(
            "newsletters:edition", kwargs={"slug": edition.newsletter.slug, "pk": edition.pk}
        )

    def item_pubdate(self, edition):
        return edition.sent_at

    def item_updateddate(self, edition):
        return edition.sent_at

    def item_extra_kwargs(self, edition):
        # The keys our feed writers expect of every item; editions have no bylines or picture.
        return {"authors": [], "summary": edition.intro, "content_html": None, "picture": None}


class EditionsAtomFeed(EditionsFeed):
    feed_type = NewsAtomFeed
