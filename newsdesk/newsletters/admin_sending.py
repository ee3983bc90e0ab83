"""The last step of an edition: the confirmation naming its newsletter and audience, then
sending now or at a set time; and a published story's breaking news alert.

Thin views over ``sending.queue``, ``editions.schedule`` and ``alerts.draft_alert``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.widgets import AdminDateTimeInput

from newsdesk.news.models import ArticlePage

from . import alerts, editions, sending
from .admin_views import EditionView, audience, may
from .models import Edition


class ConfirmView(EditionView):
    """A confirmation that names the newsletter and how many subscribers it goes to."""

    permission_required = "send"
    template_name = "newsletters/admin/confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        if self.edition.status != Edition.Status.DRAFT:
            messages.warning(
                request,
                _("This edition is no longer a draft: it is %(status)s.")
                % {"status": self.edition.get_status_display().lower()},
            )
            return redirect("editions:preview", self.edition.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count, subscribers = audience(self.edition)
        context.update(
            count=count,
            subscribers=subscribers,
            offered=self.edition.newsletter.is_active,
            preview_url=reverse("editions:preview", args=(self.edition.pk,)),
        )
        return context


class SendNowView(ConfirmView, TemplateView):
    page_title = _("Send now")

    def post(self, request, *args, **kwargs):
        if not self.edition.newsletter.is_active:
            messages.error(request, NOT_OFFERED)
            return redirect("editions:send", self.edition.pk)
        try:
            count = sending.queue(self.edition, request.user)
        except sending.NotSendable as error:
            messages.error(request, str(error))
            return redirect("editions:preview", self.edition.pk)
        messages.success(
            request,
            ngettext(
                "“%(subject)s” is on its way to %(count)s subscriber.",
                "“%(subject)s” is on its way to %(count)s subscribers.",
                count,
            )
            % {"subject": self.edition.subject, "count": number_format(count, force_grouping=True)},
        )
        return redirect(self.newsletter_url())


NOT_OFFERED = _(
    "This newsletter is turned off (not offered to readers), so nothing can be sent. "
    "Turn it on in its settings first."
)


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(label=_("Send at"), widget=AdminDateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["send_at"].help_text = _("The site's time (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise ValidationError(_("Choose a time in the future."))
        return send_at


class ScheduleView(ConfirmView, FormView):
    page_title = _("Schedule")
    form_class = ScheduleForm

    def form_valid(self, form):
        if not self.edition.newsletter.is_active:
            messages.error(self.request, NOT_OFFERED)
            return self.form_invalid(form)
        edition = editions.schedule(self.edition, form.cleaned_data["send_at"])
        when = date_format(timezone.localtime(edition.scheduled_for), "l j F, H:i")
        messages.success(
            self.request,
            _("“%(subject)s” will go out on %(when)s.")
            % {"subject": edition.subject, "when": when},
        )
        return redirect(self.newsletter_url())


@require_POST
def unschedule(request, pk):
    """Take a scheduled edition back to a draft."""
    edition = get_object_or_404(Edition, pk=pk)
    if not may(request.user, "send"):
        raise PermissionDenied
    try:
        editions.unschedule(edition)
    except editions.NotEditable as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("“%(subject)s” is a draft again.") % {"subject": edition.subject}
        )
    return redirect("editions:preview", edition.pk)


@require_GET
def breaking_alert(request, story_id):
    """A published story's "Send as breaking news alert": its draft alert's send confirmation.

    Asking again opens the same draft (``alerts.draft_alert``), so this link
    stays safe to follow twice.
    """
    if not may(request.user, "send"):
        raise PermissionDenied
    story = get_object_or_404(ArticlePage.objects.live(), pk=story_id)
    edition = alerts.draft_alert(story, request.user)
    return redirect("editions:send", edition.pk)
