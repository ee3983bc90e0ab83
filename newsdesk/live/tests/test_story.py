"""A live story is still a story: edited, checked, published and reverted as any other."""

import pytest
from django.urls import reverse

from newsdesk.live import coverage
from newsdesk.live.models import LiveCoverage
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.test_republishing import republish

from .builders import make_live_story, post_updates

pytestmark = pytest.mark.django_db


def test_an_editor_republishes_a_live_story_through_its_checks_and_keeps_its_updates(
    admin_client,
):
    story = make_live_story()
    updates = post_updates(story, 2)
    revisions = story.revisions.count()

    assert republish(admin_client, story, republished_as="minor_fix").status_code == 302

    story.refresh_from_db()
    assert story.standfirst == "A sharper summary."
    assert story.revisions.count() == revisions + 1
    assert list(story.live_updates.for_readers()) == updates[::-1]
    assert LiveCoverage.objects.get(story=story).is_running


def test_reverting_a_live_story_to_an_earlier_revision_loses_no_update(admin_client):
    story = make_live_story()
    first_revision = story.latest_revision
    republish(admin_client, story, republished_as="minor_fix")
    update = coverage.post(story, text="Posted after both revisions.")

    first_revision.publish()

    story = ArticlePage.objects.get(pk=story.pk)
    assert story.standfirst != "A sharper summary."
    assert list(story.live_updates.all()) == [update]


def test_deleting_a_live_story_from_the_admin_deletes_its_coverage_and_updates(admin_client):
    story = make_live_story()
    post_updates(story, 2)

    admin_client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))

    assert not ArticlePage.objects.filter(pk=story.pk).exists()
    assert not LiveCoverage.objects.exists()
    assert not story.live_updates.exists()
