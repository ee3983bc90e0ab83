"""axe-core finds no accessibility violations on any page type a reader can reach."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from newsdesk.conftest_browser import TIMEOUT_MS, axe_violations, describe_violations, with_axe

from .builders import make_article, make_category
from .reader_pages import build_reader_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], "axe-core found:\n" + describe_violations(violations)


def test_every_reader_page_type_has_no_violations(chromium, live_server):
    article, paths = build_reader_pages()
    paths["404"] = "/no-such-page/"
    # Django's own 500 page, served where the site would show it, so its stylesheet loads.
    paths["500"] = "/failing-page/"
    broken = server_error(RequestFactory().get("/")).content
    context = with_axe(chromium.new_context(base_url=live_server.url, bypass_csp=True))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.route(
        "**/failing-page/",
        lambda route: route.fulfill(status=500, body=broken, content_type="text/html"),
    )
    found = {}
    try:
        for name, path in paths.items():
            page.goto(path)
            if violations := axe_violations(page):
                found[name] = describe_violations(violations)
        page.goto(article.url)
        form = page.locator("#commentform")
        form.get_by_role("textbox", name="Name").fill("Rosa Quill")
        form.get_by_role("textbox", name="Email").fill("rosa@example.com")
        form.get_by_role("textbox", name="Comment").fill("Will the early ferry run on Sundays?")
        form.get_by_role("button", name="Post Comment").click()
        page.get_by_text("Your comment is awaiting moderation.").wait_for()
        if violations := axe_violations(page):
            found["article with a pending comment of one's own"] = describe_violations(violations)
    finally:
        context.close()

    assert found == {}, "\n\n".join(f"{name}:\n{report}" for name, report in found.items())


def test_article_page_showing_a_form_error_has_no_violations(open_page):
    page = open_page(make_article("Ferry returns", category=make_category("Harbour")).url)
    form = page.locator("#commentform")
    form.get_by_role("textbox", name="Name").fill("Rosa Quill")
    form.get_by_role("textbox", name="Email").fill("not an address")
    form.get_by_role("textbox", name="Comment").fill("A long thought I would hate to retype.")
    form.get_by_role("button", name="Post Comment").click()
    page.get_by_role("alert").wait_for()

    assert_no_violations(page)
