"""Signed links in newsletter emails: confirm a sign-up, change preferences, unsubscribe.

``django.core.signing`` with a salt per purpose, so a link signed for one job
cannot be used for another, and ``SECRET_KEY_FALLBACKS`` keep old emails' links
working through a key rotation. Each link carries the subscriber's id and the
start of their address's hash: a link stops working once the address is erased
or changed, and guessing ids gets nothing.
"""

from django.core import signing

from .models import Subscriber

CONFIRMATION_SALT = "newsdesk.newsletters.confirm"
PREFERENCES_SALT = "newsdesk.newsletters.preferences"
CONFIRMATION_MAX_AGE = 48 * 60 * 60
HASH_PREFIX = 16


class BadLink(Exception):
    """The link was altered, belongs to no subscriber any more, or has expired."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _sign(subscriber, salt, **extra):
    value = {"s": subscriber.pk, "h": subscriber.address_hash[:HASH_PREFIX], **extra}
    return signing.dumps(value, salt=salt, compress=True)


def _read(token, salt, max_age=None):
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink(expired=True) from error
    except signing.BadSignature as error:
        raise BadLink from error
    subscriber = Subscriber.objects.filter(pk=value.get("s")).first()
    if subscriber is None or subscriber.address_hash[:HASH_PREFIX] != value.get("h"):
        raise BadLink
    return subscriber, value


def confirmation_token(subscriber, newsletter_ids):
    """The token of a sign-up's confirmation link, naming the newsletters chosen."""
    return _sign(subscriber, CONFIRMATION_SALT, n=sorted(newsletter_ids))


def read_confirmation(token, max_age=CONFIRMATION_MAX_AGE):
    """The subscriber and newsletter ids a confirmation link names; ``BadLink`` if it is
    altered, for an erased address, or older than ``max_age`` seconds (48 hours)."""
    subscriber, value = _read(token, CONFIRMATION_SALT, max_age=max_age)
    return subscriber, value.get("n", [])


def preferences_token(subscriber):
    """The token of a subscriber's preferences and unsubscribe links. It does not expire:
    an unsubscribe link in a years-old email must still work."""
    return _sign(subscriber, PREFERENCES_SALT)


def read_preferences(token):
    """The subscriber a preferences or unsubscribe link is for; ``BadLink`` if altered."""
    subscriber, _value = _read(token, PREFERENCES_SALT)
    return subscriber
