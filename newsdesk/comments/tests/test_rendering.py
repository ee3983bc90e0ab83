"""A comment is plain text: markup shows as text, addresses become safe links."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db


def rendered(body="Plain words.", **fields):
    article = make_article()
    comment = Comment.objects.create(
        article=article,
        name=fields.pop("name", "Ola"),
        email="ola@example.com",
        body=body,
        status=Comment.Status.APPROVED,
        **fields,
    )
    page = BeautifulSoup(Client().get(article.url).content, "html.parser")
    return page.select_one(f"#comment-{comment.pk}")


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[x](javascript:alert(1))",
    "&#106;avascript:alert(1)",
    '"><iframe src=//evil.example></iframe>',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_markup_in_a_comment_shows_as_text(payload):
    node = rendered(body=payload)
    text = node.select_one(".comment-text")
    assert text.text == payload
    assert text.find(["script", "img", "svg", "iframe"]) is None
    assert not any(a["href"].lower().startswith("javascript") for a in node.select("a[href]"))


@pytest.mark.parametrize("payload", ["x' onmouseover='alert(1)", '"><svg onload=alert(1)>'])
def test_markup_in_a_name_shows_as_text(payload):
    node = rendered(name=payload)
    assert node.select_one(".comment-author").text == payload
    assert node.find("svg") is None
    assert all("onmouseover" not in attrs for attrs in (tag.attrs for tag in node.find_all()))


def test_web_addresses_become_links_that_pass_no_credit():
    node = rendered(body="Timetable at https://example.org/ferries. Also www.example.net")
    links = node.select(".comment-text a")
    assert [(a["href"], a.text) for a in links] == [
        ("https://example.org/ferries", "https://example.org/ferries"),
        ("https://www.example.net", "www.example.net"),
    ]
    assert all(a["rel"] == ["nofollow", "ugc", "noopener", "noreferrer"] for a in links)
    assert node.select_one(".comment-text").text.endswith("ferries. Also www.example.net")


def test_line_breaks_and_paragraphs_are_kept():
    node = rendered(body="First line\nsecond line\n\nNew paragraph")
    paragraphs = node.select(".comment-text p")
    assert len(paragraphs) == 2
    assert paragraphs[0].find("br") is not None
    assert paragraphs[1].text == "New paragraph"


def test_authors_website_links_their_name_with_nofollow_ugc():
    node = rendered(website="https://rosa.example.org/")
    link = node.select_one(".comment-author a")
    assert link["href"] == "https://rosa.example.org/"
    assert {"nofollow", "ugc"} <= set(link["rel"])


def test_comment_text_takes_its_direction_from_its_own_words():
    node = rendered(body="مرحبا ‮evil.exe")
    assert node.select_one(".comment-text")["dir"] == "auto"
    assert node.select_one(".comment-author bdi") is not None


def test_bidi_override_in_a_typed_name_is_removed_before_saving():
    from .reader import Reader

    article = make_article()
    Reader().leave_reply(article, name="Ola\u202e gnp.exe")
    assert Comment.objects.get().name == "Ola gnp.exe"


def queries_to_render(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("removed_parents", [False, True], ids=["all-shown", "removed-parents"])
def test_article_page_queries_do_not_grow_with_its_comments(removed_parents):
    article = make_article()
    client = Client()

    def add_thread(count):
        parent = None
        for n in range(count):
            is_reply = n % 2
            removed = removed_parents and not is_reply and n % 4 == 0
            parent = Comment.objects.create(
                article=article,
                parent=parent if is_reply else None,
                depth=1 if is_reply else 0,
                name=f"Reader {n}",
                email=f"r{n}@example.com",
                body=f"Point {n}",
                status=Comment.Status.TRASH if removed else Comment.Status.APPROVED,
                website="https://example.org/" if n % 3 else "",
            )

    add_thread(5)
    client.get(article.url)
    with_five = queries_to_render(client, article.url)
    add_thread(45)
    assert queries_to_render(client, article.url) == with_five
    assert with_five <= 25
    shown = client.get(article.url).content.decode()
    assert ("This comment is no longer shown." in shown) == removed_parents
