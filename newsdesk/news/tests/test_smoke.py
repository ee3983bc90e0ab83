import pytest

from .builders import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def test_published_article_page_renders(client):
    article = make_article(
        "Harbour bridge reopens",
        category=make_category("Transport"),
        authors=[make_author("Ada Lane")],
        tags=["bridges"],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Harbour bridge reopens" in response.text
    assert client.get("/").status_code == 200
    assert client.get("/news/").status_code == 200
    assert client.get("/category/transport/").status_code == 200
    assert client.get("/tag/bridges/").status_code == 200
    assert client.get("/author/ada-lane/").status_code == 200
