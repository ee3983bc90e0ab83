"""Every old address of a published post or page leads to its new page, on any WordPress.

WordPress.com and multisite exports name the network in ``<wp:base_site_url>``
and the blog itself in ``<wp:base_blog_url>`` and every link; classic sites
use whatever permalink structure their owner chose.
"""

from datetime import UTC, datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.importers.models import WordPressObject

from . import wxr
from .conftest import FILES, import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture(autouse=True)
def any_host(settings):
    """Readers arrive on the old blog's own host name, pointed at the new site."""
    settings.ALLOWED_HOSTS = ["*"]


def page_of(wp_id, kind="post"):
    row = WordPressObject.objects.get(kind=kind, wp_id=str(wp_id))
    return Page.objects.get(pk=row.object_id).specific


def lands_on(client, old, title, host="testserver", secure=False):
    """Follow ``old`` once: a 301 to a page that answers 200 and shows ``title``."""
    moved = client.get(old, HTTP_HOST=host, secure=secure)
    assert moved.status_code == 301, f"{old} answered {moved.status_code}"
    landed = client.get(moved["Location"], HTTP_HOST=host, secure=secure)
    assert landed.status_code == 200
    assert title in landed.content.decode()
    return moved["Location"]


@pytest.fixture
def wordpress_com():
    import_wordpress("wordpress-com.xml")


@pytest.mark.parametrize(
    "old",
    [
        "/2013/01/11/tide-tables-return/",
        "/2013/01/11/tide-tables-return",
        "/?p=12",
    ],
)
@pytest.mark.parametrize("secure", [False, True])
def test_a_wordpress_com_post_is_found_at_its_old_addresses_on_the_blogs_host(
    client, wordpress_com, old, secure
):
    host = "quaysidenotes.wordpress.com"
    title = "Tide tables are back on the noticeboard"
    assert lands_on(client, old, title, host=host, secure=secure) == page_of(12).url


def test_a_pages_p_address_redirects_to_the_page_not_the_front_page(client, wordpress_com):
    assert lands_on(client, "/?p=20", "About these notes") == page_of(20, "page").url
    assert lands_on(client, "/?page_id=21", "Who writes them") == page_of(21, "page").url


def test_a_nested_page_path_redirects_to_the_page(client, wordpress_com):
    assert lands_on(client, "/about/who-writes/", "Who writes them") == page_of(21, "page").url
    assert lands_on(client, "/about/who-writes", "Who writes them")


def test_a_drafts_old_address_answers_404_until_it_is_published(client, wordpress_com):
    assert client.get("/?p=14").status_code == 404
    draft = page_of(14)
    draft.save_revision().publish()
    assert lands_on(client, "/?p=14", "Half-written thoughts on buoys") == page_of(14).url


def test_a_scheduled_posts_old_addresses_answer_404_until_it_goes_live(client, wordpress_com):
    for old in ("/?p=15", "/2031/03/01/regatta-day/"):
        assert client.get(old).status_code == 404
    after = datetime(2031, 3, 1, 10, 1, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=after):
        call_command("publish_scheduled", stdout=StringIO())
    for old in ("/?p=15", "/2031/03/01/regatta-day/"):
        assert lands_on(client, old, "Regatta day is set") == page_of(15).url


def test_links_between_posts_of_a_wordpress_com_blog_lead_to_the_new_pages(client, wordpress_com):
    story = client.get(page_of(12).url).content.decode()
    assert f'href="{page_of(21, "page").url}"' in story
    assert "quaysidenotes.wordpress.com" not in story


def test_unknown_p_ids_still_show_the_front_page(client, wordpress_com):
    assert client.get("/?p=999").status_code == 200


@pytest.fixture
def choir():
    import_wordpress("multisite-blog.xml")


@pytest.mark.parametrize(
    ("old", "title"),
    [
        ("/2019/06/summer-concert/", "Summer concert on the slipway"),
        ("/?p=5", "Summer concert on the slipway"),
        ("/join/rehearsals/", "Rehearsals"),
        ("/join/rehearsals/warm-ups/", "Winter warm-ups"),
        ("/join/rehearsals/warm-ups", "Winter warm-ups"),
        ("/?page_id=4", "Winter warm-ups"),
        ("/?p=3", "Rehearsals"),
    ],
)
def test_a_multisite_blogs_posts_and_nested_pages_keep_their_addresses(client, choir, old, title):
    lands_on(client, old, title, host="choir.harbournet.example", secure=True)


def test_two_blogs_of_one_network_are_kept_apart(tmp_path, choir):
    other = tmp_path / "rowers.xml"
    other.write_text(
        (FILES / "multisite-blog.xml")
        .read_text()
        .replace("choir.harbournet", "rowers.harbournet")
        .replace("Summer concert on the slipway", "Rowers cross the bay")
    )
    import_wordpress(other)
    assert {row.source for row in WordPressObject.objects.filter(kind="post", wp_id="5")} == {
        "http://choir.harbournet.example",
        "http://rowers.harbournet.example",
    }
    titles = set(Page.objects.values_list("title", flat=True))
    assert {"Summer concert on the slipway", "Rowers cross the bay"} <= titles


def test_a_blog_in_a_folder_of_its_network_is_found_with_and_without_the_folder(client, tmp_path):
    folder = tmp_path / "folder.xml"
    folder.write_text(
        (FILES / "multisite-blog.xml")
        .read_text()
        .replace("http://choir.harbournet.example", "http://harbournet.example/choir")
    )
    import_wordpress(folder)
    concert = "Summer concert on the slipway"
    for old in ("/choir/2019/06/summer-concert/", "/2019/06/summer-concert/", "/choir/?p=5"):
        lands_on(client, old, concert, host="harbournet.example")
    lands_on(client, "/choir/join/rehearsals/", "Rehearsals")


@pytest.fixture
def courier():
    import_wordpress("category-permalinks.xml")


@pytest.mark.parametrize(
    ("old", "title"),
    [
        ("/town/market/new-stalls/", "Three new stalls at the Saturday market"),
        ("/sport/river-cup", "Rowing club takes the river cup"),
        ("/sport/rowing-club-wins/", "Rowing club takes the river cup"),
        ("/?p=210", "Three new stalls at the Saturday market"),
        ("/?p=5", "Letters page"),
    ],
)
@pytest.mark.parametrize("host", ["www.courier.example", "courier.example"])
def test_category_permalinks_and_old_slugs_redirect(client, courier, old, title, host):
    lands_on(client, old, title, host=host, secure=True)


@pytest.mark.parametrize("old", ["/archives/301", "/archives/301/", "/?p=301"])
def test_archives_permalinks_redirect(client, old):
    import_wordpress("archives-permalinks.xml")
    assert lands_on(client, old, "Landing stage repainted") == page_of(301).url


def test_a_guid_from_the_host_the_blog_had_before_redirects_but_never_displaces_its_own(
    client, tmp_path
):
    moved = wxr.post(1, title="Moved house", xml="<guid>http://oldname.example/?p=2</guid>")
    own = wxr.post(2, title="Stayed put", xml="<guid>a1b2-not-an-address</guid>")
    old_host = wxr.post(3, title="Old host", xml="<guid>http://oldname.example/old-host/</guid>")
    import_wordpress(wxr.export(tmp_path, moved, own, old_host))
    assert lands_on(client, "/?p=2", "Stayed put") == page_of(2).url
    assert lands_on(client, "/old-host/", "Old host") == page_of(3).url
    assert not Redirect.objects.filter(old_path__contains="not-an-address").exists()
