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
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import quote, urljoin, urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
TOKEN_MARKER = "NEWSDESKTOKEN"  # noqa: S105 - where each reader's token goes

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
    configured = getattr(settings, "NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
    if configured:
        return configured
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


@dataclass(frozen=True)
class Prepared:
    """An edition rendered once, with markers where each reader's links go."""

    edition_id: int
    newsletter_slug: str
    newsletter_name: str
    subject: str
    text: str
    html: str
    marker: str
    preferences_url: str
    unsubscribe_url: str

    def _links(self, token):
        return {
            "preferences": self.preferences_url.replace(TOKEN_MARKER, token),
            "unsubscribe": self.unsubscribe_url.replace(TOKEN_MARKER, token),
        }

    def for_subscriber(self, subscriber, token=None):
        """The edition as ``subscriber`` gets it, with their own signed links."""
        links = self._links(token or tokens.preferences_token(subscriber))
        text, html = self.text, self.html
        for name, url in links.items():
            text = text.replace(f"{self.marker}-{name}", url)
            html = html.replace(f"{self.marker}-{name}", url)
        return Rendered(self.subject, text, html)

    def message(self, subscriber, connection=None):
        """The email to ``subscriber``: both parts, and the headers of RFC 2369 and RFC 8058."""
        token = tokens.preferences_token(subscriber)
        rendered = self.for_subscriber(subscriber, token)
        links = self._links(token)
        mailto = f"mailto:{unsubscribe_address()}?subject={quote('unsubscribe ' + token)}"
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=rendered.text,
            to=[subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{links['unsubscribe']}>, <{mailto}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": list_id(self.newsletter_name, self.newsletter_slug),
            },
        )
        message.attach_alternative(rendered.html, "text/html")
        return message


def list_id(name, slug):
    """The ``List-Id`` header (RFC 2919): the newsletter's name and a stable id on our host."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    phrase = re.sub(r'["\\\r\n]', "", name)
    return f'"{phrase}" <{slug}.{host}>'


def _render(edition, personal, marker):
    newsletter = edition.newsletter
    context = {
        "paper": paper_name(),
        "newsletter": newsletter,
        "edition": edition,
        "stories": story_items(edition),
        "personal": personal,
        "preferences_url": f"{marker}-preferences",
        "unsubscribe_url": f"{marker}-unsubscribe",
        "home_url": absolute("/"),
    }
    text = render_to_string("newsletters/email/edition.txt", context)
    html = render_to_string("newsletters/email/edition.html", context)
    return text, short_lines(_inliner.inline(html))


def prepare(edition):
    """Render ``edition`` once for any number of subscribers (see ``Prepared``)."""
    marker = f"newsdesk-link-{secrets.token_hex(12)}"
    text, html = _render(edition, personal=True, marker=marker)
    token = {"token": TOKEN_MARKER}
    return Prepared(
        edition_id=edition.pk,
        newsletter_slug=edition.newsletter.slug,
        newsletter_name=edition.newsletter.name,
        subject=edition.subject,
        text=text,
        html=html,
        marker=marker,
        preferences_url=absolute(reverse("newsletters:preferences", kwargs=token)),
        unsubscribe_url=absolute(reverse("newsletters:unsubscribe", kwargs=token)),
    )


def render_edition(edition, subscriber=None):
    """``Rendered(subject, text, html)`` of ``edition`` for ``subscriber``.

    Without a subscriber, the web and preview copy: no personal links at all.
    """
    if subscriber is None:
        text, html = _render(edition, personal=False, marker="")
        return Rendered(edition.subject, text, html)
    return prepare(edition).for_subscriber(subscriber)


def edition_message(edition, subscriber, prepared=None, connection=None):
    """The ``EmailMultiAlternatives`` of ``edition`` for ``subscriber``, ready to send."""
    return (prepared or prepare(edition)).message(subscriber, connection=connection)
