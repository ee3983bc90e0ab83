from datetime import timedelta

from wagtail import hooks

from . import sender, sending


@hooks.register("newsdesk_periodic_jobs")
def queue_scheduled_editions():
    """Scheduled editions go out within a minute of their time."""
    return timedelta(minutes=1), sending.queue_due_editions


@hooks.register("newsdesk_serve_workers")
def newsletter_sender():
    """``newsdesk serve`` sends queued editions too: no worker of its own to set up."""
    return sender.SenderThread()
