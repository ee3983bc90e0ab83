"""Publishing keeps the story and the front page, so its first readers get them from the cache."""

import logging
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from newsdesk.caching import fragments, priming
from newsdesk.caching.store import page_cache
from newsdesk.news.tests.builders import make_article
from newsdesk.news.tests.test_editing import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def primed_site(cached_site):
    """The cached site, its address the paper's own, with priming on."""
    address = f"http://127.0.0.1:{cached_site.port}"
    with override_settings(NEWSDESK_PAGE_CACHE_PRIMING=True, WAGTAILADMIN_BASE_URL=address):
        yield cached_site


def publish_as_another_process(site, story):
    """Publish ``story``, commit, and forget what this process holds: a worker's view."""
    story.save_revision().publish()
    site.commit()
    page_cache().forget_all()


def test_the_first_reader_after_publishing_gets_the_story_and_front_page_from_the_cache(
    primed_site,
):
    story = make_article("Ferry timetable changes")
    story.title = "Ferry timetable changes for winter"
    publish_as_another_process(primed_site, story)

    first = primed_site.get(story.url)
    assert first.from_cache
    assert "Ferry timetable changes for winter" in first.page.h1.text
    front = primed_site.get("/")
    assert front.from_cache and "Ferry timetable changes for winter" in front.text


@pytest.mark.engine
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_publishing_in_the_admin_returns_once_the_story_is_kept(
    primed_site, admin_client
):
    story = make_article("Ferry timetable changes")
    edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    form = {**article_form("Ferry fares frozen again"), "slug": story.slug}

    assert admin_client.post(edit, {**form, "action-publish": "1"}).status_code == 302
    page_cache().forget_all()  # as in another worker

    first = primed_site.get(story.url)
    assert first.from_cache and "Ferry fares frozen again" in first.page.h1.text


def test_a_worker_puts_the_primed_story_together_without_rendering_its_boxes_again(primed_site):
    story = make_article("Ferry timetable changes")
    publish_as_another_process(primed_site, story)
    rendered = []
    counted = {
        name: fragments.Kind(
            render=lambda variant, kind=kind: rendered.append(variant) or kind.render(variant),
            slots=kind.slots,
        )
        for name, kind in fragments._registered.items()
    }
    with mock.patch.dict(fragments._registered, counted):
        first = primed_site.get(story.url)

    assert first.from_cache and "Latest developments" in first.text
    assert rendered == []


def test_a_password_protected_story_is_not_primed(primed_site):
    story = make_article("Council budget leaked", publish=False)
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    application = mock.Mock(wraps=priming.reader_application())
    with mock.patch.object(priming, "reader_application", return_value=application):
        publish_as_another_process(primed_site, story)

    assert application.call_count == 0
    assert priming.paths_to_prime(story) == []


def test_a_priming_failure_is_logged_and_the_story_still_published(primed_site, caplog):
    story = make_article("Harbour wall repaired", publish=False)
    broken = mock.Mock(side_effect=RuntimeError("the renderer fell over"))
    with (
        mock.patch.object(priming, "reader_application", return_value=broken),
        caplog.at_level(logging.ERROR, logger="newsdesk.caching.priming"),
    ):
        publish_as_another_process(primed_site, story)

    assert f"Could not prime the page cache with {story.url}" in caplog.text
    answer = primed_site.get(story.url)
    assert answer.status == 200 and not answer.from_cache
    assert "Harbour wall repaired" in answer.page.h1.text
