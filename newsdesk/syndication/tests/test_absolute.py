"""Story HTML leaves the site with every address absolute, and otherwise as it was."""

import pytest

from newsdesk.syndication.absolute import absolute_urls

BASE = "http://127.0.0.1:8000/news/harbour-bridge/"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/news/">all</a>', '<a href="http://127.0.0.1:8000/news/">all</a>'),
        ('<a href="timeline/">more</a>', f'<a href="{BASE}timeline/">more</a>'),
        ('<img alt="" src="/media/a.png">', '<img alt="" src="http://127.0.0.1:8000/media/a.png">'),
        (
            '<img src="/a.png" srcset="/a.png 1x, /b.png 2x" />',
            '<img src="http://127.0.0.1:8000/a.png" '
            'srcset="http://127.0.0.1:8000/a.png 1x, http://127.0.0.1:8000/b.png 2x" />',
        ),
        ('<a href="#comments">c</a>', f'<a href="{BASE}#comments">c</a>'),
    ],
)
def test_relative_addresses_become_absolute(html, expected):
    assert absolute_urls(html, BASE) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://example.org/x?a=1&amp;b=2">elsewhere</a>',
        '<a href="mailto:desk@example.org">write</a>',
        "<p>Fish &amp; chips &#8212; <b>5&nbsp;%</b></p><!-- kept -->",
        '<p class="lead" data-block-key="x1">Plain</p>',
    ],
)
def test_everything_else_comes_out_as_it_went_in(html):
    assert absolute_urls(html, BASE) == html


def test_quotes_in_addresses_stay_inside_the_attribute():
    html = absolute_urls("<a href='/search/?q=\"bridge\"'>s</a>", BASE)

    assert html == '<a href="http://127.0.0.1:8000/search/?q=&quot;bridge&quot;">s</a>'
