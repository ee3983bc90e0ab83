"""A newsletter reader in a browser without JavaScript, and the paper's newsletters."""

import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from newsdesk.newsletters.models import Newsletter

LINK = re.compile(r"https?://\S+")


@contextmanager
def hours_from_now(hours):
    """Move the clock, for our timestamps and for the signatures of links, by ``hours``."""
    moment = timezone.now() + timedelta(hours=hours)
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch("django.core.signing.time.time", return_value=moment.timestamp()),
    ):
        yield moment


def briefing():
    return Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)


def alerts():
    return Newsletter.objects.get(kind=Newsletter.Kind.BREAKING_NEWS)


def links_in(received):
    """The web addresses in a received email's plain-text part, in order."""
    return LINK.findall(received.part("text/plain"))


class NewsletterReader:
    """Loads a page, fills in its sign-up form and sends it, as a same-site browser does."""

    def __init__(self, remote_addr="198.51.100.7"):
        self.client = Client(REMOTE_ADDR=remote_addr, HTTP_SEC_FETCH_SITE="same-origin")

    def soup(self, url):
        response = self.client.get(url)
        assert response.status_code == 200, response.status_code
        return BeautifulSoup(response.content, "html.parser")

    def form_values(self, url):
        """The sign-up form's action and what the browser would send, boxes as ticked."""
        form = self.soup(url).select_one("form.newsletter-form")
        values = {}
        for field in form.select("input[name]"):
            if field.get("type") == "checkbox":
                if field.has_attr("checked"):
                    values.setdefault(field["name"], []).append(field["value"])
            else:
                values[field["name"]] = field.get("value", "")
        return form["action"], values

    def sign_up(self, url="/newsletters/", **fields):
        action, values = self.form_values(url)
        values.update(fields)
        return self.client.post(action, values)

    def open_link(self, url):
        """Open a link from an email: its path on this site."""
        return self.client.get(re.sub(r"^https?://[^/]+", "", url))

    def press(self, url, **fields):
        """Press the only button of the page at ``url`` (its form posts back to itself)."""
        path = re.sub(r"^https?://[^/]+", "", url)
        return self.client.post(path, fields)
