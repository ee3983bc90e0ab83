"""What each part of a WordPress export becomes in Newsdesk."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Revision

from newsdesk.comments.models import Comment
from newsdesk.core.models import NewsImage, StandardPage
from newsdesk.importers.models import WordPressObject
from newsdesk.news.models import ArticlePage, Author, Category, HomePage

from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def imported(media_dir):
    """The gazette export imported with its uploads folder; returns the report."""
    return import_wordpress("gazette.xml", media_dir=str(media_dir))


def story(wp_id):
    pk = WordPressObject.objects.get(kind="post", wp_id=str(wp_id)).object_id
    return ArticlePage.objects.get(pk=pk)


def test_published_posts_go_live_with_their_dates_and_excerpt(imported):
    ferry = story(101)
    assert ferry.live and ferry.title == "The night ferry sails again"
    assert ferry.first_published_at == datetime(2024, 5, 2, 8, 30, tzinfo=UTC)
    assert ferry.last_published_at == datetime(2024, 5, 4, 10, 0, tzinfo=UTC)
    assert ferry.last_updated_at == ferry.last_published_at
    assert ferry.standfirst == "The harbour's night ferry is back after two winters."
    assert ferry.url == "/news/night-ferry/"


def test_statuses_map_to_live_scheduled_draft_and_not_public(imported):
    scheduled = story(103)
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2030, 7, 1, 9, 0, tzinfo=UTC)
    revision = Revision.page_revisions.get(object_id=str(scheduled.pk))
    assert revision.approved_go_live_at == scheduled.go_live_at
    assert not story(104).live and story(104).first_published_at is None
    assert not story(105).live
    published = ArticlePage.objects.published()
    assert story(106).live and not published.filter(pk=story(106).pk).exists()
    password = PageViewRestriction.objects.get(page=story(107))
    assert password.restriction_type == "password" and password.password == "lantern"
    assert PageViewRestriction.objects.get(page=story(106)).restriction_type == "login"
    assert "post 107: password-protected: imported as not public" in imported


def test_sticky_posts_become_front_page_picks(imported):
    picks = HomePage.objects.get().picks.all()
    assert [pick.article_id for pick in picks] == [story(101).pk]


def test_categories_keep_hierarchy_slugs_and_descriptions(imported):
    harbour = Category.objects.get(slug="harbour")
    assert harbour.parent.slug == "town"
    assert harbour.description == "Boats, tides and the quay."
    assert Category.objects.get(slug="town").name == "Town & Around"
    assert Category.objects.filter(slug="letters").exists()  # empty, still imported
    assert Category.objects.filter(slug="uncategorized").count() == 1
    assert story(110).category == Category.objects.uncategorized()
    assert story(104).category == Category.objects.uncategorized()


def test_a_post_in_several_categories_is_filed_under_the_first_and_reported(imported):
    assert story(101).category.slug == "town"
    assert "post 101: in 2 categories (town, harbour); filed under town" in imported


def test_tags_keep_their_slugs_non_latin_included(imported):
    assert set(story(101).tags.values_list("slug", flat=True)) == {"ferries", "港"}
    assert Tag.objects.get(slug="港").name == "港"


def test_authors_become_profiles_without_login_or_email(imported):
    mara = Author.objects.get(name="Mara Quill")
    assert story(101).authors == [mara]
    assert Author.objects.filter(name="Ines Holt").exists()  # wrote nothing
    visitor = story(110).authors[0]
    assert visitor.name == "visitor"
    assert "author visitor: named by posts but not declared" in imported
    for author in Author.objects.all():
        assert "@" not in f"{author.name} {author.slug} {author.bio}"


def test_comments_keep_threads_people_dates_and_statuses(imported):
    comments = {c.name: c for c in Comment.objects.filter(article=story(101))}
    ada, bram, cleo = comments["Ada Pike"], comments["Bram Oakes"], comments["Cleo Marsh"]
    assert (ada.depth, bram.parent, bram.depth, cleo.parent, cleo.depth) == (0, ada, 1, bram, 2)
    assert ada.email == "ada@readers.example" and ada.website == "https://ada.readers.example/"
    assert ada.ip_address == "203.0.113.7" and bram.ip_address == "2001:db8::5"
    assert ada.body == "About time! Lovely to hear the horn again."
    assert ada.created_at == datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    assert cleo.email == "" and cleo.ip_address is None
    assert ada.status == Comment.Status.APPROVED and cleo.status == Comment.Status.PENDING
    assert comments["Cheap Boats"].status == Comment.Status.SPAM
    assert comments["Dot Fenn"].status == Comment.Status.TRASH


def test_pingbacks_are_skipped_and_counted(imported):
    assert not Comment.objects.filter(name="Harbour Blog").exists()
    assert "pingbacks 1" in imported


def test_pages_become_plain_pages_and_their_comments_are_reported(imported):
    about = StandardPage.objects.get(title="About the Gazette")
    assert about.live and about.introduction == "Who we are."
    assert about.get_parent().specific_class is HomePage
    assert about.slug == "about-2" or about.slug == "about"
    assert "page 301: 1 comments left out" in imported


def test_attachments_with_files_become_images_and_the_featured_one_the_hero(imported):
    ferry = story(101)
    assert ferry.hero_image.title == "The night ferry at the quay"
    assert ferry.hero_caption == "The ferry at dusk."
    assert NewsImage.objects.count() == 1
    assert "attachment 202: file '2024/05/band.jpg' not found" in imported


def test_untitled_long_titled_and_duplicate_slug_posts_all_import(imported):
    assert story(108).title == "(no title)"
    long_title = story(109).title
    assert len(long_title) == 255 and long_title.startswith("Το λιμάνι ξυπνά: 港の朝")
    assert story(109).slug == "λιμάνι"
    assert story(110).slug == "night-ferry-2"
    assert "post 108: has no title" in imported


def test_not_content_is_skipped_and_counted(imported):
    assert "nav_menu_item 1" in imported and "product 1" in imported
    assert "nav_menu term 1" in imported
    assert "post (trash) 1" in imported
    assert not ArticlePage.objects.filter(title="Deleted story").exists()


def test_the_report_counts_each_kind(imported):
    lines = imported.splitlines()
    posts = next(line for line in lines if line.startswith("posts"))
    assert posts.split() == ["posts", "10", "0", "0", "0"]
    comments = next(line for line in lines if line.startswith("comments"))
    assert comments.split()[1] == "5"


def test_imported_stories_are_found_by_site_search(imported):
    assert story(101).pk in [page.pk for page in ArticlePage.objects.search("lanterns")]


def test_words_in_galleries_tables_and_code_are_found_by_site_search(imported):
    for word in ("crossing", "21:00", "timetable"):
        assert story(101).pk in [page.pk for page in ArticlePage.objects.search(word)], word


def test_closed_comments_stay_closed(imported):
    assert story(101).comments_open and not story(102).comments_open


def test_a_scheduled_story_goes_live_when_wagtail_publishes_scheduled_pages(imported):
    from unittest import mock

    from django.core.management import call_command

    bylined_before = [byline.author.slug for byline in story(103).bylines.all()]
    assert bylined_before
    after = datetime(2030, 7, 1, 9, 1, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=after):
        call_command("publish_scheduled", stdout=StringIO())
    assert story(103).live and story(103).first_published_at == after
    assert [byline.author.slug for byline in story(103).bylines.all()] == bylined_before


def test_a_file_that_is_not_a_picture_is_reported(media_dir):
    fake = media_dir / "wp-content" / "uploads" / "2024" / "05" / "band.jpg"
    fake.write_text("not really a picture")
    report = import_wordpress("gazette.xml", media_dir=str(media_dir))
    assert "attachment 202: 2024/05/band.jpg is not a picture; left out" in report
    assert NewsImage.objects.count() == 1
