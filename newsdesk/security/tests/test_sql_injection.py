"""SQL-injection strings in every parameter the site reads are only ever data.

Each string goes into every GET parameter a view reads, every field the comment
form posts and every path segment a URL captures. No answer may be a 500 or
come slowly (a ``pg_sleep`` that ran would), and afterwards the database holds
exactly what it held before, plus the comments readers were allowed to post,
with their words stored as typed.
"""

import time
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page, Site

from newsdesk.comments.models import Comment
from newsdesk.comments.posting import submission_key
from newsdesk.comments.tokens import read_form_token
from newsdesk.news.models import Author, Category
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .hostile import comment_form_data, comment_url, sql_injections

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.heavy]

# Far below the five seconds every delaying string asks for.
SLOW_SECONDS = 4
DATES = [
    "/2026/13/45/",
    "/2026/00/00/",
    "/2026/02/30/",
    "/0000/",
    "/0000/01/01/",
    "/0001/",
    "/0001/01/",
    "/0001/01/01/",
    "/9999/",
    "/9999/12/",
    "/9999/12/31/",
]
BIG_NUMBERS = ["0", "9223372036854775807", "9223372036854775808", "9" * 40]


@pytest.fixture
def newsroom(settings):
    """A story with a tag, a byline, a section and comments of every status; a moderator."""
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 0
    category = make_category("Harbour")
    author = make_author("Ines Ferreira")
    article = make_article("Ferry timetable changes", category=category, authors=[author])
    article.tags.add("ferries")
    article.save_revision().publish()
    article.refresh_from_db()
    comments = {
        status: Comment.objects.create(
            article=article,
            name=f"Reader {status}",
            email=f"{status}@example.com",
            body=f"A comment that is {status}.",
            status=status,
        )
        for status in Comment.Status
    }
    moderator = get_user_model().objects.create_superuser("moderator", "mod@example.com", "pw")
    return article, comments, moderator


def database_state():
    """Every row these requests could change, as plain tuples."""
    return {
        "comments": list(
            Comment.objects.order_by("pk").values_list(
                "pk", "status", "article_id", "parent_id", "name", "email", "website", "body"
            )
        ),
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "live", "title", "slug", "url_path")
        ),
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", "username", "password", "is_staff", "is_superuser")
        ),
        "sites": list(Site.objects.order_by("pk").values_list("pk", "hostname", "root_page_id")),
        "tags": list(Tag.objects.order_by("pk").values_list("pk", "name", "slug")),
        "categories": list(Category.objects.order_by("pk").values_list("pk", "name", "slug")),
        "authors": list(Author.objects.order_by("pk").values_list("pk", "name", "slug")),
    }


class Prober:
    """Sends requests and notes each one that fails, without stopping at the first."""

    def __init__(self, client):
        self.client = client
        self.failures = []
        self.sent = 0

    def send(self, method, url, data=None, label=""):
        self.sent += 1
        started = time.monotonic()
        try:
            # A savepoint per request: on PostgreSQL one failed query must not
            # poison the test's transaction and hide the failures after it.
            with transaction.atomic():
                response = getattr(self.client, method)(url, data)
        except Exception as error:  # noqa: BLE001 - every escaping exception is the finding
            self.failures.append(f"{method.upper()} {url} {label}: raised {error!r}")
            return None
        took = time.monotonic() - started
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url} {label}: {response.status_code}")
        elif took > SLOW_SECONDS:
            self.failures.append(f"{method.upper()} {url} {label}: took {took:.1f} s")
        return response

    def check(self):
        """Fail with every failing request listed once, however many there were."""
        if self.failures:
            shown = "\n".join(self.failures[:60])
            pytest.fail(f"{len(self.failures)} of {self.sent} requests failed:\n{shown}")


def reader_urls(article):
    """Every reader page that reads GET parameters, with the parameters it reads."""
    day = article.first_published_at
    return {
        "/search/": ["q", "category", "from", "to", "page"],
        "/": ["page"],
        "/news/": ["page"],
        article.url: ["replytocom"],
        "/category/harbour/": ["page"],
        "/tag/ferries/": ["page"],
        "/author/ines-ferreira/": ["page"],
        f"/{day:%Y}/": ["page"],
        f"/{day:%Y}/{day:%m}/": ["page"],
        f"/{day:%Y}/{day:%m}/{day:%d}/": ["page"],
        "/sitemap-news.xml": ["p"],
        "/sitemap-articles.xml": ["p"],
        "/sitemap-tags.xml": ["p"],
        "/feed/": ["page"],
    }


