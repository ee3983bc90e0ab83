"""A reader finds the discussion from the headline, and a refused comment says so first."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article
from newsdesk.testing.nu_html import nu_html_errors

from .reader import Reader

pytestmark = pytest.mark.django_db


def add_comments(article, *statuses):
    for n, status in enumerate(statuses):
        Comment.objects.create(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            body=f"Comment number {n}.",
            status=status,
        )


def page_of(article):
    response = Client().get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def count_link(page):
    return page.select_one(".article-header .article-meta .comment-count a")


APPROVED, PENDING, SPAM, TRASH = (
    Comment.Status.APPROVED,
    Comment.Status.PENDING,
    Comment.Status.SPAM,
    Comment.Status.TRASH,
)


def test_the_count_near_the_headline_counts_approved_comments_and_links_to_them():
    article = make_article("Tram line extended")
    add_comments(article, APPROVED, APPROVED, PENDING, SPAM, TRASH, APPROVED)

    page = page_of(article)

    link = count_link(page)
    assert link.text == "3 comments"
    assert link["href"] == "#comments"
    assert page.select_one("#comments #comments-title").text == "3 comments"


@pytest.mark.parametrize(
    ("statuses", "shown"),
    [((), "No comments yet"), ((APPROVED,), "1 comment"), ((APPROVED, PENDING), "1 comment")],
)
def test_the_count_near_the_headline_reads_naturally(statuses, shown):
    article = make_article()
    add_comments(article, *statuses)
    assert count_link(page_of(article)).text == shown


def test_a_skip_link_after_skip_to_content_jumps_to_the_comments():
    page = page_of(make_article())
    skip_links = page.body.find_all("a", class_="skip-link")
    assert [(a.text, a["href"]) for a in skip_links] == [
        ("Skip to content", "#main"),
        ("Skip to comments", "#comments"),
    ]
    assert page.select_one("section#comments") is not None


def test_a_closed_story_without_comments_offers_no_shortcut_to_them():
    page = page_of(make_article(comments_open=False))
    assert count_link(page) is None
    assert page.select_one('a.skip-link[href="#comments"]') is None


def test_a_closed_story_still_counts_its_comments():
    article = make_article(comments_open=False)
    add_comments(article, APPROVED, APPROVED)
    page = page_of(article)
    assert count_link(page).text == "2 comments"
    assert page.select_one('a.skip-link[href="#comments"]') is not None


def test_a_story_page_title_does_not_report_an_error():
    page = page_of(make_article("Tram line extended"))
    assert page.title.text.startswith("Tram line extended")


def test_a_refused_comment_titles_the_page_error_and_summarises_each_field_to_fix():
    article = make_article("Tram line extended")
    response = Reader().leave_reply(article, name="", comment="")

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.text.startswith("Error: Tram line extended")
    summary = page.select_one("#commentform > #comment-errors")
    assert summary["tabindex"] == "-1"
    links = summary.select("a")
    assert [a.text.partition(":")[0] for a in links] == ["Name", "Comment"]
    for link in links:
        field = page.select_one(link["href"])
        assert field["aria-invalid"] == "true"


def test_the_form_sends_the_reader_back_to_the_error_summary_when_refused():
    page = page_of(make_article())
    assert page.select_one("#commentform")["action"].endswith("#comment-errors")


def test_the_story_page_with_its_comment_count_is_valid_html():
    article = make_article()
    add_comments(article, APPROVED, APPROVED)
    html = Client().get(article.url).content.decode()
    refused = Reader().leave_reply(article, comment="").content.decode()
    errors = nu_html_errors({"story": html, "refused comment": refused})
    # Another change fixes fractions of a second in datetime attributes.
    errors = {
        name: [error for error in found if "fraction" not in error.lower()]
        for name, found in errors.items()
    }
    assert {name: found for name, found in errors.items() if found} == {}
