"""Reading the desk's admin pages as an editor sees them."""

import re
from html import unescape

from django.urls import reverse


def as_user(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def dashboard(client, user):
    return as_user(client, user, reverse("wagtailadmin_home"))


def box(page, name):
    """The text of one of the desk's boxes: drafts, review, scheduled, today."""
    start = page.index(f'id="desk-{name}-section"')
    return page[start : page.index("</section>", start)]


def headlines(page):
    """The headlines in a page of the story list, top to bottom."""
    titles = re.findall(r'<span id="page_\d+_title">\s*(.*?)\s*</span>', page, re.DOTALL)
    return [unescape(title) for title in titles]


def statuses(page):
    """The status tags in a page of the story list, top to bottom."""
    tags = re.findall(r'<span class="w-status[^"]*">\s*(.*?)\s*</span>', page, re.DOTALL)
    return [unescape(tag) for tag in tags]
