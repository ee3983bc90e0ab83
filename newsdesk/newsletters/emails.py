"""An edition as email: rendered once, then made personal for each subscriber by substitution.

Rendering the templates and inlining their CSS takes milliseconds; a send to
100,000 readers cannot afford that per message. So ``prepare`` renders an
edition once, with unguessable markers where each reader's own links go, and
``Prepared.for_subscriber`` swaps the markers for that reader's signed links: a
few string replacements per message.

The HTML is made for mail programs: tables, CSS inlined from our own template
by css-inline (a media query kept in a ``<style>`` for phones), absolute
addresses for every link and picture, alt text, and no tracking pixel. The
plain-text part carries the same stories and links.
"""

import re
import secrets
from dataclasses import dataclass, replace
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import quote, urljoin, urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from newsdesk.core import pictures

from . import clicks, tokens

# The picture above each story: the card set's middle size, sharp on a phone's
# screen at the email's 600-pixel width.
PICTURE_SET, PICTURE_SIZE = "card", "fill-960x540"
# Mail servers may refuse lines longer than 998 bytes; Django then re-encodes the
# whole part as quoted-printable, costly per message. Text lines are broken before.
LINE_LIMIT = 900

_inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass(frozen=True)
class Rendered:
    """One edition as one reader (or the web) gets it."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class StoryItem:
    """What the email shows of one story."""

    headline: str
    standfirst: str
    url: str
    picture_url: str = ""
    picture_alt: str = ""
    picture_width: int = 0
    picture_height: int = 0


def absolute(url):
    """``url`` (a path or a full address) as a full address on the paper's public host."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", url)


def paper_name():
    """The paper's name, as its default Wagtail site gives it."""
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def unsubscribe_address():
    """The address one-click unsubscribe mails go to (``NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL``)."""
    if settings.NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL:
        return settings.NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"unsubscribe@{domain}"


def story_items(edition):
    """The edition's published stories, in its order, as the email shows them."""
    chosen = edition.stories.select_related("story", "story__hero_image").order_by("sort_order")
    items = []
    for chosen_story in chosen:
        story = chosen_story.story
        if not story.live:
            continue
        url = absolute(clicks.tracked(edition, absolute(story.get_url())))
        picture = {}
        if story.hero_image is not None:
            rendition = pictures.renditions(story.hero_image, PICTURE_SET)[PICTURE_SIZE]
            picture = {
                "picture_url": absolute(rendition.url),
                "picture_alt": story.hero_alt_text,
                "picture_width": rendition.width,
                "picture_height": rendition.height,
            }
        items.append(StoryItem(story.title, story.standfirst, url, **picture))
    return items


def short_lines(html, limit=LINE_LIMIT):
    """``html`` with no line longer than ``limit`` characters, broken at spaces between words.

    Only spaces in text are replaced (never inside a tag), where a line break
    means the same as a space.
    """
    lines = []
    for line in html.split("\n"):
        while len(line) > limit:
            cut = _text_space_before(line, limit)
            if cut is None:
                break
            lines.append(line[:cut])
            line = line[cut + 1 :]
        lines.append(line)
    return "\n".join(lines)


def _text_space_before(line, limit):
    """The index of the last space outside a tag before ``limit``, or None."""
    in_tag, best = False, None
    for index, char in enumerate(line[:limit]):
        if char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        elif char == " " and not in_tag:
            best = index
    return best


class RawMessage:
    """A message already in its final bytes, standing in for the ``email`` package's
    object where Django's SMTP, console and file backends read it."""

    def __init__(self, data):
        self.data = data

    def as_bytes(self, linesep="\n", **kwargs):
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def get_charset(self):
        return None


class EditionEmail(EmailMultiAlternatives):
    """An edition's email to one reader. Its MIME bytes come from the edition's copy
    made once (``raw``), for Django's backends that send bytes; backends that build
    their own request (django-anymail's) read the subject, parts and headers as usual."""

    raw = None

    def message(self):
        return super().message() if self.raw is None else RawMessage(self.raw)


