"""The email as a reader's mail program shows it: Chromium at phone and desktop widths."""

import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from newsdesk.newsletters import sender, sending

from .builders import edition, subscriber

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEASURE = """() => {
    const width = window.innerWidth;
    const wider = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 1)
        .map((element) => element.outerHTML.slice(0, 120));
    const images = [...document.images].map((image) => ({
        alt: image.getAttribute("alt"), loaded: image.complete && image.naturalWidth > 0,
    }));
    return {scrollWidth: document.documentElement.scrollWidth, width, wider, images};
}"""


@pytest.fixture
def received_email(smtp_server):
    """An edition of three stories as the mail server received it."""
    subscriber("reader@example.org")
    sending.queue(
        edition(
            stories=3,
            subject="A long subject line about the harbour authority's late-night vote",
            intro="Overnight, the harbour authority voted on the ferry timetable. "
            "Here is what changes for commuters, and what stays the same.",
        )
    )
    sender.Sender(connections=1, rate=0).drain(threading.Event())
    (message,) = smtp_server.messages_to("reader@example.org")
    return message


def serve_media(route):
    """The email's pictures, from the site's media folder, as the paper's server would."""
    path = urlsplit(route.request.url).path
    if not path.startswith(settings.MEDIA_URL):
        return route.abort()
    file = Path(settings.MEDIA_ROOT) / path.removeprefix(settings.MEDIA_URL)
    return route.fulfill(body=file.read_bytes(), content_type="image/jpeg")


@pytest.mark.parametrize("width", [390, 1000])
def test_the_received_email_fits_the_screen_and_every_picture_has_alt_text(
    chromium, received_email, width
):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        context.route("**/*", serve_media)
        page = context.new_page()
        page.set_content(received_email.part("text/html"), wait_until="load")
        seen = page.evaluate(MEASURE)
    finally:
        context.close()

    assert seen["scrollWidth"] <= width
    assert seen["wider"] == []
    assert seen["images"] == [{"alt": "Fishing boats moored at the harbour wall", "loaded": True}]


def test_the_plain_text_part_reads_as_the_email_without_markup(received_email):
    text = received_email.part("text/plain")

    assert "<" not in text.replace("<http", "")
    assert "A LONG SUBJECT LINE ABOUT THE HARBOUR AUTHORITY'S LATE-NIGHT VOTE" in text
    assert "the harbour authority voted on the ferry timetable" in text
    assert text.count("Read the story: http://127.0.0.1:8000/news/") == 3
    assert "Unsubscribe: http://127.0.0.1:8000/newsletters/unsubscribe/" in text
    long_lines = [line for line in text.splitlines() if len(line) > 78 and "http" not in line]
    assert long_lines == []
