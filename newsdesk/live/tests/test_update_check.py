"""The update check over HTTP behind the page cache: a hit until something changes, then fresh."""

import json

import pytest

from newsdesk.caching.tests.test_freshness import warmed
from newsdesk.live import coverage
from newsdesk.live.models import UPDATES_PER_PAGE
from newsdesk.news.tests.builders import make_article, make_author

from .builders import make_live_story, post_updates

pytestmark = pytest.mark.django_db


def check_path(story):
    return f"/live/{story.pk}/updates/"


def checked(site, story):
    answer = site.get(check_path(story))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    return answer, json.loads(answer.text)


def test_the_check_is_answered_from_the_cache_until_an_update_is_posted(cached_site):
    story = make_live_story()
    first = coverage.post(story, title="Ferries stop", text="All crossings halted.")
    warmed(cached_site, check_path(story))

    again, seen = checked(cached_site, story)
    assert again.from_cache
    assert [u["id"] for u in seen["updates"]] == [first.pk]

    second = coverage.post(story, text="The coastguard asks everyone to stay away.")
    fresh, seen = checked(cached_site, story)

    assert not fresh.from_cache
    assert seen["running"] is True and seen["ended_at"] is None
    assert seen["latest"] == second.posted_at.isoformat()
    assert [u["id"] for u in seen["updates"]] == [second.pk, first.pk]
    assert seen["updates"][0]["html"].startswith(f'<article id="update-{second.pk}"')
    assert "stay away" in seen["updates"][0]["html"]


def test_a_post_on_one_story_leaves_another_storys_check_in_the_cache(cached_site):
    story, other = make_live_story(), make_live_story("Rail strike called off")
    post_updates(other, 1)
    warmed(cached_site, check_path(other))

    coverage.post(story, text="Waves over the wall.")

    assert cached_site.get(check_path(other)).from_cache


def test_a_withdrawn_update_disappears_from_the_next_check(cached_site):
    story = make_live_story()
    update = coverage.post(story, title="Wrong figure", text="Forty ferries stopped.", pinned=True)
    warmed(cached_site, check_path(story))

    coverage.withdraw(update)
    _, seen = checked(cached_site, story)

    (shown,) = seen["updates"]
    assert (shown["id"], shown["withdrawn"], shown["pinned"]) == (update.pk, True, False)
    assert "Forty ferries" not in shown["html"] and "Wrong figure" not in shown["html"]
    assert "This update was withdrawn" in shown["html"]
    assert seen["latest"] is None


def test_after_the_end_the_check_says_coverage_is_no_longer_running(cached_site):
    story = make_live_story()
    post_updates(story, 2)
    warmed(cached_site, check_path(story))

    ended = coverage.end(story)
    _, seen = checked(cached_site, story)

    assert seen["running"] is False
    assert seen["ended_at"] == ended.ended_at.isoformat()
    assert len(seen["updates"]) == 2


def test_the_check_holds_the_first_page_pinned_first_then_newest(cached_site):
    story = make_live_story()
    updates = post_updates(story, UPDATES_PER_PAGE + 2)
    coverage.pin(updates[0])

    _, seen = checked(cached_site, story)

    expected = [updates[0], *reversed(updates[1:])][:UPDATES_PER_PAGE]
    assert [u["id"] for u in seen["updates"]] == [u.pk for u in expected]
    assert seen["updates"][0]["pinned"] is True


def test_there_is_no_check_for_a_story_never_live_or_no_longer_published(cached_site):
    never = make_article("Harbour dues rise")
    story = make_live_story()
    warmed(cached_site, check_path(story))

    story.unpublish()

    assert cached_site.get(check_path(never)).status == 404
    assert cached_site.get(check_path(story)).status == 404


def test_a_shared_update_opens_the_story_at_the_page_that_holds_it(client):
    story = make_live_story()
    oldest, *_, newest = post_updates(story, UPDATES_PER_PAGE + 1)

    for update, page in [(newest, ""), (oldest, "?page=2")]:
        answer = client.get(update.share_url())
        assert answer.status_code == 302
        assert answer["Location"] == f"{story.url}{page}#update-{update.pk}"
    assert client.get(f"/live/{story.pk}/updates/{oldest.pk + 99}/").status_code == 404


@pytest.mark.parametrize("count", [1, UPDATES_PER_PAGE + 5])
def test_the_check_asks_a_fixed_number_of_queries_however_many_updates(
    client, count, django_assert_num_queries
):
    story = make_live_story()
    post_updates(story, count, author=make_author("Ines Tarr"))
    client.get(check_path(story))  # Wagtail's per-process caches (the site, the root page)

    # The page restrictions (is the story public?), the coverage of the published story,
    # the first page of updates with their reporters, and the latest update's time.
    with django_assert_num_queries(4):
        assert client.get(check_path(story)).status_code == 200
