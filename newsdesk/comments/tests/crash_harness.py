"""Kill a real ``newsdesk serve`` while a crowd of readers comments, and count what survived.

The crash test in ``test_crash_durability.py`` drives this, on a site from the
suite's harness (``newsdesk.testing.sites``): a copy of the run's prepared site,
on SQLite or on a PostgreSQL database of its own, whose ``Server`` can be
SIGKILLed with every granian process it spawned and started again on the same
port and data. ``Commenter`` threads behave like readers whose browser resends
the same form, one-time key and all, until the site answers.
"""

import http.client
import itertools
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.conf import settings

from newsdesk.comments.posting import submission_key
from newsdesk.comments.tests.reader import textarea_value
from newsdesk.comments.tokens import read_form_token
from newsdesk.testing.sites import request

REQUEST_SECONDS = 20
RETRY_PAUSE = 0.2
WORKERS = 2
# Every server life serves at least this long before the next crash or the end.
MIN_LIFE = 3
HANG_UP_EVERY = 5
# How long after the end the crowd may take to get an answer for the forms it still holds.
GRACE = 60
COMMENT_ID = re.compile(r"#comment-(\d+)$")
FORM = re.compile(r'<form[^>]*id="commentform".*?</form>', re.DOTALL)

# Run in the site's own process: what the site needs before its first reader.
SETUP = """
import json
from wagtail.models import Site

from newsdesk.comments.models import CommentSettings
from newsdesk.news.tests.builders import make_article

comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
comment_settings.moderation = CommentSettings.Moderation.HOLD_ALL
comment_settings.save()
story = make_article("Night ferry timetable under review", comments_open=True)
print(json.dumps({"url": story.url}))
"""
# Comments open to any pace: the crowd posts faster than the guards let one reader.
SITE_SETTINGS = {
    "NEWSDESK_COMMENTS_RATE_LIMIT": "0",
    "NEWSDESK_COMMENTS_MIN_SECONDS": "0",
}


def epoch(value):
    """Seconds since the epoch of a ``created_at`` as the database hands it back."""
    if isinstance(value, str):  # SQLite keeps datetimes as text, in UTC
        value = datetime.fromisoformat(value.replace(" ", "T") + "+00:00")
    return value.timestamp()


@dataclass(frozen=True)
class StoredComment:
    pk: int
    submission_key: str
    email: str
    body: str
    created_at: float


COMMENTS_QUERY = "SELECT id, submission_key, email, body, created_at FROM comments_comment"


def stored_comments(site):
    """Every comment the site's database holds, read straight from it."""
    if site.database:
        with site.database.connect() as database:
            rows = database.execute(COMMENTS_QUERY).fetchall()
    else:
        with sqlite3.connect(f"file:{site.sqlite_path}?mode=ro", uri=True) as database:
            rows = database.execute(COMMENTS_QUERY).fetchall()
    return [StoredComment(*row[:4], epoch(row[4])) for row in rows]


def engine(site):
    return "PostgreSQL" if site.database else "SQLite"


def form_errors(page):
    """The errors a refused form shows its reader, in one line."""
    errors = BeautifulSoup(page, "html.parser").select(".form-errors li")
    return " / ".join(error.get_text(" ", strip=True) for error in errors) or page[:200]


def send_and_hang_up(port, path, body, headers):
    """POST ``body`` and close the connection without waiting for the answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request("POST", path, body=body, headers=headers)
    finally:
        connection.close()


class Transient(Exception):
    """The site did not answer, or answered with a server error: send the same form again."""


@dataclass
class Submission:
    """One filled-in form, however many times it had to be sent."""

    key: str
    email: str
    body: str
    # The reader's connection drops after sending, before the answer comes back.
    hangs_up: bool = False
    sends: int = 0
    last_sent_at: float | None = None
    comment_id: int | None = None
    life: int | None = None
    refusal: str | None = None


@dataclass
class Run:
    """What the crowd did and what the server went through."""

    submissions: list = field(default_factory=list)
    downtimes: list = field(default_factory=list)
    killed_processes: list = field(default_factory=list)
    commenters: int = 0
    seconds: float = 0.0
    life: int = 0


class Commenter(threading.Thread):
    """A reader who loads the story, writes a comment, and sends it until the site says yes.

    On no answer, a reset connection or a 5xx, the browser sends the very same
    form again: same one-time key, same words. That is the path the idempotency
    key exists for. Crashes lose an answer after the commit only by luck of
    timing, so every ``HANG_UP_EVERY``-th form also hangs up after its first send
    and sends again: the server stores it, and the resend must find it.
    """

    def __init__(self, number, port, story_path, run, no_new_forms, give_up):
        super().__init__(name=f"commenter-{number}", daemon=True)
        self.number = number
        self.port = port
        self.story_path = story_path
        self.run_record = run
        self.no_new_forms = no_new_forms
        self.give_up = give_up

    def run(self):
        for sequence in itertools.count(1):
            form = self.fresh_form()
            if form is None:
                return
            action, values = form
            values.update(
                name=f"Reader {self.number}",
                email=f"reader{self.number}@example.com",
                website="",
                comment=f"Note {sequence} from reader {self.number}: the late crossing suits "
                "shift workers far better than the old timetable did.",
            )
            submission = Submission(
                key=submission_key(
                    read_form_token(values["form_token"]).key, values["email"], values["comment"]
                ),
                email=values["email"],
                body=values["comment"],
                hangs_up=sequence % HANG_UP_EVERY == 0,
            )
            self.run_record.submissions.append(submission)
            self.send_until_answered(submission, action, urlencode(values))

    def fresh_form(self):
        """The form's action and values from a fresh page load; ``None`` once told to stop."""
        while not self.no_new_forms.is_set():
            try:
                status, headers, page = request(
                    self.port, "GET", self.story_path, timeout=REQUEST_SECONDS
                )
            except (OSError, http.client.HTTPException):
                status = None
            if status == 200:
                # Only the form is parsed: the page around it would cost the crowd's CPU.
                form = BeautifulSoup(FORM.search(page.decode()).group(), "html.parser").form
                values = {f["name"]: f.get("value", "") for f in form.select("input[name]")}
                values["comment"] = textarea_value(form.select_one("textarea"))
                return form["action"], values
            time.sleep(RETRY_PAUSE)
        return None

    def send_until_answered(self, submission, action, body):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        while not self.give_up.is_set():
            submission.sends += 1
            submission.last_sent_at = time.time()
            try:
                if submission.hangs_up and submission.sends == 1:
                    send_and_hang_up(self.port, action, body, headers)
                    raise Transient("hung up before the answer")
                status, response_headers, page = request(
                    self.port, "POST", action, body, headers, timeout=REQUEST_SECONDS
                )
                if status >= 500:
                    raise Transient(status)
            except (OSError, http.client.HTTPException, Transient):
                time.sleep(RETRY_PAUSE)
                continue
            location = response_headers.get("Location", "")
            if status == 302 and (found := COMMENT_ID.search(location)):
                submission.comment_id = int(found.group(1))
                submission.life = self.run_record.life
            else:
                submission.refusal = f"{status} {location or form_errors(page)}"
            return


