"""Every change a reader could see reaches them through the cache at once.

Each test fills the cache over HTTP, checks the next answer comes from it, makes
one change the way the newsroom does, and checks the very next answer shows it.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Site

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, NewsSettings
from newsdesk.news.tests.builders import make_article, make_author, make_category, paragraphs

pytestmark = pytest.mark.django_db

LISTINGS = ("/", "/category/{category}/", "/tag/harbour/", "/author/{author}/", "/news/")
FEEDS = ("/feed/", "/feed/atom/", "/feed.json", "/sitemap-articles.xml")


def warmed(site, path):
    """Load ``path`` twice and check the second answer came from the cache."""
    assert site.get(path).status == 200
    again = site.get(path)
    assert again.status == 200 and again.from_cache, path
    return again


@pytest.fixture
def filed():
    """A section, a reporter and one published story filed under both, tagged "harbour"."""
    category, author = make_category("Harbour"), make_author("Ines Tarr")
    story = make_article("Ferry timetable changes", category=category, authors=[author])
    story.tags.add("harbour")
    story.save_revision().publish()
    return {"category": category.slug, "author": author.slug, "story": story}


def paths(filed):
    return [p.format(**filed) for p in (*LISTINGS, *FEEDS)] + [filed["story"].url]


def test_a_second_request_is_answered_from_the_cache_until_something_changes(cached_site, filed):
    story = filed["story"]
    warmed(cached_site, story.url)
    # Changed behind Newsdesk's back (plain SQL, no publish): the kept copy stands.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET title = %s WHERE id = %s",
            ["Changed without telling anyone", story.pk],
        )
    assert "Ferry timetable changes" in cached_site.get(story.url).text


def test_publishing_a_story_shows_it_everywhere_at_once(cached_site, filed):
    for path in paths(filed):
        warmed(cached_site, path)
    story = filed["story"]
    fresh = make_article(
        "Lighthouse keeper retires",
        category=story.category,
        authors=[story.authors[0]],
        publish=False,
    )
    fresh.tags.add("harbour")
    fresh.save_revision().publish()

    for path in paths(filed):
        answer = cached_site.get(path)
        assert answer.status == 200
        assert fresh.slug in answer.text, path
    page = cached_site.get(filed["story"].url).page
    assert "Lighthouse keeper retires" in page.select_one(".latest-developments").text
    assert "Lighthouse keeper retires" in page.select_one(".more-from-section").text


def test_unpublishing_a_story_removes_it_everywhere_at_once(cached_site, filed):
    story = filed["story"]
    other = make_article("Quay repairs begin", category=story.category)
    for path in [*paths(filed), other.url]:
        warmed(cached_site, path)
    assert "Ferry timetable changes" in cached_site.get(other.url).text

    story.unpublish()

    assert cached_site.get(story.url).status == 404
    for path in [*paths(filed)[:-1], other.url]:
        assert story.slug not in cached_site.get(path).text, path


def test_editing_a_story_shows_the_new_words_on_its_page_listings_and_boxes(cached_site, filed):
    story = filed["story"]
    other = make_article("Quay repairs begin")
    for path in [*paths(filed), other.url]:
        warmed(cached_site, path)

    story.title = "Ferry timetable changes again"
    story.standfirst = "Sailings move by ten minutes from Monday."
    story.save_revision().publish()

    assert "Sailings move by ten minutes" in cached_site.get(story.url).text
    for path in [*paths(filed), other.url]:
        if "sitemap" not in path:  # a sitemap lists addresses, not headlines
            assert "Ferry timetable changes again" in cached_site.get(path).text, path


def test_a_scheduled_story_appears_when_its_time_comes(cached_site, filed):
    warmed(cached_site, "/")
    scheduled = make_article(
        "Tall ship visits", category=make_category(), authors=[make_author()], publish=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled.save_revision().publish()
    assert "Tall ship visits" not in cached_site.get("/").text

    an_hour_later = timezone.now() + timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        call_command("publish_scheduled", verbosity=0)

    assert "Tall ship visits" in cached_site.get("/").text
    assert cached_site.get(ArticlePage.objects.get(pk=scheduled.pk).url).status == 200


def approved_comment(story, body):
    return Comment.objects.create(
        article=story, name="Pia", email="pia@example.com", body=body, status="pending"
    )


def test_approving_a_comment_shows_it_and_its_count(cached_site, filed):
    story = filed["story"]
    comment = approved_comment(story, "The early boat is always late.")
    warmed(cached_site, story.url)
    front = warmed(cached_site, "/")
    assert "1 comment" not in front.text

    moderation.approve(comment)

    assert "The early boat is always late." in cached_site.get(story.url).text
    assert "1 comment" in cached_site.get("/").text
    assert "The early boat is always late." in cached_site.get("/comments/feed/").text


def test_removing_a_comment_takes_it_off_the_page(cached_site, filed):
    story = filed["story"]
    comment = approved_comment(story, "Off-topic remark about parking.")
    moderation.approve(comment)
    assert "Off-topic remark" in warmed(cached_site, story.url).text

    moderation.trash(comment)

    assert "Off-topic remark" not in cached_site.get(story.url).text


def test_a_pending_comment_arriving_leaves_the_kept_page_alone(cached_site, filed):
    story = filed["story"]
    warmed(cached_site, story.url)
    approved_comment(story, "Waiting for a moderator.")
    assert cached_site.get(story.url).from_cache


def test_renaming_a_section_or_a_reporter_shows_everywhere(cached_site, filed):
    story = filed["story"]
    for path in paths(filed):
        warmed(cached_site, path)
    category, author = story.category, story.authors[0]
    category.name, author.name = "Waterfront", "Ines Tarr-Moreau"
    category.save()
    author.save()

    page = cached_site.get(story.url).page
    assert page.select_one(".article-section").text.strip() == "Waterfront"
    assert "Ines Tarr-Moreau" in page.text
    assert "Waterfront" in cached_site.get("/").text


def test_changing_a_site_setting_shows_on_kept_pages(cached_site, filed):
    story = make_article("Storm closes the pier", body=paragraphs(8))
    before = warmed(cached_site, story.url).text
    assert before.index("Paragraph 4 of the story") < before.index("Latest developments")

    news_settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    news_settings.latest_developments_after_paragraph = 2
    news_settings.save()

    after = cached_site.get(story.url).text
    assert after.index("Latest developments") < after.index("Paragraph 3 of the story")


def test_a_story_made_private_leaves_every_box_even_in_another_worker(cached_site, filed):
    from wagtail.models import PageViewRestriction

    from newsdesk.caching.store import page_cache

    story = filed["story"]
    reader = make_article("Quay repairs begin")
    assert story.title in warmed(cached_site, reader.url).text
    cache = page_cache()

    PageViewRestriction.objects.create(page=story, restriction_type="login")
    cached_site.get(reader.url)  # re-rendered and put in the shared store by one worker
    cache._memory.clear()  # another worker: its own memory, its own copy of the box

    box = cached_site.get(reader.url).page.select_one(".latest-developments")
    assert story.title not in box.text
