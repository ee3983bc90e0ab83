"""Every cross-site-scripting payload, sent every way a reader can, stays text in Chromium.

The payloads (``payloads/xss.txt``) go into each comment field, and into every
query parameter a page reads; the comments are then read by readers and by a
moderator in the admin. A payload that got through would call the marker
``__xss(n)``, open a dialog, request another site, trip the
Content-Security-Policy, or leave an element, an attribute, an event handler or
a ``javascript:`` address the page's own templates never write; and the words
would no longer read back as they were sent. Each test checks all of that, and
lists every payload that failed, not only the first.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from newsdesk.comments import moderation
from newsdesk.comments.forms import CommentForm, strip_invisible
from newsdesk.comments.guards import count_links
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.models import NewsSettings
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .hostile import (
    COMMENT_FIELDS,
    as_parsed,
    comment_form_data,
    comment_url,
    xss_payloads,
)
from .watched_tab import WatchedTab

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLEAN_WEBSITE = "https://rosa.example.org/"
# What the comment filter may write inside a comment's text, and nothing else.
COMMENT_TEXT_SHAPES = {"p[]", "br[]", "a[href rel]"}
# A link's protocol once the browser parsed its address; ":" is an address so
# broken that the browser will not follow it at all (https://a@javascript:x).
SAFE_PROTOCOLS = {"http:", "https:", ":"}
# Payloads sent together in parameters that a page reads but never shows.
BATCH_SIZE = 10
CLEAN_COMMENT = "A clean comment.\nIts second line.\n\nTimetables at https://example.org/ferries."

COMMENTS_ON_PAGE = """
() => {
  const HTML = "http://www.w3.org/1999/xhtml";
  const shapeOf = (element) => {
    const tag = element.namespaceURI === HTML
      ? element.localName : `${element.namespaceURI}:${element.localName}`;
    return `${tag}[${[...element.attributes].map((a) => a.name).sort().join(" ")}]`;
  };
  return [...document.querySelectorAll("#comments li.comment")].map((item) => {
    const text = item.querySelector(".comment-text");
    const outside = [item, ...item.querySelectorAll("*")].filter(
      (element) => !(text && text.contains(element)));
    return {
      id: item.id,
      outline: outside.map(shapeOf).sort(),
      names: [...item.querySelectorAll(".comment-author bdi")].map((e) => e.textContent),
      websites: [...item.querySelectorAll(".comment-author a")].map(
        (a) => [a.getAttribute("href"), a.protocol]),
      replyLabels: [...item.querySelectorAll(".comment-reply-link")].map(
        (a) => a.getAttribute("aria-label")),
      text: text ? text.textContent : null,
      textShapes: text ? [...text.querySelectorAll("*")].map(shapeOf) : [],
      links: text ? [...text.querySelectorAll("a")].map((a) => a.protocol) : [],
    };
  });
}
"""


QUEUE_ROWS = """
() => [...document.querySelectorAll("table.listing tbody tr")].map((row) => {
  const title = row.querySelector("a[href*='/edit/']");
  return {
    edit: title.getAttribute("href"),
    cells: [title, ...row.querySelectorAll("td")].map((cell) => cell.textContent),
  };
})
"""
# Comments per page of the moderation queue (CommentViewSet.list_per_page).
QUEUE_PAGE = 50


class Findings:
    """What went wrong, payload by payload; the test fails once, listing them all."""

    def __init__(self, tab, known_events=()):
        self.tab = tab
        self.lines = []
        # What the clean pages did too, such as the admin fetching a moderator's avatar.
        self.known = {event.partition(" (showing ")[0] for event in known_events}

    def expect(self, holds, message):
        if not holds:
            self.lines.append(message)

    def audited(self, label, audit, allowed_shapes, tags_only=False):
        """Note the audit's problems, shapes no clean page has, and anything the tab saw.

        ``tags_only`` compares element names alone, for pages such as the admin's
        whose attributes change with the state of the page.
        """
        for problem in audit["problems"]:
            self.lines.append(f"{label}: {problem}")
        shapes, allowed = set(audit["shapes"]), set(allowed_shapes)
        if tags_only:
            shapes = {shape.partition("[")[0] for shape in shapes}
            allowed = {shape.partition("[")[0] for shape in allowed}
        for shape in sorted(shapes - allowed):
            self.lines.append(f"{label}: an element the page never writes: {shape}")
        for event in self.tab.take_events():
            if event.partition(" (showing ")[0] not in self.known:
                self.lines.append(f"{label}: {event}")

    def check(self, checked):
        self.tab.page.wait_for_timeout(100)
        self.audited("at the end", {"problems": [], "shapes": {}}, ())
        if self.lines:
            shown = "\n".join(self.lines[:80])
            pytest.fail(f"{len(self.lines)} findings over {checked} checks:\n{shown}")


def answered(items, ask):
    """Each item with ``ask(item)``, the request for the next item sent meanwhile.

    A worker thread sends the requests through Django's test client while the
    tab parses the answer before, so a test runs at the pace of the slower of
    the two rather than of both added up.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        futures = [worker.submit(ask, item) for item in items]
        try:
            for item, future in zip(items, futures, strict=True):
                yield item, future.result()
        finally:
            for future in futures:
                future.cancel()
            # The worker's own database connection, which PostgreSQL would keep open.
            worker.submit(connections.close_all).result()