def crash_while_commenting(throwaway_site, commenters=32, seconds=30, crashes_at=(8, 18)):
    """Let ``commenters`` post for ``seconds`` while the server is SIGKILLed at ``crashes_at``.

    Each server life, restarts included, serves for at least ``MIN_LIFE`` seconds
    before the next crash or the end, so a slow start-up cannot leave a life
    untested. Returns the site, the ``Run`` and the comments stored afterwards.
    """
    # The test signs nothing itself, but reads the one-time key out of each form.
    site = throwaway_site("crash", NEWSDESK_SECRET_KEY=settings.SECRET_KEY, **SITE_SETTINGS)
    server = site.server(workers=WORKERS)
    run = Run(commenters=commenters)
    no_new_forms, give_up = threading.Event(), threading.Event()
    try:
        story_path = site.shell(SETUP)["url"]
        server.start()
        ready_at = server.wait_until_ready(story_path)
        crowd = [
            Commenter(number, server.port, story_path, run, no_new_forms, give_up)
            for number in range(1, commenters + 1)
        ]
        started = time.monotonic()
        for commenter in crowd:
            commenter.start()
        for moment in crashes_at:
            _sleep_until(max(started + moment, ready_at + MIN_LIFE))
            crashed_at = time.monotonic()
            run.killed_processes.append(server.crash())
            run.life += 1
            server.start()
            ready_at = server.wait_until_ready(story_path)
            run.downtimes.append(ready_at - crashed_at)
        _sleep_until(max(started + seconds, ready_at + MIN_LIFE))
        no_new_forms.set()
        run.seconds = time.monotonic() - started
        answer_by = time.monotonic() + GRACE
        for commenter in crowd:
            commenter.join(timeout=max(0, answer_by - time.monotonic()))
        give_up.set()
        for commenter in crowd:
            commenter.join()
        return site, run, stored_comments(site)
    finally:
        # On a failure part-way, the crowd must not go on knocking for the rest of the suite.
        no_new_forms.set()
        give_up.set()
        server.stop()


def _sleep_until(moment):
    time.sleep(max(0, moment - time.monotonic()))


def found_on_resend(run, stored):
    """Forms whose answered send was a resend that found the comment an earlier send stored.

    That is the one-time key at work: the comment was created before the send
    that got the answer had even left.
    """
    created_at = {comment.pk: comment.created_at for comment in stored}
    return [
        s
        for s in run.submissions
        if s.sends > 1 and created_at.get(s.comment_id, float("inf")) < s.last_sent_at
    ]


def figures(site, run, stored):
    """The run in numbers, one line, for the test's output and failure messages."""
    answered = [s for s in run.submissions if s.comment_id is not None]
    found = found_on_resend(run, stored)
    sends = sum(s.sends for s in run.submissions)
    hung_up = sum(1 for s in run.submissions if s.hangs_up)
    resent_for_the_crashes = sum(1 for s in run.submissions if s.sends > 1 + s.hangs_up)
    downtimes = ", ".join(f"{seconds:.1f} s" for seconds in run.downtimes)
    per_life = [sum(1 for s in answered if s.life == life) for life in range(run.life + 1)]
    return (
        f"{engine(site)}, {run.commenters} readers, {run.seconds:.1f} s: "
        f"{len(run.submissions)} forms posted in {sends} sends; {resent_for_the_crashes} forms "
        f"resent while the server was down, {hung_up} resent after hanging up on purpose; "
        f"{len(answered)} acknowledged (per server life: {per_life}), "
        f"{sum(not s.hangs_up for s in found)} resends after a crash and "
        f"{sum(s.hangs_up for s in found)} after a hang-up found the comment already stored; "
        f"{len(stored)} comments stored. Server down {downtimes} after SIGKILLs of "
        f"{run.killed_processes} processes."
    )
