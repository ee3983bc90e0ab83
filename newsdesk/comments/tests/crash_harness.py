"""Kill a real ``newsdesk serve`` while a crowd of readers comments, and count what survived.

The crash test in ``test_crash_durability.py`` drives this. A store is the
database the server writes to (``SqliteStore``: a fresh data folder, or
``PostgresStore``: a fresh database beside the test one). A ``Server`` is one
``newsdesk serve`` that can be started, SIGKILLed with every granian process it
spawned, and started again on the same port and data. ``Commenter`` threads
behave like readers whose browser resends the same form, one-time key and all,
until the site answers.
"""

import http.client
import itertools
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import dj_database_url
import psycopg
from bs4 import BeautifulSoup
from django.conf import settings

from newsdesk.comments.posting import submission_key
from newsdesk.comments.tests.reader import textarea_value
from newsdesk.comments.tokens import read_form_token
from newsdesk.core.servers import process_tree, production_environment

STARTUP_SECONDS = 120
REQUEST_SECONDS = 20
RETRY_PAUSE = 0.2
LOWEST_PORT = 20000
WORKERS = 2
# Every server life serves at least this long before the next crash or the end.
MIN_LIFE = 3
HANG_UP_EVERY = 5
# How long after the end the crowd may take to get an answer for the forms it still holds.
GRACE = 60
COMMENT_ID = re.compile(r"#comment-(\d+)$")
FORM = re.compile(r'<form[^>]*id="commentform".*?</form>', re.DOTALL)

# Run in a fresh interpreter with the server's environment: the data the site
# needs before its first reader, exactly as an install would have it.
SETUP_SCRIPT = """
import json
import django

django.setup()
from django.core.management import call_command
from wagtail.models import Site

from newsdesk.comments.models import CommentSettings
from newsdesk.news.tests.builders import make_article

call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
comment_settings.moderation = CommentSettings.Moderation.HOLD_ALL
comment_settings.save()
story = make_article("Night ferry timetable under review", comments_open=True)
print(json.dumps({"url": story.url}))
"""


def free_port():
    """A free port below the kernel's range for outgoing connections.

    A connection to a port in that range while nothing listens there can be
    given the same port as its own end, and then connects to itself (TCP's
    simultaneous open). Thousands of retries while the server is down make that
    likely enough to matter.
    """
    outgoing_from = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for port in random.sample(range(LOWEST_PORT, outgoing_from), 100):
        try:
            with socket.create_server(("127.0.0.1", port)):
                return port
        except OSError:
            continue
    raise RuntimeError(f"No free port between {LOWEST_PORT} and {outgoing_from}.")


def listeners(port):
    """Pids of the processes with a socket listening on ``port``, for a failure message."""
    listening = "0A"
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == listening:
                inodes.add(f"socket:[{fields[9]}]")
    holders = set()
    for descriptor in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(descriptor) in inodes:
                holders.add(int(descriptor.parts[2]))
        except OSError:
            continue
    return sorted(holders)


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


class SqliteStore:
    """The site's own SQLite file in a fresh data folder."""

    engine = "SQLite"

    def __init__(self, data_dir):
        self.path = Path(data_dir) / "newsdesk.sqlite3"

    def environment(self):
        return {}

    def create(self):
        """Nothing to do: ``migrate`` creates the file."""

    def comments(self):
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as database:
            rows = database.execute(COMMENTS_QUERY).fetchall()
        return [StoredComment(*row[:4], epoch(row[4])) for row in rows]

    def drop(self):
        """Nothing to do: the data folder is the test's temporary folder."""