def test_injection_in_every_get_parameter_is_harmless(newsroom):
    article, _comments, _moderator = newsroom
    before = database_state()
    prober = Prober(Client())
    for url, parameters in reader_urls(article).items():
        for injection in sql_injections():
            # Each parameter alone, so a refused one cannot stop another being read.
            for parameter in parameters:
                query = urlencode({parameter: injection})
                prober.send("get", f"{url}?{query}", label=parameter)
    # The search with words to look for, and a page to turn to, as a reader sends it.
    for injection in sql_injections():
        query = urlencode({"q": f"ferry {injection}", "page": injection, injection: injection})
        prober.send("get", f"/search/?{query}", label="q, page and an unknown name")

    prober.check()
    assert database_state() == before


def test_injection_in_the_moderation_queue_filters_is_harmless(newsroom, client):
    _article, _comments, moderator = newsroom
    client.force_login(moderator)
    queue = reverse(Comment.snippet_viewset.get_url_name("list"))
    results = reverse(Comment.snippet_viewset.get_url_name("list_results"))
    before = database_state()
    prober = Prober(client)
    for injection in sql_injections():
        # The results alone are what the queue's filters and search refresh; they
        # read every parameter the full page does, at a fraction of the cost.
        for parameter in ("q", "status", "article", "p", "ordering"):
            query = urlencode({parameter: injection})
            prober.send("get", f"{results}?{query}", label=parameter)
        query = urlencode(dict.fromkeys(("q", "status", "article", "p"), injection))
        prober.send("get", f"{queue}?{query}", label="every filter at once")

    prober.check()
    assert database_state() == before


def path_urls(injection):
    segment = quote(injection, safe="")
    return [
        f"/category/{segment}/",
        f"/category/{segment}/feed/",
        f"/tag/{segment}/",
        f"/tag/{segment}/feed/atom/",
        f"/author/{segment}/",
        f"/author/{segment}/feed/",
        f"/sitemap-{segment}.xml",
        f"/news/{segment}/",
        f"/{segment}/",
    ]


def test_injection_in_path_segments_is_harmless(newsroom):
    before = database_state()
    prober = Prober(Client())
    for injection in sql_injections():
        for url in path_urls(injection):
            prober.send("get", url, label="path")
    for url in DATES:
        prober.send("get", url, label="date")
    for number in BIG_NUMBERS:
        prober.send("get", f"/feed/comments/{number}/", label="story id")
        prober.send("post", f"/comments/post/{number}/", comment_form_data(), label="story id")

    prober.check()
    assert database_state() == before


@pytest.mark.parametrize(
    "field", ["name", "email", "website", "comment", "reply_to", "form_token", "nd_ref", "status"]
)
def test_injection_in_a_comment_form_field_is_stored_as_typed_or_refused(newsroom, field):
    article, _comments, _moderator = newsroom
    before = database_state()
    prober = Prober(Client())
    sent = {}
    for number, injection in enumerate(sql_injections()):
        # Words of its own for each post, so no post is refused as a repeat of another.
        words = {"comment": f"Post {number} about the ferry.", field: injection}
        data = comment_form_data(**words)
        response = prober.send("post", comment_url(article), data, label=f"{field}={injection!r}")
        if response is not None and response.status_code == 302:
            token_key = read_form_token(data["form_token"]).key
            sent[submission_key(token_key, data["email"], data["comment"])] = data

    prober.check()
    after = database_state()
    assert {k: v for k, v in after.items() if k != "comments"} == {
        k: v for k, v in before.items() if k != "comments"
    }
    assert after["comments"][: len(before["comments"])] == before["comments"]
    new_comments = Comment.objects.exclude(pk__in=[row[0] for row in before["comments"]])
    assert len(new_comments) == len(sent)
    for comment in new_comments:
        data = sent[comment.submission_key]
        assert comment.name == data["name"].strip()
        assert comment.body == data["comment"]
