"""Readers commenting at once on the breaking story, each comment from a fresh page load.

Every comment is one new reader in a browser without JavaScript: load the
story with no cookies, take the form and the CSRF cookie it came with, fill it
in and send it. The site's answer to a stored comment is a redirect to
``…#comment-<id>``; anything else is a refusal. Each comment's words are its
own, so afterwards the database can say whether every acknowledged comment was
stored exactly once.
"""

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

from .load import summarise

EMAIL_DOMAIN = "bench.example"
REQUEST_SECONDS = 30
REFUSALS_KEPT = 5
FORM = re.compile(r'<form[^>]*id="commentform".*?</form>', re.DOTALL)
COMMENT_ID = re.compile(r"#comment-(\d+)$")


class FormFields(HTMLParser):
    """A form's action and the values of its inputs, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("action")
        elif tag == "input" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def comment_form(page):
    """``(action, values)`` of the comment form on ``page`` (bytes), or ``None`` if it has none."""
    # Only the form is parsed: the page around it would cost the crowd's share of the CPU.
    found = FORM.search(page.decode())
    if found is None:
        return None
    fields = FormFields()
    fields.feed(found.group())
    return fields.action, fields.values


@dataclass
class Posting:
    """What the crowd sent and what the site answered."""

    acknowledged: dict = field(default_factory=dict)
    latencies: list = field(default_factory=list)
    refusals: list = field(default_factory=list)
    refused: int = 0
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def refuse(self, reason):
        with self.lock:
            self.refused += 1
            if len(self.refusals) < REFUSALS_KEPT:
                self.refusals.append(reason)

    def measurement(self):
        """Acknowledged comments per second, and how long the site took to answer each post."""
        return summarise(self.latencies, self.seconds, self.refused)


def filled_in(values, reader, number):
    """The form's own values with one reader's comment written in."""
    return {
        **values,
        "name": f"Bench reader {reader}",
        "email": f"reader{reader}.{number}@{EMAIL_DOMAIN}",
        "website": "",
        "comment": f"Comment {number} from reader {reader}: the late ferry should keep "
        "running while the bridge is closed for repairs.",
    }


class Commenter(threading.Thread):
    """One reader's browser, commenting again and again until ``deadline``."""

    def __init__(self, reader, port, path, deadline, posting):
        super().__init__(name=f"bench-commenter-{reader}", daemon=True)
        self.reader = reader
        self.port = port
        self.path = path
        self.deadline = deadline
        self.posting = posting
        self.connection = None

    def run(self):
        number = 0
        while time.monotonic() < self.deadline:
            number += 1
            try:
                self.comment(number)
            except (OSError, http.client.HTTPException) as error:
                self.posting.refuse(f"no answer: {error}")
                self.hang_up()
        self.hang_up()

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=REQUEST_SECONDS
            )
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        page = response.read()
        if response.will_close:
            self.hang_up()
        return response, page

    def hang_up(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def comment(self, number):
        response, page = self.request("GET", self.path)
        form = comment_form(page) if response.status == 200 else None
        if form is None:
            self.posting.refuse(f"the story answered {response.status} with no comment form")
            return
        action, values = form
        values = filled_in(values, self.reader, number)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        started = time.perf_counter()
        response, page = self.request("POST", action, urlencode(values), headers)
        answered = time.perf_counter() - started
        location = response.headers.get("Location", "")
        if response.status == 302 and (found := COMMENT_ID.search(location)):
            self.posting.acknowledged[values["comment"]] = int(found.group(1))
            self.posting.latencies.append(answered)
        else:
            self.posting.refuse(f"{response.status} {location}".strip())


def post_comments(port, path, readers, seconds):
    """``readers`` commenting at once on ``path`` for ``seconds``; returns the ``Posting``."""
    posting = Posting()
    started = time.monotonic()
    crowd = [
        Commenter(reader, port, path, started + seconds, posting)
        for reader in range(1, readers + 1)
    ]
    for commenter in crowd:
        commenter.start()
    for commenter in crowd:
        commenter.join()
    posting.seconds = time.monotonic() - started
    return posting


@dataclass(frozen=True)
class Audit:
    """Acknowledged comments checked against the database."""

    acknowledged: int
    stored: int
    lost: int
    doubled: int
    unacknowledged: int

    @property
    def none_lost(self):
        return self.lost == 0 and self.doubled == 0


def audit(posting, stored):
    """Compare what the site acknowledged with ``stored`` (each body with its stored ids)."""
    lost = sum(
        comment_id not in stored.get(body, ()) for body, comment_id in posting.acknowledged.items()
    )
    return Audit(
        acknowledged=len(posting.acknowledged),
        stored=sum(len(ids) for ids in stored.values()),
        lost=lost,
        doubled=sum(len(ids) > 1 for ids in stored.values()),
        unacknowledged=sum(body not in posting.acknowledged for body in stored),
    )
