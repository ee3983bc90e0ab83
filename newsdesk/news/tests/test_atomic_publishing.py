"""Publishing a story is all or nothing: a failure part-way leaves it as readers had it.

Wagtail's ``PublishRevisionAction`` runs in no transaction of its own: it saves
the page (``Page.save`` is one transaction, child rows such as tags included),
then runs the ``page_published`` receivers (our search re-index among them),
then writes the audit log. A failure after the save, or a crash, would leave
the new version live with a stale search entry and no record of who published
it. These tests run on real transactions and make a step after the save fail.
"""

from unittest import mock

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.news.models import ArticlePage
from newsdesk.search.query import search_stories

from .builders import make_article, make_author

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.engine]

OLD_HEADLINE = "Harbour wall repairs begin"
NEW_HEADLINE = "Lamplighters return to the harbour wall"
NEW_STANDFIRST = "Gas lamps along the wall are lit by hand again from tonight."


class Interrupted(Exception):
    """The failure injected part-way through a publish."""


def what_readers_get(article):
    """Everything a publish changes, as the site and its records show it."""
    story = ArticlePage.objects.get(pk=article.pk)
    return {
        "headline": story.title,
        "standfirst": story.standfirst,
        "tags": sorted(story.tags.names()),
        "live revision": story.live_revision_id,
        "last published": story.last_published_at,
        "found by a new word": [s.title for s in search_stories("lamplighters")[0:10]],
        "publish records": PageLogEntry.objects.filter(
            page=story, action="wagtail.publish"
        ).count(),
    }


def publish_with_the_api(article):
    """What code and the scheduler (``publish_scheduled``) do: publish a saved revision."""
    story = ArticlePage.objects.get(pk=article.pk)
    story.title = NEW_HEADLINE
    story.standfirst = NEW_STANDFIRST
    story.tags.add("lamplighters")
    revision = story.save_revision()
    return lambda: revision.publish()


def publish_from_the_admin(article, client):
    """What an editor does: change the story in the admin and press Publish."""
    data = nested_form_data(
        {
            "title": NEW_HEADLINE,
            "slug": article.slug,
            "standfirst": NEW_STANDFIRST,
            "body": streamfield([("paragraph", rich_text("<p>Lit at dusk, out at dawn.</p>"))]),
            "bylines": inline_formset([{"author": make_author().pk}]),
            "latest_developments_pins": inline_formset([]),
            "category": article.category_id,
            "tags": "lamplighters",
            "comments_open": "on",
            "republished_as": "minor_fix",
            "action-publish": "1",
        }
    )
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    return lambda: client.post(url, data)


FAILURES = {
    "search re-index": lambda: mock.patch(
        "newsdesk.search.signal_handlers.index",
        **{"insert_or_update_object.side_effect": Interrupted("search index unavailable")},
    ),
    "audit log": lambda: mock.patch(
        "wagtail.actions.publish_revision.log", side_effect=Interrupted("log table locked")
    ),
}
PUBLISHERS = {"api": publish_with_the_api, "admin": publish_from_the_admin}


@pytest.mark.parametrize("failing_step", FAILURES)
@pytest.mark.parametrize("publisher", PUBLISHERS)
def test_a_publish_that_fails_part_way_leaves_the_old_version_live(
    publisher, failing_step, admin_client
):
    article = make_article(OLD_HEADLINE)
    arguments = (article, admin_client) if publisher == "admin" else (article,)
    publish = PUBLISHERS[publisher](*arguments)
    before = what_readers_get(article)

    with FAILURES[failing_step](), pytest.raises(Interrupted):
        publish()

    assert what_readers_get(article) == before

    # The same publish, unhindered, changes every one of those things.
    publish()
    after = what_readers_get(article)
    assert after["headline"] == NEW_HEADLINE
    assert after["found by a new word"] == [NEW_HEADLINE]
    assert after["publish records"] == before["publish records"] + 1
    assert {key for key in after if after[key] != before[key]} == set(before)
