"""Subscriber lists as CSV: an export of everyone with their consent, and an import that
takes only readers whose consent is on record.

An import reads and checks the whole file before writing anything, then writes
it in one transaction: a file that cannot be read changes nothing. A row without
a consent date is refused (reported by its line); an address on the suppression
list is skipped, so a re-imported old list never brings back a reader who left.
"""

import contextlib
import csv
import sys
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware

from .models import Newsletter, Subscriber, Subscription, Suppression, address_hash

COLUMNS = (
    "email",
    "status",
    "newsletters",
    "signed_up_at",
    "signed_up_from",
    "confirmed_at",
    "confirmed_from",
)
REQUIRED = ("email", "confirmed_at")
IMPORTED_FROM = "import"


class BadFile(Exception):
    """The file is not a subscriber list we can read; the message names the line."""


@dataclass
class Outcome:
    added: int = 0
    skipped: int = 0
    refused: list = field(default_factory=list)


@contextlib.contextmanager
def open_for_writing(path):
    """``path`` opened for CSV, or standard output for ``-``."""
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as file:
        yield file


def export(file):
    """Write every subscriber to ``file`` as CSV; how many."""
    writer = csv.writer(file)
    writer.writerow(COLUMNS)
    count = 0
    subscribers = Subscriber.objects.order_by("pk").prefetch_related("newsletters")
    for subscriber in subscribers.iterator(chunk_size=2000):
        writer.writerow(
            [
                subscriber.email,
                subscriber.status,
                " ".join(newsletter.slug for newsletter in subscriber.newsletters.all()),
                subscriber.signed_up_at.isoformat(),
                subscriber.signed_up_from,
                subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                subscriber.confirmed_from,
            ]
        )
        count += 1
    return count


def moment(value):
    """A date or date and time from the file, aware; None if it is neither."""
    value = value.strip()
    parsed = parse_datetime(value) or (parse_date(value) and parse_datetime(f"{value}T00:00:00"))
    if parsed is None:
        return None
    return make_aware(parsed) if is_naive(parsed) else parsed


def checked_row(row, newsletters):
    """``(subscriber fields, newsletter objects)`` of one row, or ValueError saying why not."""
    email = (row.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(f"{email or 'an empty address'!r} is not an email address") from error
    confirmed_at = moment(row.get("confirmed_at") or "")
    if confirmed_at is None:
        raise ValueError(f"{email} has no consent date (confirmed_at)")
    slugs = (row.get("newsletters") or "").split()
    if not slugs:
        raise ValueError(f"{email} names no newsletter")
    unknown = [slug for slug in slugs if slug not in newsletters]
    if unknown:
        raise ValueError(f"{email} names no newsletter of ours: {', '.join(unknown)}")
    fields = {
        "email": email,
        "status": Subscriber.Status.CONFIRMED,
        "signed_up_at": moment(row.get("signed_up_at") or "") or confirmed_at,
        "signed_up_from": (row.get("signed_up_from") or IMPORTED_FROM)[:500],
        "confirmed_at": confirmed_at,
        "confirmed_from": (row.get("confirmed_from") or IMPORTED_FROM)[:500],
    }
    return fields, [newsletters[slug] for slug in slugs]


def read(file):
    """Every row of ``file`` with its line number; ``BadFile`` if it is not a list we read."""
    try:
        reader = csv.DictReader(file)
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or ())]
        if missing:
            raise BadFile(f"line 1: the header has no {' or '.join(missing)} column.")
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise BadFile(f"line {reader.line_num}: {error}.") from error
    except UnicodeDecodeError as error:
        raise BadFile("it is not UTF-8 text.") from error


def load(file):
    """Import the subscribers of CSV ``file``; an ``Outcome``."""
    newsletters = {newsletter.slug: newsletter for newsletter in Newsletter.objects.all()}
    outcome, chosen = Outcome(), {}
    for line, row in read(file):
        if None in row:
            raise BadFile(f"line {line}: more fields than the header names.")
        try:
            fields, wanted = checked_row(row, newsletters)
        except ValueError as error:
            outcome.refused.append((line, str(error)))
            continue
        chosen.setdefault(fields["email"], (fields, wanted))
    suppressed = set(
        Suppression.objects.filter(
            address_hash__in=[address_hash(email) for email in chosen]
        ).values_list("address_hash", flat=True)
    )
    existing = set(Subscriber.objects.filter(email__in=chosen).values_list("email", flat=True))
    with transaction.atomic():
        for email, (fields, wanted) in chosen.items():
            if email in existing or address_hash(email) in suppressed:
                outcome.skipped += 1
                continue
            subscriber = Subscriber.objects.create(**fields)
            Subscription.objects.bulk_create(
                Subscription(subscriber=subscriber, newsletter=newsletter) for newsletter in wanted
            )
            outcome.added += 1
    return outcome
