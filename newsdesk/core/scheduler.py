"""Publish scheduled pages on time from inside ``newsdesk serve``: no cron job to set up.

Apps add their own recurring work through the ``newsdesk_periodic_jobs`` hook: a
function returning ``(interval, job)``, a ``timedelta`` and a function taking no
arguments. Each job runs when the site's scheduler first starts, then once per
interval; the database remembers when it last ran.

However many servers share the database, one of them does this work: the one
holding the scheduler's lease (``newsdesk.core.lease``). The others wait, ready
to take over within a minute if it stops.
"""

import io
import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone
from wagtail import hooks

from .lease import Lease, keep
from .models import PeriodicJobRun

LEASE_NAME = "scheduler"

logger = logging.getLogger(__name__)


def publish_due():
    """Publish pages whose go-live time has passed and unpublish expired ones, once.

    Runs Wagtail's own ``publish_scheduled`` command, so a story goes live the same
    way whether the site relies on ``newsdesk serve`` or on a cron job.
    """
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()


def periodic_jobs():
    """The ``(interval, job)`` pairs apps register with the ``newsdesk_periodic_jobs`` hook."""
    return [hook() for hook in hooks.get_hooks("newsdesk_periodic_jobs")]


def job_name(job):
    return f"{job.__module__}.{job.__qualname__}"


def run_due_jobs(jobs, still_ours):
    """Run each job whose interval has passed since it last ran, while ``still_ours()``.

    A failing job is logged and tried again next round rather than a whole
    interval later.
    """
    for interval, job in jobs:
        if not still_ours():
            return
        name = job_name(job)
        last = PeriodicJobRun.objects.filter(job=name).values_list("started_at", flat=True)
        started_at = timezone.now()
        if last and started_at < last[0] + interval:
            continue
        try:
            job()
        except Exception:
            logger.exception("Periodic job %s failed", job.__qualname__)
        else:
            PeriodicJobRun.objects.update_or_create(job=name, defaults={"started_at": started_at})


def run_round(jobs, lease):
    """Publish what is due, then run the due periodic jobs, each only while ``lease`` is held.

    A failing round is logged and the next one tried: a database hiccup must not
    end scheduled publishing for the rest of the server's life.
    """
    try:
        if lease.held():
            publish_due()
    except Exception:
        logger.exception("Publishing scheduled pages failed")
    try:
        run_due_jobs(jobs, lease.held)
    except Exception:
        logger.exception("Periodic jobs failed")
    finally:
        # A long-lived thread must not keep a broken or expired connection, the
        # way Django drops them between requests.
        close_old_connections()


def run(stop, lease, interval, jobs=None):
    """Every ``interval`` seconds while ``lease`` is held, run a round, until ``stop`` is set.

    Looks at the lease every third of its length, so a server taking it over
    starts its first round at once.
    """
    jobs = periodic_jobs() if jobs is None else jobs
    next_round = 0.0
    while not stop.is_set():
        now = time.monotonic()
        if not lease.held():
            next_round = 0.0
        elif now >= next_round:
            next_round = now + interval
            run_round(jobs, lease)
        stop.wait(min(interval, lease.seconds / 3))


class Scheduler:
    """The scheduler of one server: a thread keeping the lease, a thread doing the work.

    Apart, so that a long job never delays a renewal.
    """

    def __init__(self, lease, interval, jobs=None):
        self.lease = lease
        self._stop = threading.Event()
        self._keeper = threading.Thread(
            target=keep, args=(lease, self._stop), name="newsdesk-lease", daemon=True
        )
        self._worker = threading.Thread(
            target=run,
            args=(self._stop, lease, interval, jobs),
            name="newsdesk-scheduler",
            daemon=True,
        )

    @classmethod
    def from_settings(cls):
        """This server's scheduler, competing for the site's one lease."""
        lease = Lease(LEASE_NAME, settings.NEWSDESK_SCHEDULER_LEASE_SECONDS)
        return cls(lease, settings.NEWSDESK_SCHEDULER_INTERVAL)

    def start(self):
        self._keeper.start()
        self._worker.start()

    def stop(self, timeout=30):
        """Finish the round under way, then hand the lease back so another server takes
        over at once. A round still running after ``timeout`` keeps the lease until it
        runs out, so no other server starts the same work meanwhile."""
        self._stop.set()
        self._worker.join(timeout)
        self._keeper.join(timeout)
        if self._worker.is_alive():
            return
        try:
            self.lease.release()
        except Exception:
            logger.exception("Could not hand the lease back; it runs out by itself")
        finally:
            close_old_connections()
