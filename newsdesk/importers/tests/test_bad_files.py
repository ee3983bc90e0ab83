"""A file that cannot be imported stops the run with one clear line, and writes nothing."""

import pytest
from django.core.management.base import CommandError
from wagtail.models import Page

from newsdesk.comments.models import Comment
from newsdesk.news.models import Author, Category

from . import wxr
from .conftest import FILES, MIGRATED_PAGES, import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def nothing_written():
    return (
        Page.objects.count() == MIGRATED_PAGES
        and not Comment.objects.exists()
        and not Author.objects.exists()
        and list(Category.objects.values_list("slug", flat=True)) == ["uncategorized"]
    )


def refused(path):
    assert nothing_written()
    with pytest.raises(CommandError) as error:
        import_wordpress(path)
    assert nothing_written()
    message = str(error.value)
    assert "\n" not in message
    return message


def test_malformed_xml_names_its_line():
    assert "malformed.xml: not a readable XML file at line 234" in refused(FILES / "malformed.xml")


def test_a_truncated_file_says_so():
    assert "the file ends early (is it truncated?)" in refused(FILES / "truncated.xml")


def test_a_file_that_is_not_wxr_is_refused():
    assert "not a WordPress export (WXR): it starts with <html>" in refused(FILES / "not-wxr.xml")


def test_an_rss_feed_without_wxr_version_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<rss><channel><title>A feed</title><item><title>x</title></item></channel></rss>"
    )
    assert "no <wp:wxr_version>" in refused(feed)


def test_an_unknown_encoding_is_refused():
    assert "encoding" in refused(FILES / "unknown-encoding.xml")


def test_a_broken_date_names_the_item_after_earlier_good_items(tmp_path):
    path = wxr.export(tmp_path, wxr.post(1), wxr.post(2, date="2024-02-31 10:00:00"))
    assert "item 2: post_date '2024-02-31 10:00:00' is not a date" in refused(path)


def test_entity_declarations_are_refused():
    assert "refused" in refused(FILES / "entities.xml")


def test_a_missing_file_is_refused():
    with pytest.raises(CommandError, match="no such file"):
        import_wordpress(FILES / "nowhere.xml")
