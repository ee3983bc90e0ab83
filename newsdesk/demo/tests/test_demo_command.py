"""``newsdesk demo`` makes a complete sample paper, and running it again changes nothing."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from newsdesk.comments.models import Comment
from newsdesk.demo import live as live_demo
from newsdesk.demo.build import planned_stories, story_slug
from newsdesk.news.models import ArticleAuthor, ArticlePage, Author, Category, Correction

pytestmark = pytest.mark.django_db

LOGIN = re.compile(r"username: (?P<username>\S+)\s+password: (?P<password>\S+)")


@pytest.fixture(autouse=True)
def _pictures_made_by_readers(settings):
    """Hundreds of renditions of the demo's pictures would take most of each test's time;
    making them on publish is ``core/tests/test_pictures.py``'s to check."""
    settings.NEWSDESK_PICTURES_ON_PUBLISH = False


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """The demo keeps its admin password in the data folder: a fresh one per test."""
    settings.DATA_DIR = tmp_path


def run_demo(*args):
    output = StringIO()
    call_command("demo", *args, stdout=output)
    return output.getvalue()


def assert_live_coverage_near_the_top_of_the_front_page():
    """A flood followed live (31 updates, every kind of block) and an ended live story."""
    flood = ArticlePage.objects.get(slug=live_demo.FLOOD_SLUG)
    updates = flood.live_updates.all()
    assert flood.live_coverage.is_running
    assert 28 <= updates.count() <= 32
    assert updates.key_events().count() == 3
    assert updates.filter(pinned=True).count() == 1
    assert updates.filter(edited_at__isnull=False).count() == 1
    assert updates.filter(withdrawn_at__isnull=False).count() == 1
    kinds = {block.block_type for update in updates for block in update.body}
    assert kinds == {"paragraph", "image", "quote", "link"}
    posted = sorted(updates.values_list("posted_at", flat=True))
    assert timezone.now() - timedelta(hours=4) < posted[0] < posted[-1] - timedelta(hours=2)
    marathon = ArticlePage.objects.get(slug=live_demo.MARATHON_SLUG)
    assert not marathon.live_coverage.is_running and marathon.live_updates.exists()
    front = BeautifulSoup(Client().get("/").content, "html.parser").get_text()
    assert flood.title in front and marathon.title in front


def test_demo_paper_has_stories_sections_reporters_tags_threaded_comments_and_live_coverage():
    output = run_demo()

    stories = ArticlePage.objects.published()
    assert stories.count() >= 30
    filed = Category.objects.filter(articles__in=stories).distinct()
    assert filed.count() >= 5
    assert Category.objects.filter(parent__isnull=False, articles__in=stories).exists()
    assert Author.objects.filter(bylines__isnull=False).distinct().count() >= 5
    bylines = ArticleAuthor.objects.filter(article__in=stories)
    roles = {"Reporting", "Additional reporting", "Photographs", "Video"}
    assert set(bylines.values_list("role", flat=True)) >= roles
    assert set(bylines.filter(author=None).values_list("credit", flat=True)) == {
        "Staff",
        "Estuary News Agency",
    }
    assert stories.exclude(dateline="").count() >= 5
    assert Tag.objects.count() >= 10
    assert not stories.filter(hero_image__isnull=True).exists()
    assert Comment.objects.approved().filter(depth__gte=2).exists()
    assert Comment.objects.pending().exists()
    assert stories.exclude(update_note="").filter(last_updated_at__isnull=False).exists()
    assert {note.kind for note in Correction.objects.public()} == set(Correction.Kind)
    assert "38 stories (38 new) in 8 sections by 6 reporters" in output
    assert_live_coverage_near_the_top_of_the_front_page()


def test_demo_prints_an_admin_login_that_works_and_its_dashboard_shows_a_held_story():
    login = LOGIN.search(run_demo("--articles", "3"))

    client = Client()
    assert client.login(username=login["username"], password=login["password"])
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    held = BeautifulSoup(dashboard.content, "html.parser").select_one(".held-reasons")
    assert held.text.startswith("held: Add a byline")


def test_demo_does_not_print_a_password_that_no_longer_works():
    first = LOGIN.search(run_demo("--articles", "2"))
    editor = get_user_model().objects.get(username=first["username"])
    editor.set_password("changed-by-the-editor")
    editor.save()

    output = run_demo("--articles", "2")

    assert first["password"] not in output
    assert "username: admin  password" not in output
    assert "changepassword admin" in output


def test_demo_discussions_read_like_conversations():
    run_demo("--articles", "12")
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    assert not [reply for reply in replies if reply.name == reply.parent.name]
    for story in ArticlePage.objects.all():
        bodies = list(story.comments.values_list("body", flat=True))
        assert len(bodies) == len(set(bodies)), story.title


def test_demo_links_its_about_page_and_story_index_from_the_footer():
    run_demo("--articles", "2")
    footer = BeautifulSoup(Client().get("/").content, "html.parser").select_one(".site-footer")
    assert [a["href"] for a in footer.select(".footer-pages a")] == ["/news/", "/about/"]


def test_front_page_and_a_story_with_its_discussion_render_for_a_reader():
    run_demo("--articles", "6")
    reader = Client()

    front = BeautifulSoup(reader.get("/").content, "html.parser")
    lead = front.select_one(".front-lead .story-card-title a")
    story = BeautifulSoup(reader.get(lead["href"]).content, "html.parser")

    assert story.select_one("h1").text == lead.text
    assert story.select(".article-body .latest-developments li a")
    assert len(story.select(".comment-list .comment-text")) >= 3
    discussed = Comment.objects.filter(depth=2).select_related("article").first().article
    thread = BeautifulSoup(reader.get(discussed.url).content, "html.parser")
    assert thread.select(".comment-list .children .children .comment-text")


def test_running_the_demo_again_keeps_one_paper_and_the_same_login():
    first = LOGIN.search(run_demo("--articles", "5"))
    counts = (ArticlePage.objects.count(), Comment.objects.count(), Author.objects.count())

    second_output = run_demo("--articles", "5")

    assert (ArticlePage.objects.count(), Comment.objects.count(), Author.objects.count()) == (
        counts
    )
    assert "5 stories (0 new)" in second_output
    assert LOGIN.search(second_output)["password"] == first["password"]


def test_asking_for_more_stories_adds_only_the_missing_ones():
    run_demo("--articles", "4")
    headlines = set(ArticlePage.objects.values_list("title", flat=True))

    output = run_demo("--articles", "7")

    assert "7 stories (3 new)" in output
    assert headlines < set(ArticlePage.objects.values_list("title", flat=True))
    assert ArticlePage.objects.published().filter(live_coverage__isnull=True).count() == 7


def test_more_stories_than_seeds_get_distinct_headlines_and_addresses():
    headlines = [headline for headline, _seed in planned_stories(500)]

    assert len(set(headlines)) == 500
    assert len({story_slug(headline) for headline in headlines}) == 500


def test_zero_stories_is_refused_with_one_clear_line():
    with pytest.raises(CommandError, match="--articles must be 1 or more"):
        run_demo("--articles", "0")
