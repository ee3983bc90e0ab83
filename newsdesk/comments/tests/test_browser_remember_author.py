"""A reader who ticks "Remember my name…" finds the form filled in on their next visit."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.news.tests.builders import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REMEMBER = "Remember my name, email and website in this browser"
READER = {"Name": "Rosa Quill", "Email": "rosa@example.com", "Website": "https://rosa.example/"}


def field(page, label):
    return page.locator("#commentform").get_by_role("textbox", name=label)


def post(page, comment, **details):
    for label, value in details.items():
        field(page, label).fill(value)
    field(page, "Comment").fill(comment)
    page.locator("#commentform").get_by_role("button", name="Post Comment").click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))


def test_remembered_details_fill_the_form_until_the_reader_unticks_the_box(open_page):
    article = make_article("Ferry timetable changes")

    page = open_page(article.url, javascript=False, bypass_csp=False)
    expect(page.get_by_label(REMEMBER)).to_be_hidden()
    post(page, "Without scripts the form still sends.", **READER)

    page = open_page(article.url, bypass_csp=False)
    remember = page.get_by_label(REMEMBER)
    expect(remember).to_be_visible()
    expect(remember).not_to_be_checked()
    remember.check()
    post(page, "Please keep my details.", **READER)

    page.goto(article.url)
    for label, value in READER.items():
        expect(field(page, label)).to_have_value(value)
    expect(field(page, "Comment")).to_have_value("")
    expect(remember).to_be_checked()

    remember.uncheck()
    post(page, "Now forget them, please.")
    page.goto(article.url)
    for label in READER:
        expect(field(page, label)).to_have_value("")
    expect(remember).not_to_be_checked()
