"""Reading exports of every WXR version, one record at a time."""

import tracemalloc
from datetime import UTC, datetime

from newsdesk.importers.wordpress import parse

from . import wxr
from .conftest import export_file


def records(path):
    return list(parse.read(path))


def test_a_wxr_1_0_export_without_cdata_reads_like_a_new_one():
    site, category, post = records(export_file("wxr-1.0.xml"))
    assert (site.title, site.base_url, site.wxr_version) == (
        "Old Mill Weekly",
        "http://oldmill.example",
        "1.0",
    )
    assert (category.slug, category.name, category.parent) == ("mill", "The Mill", "")
    assert post.title == "Café reopens by the wheel"
    assert post.content == "<p>The wheel turns again.</p>"
    assert post.excerpt == "" and post.password == ""
    assert post.date == datetime(2009, 3, 1, 12, tzinfo=UTC)
    assert [(t.taxonomy, t.slug) for t in post.terms] == [("category", "mill")]


def test_the_https_namespace_is_accepted(tmp_path):
    path = wxr.export(tmp_path, wxr.post(5, title="Secure"))
    path.write_text(
        path.read_text().replace(
            "http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/"
        )
    )
    assert records(path)[1].title == "Secure"


def test_memory_stays_flat_however_many_items_the_file_holds(tmp_path):
    path = wxr.export(tmp_path, *(wxr.post(n, content="words " * 400) for n in range(1, 3001)))
    assert path.stat().st_size > 7_000_000
    tracemalloc.start()
    try:
        assert sum(1 for record in parse.read(path) if isinstance(record, parse.Item)) == 3000
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000


def test_percent_encoded_slugs_become_unicode(tmp_path):
    path = wxr.export(tmp_path, wxr.post(5, post_name="%e6%b8%af"))
    assert records(path)[1].slug == "港"


def test_a_local_date_is_used_when_the_gmt_one_is_empty(tmp_path, settings):
    settings.TIME_ZONE = "Europe/London"
    item = wxr.post(5, date="0000-00-00 00:00:00", post_date="2024-07-01 10:00:00")
    post = records(wxr.export(tmp_path, item))[1]
    assert post.date == datetime(2024, 7, 1, 9, tzinfo=UTC)


def test_every_item_gets_a_digest_that_changes_with_its_content(tmp_path):
    one = records(wxr.export(tmp_path, wxr.post(5, content="a"), name="a.xml"))[1]
    same = records(wxr.export(tmp_path, wxr.post(5, content="a"), name="b.xml"))[1]
    other = records(wxr.export(tmp_path, wxr.post(5, content="b"), name="c.xml"))[1]
    assert one.digest == same.digest != other.digest
