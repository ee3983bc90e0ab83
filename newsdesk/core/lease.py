"""One server at a time runs the site's scheduled work: a lease kept in the database.

Every ``newsdesk serve`` sharing a database tries to take the lease; the one that
holds it renews it every third of its length, and the others keep trying. When
the holder stops renewing (killed, its machine gone, cut off from the database),
the lease runs out and the next server to try takes it over: within the lease's
length and a third of it.

The lease lives in the database rather than in Redis because the database is the
one thing every server of a site shares, on SQLite and PostgreSQL alike. Taking it
is one conditional UPDATE, atomic on both engines: it changes the row only if the
lease is ours already or has run out. Expiry is reckoned on the database's clock,
so servers whose clocks disagree still agree on who holds it.

A holder counts the lease as its own only until its length has passed since it
last asked for it (on its own steady clock): from then on another server may take
it, so the holder stops starting work at once, whether or not it has heard so.
"""

import logging
import os
import secrets
import socket
import time
from datetime import timedelta

from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import DurationField, Q, Value
from django.db.models.functions import Now

from .models import Lease as LeaseRow

logger = logging.getLogger(__name__)


def this_process():
    """A name for this server that no other process, here or elsewhere, shares."""
    return f"{socket.gethostname()} pid {os.getpid()} {secrets.token_hex(3)}"


class Lease:
    """The lease ``name`` as seen by one would-be holder, for ``seconds`` at a time."""

    def __init__(self, name, seconds, holder=None):
        self.name = name
        self.seconds = seconds
        self.holder = holder or this_process()
        self._ours_until = 0.0

    def take(self):
        """Take the lease if it is free or has run out, or renew it if it is ours.

        Returns whether this holder has it now. A database error propagates, and
        the lease counts as ours only until the last renewal runs out.
        """
        asked_at = time.monotonic()
        expires_at = Now() + Value(timedelta(seconds=self.seconds), output_field=DurationField())
        taken = bool(
            LeaseRow.objects.filter(Q(holder=self.holder) | Q(expires_at__lte=Now()))
            .filter(name=self.name)
            .update(holder=self.holder, expires_at=expires_at)
        )
        if not taken:
            taken = self._create(expires_at)
        was_ours = self.held()
        self._ours_until = asked_at + self.seconds if taken else 0.0
        if taken and not was_ours:
            logger.info("%s now runs the scheduled work (lease %r)", self.holder, self.name)
        elif was_ours and not taken:
            logger.warning("%s lost the lease %r to another server", self.holder, self.name)
        return taken

    def _create(self, expires_at):
        """The first server ever to ask creates the row, and so holds the lease."""
        if LeaseRow.objects.filter(name=self.name).exists():
            return False
        try:
            with transaction.atomic():
                LeaseRow.objects.create(name=self.name, holder=self.holder, expires_at=expires_at)
        except IntegrityError:
            return False  # another server created it first
        return True

    def held(self):
        """Whether this holder may start work now: it holds the lease and it has not run out."""
        return time.monotonic() < self._ours_until

    def release(self):
        """Give the lease up at once, so another server takes over without waiting it out."""
        self._ours_until = 0.0
        LeaseRow.objects.filter(name=self.name, holder=self.holder).update(expires_at=Now())


def keep(lease, stop):
    """Take or renew ``lease`` every third of its length until ``stop`` is set.

    A failed attempt (the database away) is logged and tried again; the lease
    runs out meanwhile unless an attempt succeeds in time.
    """
    while not stop.is_set():
        try:
            lease.take()
        except Exception:
            logger.exception("Could not take or renew the lease %r", lease.name)
        finally:
            close_old_connections()
        stop.wait(lease.seconds / 3)
