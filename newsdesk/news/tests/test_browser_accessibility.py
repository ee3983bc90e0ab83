"""axe-core finds no accessibility violations on the pages readers use most."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.conftest_browser import axe_violations, describe_violations

from .builders import make_article, make_author, make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def approved_comment(article, name, body, parent=None):
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=f"{name.split()[0].lower()}@example.com",
        website="https://example.org/" if parent is None else "",
        body=body,
        status=Comment.Status.APPROVED,
    )


def newsroom():
    """A few stories in two sections, with bylines and tags, as the front page lists them."""
    transport, council = make_category("Transport"), make_category("Council")
    reporter = make_author("Ada Lane")
    stories = [
        make_article(
            f"{section.name} story {n}", category=section, authors=[reporter], tags=["city"]
        )
        for n in range(1, 4)
        for section in (transport, council)
    ]
    return stories[-1]


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], "axe-core found:\n" + describe_violations(violations)


def test_article_page_with_a_comment_thread_has_no_violations(open_page):
    article = newsroom()
    question = approved_comment(article, "Ola Berg", "Who pays for the new bridge?")
    answer = approved_comment(
        article, "Sam Roe", "The council, see www.example.org/budget.", question
    )
    approved_comment(article, "Ola Berg", "Thanks, that helps.", answer)
    approved_comment(article, "Kit Moss", "Great reporting.\n\nMore of this, please.")

    assert_no_violations(open_page(article.url))


def test_article_page_showing_a_form_error_has_no_violations(open_page):
    page = open_page(newsroom().url)
    form = page.locator("#commentform")
    form.get_by_role("textbox", name="Name").fill("Rosa Quill")
    form.get_by_role("textbox", name="Email").fill("not an address")
    form.get_by_role("textbox", name="Comment").fill("A long thought I would hate to retype.")
    form.get_by_role("button", name="Post Comment").click()
    page.get_by_role("alert").wait_for()

    assert_no_violations(page)


def test_front_page_has_no_violations(open_page):
    newsroom()
    assert_no_violations(open_page("/"))
