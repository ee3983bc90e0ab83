"""A reader commenting too quickly gets the form back on a small page: every word kept, no story."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments import views
from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article, paragraphs
from newsdesk.testing.nu_html import nu_html_errors

from .reader import Reader, textarea_value

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

TYPED = {
    "name": 'Ola "Quill" <Nordmann> & Co',
    "email": "ola+letters@example.com",
    "website": "https://ola.example/notes?a=1&b='two'",
    "comment": 'Fares <b>doubled</b> & "nobody" asked.\n\nIt\'s 5 > 3, surely?',
}
# The handler's own checks (story, settings, form token, rate limit) and the site's
# header and footer (sections, menu pages); an article render costs about twice that.
WAIT_PAGE_QUERIES = 9


def someone_elses_comment(article):
    return Comment.objects.create(
        article=article,
        name="Kari",
        email="kari@example.com",
        body="Words of another reader, already on the story.",
        status=Comment.Status.APPROVED,
    )


def form_after_one_comment(settings, article):
    """A reader whose one comment reached the limit, and their form filled in again."""
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 1
    reader = Reader()
    assert reader.leave_reply(article, comment="My first word on this.").status_code == 302
    action, values = reader.form_values(article.url)
    return reader.client, action, {**values, **TYPED}


def sent_too_quickly(settings, article, **fields):
    """The reader's second comment within the limit: what they sent, and the answer."""
    client, action, values = form_after_one_comment(settings, article)
    values.update(fields)
    return values, client.post(action, values)


def refused_while_posting(monkeypatch):
    """The limit was reached between the check and the insert, by a send on another server."""
    monkeypatch.setattr(views, "retry_after_seconds", lambda network: 0)


@pytest.mark.parametrize("when", ["before posting", "while posting"])
def test_comment_sent_too_quickly_comes_back_alone_with_every_word_kept(
    settings, monkeypatch, when
):
    article = make_article()
    answered = someone_elses_comment(article)
    if when == "while posting":
        refused_while_posting(monkeypatch)
    sent, response = sent_too_quickly(settings, article, reply_to=str(answered.pk))

    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert wait > 0
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("#commentform")
    kept = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    kept["comment"] = textarea_value(form.select_one("textarea[name=comment]"))
    assert kept == sent
    assert page.select_one("#reply-title").text == "Reply to Kari"
    message = f"You are commenting too quickly. Please wait {wait} seconds and send again."
    assert message in page.select_one("[role=alert]").text
    back = page.select_one(f"main a[href='{article.url}']")
    assert back.parent.text == f"Back to the story: {article.title}"


def test_page_asking_to_wait_shows_nothing_of_the_story_or_its_comments(settings):
    article = make_article(
        standfirst="Buses will run every ten minutes from May.",
        body=paragraphs(3, prefix="Timetable paragraph"),
    )
    someone_elses_comment(article)
    _sent, response = sent_too_quickly(settings, article)
    assert response.status_code == 429
    text = BeautifulSoup(response.content, "html.parser").text
    assert "Buses will run every ten minutes from May." not in text
    assert "Timetable paragraph" not in text
    assert "Words of another reader" not in text
    assert "My first word on this." not in text


def test_page_asking_to_wait_is_valid_html_a_screen_reader_can_follow(settings):
    _sent, response = sent_too_quickly(settings, make_article())
    html = response.content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "en-GB"
    assert page.title.text.startswith("Error: Please wait before sending your comment again · ")
    assert [h1.text for h1 in page.select("h1")] == ["Please wait a moment"]
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    form = page.select_one("#commentform")
    for field in form.select("input:not([type=hidden]), textarea"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field["name"]
    summary = page.select_one("#comment-errors")
    assert summary["role"] == "alert"
    assert summary.select_one("h3").text == "Your comment was not sent yet"
    assert nu_html_errors({"page asking to wait": html}) == {}


def test_page_asking_to_wait_costs_few_queries_however_long_the_thread(
    settings, django_assert_max_num_queries
):
    article = make_article()
    for _ in range(20):
        someone_elses_comment(article)
    client, action, values = form_after_one_comment(settings, article)
    with django_assert_max_num_queries(WAIT_PAGE_QUERIES):
        response = client.post(action, values)
    assert response.status_code == 429
