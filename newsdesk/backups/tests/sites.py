"""Real Newsdesk sites for the backup tests: each runs in its own processes, on its own
data folder and, when the suite runs on PostgreSQL, its own database."""

import contextlib
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.db import connection

from newsdesk.core.servers import production_environment

STARTUP_SECONDS = 300


def on_postgresql():
    return connection.vendor == "postgresql"


def postgresql(sql):
    """Run one statement on the suite's PostgreSQL server, outside any database of ours."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        server.execute(sql)


def own_database(suffix):
    """On PostgreSQL, a new empty database for the block, named after the suite's test
    database; its DATABASE_URL. On SQLite, nothing: the site's data folder holds its database.
    """
    if not on_postgresql():
        return contextlib.nullcontext(None)
    return empty_database(f"{connection.settings_dict['NAME']}_{suffix}")


@contextlib.contextmanager
def empty_database(name):
    """A new, empty PostgreSQL database for the length of the block; its DATABASE_URL."""
    postgresql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    postgresql(f'CREATE DATABASE "{name}"')
    try:
        address = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        yield address._replace(path=f"/{name}").geturl()
    finally:
        postgresql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """A data folder (and PostgreSQL database) that ``newsdesk`` commands run against."""

    def __init__(self, data_dir, database_url=None):
        self.data_dir = data_dir
        self.media = data_dir / "media"
        self.environment = production_environment(
            data_dir,
            # Many comments from one test client, and sent the moment the form arrives.
            NEWSDESK_COMMENTS_RATE_LIMIT="0",
            NEWSDESK_COMMENTS_MIN_SECONDS="0",
        )
        if database_url:
            self.environment["DATABASE_URL"] = database_url

    def newsdesk(self, *arguments):
        """Run ``newsdesk ARGUMENTS`` to the end; the finished process, output as text."""
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", *map(str, arguments)],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=STARTUP_SECONDS,
            check=False,
        )

    def open_for_comments(self):
        """Migrate, publish a story with a picture; the story's address and picture file."""
        done = self.newsdesk(
            "shell",
            "-c",
            "from newsdesk.backups.tests.newsroom import open_for_comments; open_for_comments()",
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    @contextlib.contextmanager
    def serving(self):
        """``newsdesk serve`` on a free port for the block; its base URL.

        Its messages go to a file, not a pipe: granian's processes outlive a
        killed ``serve`` and would hold a pipe open.
        """
        port = free_port()
        log_path = self.data_dir.parent / f"{self.data_dir.name}-serve-{port}.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "newsdesk", "serve", "--port", str(port), "--workers", "1"],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base_url, server, log_path)
            yield base_url
        finally:
            stop(server)


def descendants(pid):
    """The processes started, directly or not, by ``pid``."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = [], [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def stop(server):
    """SIGTERM, as an operator would; SIGKILL to it and its granian processes if it hangs."""
    granian = descendants(server.pid)
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    for pid in granian:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def wait_until_up(base_url, server, log_path):
    """Wait until the server answers at all; fail with its messages if it never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"newsdesk serve exited early:\n{log_path.read_text()}")
        try:
            urllib.request.urlopen(base_url + "/", timeout=10).close()  # noqa: S310 - our server
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail(
        f"newsdesk serve did not answer within {STARTUP_SECONDS} s:\n{log_path.read_text()}"
    )


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hand the redirect after a posted comment back to us instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A reader's browser without JavaScript: cookies kept, redirects reported, not followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), KeepRedirects()
        )

    def get(self, path):
        """Status and body of a GET."""
        try:
            with self.opener.open(self.base_url + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def comment_form(self, path):
        """The comment form on the page at ``path``: its action and every value it carries."""
        status, body = self.get(path)
        assert status == 200, status
        form = BeautifulSoup(body, "html.parser").select_one("#commentform")
        values = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
        return form["action"], values

    def send(self, action, values, comment):
        """Post a filled-in form; the status and the Location of the answer."""
        data = urllib.parse.urlencode(
            {**values, "name": "Rosa Quill", "email": "rosa@example.com", "comment": comment}
        ).encode()
        try:
            with self.opener.open(self.base_url + action, data=data, timeout=30) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")


def comments_on_page(body):
    """The words of every comment a page shows."""
    page = BeautifulSoup(body, "html.parser")
    return {text.get_text(" ", strip=True) for text in page.select(".comment-text")}


class Commenters(threading.Thread):
    """Readers posting comments through the site's real form, one after another, until stopped.

    ``acknowledged`` lists each comment the site confirmed (its redirect to the
    new comment) as ``(words, sent_at, confirmed_at)``, times from ``time.monotonic()``.
    """

    def __init__(self, base_url, story_path):
        super().__init__(daemon=True)
        self.browser = Browser(base_url)
        self.story_path = story_path
        self.acknowledged = []
        self.failures = []
        self.stop = threading.Event()

    PAUSE = 0.05

    def run(self):
        number = 0
        while not self.stop.is_set():
            number += 1
            words = f"Comment {number}: the night ferry was on time again."
            try:
                action, values = self.browser.comment_form(self.story_path)
                sent_at = time.monotonic()
                status, location = self.browser.send(action, values, words)
            except (OSError, AssertionError) as error:
                self.failures.append(repr(error))
                continue
            if status == 302 and "#comment-" in location:
                self.acknowledged.append((words, sent_at, time.monotonic()))
            else:
                self.failures.append(f"{words!r} answered {status}")
            # A steady stream, not a flood: the backup must not starve for CPU.
            self.stop.wait(self.PAUSE)

    def confirmed_before(self, moment):
        """Comments whose confirmation arrived before ``moment``: stored by then."""
        return {
            words for words, _sent_at, confirmed_at in self.acknowledged if confirmed_at < moment
        }

    def sent_after(self, moment):
        """Comments sent after ``moment``: stored after it."""
        return {words for words, sent_at, _confirmed_at in self.acknowledged if sent_at > moment}

    def wait_for(self, count, timeout=60):
        """Block until ``count`` comments in all were confirmed."""
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count:
            assert time.monotonic() < deadline, f"only {len(self.acknowledged)}: {self.failures}"
            assert self.is_alive(), self.failures
            time.sleep(0.05)


class Uploads(threading.Thread):
    """An editor's uploads: files keep appearing in the media folder, and older ones vanish."""

    def __init__(self, media):
        super().__init__(daemon=True)
        self.folder = media / "uploads"
        self.stop = threading.Event()

    KEEP = 20

    def run(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        number = 0
        while not self.stop.is_set():
            number += 1
            (self.folder / f"note-{number}.txt").write_text(f"Upload number {number}.\n" * 100)
            (self.folder / f"note-{number - self.KEEP}.txt").unlink(missing_ok=True)
            time.sleep(0.01)
