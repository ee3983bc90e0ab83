"""What an export must say, and what it may leave out.

A file that is not WXR 1.0, 1.1 or 1.2 is refused before anything is written.
Items without ``<wp:post_id>`` (some exporters and older WordPress versions
write none) are imported under ids derived from what they do say; items
without a date take the export's, and say so.
"""

import os
from datetime import UTC, datetime

import pytest
from django.core.management.base import CommandError
from wagtail.models import Page

from newsdesk.comments.models import Comment
from newsdesk.importers.wordpress import parse
from newsdesk.news.models import ArticlePage

from .conftest import FILES, MIGRATED_PAGES, import_wordpress

NO_IDS = FILES / "no-ids.xml"
HERON = "A heron on the balance beam"


def items(path):
    return [record for record in parse.read(path) if isinstance(record, parse.Item)]


def edited(tmp_path, old, new, name="edited.xml"):
    path = tmp_path / name
    path.write_text(NO_IDS.read_text().replace(old, new))
    return path


def test_items_without_post_ids_get_ids_from_their_guid_or_link_and_title(tmp_path):
    gates, heron = items(NO_IDS)
    assert gates.derived_id and heron.derived_id
    assert gates.wp_id < 0 and heron.wp_id < 0 and gates.wp_id != heron.wp_id
    again = [item.wp_id for item in items(edited(tmp_path, "Both upper", "Both lower"))]
    assert again == [gates.wp_id, heron.wp_id]
    renamed = items(edited(tmp_path, HERON, "A heron, again"))
    assert renamed[0].wp_id == gates.wp_id and renamed[1].wp_id != heron.wp_id


def test_an_undated_item_takes_the_exports_date_and_a_dated_one_keeps_its_own():
    gates, heron = items(NO_IDS)
    assert gates.date == datetime(2025, 3, 1, 9, tzinfo=UTC) and not gates.dated_by
    assert heron.date == datetime(2025, 3, 8, 6, 45, tzinfo=UTC)
    assert heron.dated_by == "the export's <pubDate>"


def test_without_a_channel_date_the_files_modification_time_is_used(tmp_path):
    path = edited(tmp_path, "<pubDate>Sat, 08 Mar 2025 06:45:00 +0000</pubDate>", "")
    moment = datetime(2025, 3, 9, 12, tzinfo=UTC)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    heron = items(path)[1]
    assert heron.date == moment and heron.dated_by == "the file's modification time"


def test_an_undated_draft_stays_undated(tmp_path):
    path = edited(
        tmp_path,
        "<wp:post_name>heron-on-the-beam</wp:post_name>\n\t\t<wp:status>publish",
        "<wp:post_name>heron-on-the-beam</wp:post_name>\n\t\t<wp:status>draft",
    )
    heron = items(path)[1]
    assert heron.status == "draft" and heron.date is None and not heron.dated_by


@pytest.mark.django_db
@pytest.mark.engine
def test_an_export_without_post_or_comment_ids_is_imported_and_a_second_run_changes_nothing():
    first = import_wordpress(NO_IDS)
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {
        "Gates oiled before the spring traffic",
        HERON,
    }
    assert Comment.objects.get().name == "Barge skipper"
    pages = Page.objects.count()
    second = import_wordpress(NO_IDS)
    assert Page.objects.count() == pages and Comment.objects.count() == 1
    assert "posts" in first
    posts = next(line for line in second.splitlines() if line.startswith("posts"))
    assert posts.split() == ["posts", "0", "0", "2", "0"]


@pytest.mark.django_db
@pytest.mark.engine
def test_an_undated_story_is_reported_and_appears_wherever_stories_appear(client):
    report = import_wordpress(NO_IDS)
    heron = ArticlePage.objects.get(title=HERON)
    assert f"post {heron_wp_id()}: no <wp:post_date>: dated 2025-03-08 06:45 UTC" in report
    assert heron.first_published_at == datetime(2025, 3, 8, 6, 45, tzinfo=UTC)
    assert ArticlePage.objects.published().filter(pk=heron.pk).exists()
    for address in ("/", "/news/", "/feed/", "/sitemap-articles.xml", "/search/?q=heron"):
        answer = client.get(address)
        # The search page marks the words found, so the address is what is looked for.
        assert answer.status_code == 200 and heron.url in answer.content.decode(), address


def heron_wp_id():
    return items(NO_IDS)[1].wp_id


def nothing_written():
    return Page.objects.count() == MIGRATED_PAGES and not ArticlePage.objects.exists()


@pytest.mark.django_db
@pytest.mark.engine
@pytest.mark.parametrize(
    ("version", "named"),
    [
        ("<wp:wxr_version>2.0</wp:wxr_version>", "WXR version '2.0'"),
        ("<wp:wxr_version>1.3</wp:wxr_version>", "WXR version '1.3'"),
        ("<wp:wxr_version></wp:wxr_version>", "an empty <wp:wxr_version>"),
        ("", "no <wp:wxr_version>"),
    ],
)
def test_a_file_that_is_not_wxr_1_0_to_1_2_is_refused_with_one_line(tmp_path, version, named):
    path = edited(tmp_path, "<wp:wxr_version>1.0</wp:wxr_version>", version)
    with pytest.raises(CommandError) as error:
        import_wordpress(path)
    message = str(error.value)
    assert named in message and "\n" not in message
    assert nothing_written()