@pytest.fixture
def tab(chromium, live_server):
    watched = WatchedTab(chromium, live_server.url)
    yield watched
    watched.close()


@pytest.fixture
def payloads(settings):
    """The payloads, with the rate limit lifted so that hundreds of posts can go in a row."""
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 0
    return xss_payloads()


@pytest.fixture
def address_payloads(payloads):
    """The payloads a URL can carry to a page: an address holding a NUL gets the plain 400
    instead (see ``test_addresses_carrying_a_nul_get_a_plain_refusal``)."""
    return [payload for payload in payloads if "\x00" not in payload.text]


def clean_shapes(tab, client, urls, status=200):
    """The shapes of every element on clean versions of a page: what its templates write."""
    shapes = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == status, url
        audit = tab.render(response.content.decode(), f"clean {url}")
        assert audit["problems"] == [], audit["problems"]
        shapes |= set(audit["shapes"])
    assert tab.take_events() == []
    return shapes


def accepted_fields(article, payload):
    """The posts that put ``payload`` in each field the form accepts it in.

    The name and the comment travel together when the form takes both. A field
    the form refuses is left out here: the re-shown form shows it instead (see
    ``test_a_refused_form_shows_every_payload_as_typed``).
    """
    max_depth = CommentSettings.for_site(Site.objects.get(is_default_site=True)).max_depth

    def valid(fields):
        form = CommentForm(comment_form_data(**fields), article=article, max_depth=max_depth)
        return form.is_valid()

    words = f"Words sent with payload {payload.number}."
    both = {"name": payload.text, "comment": payload.text}
    posts = [both] if valid(both) else [{field: payload.text} for field in both]
    posts += [
        {field: payload.text, "comment": f"{words} ({field})"} for field in ("email", "website")
    ]
    return [fields for fields in posts if valid(fields)]


def post_accepted(article, payloads):
    """Post every payload in every field that accepts it.

    Returns ``{"comment-<id>": (payload, fields, data)}`` for each stored comment.
    """
    sent = {}
    for payload in payloads:
        for fields in accepted_fields(article, payload):
            data = comment_form_data(**fields)
            response = Client().post(comment_url(article), data)
            if response.status_code == 302:
                comment_id = response["Location"].rpartition("#comment-")[2]
                sent[f"comment-{comment_id}"] = (payload, fields, data)
    return sent


