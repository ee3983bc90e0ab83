"""Hostile strings for the security tests, and how a hostile reader sends them.

The strings live in ``payloads/`` as plain text, one per line, so that anyone can
read, extend or reuse them without reading Python. ``{U+XXXX}`` in a line stands
for that code point: NUL, tabs, bidi overrides and zero-width joiners stay visible.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from newsdesk.comments.forms import HONEYPOT_FIELD
from newsdesk.comments.tokens import issue_form_token

PAYLOAD_DIR = Path(__file__).resolve().parent / "payloads"
CODE_POINT = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")
MARKER_CALL = re.compile(r"__xss\((\d+)\)")

CLEAN_FIELDS = {
    "name": "Rosa Quill",
    "email": "rosa.quill@example.com",
    "website": "",
    "comment": "The new timetable suits early shifts much better.",
}
COMMENT_FIELDS = tuple(CLEAN_FIELDS)


@dataclass(frozen=True)
class Payload:
    """One cross-site-scripting payload and its number, which its marker call carries."""

    number: int
    text: str

    def __str__(self):
        return f"#{self.number} {self.text!r}"


def payload_lines(file_name):
    """The strings in ``payloads/<file_name>``, in order, with ``{U+XXXX}`` decoded."""
    text = (PAYLOAD_DIR / file_name).read_text(encoding="utf-8")
    # Split on "\n" only: str.splitlines() would also cut at U+2028 or U+0085.
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    return [CODE_POINT.sub(lambda match: chr(int(match[1], 16)), line) for line in lines]


def xss_payloads():
    """Every cross-site-scripting payload, numbered from 1 in file order."""
    return [Payload(number, text) for number, text in enumerate(payload_lines("xss.txt"), 1)]


def sql_injections():
    """Every SQL-injection string."""
    return payload_lines("sqli.txt")


def as_parsed(text):
    """``text`` as an HTML parser hands it back from an attribute or a textarea.

    The parser turns NUL into U+FFFD and every CR or CRLF into LF; nothing else.
    """
    return text.replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")


def comment_form_data(**fields):
    """What the "Leave a Reply" form sends: clean values unless ``fields`` says otherwise.

    A field given as ``None`` is left out. The token is freshly signed, as each
    page view signs one, so every post is a new submission.
    """
    data = {
        **CLEAN_FIELDS,
        HONEYPOT_FIELD: "",
        "reply_to": "",
        "form_token": issue_form_token(),
        **fields,
    }
    return {name: value for name, value in data.items() if value is not None}


def comment_url(article):
    return reverse("comments:post", args=[article.pk])
