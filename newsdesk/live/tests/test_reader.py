"""What a reader sees of a live story: its status, key events and stream, and its cards."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.caching.tests.test_freshness import warmed
from newsdesk.live import coverage
from newsdesk.live.models import UPDATES_PER_PAGE
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .builders import make_live_story, post_updates

pytestmark = pytest.mark.django_db


def local_time(update):
    return timezone.localtime(update.posted_at).strftime("%H:%M")


def update_ids(html):
    return [int(n) for n in re.findall(r'<article id="update-(\d+)"', html)]


def test_reader_sees_the_badge_key_events_and_updates_pinned_first_then_newest(client):
    story = make_live_story(authors=[make_author("Ines Tarr")])
    first = coverage.post(story, title="Ferries stop", text="All crossings halted.", key_event=True)
    pinned = coverage.post(story, text="Stay away from the sea front.", pinned=True)
    newest = coverage.post(story, text="Waves over the harbour wall.", byline="Desk staff")

    html = client.get(story.url).content.decode()

    order = ['class="article-section"', 'class="article-headline"', 'class="live-badge"']
    order += ['class="standfirst"', 'class="byline"', ">Key events<", 'class="article-body"']
    order += [">Live updates<", ">Refresh for new updates<", 'class="latest-developments"']
    order += ['id="comments"']
    positions = [html.index(mark) for mark in order]
    assert positions == sorted(positions)
    assert update_ids(html) == [pinned.pk, newest.pk, first.pk]
    key_events = html[html.index("Key events") : html.index("</nav>", html.index("Key events"))]
    assert f'href="#update-{first.pk}"' in key_events and "Ferries stop" in key_events
    assert f'href="/live/{story.pk}/updates/{newest.pk}/"' in html
    assert "Desk staff" in html
    assert f'data-live-check="/live/{story.pk}/updates/"' in html
    assert "live/live.js" in html


@override_settings(NEWSDESK_LIVE_CHECK_SECONDS=7)
def test_older_updates_are_on_the_next_page_which_does_not_check(client):
    story = make_live_story()
    updates = post_updates(story, UPDATES_PER_PAGE + 2)
    coverage.edit(updates[-1], text="Corrected wording.")
    coverage.withdraw(updates[-2])

    first = client.get(story.url).content.decode()
    second = client.get(story.url, {"page": 2}).content.decode()

    assert update_ids(first) == [u.pk for u in reversed(updates[2:])]
    assert update_ids(second) == [updates[1].pk, updates[0].pk]
    assert 'data-live-seconds="7"' in first and "Older updates" in first
    assert "Corrected wording." in first and "Edited" in first
    assert "This update was withdrawn." in first and "Update 20 from" not in first
    assert "Newer updates" in second and "Older updates" not in second
    assert "data-live-check" not in second and "live.js" not in second
    assert "Refresh for new updates" not in second
    assert client.get(story.url, {"page": 3}).status_code == 404


def test_after_the_end_the_page_says_so_with_the_time_and_stops_checking(client):
    story = make_live_story()
    post_updates(story, 2)
    ended = coverage.end(story)

    html = client.get(story.url).content.decode()

    assert "Live coverage has ended" in html
    assert ended.ended_at.strftime("%Y-%m-%d") in html
    assert "live-badge" not in html and "data-live-check" not in html
    assert "Refresh for new updates" not in html
    assert len(update_ids(html)) == 2


def test_a_live_storys_page_queries_do_not_grow_with_its_updates(client, django_assert_num_queries):
    reporter = make_author("Ines Tarr")
    small, big = make_live_story(), make_live_story("Rail strike called off")
    post_updates(small, 1, author=reporter, key_event=True)
    post_updates(big, UPDATES_PER_PAGE + 5, author=reporter, key_event=True)
    client.get(small.url)  # the site's settings rows, made on first reading

    with CaptureQueriesContext(connection) as small_queries:
        client.get(small.url)
    with django_assert_num_queries(len(small_queries)):
        client.get(big.url)


def test_a_story_never_live_has_no_stream(client):
    story = make_article("Harbour dues rise")

    html = client.get(story.url).content.decode()

    assert "live-stream" not in html and "Live coverage" not in html


def test_a_live_storys_card_shows_the_badge_and_its_latest_update_time(client):
    story = make_live_story()
    update = coverage.post(story, text="Waves over the wall.")
    make_article("Harbour dues rise")

    cards = client.get("/").content.decode().split('<article class="story-card')[1:]

    live = [card for card in cards if "Storm reaches the coast" in card]
    calm = [card for card in cards if "Harbour dues rise" in card]
    assert live and calm
    for card in live:
        assert 'class="live-badge' in card
        assert f">{local_time(update)}</time>" in card.split("Latest update")[1]
    assert not any("live-badge" in card or "Latest update" in card for card in calm)


def test_a_post_refreshes_the_story_and_the_listings_showing_its_card_only(cached_site):
    harbour, rail = make_category("Harbour"), make_category("Rail")
    story = make_live_story(category=harbour)
    other = make_article("Timetable for the spring", category=rail)
    coverage.post(story, text="First update.")
    paths = ["/", story.url, other.url, f"/category/{harbour.slug}/", f"/category/{rail.slug}/"]
    for path in paths:
        warmed(cached_site, path)

    update = coverage.post(story, text="Second update from the coast.")
    seen = {path: cached_site.get(path) for path in paths}

    for path in ["/", story.url, f"/category/{harbour.slug}/"]:
        assert not seen[path].from_cache, path
    assert f">{local_time(update)}</time>" in seen["/"].text
    assert "Second update from the coast." in seen[story.url].text
    assert seen[other.url].from_cache
    assert seen[f"/category/{rail.slug}/"].from_cache


def test_going_live_refreshes_the_listings_showing_the_story(cached_site):
    story = make_article("Storm reaches the coast")
    warmed(cached_site, "/")

    coverage.start(story)

    assert "live-badge" in cached_site.get("/").text