def check_story_page(findings, shown, sent):
    """Each payload comment on the story page: its name, website and words as sent, as text."""
    clean_outline = {
        bool(item["websites"]): item["outline"] for item in shown if item["id"] not in sent
    }
    findings.expect(
        len(clean_outline) == 2 and {item["id"] for item in shown} >= set(sent),
        f"the page shows {len(shown)} comments for {len(sent)} payload comments and 2 clean ones",
    )
    for item in shown:
        if item["id"] not in sent:
            continue
        payload, fields, data = sent[item["id"]]
        label = f"payload {payload} in {'+'.join(fields)} ({item['id']})"
        name = strip_invisible(data["name"]).strip()
        stored = Comment.objects.get(pk=item["id"].removeprefix("comment-"))
        findings.expect(item["names"] == [name], f"{label}: the name reads {item['names']}")
        findings.expect(
            item["replyLabels"] == [f"Reply to {name}"],
            f"{label}: the reply link is labelled {item['replyLabels']}",
        )
        expected_sites = [[stored.website, urlsplit(stored.website).scheme + ":"]]
        findings.expect(
            item["websites"] == (expected_sites if stored.website else []),
            f"{label}: the name links to {item['websites']}",
        )
        findings.expect(
            not stored.website or expected_sites[0][1] in SAFE_PROTOCOLS,
            f"{label}: the website {stored.website!r} was stored",
        )
        findings.expect(
            "".join(item["text"].split()) == "".join(data["comment"].split()),
            f"{label}: the comment reads {item['text']!r}",
        )
        findings.expect(
            set(item["textShapes"]) <= COMMENT_TEXT_SHAPES,
            f"{label}: the comment holds {sorted(set(item['textShapes']) - COMMENT_TEXT_SHAPES)}",
        )
        findings.expect(
            len(item["links"]) == count_links(data["comment"])
            and set(item["links"]) <= SAFE_PROTOCOLS,
            f"{label}: the comment links with {item['links']}",
        )
        findings.expect(
            item["outline"] == clean_outline[bool(stored.website)],
            f"{label}: the comment is built differently from a clean one",
        )


def share_session(tab, client):
    """Give the tab the session ``client`` signed in with, as if its user signed in there."""
    name = django_settings.SESSION_COOKIE_NAME
    tab.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": tab.origin}]
    )


