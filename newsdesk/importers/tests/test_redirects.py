"""Every old WordPress address answers with a permanent redirect to the new one."""

import pytest

from newsdesk.importers.models import WordPressObject
from newsdesk.news.models import ArticlePage

from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def gazette():
    import_wordpress("gazette.xml")


def url_of(wp_id):
    pk = WordPressObject.objects.get(kind="post", wp_id=str(wp_id)).object_id
    return ArticlePage.objects.get(pk=pk).url


@pytest.mark.parametrize(
    "old",
    ["/2024/05/02/night-ferry/", "/2024/05/02/night-ferry", "/?p=101"],
)
def test_old_post_addresses_redirect_permanently(client, gazette, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == url_of(101) == "/news/night-ferry/"


def test_a_non_latin_permalink_redirects(client, gazette):
    response = client.get("/2024/05/08/%ce%bb%ce%b9%ce%bc%ce%ac%ce%bd%ce%b9/")
    assert response.status_code == 301
    assert response["Location"] == url_of(109)


def test_page_ids_redirect_to_plain_pages(client, gazette):
    response = client.get("/?page_id=301")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200


def test_category_and_tag_archives_redirect(client, gazette):
    assert client.get("/category/town/harbour/")["Location"] == "/category/harbour/"
    assert client.get("/?cat=3")["Location"] == "/category/harbour/"
    assert client.get("/?tag=ferries")["Location"] == "/tag/ferries/"
    assert client.get("/category/harbour/").status_code == 200


def test_the_front_page_with_other_query_strings_is_still_the_front_page(client, gazette):
    assert client.get("/?p=99999").status_code == 200
    assert client.get("/?page=2").status_code in {200, 404}
    assert client.get("/?p=101").status_code == 301


def test_redirects_follow_the_story_when_an_editor_moves_it(client, gazette):
    story = ArticlePage.objects.get(pk=WordPressObject.objects.get(wp_id="101").object_id)
    story.slug = "ferry-back"
    story.save_revision().publish()
    assert client.get("/?p=101")["Location"] == "/news/ferry-back/"
