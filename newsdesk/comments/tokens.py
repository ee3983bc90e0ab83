"""Signed values the comment form and the reader's browser carry for us.

All use ``django.core.signing`` (JSON, never pickle) with a salt per purpose, so
a value signed for one job cannot be replayed for another, and keys listed in
``SECRET_KEY_FALLBACKS`` keep verifying during a key rotation.
"""

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

FORM_SALT = "newsdesk.comments.form"
AUTHOR_SALT = "newsdesk.comments.author"
AUTHOR_COOKIE = "newsdesk_comments"
AUTHOR_COOKIE_MAX_AGE = 30 * 24 * 60 * 60
AUTHOR_COOKIE_KEEPS = 50


@dataclass(frozen=True)
class FormToken:
    """What a returned form's token says: when the form was served, and its one-time key."""

    issued_at: float
    key: str

    @property
    def age(self):
        """Seconds since the form was served."""
        return time.time() - self.issued_at

    def is_stale(self):
        """Was the form open too long to trust its token? The reader gets a fresh one."""
        return self.age > settings.NEWSDESK_COMMENTS_MAX_FORM_AGE

    def is_too_fast(self):
        """Was the form sent back quicker than a person types? Bots are."""
        return self.age < settings.NEWSDESK_COMMENTS_MIN_SECONDS


def issue_form_token(backdate=0):
    """A fresh token for one comment form: when it was served, and a one-time key.

    ``backdate`` moves the serving time that many seconds into the past.
    """
    served = int(time.time() - backdate)
    return signing.dumps({"t": served, "k": secrets.token_urlsafe(16)}, salt=FORM_SALT)


def reissue_form_token():
    """A fresh token for a form shown again with the reader's words kept in it.

    The words were typed on the earlier form, so a reader who presses Send at
    once is not a bot: the token is backdated by the minimum typing time. This
    hands a bot nothing it could not get by waiting that long on a fresh page,
    and needs no extra field that every later check would have to know about.
    """
    return issue_form_token(backdate=settings.NEWSDESK_COMMENTS_MIN_SECONDS)


def read_form_token(value):
    """Return the ``FormToken`` in ``value``, or ``None`` if it is missing or forged."""
    try:
        data = signing.loads(value or "", salt=FORM_SALT)
        return FormToken(issued_at=float(data["t"]), key=str(data["k"])[:64])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def remembered_comment_ids(request):
    """The ids of the comments this browser posted, from its signed cookie."""
    try:
        ids = request.get_signed_cookie(
            AUTHOR_COOKIE, salt=AUTHOR_SALT, max_age=AUTHOR_COOKIE_MAX_AGE
        )
        return {int(pk) for pk in ids.split(".") if pk}
    except (KeyError, signing.BadSignature, ValueError):
        return set()


def remember_comment(request, response, comment):
    """Let this browser, and only it, see ``comment`` while it awaits moderation."""
    ids = sorted(remembered_comment_ids(request) | {comment.pk})[-AUTHOR_COOKIE_KEEPS:]
    response.set_signed_cookie(
        AUTHOR_COOKIE,
        ".".join(str(pk) for pk in ids),
        salt=AUTHOR_SALT,
        max_age=AUTHOR_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
