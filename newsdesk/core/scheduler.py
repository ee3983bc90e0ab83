"""Publish scheduled pages on time from inside ``newsdesk serve``: no cron job to set up."""

import io
import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

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


def run(stop, interval=PUBLISH_INTERVAL):
    """Call :func:`publish_due` now and every ``interval`` seconds until ``stop`` is set.

    A failing round is logged and the next one tried: a database hiccup must not
    end scheduled publishing for the rest of the server's life.
    """
    while not stop.is_set():
        try:
            publish_due()
        except Exception:
            logger.exception("Publishing scheduled pages failed")
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
