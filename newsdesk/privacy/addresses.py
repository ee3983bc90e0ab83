"""A commenter's email address as the privacy log may and may not keep it."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.crypto import salted_hmac

from newsdesk.comments.models import EMAIL_MAX_LENGTH

MASK = "•••"
# Changing the salt, or the site's SECRET_KEY, gives every address a new reference,
# so requests made before and after no longer show as the same commenter.
REFERENCE_SALT = "newsdesk.privacy.email_reference"


def checked_email(email):
    """``email`` trimmed, or ``ValidationError`` with one line saying why it is not an address.

    Checked as strictly as the comment form checks it, so an empty or mistyped
    address can never select every comment whose email was already erased.
    """
    address = (email or "").strip()
    if len(address) > EMAIL_MAX_LENGTH:
        raise ValidationError(f"That is not an email address: longer than {EMAIL_MAX_LENGTH}.")
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(f"“{address}” is not an email address.") from None
    return address


def normalised_email(email):
    """The whole address, trimmed and lower-cased, as ``Comment.objects.by_email`` matches it."""
    return email.strip().lower()


def masked_email(email):
    """The address with its local part hidden: ``jane@example.com`` becomes ``j•••@example.com``.

    Enough for a moderator to recognise a request; the mask is the same length
    for every address so it tells nothing more.
    """
    local, _at, domain = normalised_email(email).rpartition("@")
    return f"{local[:1]}{MASK}@{domain}"


def email_reference(email):
    """A keyed hash of the normalised address: the same for one commenter's every request.

    An HMAC under the site's secret key rather than a plain hash, so nobody
    holding the log can test guessed addresses against it.
    """
    return salted_hmac(REFERENCE_SALT, normalised_email(email), algorithm="sha256").hexdigest()
