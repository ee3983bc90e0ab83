"""Share links: plain links to the networks, nothing loaded from them until a reader clicks."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from .builders import make_article, make_image

pytestmark = pytest.mark.django_db

HEADLINE = 'Mayor says "no" to the bridge & café tax: Ærø ferry reprieve'
# Attributes through which a page makes the browser fetch something on its own.
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "srcset", "video": "src"}


def story_page(client, article):
    return BeautifulSoup(client.get(article.url).content, "html.parser")


def share_hrefs(page):
    return {a.text: a["href"] for a in page.select(".share-links a")}


def test_each_network_gets_the_story_address_and_headline_intact(client):
    article = make_article(HEADLINE)
    page = story_page(client, article)
    hrefs = share_hrefs(page)
    address = page.select_one("link[rel=canonical]")["href"]

    assert list(hrefs) == ["Email", "Bluesky", "Facebook", "X", "LinkedIn", "WhatsApp"]
    email = parse_qs(urlsplit(hrefs["Email"]).query)
    assert email == {"subject": [HEADLINE], "body": [f"{HEADLINE} {address}"]}
    assert parse_qs(urlsplit(hrefs["Bluesky"]).query) == {"text": [f"{HEADLINE} {address}"]}
    assert parse_qs(urlsplit(hrefs["Facebook"]).query) == {"u": [address]}
    assert parse_qs(urlsplit(hrefs["X"]).query) == {"url": [address], "text": [HEADLINE]}
    assert parse_qs(urlsplit(hrefs["LinkedIn"]).query) == {"url": [address]}
    assert parse_qs(urlsplit(hrefs["WhatsApp"]).query) == {"text": [f"{HEADLINE} {address}"]}
    assert address.startswith("http") and address.endswith(article.url)


def test_links_open_the_networks_without_telling_them_where_from(client):
    page = story_page(client, make_article())
    links = page.select(".share-links a")
    assert [urlsplit(a["href"]).scheme for a in links] == ["mailto"] + ["https"] * 5
    for link in links[1:]:
        assert set(link["rel"]) == {"noopener", "noreferrer"}


def test_the_story_page_loads_nothing_from_another_site(client):
    article = make_article(HEADLINE, hero_image=make_image())
    page = story_page(client, article)
    local_host = urlsplit(page.select_one("link[rel=canonical]")["href"]).netloc

    fetched = [tag.get(attribute) for tag, attribute in _fetching_attributes(page)]
    fetched += [link["href"] for link in page.find_all("link", href=True)]
    assert fetched, "the page has a picture and a stylesheet at least"
    for address in fetched:
        for candidate in address.split(","):
            host = urlsplit(candidate.strip().split(" ")[0]).netloc
            assert host in ("", local_host), address
    assert not page.find_all(["iframe", "embed", "object"])


def _fetching_attributes(page):
    for name, attribute in FETCHING.items():
        for tag in page.find_all(name):
            if tag.get(attribute):
                yield tag, attribute