class PostgresStore:
    """A database of its own beside the test database, named after it, dropped at the end."""

    engine = "PostgreSQL"

    def __init__(self, url):
        self.name = f"test_{dj_database_url.parse(url)['NAME']}_crash"
        self.url = urlsplit(url)._replace(path=f"/{self.name}").geturl()
        self.maintenance_url = urlsplit(url)._replace(path="/postgres").geturl()

    def environment(self):
        return {"DATABASE_URL": self.url}

    def _administer(self, *statements):
        with psycopg.connect(self.maintenance_url, autocommit=True) as database:
            for statement in statements:
                database.execute(statement)

    def create(self):
        # A run killed halfway may have left the database behind.
        self._administer(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}"',
        )

    def comments(self):
        with psycopg.connect(self.url) as database:
            rows = database.execute(COMMENTS_QUERY).fetchall()
        return [StoredComment(*row[:4], epoch(row[4])) for row in rows]

    def drop(self):
        self._administer(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def store_for_this_run(data_dir):
    """PostgreSQL when the suite runs on it (DATABASE_URL is set), otherwise SQLite."""
    url = os.environ.get("DATABASE_URL")
    return PostgresStore(url) if url else SqliteStore(data_dir)


def server_environment(data_dir, store):
    """Production settings on ``data_dir`` and ``store``, comments open to any pace."""
    return production_environment(
        data_dir,
        # The test signs nothing itself, but reads the one-time key out of each form.
        NEWSDESK_SECRET_KEY=settings.SECRET_KEY,
        NEWSDESK_COMMENTS_RATE_LIMIT="0",
        NEWSDESK_COMMENTS_MIN_SECONDS="0",
        **store.environment(),
    )


def prepare_site(environment):
    """Migrate, collect static files and publish one story; returns the story's path."""
    finished = subprocess.run(
        [sys.executable, "-c", SETUP_SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if finished.returncode:
        raise RuntimeError(f"Setting up the site failed:\n{finished.stdout}{finished.stderr}")
    return json.loads(finished.stdout.strip().splitlines()[-1])["url"]


def is_running(pid):
    """Whether any thread of ``pid`` still runs; a zombie waiting to be reaped has stopped.

    Every thread is looked at: a killed process's first thread turns zombie while
    the others may still be exiting, and its sockets close only with the last one.
    """
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for thread in threads:
        try:
            state = (thread / "stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue  # exited while we looked
        if state not in ("Z", "X"):
            return True
    return False


class Server:
    """One ``newsdesk serve`` on a fixed port and data, which can be crashed and started again."""

    def __init__(self, port, environment, log_path):
        self.port = port
        self.environment = environment
        self.log_path = log_path
        self.process = None

    def start(self):
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "newsdesk",
                    "serve",
                    "--port",
                    str(self.port),
                    "--workers",
                    str(WORKERS),
                ],  # fmt: skip
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so a crash can take it without touching pytest.
                process_group=0,
            )

    def log_tail(self, lines=40):
        return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])

    def wait_until_ready(self, path):
        """Wait until ``path`` answers 200; returns the moment it did."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"newsdesk serve exited early:\n{self.log_tail()}")
            try:
                status, _headers, _body = request(self.port, "GET", path)
                if status == 200:
                    return time.monotonic()
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(RETRY_PAUSE)
        self.crash()
        raise RuntimeError(f"No answer within {STARTUP_SECONDS} s:\n{self.log_tail()}")

    def crash(self):
        """SIGKILL ``newsdesk serve``, the granian master and every worker at once.

        ``serve`` starts granian in a process group of its own, so each group in
        the tree is killed. Fails if any of those processes outlives the signal or
        anything still listens on the port. Returns how many processes were killed.
        """
        tree = process_tree(self.process.pid)
        own_group = os.getpgid(0)
        groups = set()
        for pid in tree:
            try:
                groups.add(os.getpgid(pid))
            except ProcessLookupError:
                continue
        for group in groups - {own_group}:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                continue
        self.process.wait()
        deadline = time.monotonic() + 10
        while (survivors := [pid for pid in tree if is_running(pid)]) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)
        if survivors:
            raise RuntimeError(f"Processes {survivors} of the server survived SIGKILL.")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except ConnectionRefusedError:
            return len(tree)
        raise RuntimeError(
            f"Port {self.port} still takes connections after the crash; listening: "
            f"{listeners(self.port)}, killed: {tree}."
        )

    def stop(self):
        """Stop the way an operator would (SIGTERM); crash it if it will not."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.crash()


def request(port, method, path, body=None, headers=None):
    """One request on a fresh connection; returns ``(status, headers, body)``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


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
                status, headers, page = request(self.port, "GET", self.story_path)
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
                status, response_headers, page = request(self.port, "POST", action, body, headers)
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


def crash_while_commenting(store, workdir, commenters=32, seconds=30, crashes_at=(8, 18)):
    """Let ``commenters`` post for ``seconds`` while the server is SIGKILLed at ``crashes_at``.

    Each server life, restarts included, serves for at least ``MIN_LIFE`` seconds
    before the next crash or the end, so a slow start-up cannot leave a life
    untested. Returns the ``Run`` and the comments stored afterwards.
    """
    data_dir = Path(workdir) / "data"
    (data_dir / "media").mkdir(parents=True)
    environment = server_environment(data_dir, store)
    store.create()
    server = Server(free_port(), environment, Path(workdir) / "serve.log")
    run = Run(commenters=commenters)
    no_new_forms, give_up = threading.Event(), threading.Event()
    try:
        story_path = prepare_site(environment)
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
        return run, store.comments()
    finally:
        # On a failure part-way, the crowd must not go on knocking for the rest of the suite.
        no_new_forms.set()
        give_up.set()
        server.stop()
        store.drop()


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


def figures(store, run, stored):
    """The run in numbers, one line, for the test's output and failure messages."""
    answered = [s for s in run.submissions if s.comment_id is not None]
    found = found_on_resend(run, stored)
    sends = sum(s.sends for s in run.submissions)
    hung_up = sum(1 for s in run.submissions if s.hangs_up)
    resent_for_the_crashes = sum(1 for s in run.submissions if s.sends > 1 + s.hangs_up)
    downtimes = ", ".join(f"{seconds:.1f} s" for seconds in run.downtimes)
    per_life = [sum(1 for s in answered if s.life == life) for life in range(run.life + 1)]
    return (
        f"{store.engine}, {run.commenters} readers, {run.seconds:.1f} s: "
        f"{len(run.submissions)} forms posted in {sends} sends; {resent_for_the_crashes} forms "
        f"resent while the server was down, {hung_up} resent after hanging up on purpose; "
        f"{len(answered)} acknowledged (per server life: {per_life}), "
        f"{sum(not s.hangs_up for s in found)} resends after a crash and "
        f"{sum(s.hangs_up for s in found)} after a hang-up found the comment already stored; "
        f"{len(stored)} comments stored. Server down {downtimes} after SIGKILLs of "
        f"{run.killed_processes} processes."
    )
