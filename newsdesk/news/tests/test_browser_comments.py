"""A reader in a real browser leaves a reply on a story, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.comments.models import Comment

from .builders import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AWAITING = "Your comment is awaiting moderation."
READER = {
    "Name": "Rosa Quill",
    "Email": "rosa.quill@example.com",
    "Website": "https://rosa.example.org/",
    "Comment": "The new timetable suits early shifts much better.",
}


def fill_in_reply(page, **fields):
    """Type into the "Leave a Reply" form by its visible labels, then send it."""
    form = page.locator("#commentform")
    for label, value in {**READER, **fields}.items():
        form.get_by_role("textbox", name=label).fill(value)
    form.get_by_role("button", name="Post Comment").click()


def expect_own_comment_awaiting_moderation(page, text):
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    comment_id = page.url.rpartition("#")[2]
    comment = page.locator(f"#{comment_id}")
    expect(comment).to_contain_text(text)
    expect(comment.get_by_role("status")).to_have_text(AWAITING)
    stored = Comment.objects.get(pk=comment_id.removeprefix("comment-"))
    assert (stored.name, stored.email, stored.website, stored.body) == tuple(READER.values())
    assert stored.status == Comment.Status.PENDING


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_reader_leaves_a_reply_and_sees_it_awaiting_moderation(open_page, javascript):
    article = make_article("Night buses return")
    page = open_page(article.url, javascript=javascript)
    expect(page.get_by_role("heading", name="Leave a Reply")).to_be_visible()

    fill_in_reply(page)

    expect_own_comment_awaiting_moderation(page, READER["Comment"])


def test_without_javascript_a_form_error_keeps_the_comment_until_it_is_fixed(open_page):
    article = make_article("Harbour bridge reopens")
    page = open_page(article.url, javascript=False)

    fill_in_reply(page, Email="rosa.quill.example.com")

    expect(page.get_by_role("alert")).to_contain_text("Email")
    expect(page.get_by_role("alert")).to_be_in_viewport()
    email = page.locator("#commentform").get_by_role("textbox", name="Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#commentform").get_by_role("textbox", name="Comment")).to_have_value(
        READER["Comment"]
    )
    assert Comment.objects.count() == 0

    email.fill(READER["Email"])
    page.locator("#commentform").get_by_role("button", name="Post Comment").click()

    expect_own_comment_awaiting_moderation(page, READER["Comment"])


def test_a_long_unbroken_name_does_not_widen_the_page_on_a_phone(open_page):
    article = make_article("Ferry fares frozen")
    Comment.objects.create(
        article=article,
        name="N" * 100,
        email="long.name@example.com",
        website="https://long.example.org/",
        body="A" * 300,
        status=Comment.Status.APPROVED,
    )
    page = open_page(article.url, width=390)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
