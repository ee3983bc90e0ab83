"""The live desk: one admin screen per live story, to post updates and tend the stream.

A reporter types an update and presses Post; below the form, the stream as readers
see it, with Edit, Withdraw and Pin beside each update. Editors make a story live
and end its coverage from the story's menu (``wagtail_hooks``), after a
confirmation. Every change goes through ``live.coverage``; posting is never a
revision of the story and goes through no workflow.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from newsdesk.news.models import ArticlePage

from . import coverage, permissions
from .forms import UpdateForm
from .models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate

RECENTLY_ENDED = 10


def desk_url(story, anchor=None):
    """The live desk of ``story``; ``anchor`` an update to land on."""
    url = reverse("live_desk:desk", args=[story.pk])
    return f"{url}#desk-update-{anchor.pk}" if anchor else url


class LiveStoriesView(WagtailAdminTemplateMixin, TemplateView):
    """The stories live now, each with its desk, and the last few that ended."""

    template_name = "live/admin/index.html"
    page_title = _("Live stories")
    header_icon = "radio-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.works_the_desk(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coverage = (
            LiveCoverage.objects.select_related("story")
            .defer("story__body")
            .annotate(
                updates=Count("story__live_updates"), latest=Max("story__live_updates__posted_at")
            )
        )
        context.update(
            running=coverage.filter(ended_at__isnull=True).order_by("-started_at"),
            ended=coverage.filter(ended_at__isnull=False).order_by("-ended_at")[:RECENTLY_ENDED],
        )
        return context


class StoryView(WagtailAdminTemplateMixin, TemplateView):
    """A view about one story's live coverage, for whoever ``allowed`` lets in."""

    header_icon = "radio-full"

    def allowed(self, user):
        return permissions.can_post(user, self.story)

    def dispatch(self, request, story_id, **kwargs):
        self.story = get_object_or_404(ArticlePage, pk=story_id)
        if not self.allowed(request.user):
            raise PermissionDenied
        self.coverage = LiveCoverage.objects.filter(story=self.story).first()
        return super().dispatch(request, story_id, **kwargs)

    def get_page_subtitle(self):
        return self.story.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.story.pk]), "label": self.story},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(story=self.story, coverage=self.coverage, desk_url=desk_url(self.story))
        return context


class DeskView(StoryView):
    """GET: the form and the stream. POST: post the update and come back to type the next."""

    template_name = "live/admin/desk.html"
    page_title = _("Live desk")
    editing = None

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return UpdateForm(data, instance=self.editing, story=self.story, user=self.request.user)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        update = form.save() if form.is_valid() else None
        if update is None:
            messages.validation_error(request, _("The update was not saved."), form)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, self.success_message(update))
        return redirect(desk_url(self.story, update))

    def success_message(self, update):
        return _("Posted at %(time)s: readers see it with their next check.") % {
            "time": time_format(timezone.localtime(update.posted_at), "H:i")
        }

    def get_header_buttons(self):
        buttons = []
        if self.story.live:
            buttons.append(HeaderButton(_("View live page"), self.story.url, icon_name="view"))
        if self.coverage and self.coverage.is_running and self._may_start_or_end():
            url = reverse("live_desk:end", args=[self.story.pk])
            buttons.append(HeaderButton(_("End live coverage"), url, icon_name="circle-xmark"))
        return buttons

    def _may_start_or_end(self):
        return permissions.can_start_or_end(self.request.user, self.story)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stream = (
            LiveUpdate.objects.filter(story=self.story).for_readers().select_related("withdrawn_by")
        )
        page = Paginator(stream, UPDATES_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            updates=page,
            editing=self.editing,
            may_change=permissions.can_change_updates(self.request.user, self.story),
            may_start_or_end=self._may_start_or_end(),
        )
        return context


class EditUpdateView(DeskView):
    """The desk with the form holding one update's words, to correct it in place."""

    page_title = _("Edit live update")

    def allowed(self, user):
        return permissions.can_change_updates(user, self.story)

    def dispatch(self, request, story_id, update_id):
        self.editing = get_object_or_404(
            LiveUpdate.objects.filter(withdrawn_at__isnull=True), story_id=story_id, pk=update_id
        )
        return super().dispatch(request, story_id)

    def success_message(self, update):
        return _("Update saved: readers see it, marked edited if its words changed.")


class ConfirmView(StoryView):
    """GET asks; POST does ``act`` and goes back to the desk."""

    template_name = "live/admin/confirm.html"
    question = ""
    consequence = ""
    yes = ""
    serious = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            question=self.question % {"story": self.story.title},
            consequence=self.consequence,
            yes=self.yes,
            serious=self.serious,
            back_url=self.back_url(),
        )
        return context

    def back_url(self):
        """Where "No, go back" leads: where the editor came from (``?next=``), else the desk."""
        wanted = self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(wanted, {self.request.get_host()}):
            return wanted
        return desk_url(self.story)

    def post(self, request, *args, **kwargs):
        try:
            message, anchor = self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
            return redirect(desk_url(self.story, anchor))
        return redirect(desk_url(self.story))


class StartView(ConfirmView):
    page_title = _("Make this story live")
    question = _("Make “%(story)s” live?")
    consequence = _(
        "Readers see a LIVE badge on the story and its cards, and open pages show each "
        "update posted from the live desk within seconds."
    )
    yes = _("Make it live")

    def allowed(self, user):
        return permissions.can_start_or_end(user, self.story)

    def act(self):
        coverage.start(self.story, self.request.user)
        return _("“%(story)s” is live: post the first update.") % {"story": self.story.title}, None


class EndView(StartView):
    page_title = _("End live coverage")
    question = _("End live coverage of “%(story)s”?")
    consequence = _(
        "Readers see “Live coverage has ended” with the time, open pages stop checking for "
        "updates, and the updates stay as they are. An editor can make the story live again."
    )
    yes = _("Yes, end live coverage")
    serious = True

    def act(self):
        coverage.end(self.story, self.request.user)
        return _("Live coverage of “%(story)s” has ended.") % {"story": self.story.title}, None


class UpdateActionView(ConfirmView):
    """A change to one update, by whoever may change the story's updates."""

    def allowed(self, user):
        return permissions.can_change_updates(user, self.story)

    def dispatch(self, request, story_id, update_id):
        self.update = get_object_or_404(LiveUpdate, story_id=story_id, pk=update_id)
        return super().dispatch(request, story_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(update=self.update, **kwargs)


class WithdrawView(UpdateActionView):
    page_title = _("Withdraw update")
    question = _("Withdraw this update from “%(story)s”?")
    consequence = _(
        "Readers see “This update was withdrawn” in its place, so links to it still land. "
        "This cannot be undone."
    )
    yes = _("Yes, withdraw it")
    serious = True

    def act(self):
        coverage.withdraw(self.update, self.request.user)
        return _("Update withdrawn: readers see that it was."), self.update


class PinView(UpdateActionView):
    """Pin or unpin at once (``pinned`` = 1 or 0): no question, it is undone as easily."""

    http_method_names = ["post"]

    def act(self):
        pinned = self.request.POST.get("pinned") == "1"
        coverage.pin(self.update, self.request.user, pinned=pinned)
        done = _("Pinned to the top.") if pinned else _("Unpinned: back in its place by time.")
        return done, self.update
