"""Readers and an editor at work on a real site while it is backed up: comments posted
through the site's own form, uploads appearing and vanishing in its media folder.

The sites themselves come from the suite's harness, ``newsdesk.testing.sites``.
"""

import http.cookiejar
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from bs4 import BeautifulSoup
from django.db import connection


def on_postgresql():
    return connection.vendor == "postgresql"


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