@dataclass(frozen=True)
class Prepared:
    """An edition rendered once, with markers where each reader's own values go."""

    subject: str
    text: str
    html: str
    marker: str
    headers: dict
    raw: bytes | None

    @property
    def token_marker(self):
        return f"{self.marker}token"

    def for_subscriber(self, subscriber, token=None):
        """The edition as ``subscriber`` gets it, with their own signed links."""
        token = token or tokens.preferences_token(subscriber)
        return Rendered(
            self.subject,
            self.text.replace(self.token_marker, token),
            self.html.replace(self.token_marker, token),
        )

    def message(self, subscriber, connection=None):
        """The email to ``subscriber``: both parts, and the headers of RFC 2369 and RFC 8058."""
        token = tokens.preferences_token(subscriber)
        rendered = self.for_subscriber(subscriber, token)
        headers = {
            name: value.replace(f"{self.marker}quoted", quote(token)).replace(
                self.token_marker, token
            )
            for name, value in self.headers.items()
        }
        message = EditionEmail(
            subject=rendered.subject,
            body=rendered.text,
            to=[subscriber.email],
            connection=connection,
            headers=headers,
        )
        message.attach_alternative(rendered.html, "text/html")
        if self.raw is not None and subscriber.email.isascii():
            message.raw = self.personal_bytes(subscriber.email, token)
        return message

    def personal_bytes(self, address, token):
        """The copy's bytes with this reader's address, links, a date and a message id."""
        marker = self.marker.encode()
        return (
            self.raw.replace(marker + b"quoted", quote(token).encode())
            .replace(marker + b"token", token.encode())
            .replace(marker + b"to@example.invalid", address.encode())
            .replace(marker + b"date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode())
            .replace(marker + b"id", make_msgid(domain=DNS_NAME).encode())
        )


def list_id(name, slug):
    """The ``List-Id`` header (RFC 2919): the newsletter's name and a stable id on our host."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    phrase = re.sub(r'["\\\r\n]', "", name)
    return f'"{phrase}" <{slug}.{host}>'


def _render(edition, personal, links):
    newsletter = edition.newsletter
    context = {
        "paper": paper_name(),
        "newsletter": newsletter,
        "edition": edition,
        "stories": story_items(edition),
        "personal": personal,
        "home_url": absolute("/"),
        **links,
    }
    text = render_to_string("newsletters/email/edition.txt", context)
    html = render_to_string("newsletters/email/edition.html", context)
    return text, short_lines(_inliner.inline(html))


def prepare(edition):
    """Render ``edition`` once for any number of subscribers (see ``Prepared``)."""
    marker = f"newsdesk{secrets.token_hex(12)}"
    token = {"token": f"{marker}token"}
    unsubscribe_url = absolute(reverse("newsletters:unsubscribe", kwargs=token))
    links = {
        "preferences_url": absolute(reverse("newsletters:preferences", kwargs=token)),
        "unsubscribe_url": unsubscribe_url,
    }
    text, html = _render(edition, personal=True, links=links)
    mailto = f"mailto:{unsubscribe_address()}?subject=unsubscribe%20{marker}quoted"
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": list_id(edition.newsletter.name, edition.newsletter.slug),
    }
    prepared = Prepared(edition.subject, text, html, marker, headers, raw=None)
    return replace(prepared, raw=_raw_copy(prepared))


def _raw_copy(prepared):
    """The message's bytes with markers for each reader's values, or None if the
    markers do not come through as they are (a part Django had to re-encode)."""
    marker = prepared.marker
    message = EditionEmail(
        subject=prepared.subject,
        body=prepared.text,
        to=[f"{marker}to@example.invalid"],
        headers={**prepared.headers, "Date": f"{marker}date", "Message-ID": f"{marker}id"},
    )
    message.attach_alternative(prepared.html, "text/html")
    raw = message.message().as_bytes(linesep="\r\n")
    tokens_expected = prepared.text.count(prepared.token_marker) + prepared.html.count(
        prepared.token_marker
    )
    expected = {
        "to@example.invalid": 1,
        "date": 1,
        "id": 1,
        "quoted": 1,
        "token": tokens_expected + 1,
    }
    found = {name: raw.count(f"{marker}{name}".encode()) for name in expected}
    return raw if found == expected else None


def render_edition(edition, subscriber=None):
    """``Rendered(subject, text, html)`` of ``edition`` for ``subscriber``.

    Without a subscriber, the web and preview copy: no personal links at all.
    """
    if subscriber is None:
        text, html = _render(edition, personal=False, links={})
        return Rendered(edition.subject, text, html)
    return prepare(edition).for_subscriber(subscriber)


def edition_message(edition, subscriber, prepared=None, connection=None):
    """The ``EmailMultiAlternatives`` of ``edition`` for ``subscriber``, ready to send."""
    return (prepared or prepare(edition)).message(subscriber, connection=connection)