def check_moderation_queue(findings, tab, client, sent, allowed):
    """Every page of the queue: each payload comment's name and excerpt shown as text.

    The queue's results, as its filters and paging fetch them, rendered in the tab.
    """
    results = reverse(Comment.snippet_viewset.get_url_name("list_results"))
    seen = set()
    pages = -(-Comment.objects.count() // QUEUE_PAGE)
    for number in range(1, pages + 1):
        label = f"the moderation queue, page {number}"
        # Every status (the queue opens on Pending): the payload comments were approved.
        response = client.get(f"{results}?status=&p={number}")
        findings.expect(response.status_code == 200, f"{label}: answered {response.status_code}")
        findings.audited(
            label, tab.render(response.content.decode(), label), allowed, tags_only=True
        )
        for row in tab.page.evaluate(QUEUE_ROWS):
            comment_id = row["edit"].rstrip("/").rpartition("/")[2]
            if f"comment-{comment_id}" not in sent:
                continue
            seen.add(f"comment-{comment_id}")
            stored = Comment.objects.get(pk=comment_id)
            cells = [" ".join(cell.split()) for cell in row["cells"]]
            findings.expect(
                " ".join(stored.name.split()) in cells
                and " ".join(stored.excerpt().split()) in cells,
                f"{label}: payload {sent[f'comment-{comment_id}'][0]} reads {cells}",
            )
    findings.expect(seen == set(sent), f"the queue lists {len(seen)} of {len(sent)} comments")


def check_moderation_forms(findings, tab, sent, allowed):
    """The edit form of each comment whose email or website holds a payload, as stored."""
    reads = {
        "name": ("#id_name", "value"),
        "website": ("#id_website", "value"),
        "body": ("#id_body", "text"),
        "page": ("main", "text"),
    }
    for key, (payload, fields, _data) in sent.items():
        if not {"email", "website"} & {f for f, v in fields.items() if v == payload.text}:
            continue
        stored = Comment.objects.get(pk=key.removeprefix("comment-"))
        label = f"the moderator's form for payload {payload} in {'+'.join(fields)}"
        edit = reverse(Comment.snippet_viewset.get_url_name("edit"), args=[stored.pk])
        assert tab.visit(edit) == 200
        audit = tab.audit(reads)
        findings.audited(label, audit, allowed, tags_only=True)
        values = audit["values"]
        shown = (values["name"], values["website"], values["body"])
        findings.expect(
            shown == ([stored.name], [stored.website or None], [stored.body]),
            f"{label}: the form holds {shown}",
        )
        findings.expect(stored.email in values["page"][0], f"{label}: the email is not shown")


def test_payloads_in_every_comment_field_show_as_text_to_readers_and_moderators(tab, payloads):
    article = make_article("Harbour lights switched to LED")
    client = Client()
    for clean in ({"website": CLEAN_WEBSITE}, {"comment": CLEAN_COMMENT}):
        assert client.post(comment_url(article), comment_form_data(**clean)).status_code == 302
    moderation.moderate_many(Comment.objects.for_article(article), "approve")
    assert tab.visit(article.url) == 200
    allowed = tab.audit()["shapes"]
    desk = Client()
    desk.force_login(get_user_model().objects.create_superuser("desk", "desk@example.com", "pw"))
    share_session(tab, desk)
    clean_edit = reverse(
        Comment.snippet_viewset.get_url_name("edit"), args=[Comment.objects.first().pk]
    )
    assert tab.visit(clean_edit) == 200
    allowed_in_admin = set(tab.audit()["shapes"])
    known_events = tab.take_events()
    results = reverse(Comment.snippet_viewset.get_url_name("list_results"))
    # Clean comments were approved, and the queue opens on Pending: ask for every status.
    allowed_in_admin |= clean_shapes(tab, desk, [f"{results}?status="])

    sent = post_accepted(article, payloads)
    moderation.moderate_many(Comment.objects.for_article(article), "approve")
    in_fields = Counter(
        field
        for payload, fields, _data in sent.values()
        for field, value in fields.items()
        if value == payload.text
    )

    findings = Findings(tab, known_events)
    tab.context.clear_cookies()
    assert tab.visit(article.url) == 200
    findings.audited("the story page", tab.audit(), allowed)
    check_story_page(findings, tab.page.evaluate(COMMENTS_ON_PAGE), sent)
    share_session(tab, desk)
    check_moderation_queue(findings, tab, desk, sent, allowed_in_admin)
    check_moderation_forms(findings, tab, sent, allowed_in_admin)
    findings.check(len(sent))
    # Most payloads are accepted as a name and a comment; a few as an email or website.
    assert in_fields["comment"] > 0.8 * len(payloads)
    assert in_fields["name"] > 0.6 * len(payloads)
    assert in_fields["website"] >= 5
    assert in_fields["email"] >= 2


def test_a_refused_form_shows_every_payload_as_typed(tab, payloads):
    article = make_article("Library opening hours")
    client = Client()
    assert tab.visit(article.url) == 200
    refused_clean = [
        comment_form_data(name="N" * 101, email="rosa", website="rosa", comment="\x00"),
        comment_form_data(website=CLEAN_WEBSITE, form_token="forged"),
        comment_form_data(form_token="forged"),
    ]
    allowed = set()
    for data in refused_clean:
        response = client.post(comment_url(article), data)
        assert response.status_code == 400
        allowed |= set(tab.render(response.content.decode(), "a clean refusal")["shapes"])
    assert tab.take_events() == []
    reads = {field: (f"#id_{field}", "value") for field in ("name", "email", "website")}
    reads["comment"] = ("#id_comment", "text")

    def post(payload):
        data = comment_form_data(**dict.fromkeys(COMMENT_FIELDS, payload.text))
        return client.post(comment_url(article), data)

    findings = Findings(tab)
    for payload, response in answered(payloads, post):
        label = f"payload {payload} in every field"
        findings.expect(response.status_code == 400, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label, reads)
        findings.audited(label, audit, allowed)
        for field in COMMENT_FIELDS:
            findings.expect(
                audit["values"][field] == [as_parsed(payload.text)],
                f"{label}: the {field} field holds {audit['values'][field]}",
            )
    findings.check(len(payloads))


def test_search_words_show_as_text(tab, address_payloads):
    make_article("Ferry timetable changes")
    client = Client()
    assert tab.visit("/search/?q=ferry") == 200
    clean = ["/search/?q=ferry", "/search/?q=zzyzx", "/search/?q=%21%21"]
    allowed = clean_shapes(tab, client, clean)
    reads = {
        "q": ("#id_q", "value"),
        "heading": ("h1", "text"),
        "title": ("title", "text"),
        "nothing found": ("#search-empty-title", "text"),
    }
    unfound = tab.render(client.get("/search/?q=zzyzx").content.decode(), "clean", reads)
    suffix = unfound["values"]["title"][0].removeprefix("Search: zzyzx")

    findings = Findings(tab)
    for payload, response in answered(
        address_payloads, lambda p: client.get("/search/", {"q": p.text})
    ):
        label = f"payload {payload} in ?q="
        findings.expect(response.status_code == 200, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label, reads)
        findings.audited(label, audit, allowed)
        values, typed = audit["values"], as_parsed(payload.text)
        findings.expect(values["q"] == [typed], f"{label}: the search box holds {values['q']}")
        # A query with no words is not searched: the page says how to search.
        if values["heading"] != ["Search the archive"]:
            findings.expect(
                values["heading"] == [f"Results for “{typed}”"]
                and values["title"] == [f"Search: {typed}{suffix}"],
                f"{label}: the page is headed {values['heading']}, titled {values['title']}",
            )
        findings.expect(
            values["nothing found"] in ([], [f"No stories match “{typed}”"]),
            f"{label}: the empty result reads {values['nothing found']}",
        )
    findings.check(len(address_payloads))


def test_search_filters_show_as_text(tab, address_payloads):
    make_article("Ferry timetable changes", category=make_category("Harbour"))
    client = Client()
    assert tab.visit("/search/?q=ferry") == 200
    allowed = clean_shapes(
        tab,
        client,
        [
            "/search/?q=ferry&category=harbour&from=2020-01-01&to=2099-01-01",
            "/search/?q=zz&category=nowhere&from=soon&to=later",
        ],
    )
    reads = {
        "q": ("#id_q", "value"),
        "from": ("#id_from", "value"),
        "to": ("#id_to", "value"),
        "errors": (".form-errors li", "text"),
    }

    def search(payload):
        return client.get(
            "/search/", dict.fromkeys(("q", "category", "from", "to", "page"), payload.text)
        )

    findings = Findings(tab)
    for payload, response in answered(address_payloads, search):
        label = f"payload {payload} in ?q=, ?category=, ?from=, ?to= and ?page="
        findings.expect(response.status_code == 200, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label, reads)
        findings.audited(label, audit, allowed)
        values, typed = audit["values"], as_parsed(payload.text)
        for field in ("q", "from", "to"):
            findings.expect(
                values[field] == [typed], f"{label}: the {field} box holds {values[field]}"
            )
        # The section is named in its error, unless a NUL in it is the error.
        findings.expect(
            any(f"“{typed}”" in error for error in values["errors"])
            or (
                "\x00" in payload.text
                and "Section: Null characters are not allowed." in values["errors"]
            ),
            f"{label}: no error names the section as typed: {values['errors']}",
        )
    findings.check(len(address_payloads))


def in_batches(payloads, size=BATCH_SIZE):
    """The payloads ``size`` at a time, for parameters that the page does not show."""
    return [payloads[start : start + size] for start in range(0, len(payloads), size)]


def batch_query(batch, read):
    """A query for one batch: the first payload in ``read``, each one as a value and a name."""
    return [
        (read, batch[0].text),
        *((f"note{n}", payload.text) for n, payload in enumerate(batch)),
        *((payload.text, f"name{n}") for n, payload in enumerate(batch)),
    ]


@pytest.fixture
def listings():
    """Five stories sharing a section, a tag, an author and a day; four to a page."""
    site = Site.objects.get(is_default_site=True)
    news_settings = NewsSettings.for_site(site)
    news_settings.stories_per_page = 4
    news_settings.save()
    category, author = make_category("Harbour"), make_author("Ines Ferreira")
    stories = [
        make_article(f"Harbour story {n}", category=category, authors=[author], tags=["ferries"])
        for n in range(5)
    ]
    day = stories[0].first_published_at
    return [
        "/",
        "/news/",
        "/category/harbour/",
        "/tag/ferries/",
        "/author/ines-ferreira/",
        f"/{day:%Y}/",
        f"/{day:%Y}/{day:%m}/",
        f"/{day:%Y}/{day:%m}/{day:%d}/",
    ]


def test_listing_pages_keep_page_and_unknown_parameters_as_text(tab, address_payloads, listings):
    client = Client()
    assert tab.visit(listings[0]) == 200
    allowed = clean_shapes(tab, client, [f"{url}?page=1&note=clean" for url in listings])
    allowed |= clean_shapes(tab, client, [f"{listings[0]}?page=none&note=clean"], status=404)
    reads = {"next": ("nav.pagination a[rel=next]", "href")}
    batches = [
        (listings[number % len(listings)], batch)
        for number, batch in enumerate(in_batches(address_payloads))
    ]

    def ask(listing_and_batch):
        listing, batch = listing_and_batch
        query = batch_query(batch, "page")
        # A page that is not a number is no page (404); the same parameters beside a
        # real page number are carried into its links.
        return (
            client.get(f"{listing}?{urlencode(query)}"),
            client.get(f"{listing}?{urlencode([('page', '1'), *query[1:]])}"),
        )

    findings = Findings(tab)
    for (listing, batch), (no_page, first_page) in answered(batches, ask):
        query = batch_query(batch, "page")
        label = f"payloads #{batch[0].number}-#{batch[-1].number} on {listing}"
        findings.expect(no_page.status_code == 404, f"{label}: answered {no_page.status_code}")
        findings.audited(
            f"{label}, as ?page=", tab.render(no_page.content.decode(), label), allowed
        )
        findings.expect(
            first_page.status_code == 200, f"{label}: answered {first_page.status_code}"
        )
        audit = tab.render(first_page.content.decode(), label, reads)
        findings.audited(label, audit, allowed)
        links = audit["values"]["next"]
        carried = sorted(parse_qsl(urlsplit(links[0]).query)) if len(links) == 1 else links
        expected = sorted([("page", "2"), *query[1:]])
        findings.expect(carried == expected, f"{label}: the next page link carries {carried}")
    findings.check(len(batches))


def test_story_page_parameters_change_nothing_on_the_page(tab, address_payloads):
    article = make_article("Night buses return")
    Client().post(comment_url(article), comment_form_data())
    moderation.moderate_many(Comment.objects.for_article(article), "approve")
    client = Client()
    assert tab.visit(article.url) == 200
    clean = tab.render(client.get(article.url).content.decode(), "clean")["shapes"]
    assert tab.take_events() == []

    def ask(batch):
        return client.get(f"{article.url}?{urlencode(batch_query(batch, 'replytocom'))}")

    findings = Findings(tab)
    batches = in_batches(address_payloads)
    for batch, response in answered(batches, ask):
        label = f"payloads #{batch[0].number}-#{batch[-1].number} in ?replytocom= and others"
        findings.expect(response.status_code == 200, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label)
        findings.audited(label, audit, clean)
        findings.expect(audit["shapes"] == clean, f"{label}: the page is built differently")
    findings.check(len(batches))


def test_moderation_queue_parameters_show_as_text(tab, address_payloads):
    article = make_article("Ferry fares frozen")
    Client().post(comment_url(article), comment_form_data())
    moderator = get_user_model().objects.create_superuser("moderator", "desk@example.com", "pw")
    client = Client()
    client.force_login(moderator)
    results = reverse(Comment.snippet_viewset.get_url_name("list_results"))
    assert tab.visit(article.url) == 200
    allowed = clean_shapes(tab, client, [f"{results}?q=rosa&note=clean", f"{results}?q=zzyzx"])
    reads = {"status links": ("a[data-status]", "href")}

    def ask(batch):
        return client.get(f"{results}?{urlencode(batch_query(batch, 'q'))}")

    findings = Findings(tab)
    batches = in_batches(address_payloads)
    for batch, response in answered(batches, ask):
        query = batch_query(batch, "q")
        label = f"payloads #{batch[0].number}-#{batch[-1].number} in the queue's ?q= and others"
        findings.expect(response.status_code == 200, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label, reads)
        findings.audited(label, audit, allowed, tags_only=True)
        # Each status link keeps the moderator's search and every other parameter; "All"
        # carries an empty status.
        for href in audit["values"]["status links"]:
            carried = parse_qsl(urlsplit(href).query, keep_blank_values=True)
            status = dict(carried).get("status")
            wanted = query if status is None else [*query, ("status", status)]
            findings.expect(
                sorted(carried) == sorted(wanted),
                f"{label}: a status link carries {carried}",
            )
        findings.expect(
            len(audit["values"]["status links"]) == len(Comment.Status) + 1,
            f"{label}: {len(audit['values']['status links'])} status links",
        )
    findings.check(len(batches))


def test_addresses_carrying_a_nul_get_a_plain_refusal(tab, payloads):
    article = make_article("Night buses return")
    carrying_nul = [payload for payload in payloads if "\x00" in payload.text]
    client = Client()
    assert tab.visit(article.url) == 200
    allowed = clean_shapes(tab, client, [])
    refusal = client.get("/search/?q=zz%00")
    assert refusal.status_code == 400
    allowed |= set(tab.render(refusal.content.decode(), "clean refusal")["shapes"])
    assert tab.take_events() == []
    addresses = [
        "/search/?q=",
        "/search/?q=bus&category=",
        f"{article.url}?replytocom=",
        "/news/?page=",
    ]

    findings = Findings(tab)
    asks = [(address, payload) for payload in carrying_nul for address in addresses]
    for (address, payload), response in answered(
        asks, lambda ask: client.get(ask[0] + quote(ask[1].text))
    ):
        label = f"payload {payload} in {address}"
        findings.expect(response.status_code == 400, f"{label}: answered {response.status_code}")
        audit = tab.render(response.content.decode(), label)
        findings.audited(label, audit, allowed)
        findings.expect(
            "That address could not be read" in response.content.decode(),
            f"{label}: the page does not say why",
        )
    assert carrying_nul, "the payload list lost its NUL payloads"
    findings.check(len(asks))


def test_the_reply_heading_shows_accepted_names_as_text(tab, payloads):
    article = make_article("Ferry fares frozen")
    client = Client()
    client.post(comment_url(article), comment_form_data())
    comment = Comment.objects.get()
    moderation.approve(comment)
    reply_page = f"{article.url}?replytocom={comment.pk}"
    assert tab.visit(reply_page) == 200
    allowed = clean_shapes(tab, client, [reply_page])
    reads = {
        "heading": ("#reply-title bdi", "text"),
        "label": (".comment-reply-link", "aria-label"),
    }
    names = []
    # Every third payload: the heading shows the same stored name that the story
    # page shows, as text and in an attribute, for every payload (the test above).
    for payload in payloads[::3]:
        form = CommentForm(comment_form_data(name=payload.text), article=article, max_depth=5)
        if form.is_valid():
            names.append((payload, form.cleaned_data["name"]))

    def ask(payload_and_name):
        # The name as the form stores it, on the one comment being answered.
        Comment.objects.filter(pk=comment.pk).update(name=payload_and_name[1])
        return client.get(reply_page)

    findings = Findings(tab)
    for (payload, name), response in answered(names, ask):
        label = f"payload {payload} as the name replied to"
        audit = tab.render(response.content.decode(), label, reads)
        findings.audited(label, audit, allowed)
        findings.expect(
            audit["values"] == {"heading": [name], "label": [f"Reply to {name}"]},
            f"{label}: the heading and link read {audit['values']}",
        )
    findings.check(len(names))
    assert len(names) > 0.6 * len(payloads[::3])


def test_the_watch_sees_clean_pages_as_clean_and_injected_markup_even_when_blocked(tab):
    """The oracle of every test above: silent on the site's own pages, loud on injected markup."""
    article = make_article("Harbour bridge reopens")
    Client().post(comment_url(article), comment_form_data(website=CLEAN_WEBSITE))
    moderation.moderate_many(Comment.objects.for_article(article), "approve")
    for path in (article.url, "/search/?q=harbour", "/news/"):
        assert tab.visit(path) == 200
        tab.page.wait_for_timeout(100)
        assert tab.audit()["problems"] == []
        assert tab.take_events() == []

    page = Client().get(article.url).content.decode()
    injected = page.replace(
        "</main>", '<img src=x onerror="__xss(0)"><a href=" javascript:__xss(0)">x</a></main>'
    )
    audit = tab.render(injected, "a page with markup injected")
    tab.page.wait_for_timeout(100)

    assert len(audit["problems"]) == 2
    assert audit["shapes"]["img[onerror src]"] == 1
    # Run by the browser, or blocked by the Content-Security-Policy: either is seen.
    assert any("__xss(0)" in event or "csp:" in event for event in tab.take_events())
