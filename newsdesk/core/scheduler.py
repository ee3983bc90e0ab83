"""Publish scheduled pages on time from inside ``newsdesk serve``: no cron job to set up.

Apps add their own recurring work through the ``newsdesk_periodic_jobs`` hook: a
function returning ``(interval, job)``, a ``timedelta`` and a function taking no
arguments. Each job runs once when the server starts, then once per interval.
"""

import io
import logging
import threading
import time

from django.core.management import call_command
from django.db import close_old_connections
from wagtail import hooks

PUBLISH_INTERVAL = 30

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


def run_due_jobs(jobs, next_runs, now):
    """Run each job whose time has come; ``next_runs`` holds when each is due next.

    A failing job is logged and tried again next round rather than a whole
    interval later.
    """
    for position, (interval, job) in enumerate(jobs):
        if now < next_runs[position]:
            continue
        try:
            job()
        except Exception:
            logger.exception("Periodic job %s failed", job.__qualname__)
        else:
            next_runs[position] = now + interval.total_seconds()


def run(stop, interval=PUBLISH_INTERVAL, jobs=None):
    """Call :func:`publish_due` and the due periodic jobs now and every ``interval``
    seconds until ``stop`` is set.

    A failing round is logged and the next one tried: a database hiccup must not
    end scheduled publishing for the rest of the server's life.
    """
    jobs = periodic_jobs() if jobs is None else jobs
    next_runs = [0.0] * len(jobs)
    while not stop.is_set():
        try:
            publish_due()
        except Exception:
            logger.exception("Publishing scheduled pages failed")
        try:
            run_due_jobs(jobs, next_runs, time.monotonic())
        finally:
            # A long-lived thread must not keep a broken or expired connection, the
            # way Django drops them between requests.
            close_old_connections()
        stop.wait(interval)


def start(interval=PUBLISH_INTERVAL):
    """Run the scheduler in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run, args=(stop, interval), name="newsdesk-scheduler", daemon=True
    )
    thread.start()
    return stop, thread
