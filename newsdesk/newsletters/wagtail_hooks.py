"""Where newsletters join the admin: menu, breaking alert, dashboard, scheduler."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from newsdesk.news.models import ArticlePage

from . import briefing, sender, sending
from .dashboard import WaitingEditionsPanel
from .viewsets import PUBLISHED_STORIES, NewslettersGroup

hooks.register("register_admin_viewset", NewslettersGroup)


@hooks.register("register_page_header_buttons")
def breaking_alert_button(page, user, view_name, next_url=None):
    """ "Send as breaking news alert" in a published story's menu, for whoever may send."""
    if (
        page.specific_class is ArticlePage
        and page.live
        and user.has_perm("newsletters.send_edition")
    ):
        url = reverse("editions:breaking_alert", args=(page.pk,))
        yield Button(_("Send as breaking news alert"), url, icon_name="mail", priority=95)


@hooks.register("construct_page_chooser_queryset")
def only_published_stories(pages, request):
    """An edition's story chooser offers published stories only (see ``PublishedStoryChooser``)."""
    if request.GET.get("user_perms") == PUBLISHED_STORIES:
        return pages.live()
    return pages


# After the desk's hook (order 0), which keeps only its own panels.
@hooks.register("construct_homepage_panels", order=10)
def waiting_editions(request, panels):
    panels.append(WaitingEditionsPanel())


@hooks.register("newsdesk_periodic_jobs")
def daily_briefing():
    return briefing.CHECK_EVERY, briefing.daily_briefing_job


@hooks.register("newsdesk_periodic_jobs")
def queue_scheduled_editions():
    """Scheduled editions go out within a minute of their time."""
    return timedelta(minutes=1), sending.queue_due_editions


@hooks.register("newsdesk_serve_workers")
def newsletter_sender():
    """``newsdesk serve`` sends queued editions too: no worker of its own to set up."""
    return sender.SenderThread()
