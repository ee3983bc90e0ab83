"""The newsroom's newsletter screens: a newsletter's page, the composer, preview and test.

Thin views over ``emails`` and ``sending`` (test, progress); scheduling and
sending are in ``admin_sending``. The URLs are the viewsets' (``viewsets.py``).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from . import editions, emails, sending
from .models import Delivery, Edition, Subscriber

SHOWN_EDITIONS = 20
# The audience first, then those on their way in, then those gone.
SUBSCRIBER_ORDER = [
    (status, Subscriber.Status(status).label)
    for status in ("confirmed", "pending", "unsubscribed", "bouncing")
]


def may(user, action):
    """Whether ``user`` may ``action`` editions ("change", "send", ...)."""
    return policy_registry.get_by_type(Edition).user_has_permission(user, action)


def may_see(user):
    """Whether ``user`` may see editions at all: whoever may write, view or send them."""
    policy = policy_registry.get_by_type(Edition)
    return policy.user_has_any_permission(user, ["add", "change", "view", "send"])


def audience(edition):
    """How many subscribers ``edition`` would go to now, as the confirmation says it."""
    count = edition.newsletter.receiving_subscribers().count()
    words = ngettext("%(count)s subscriber", "%(count)s subscribers", count)
    return count, words % {"count": number_format(count, force_grouping=True)}


def delivery_counts(edition_ids):
    """{edition id: {status: count}} for the editions' delivery rows, in one query."""
    counts = {pk: dict.fromkeys(Delivery.Status.values, 0) for pk in edition_ids}
    rows = (
        Delivery.objects.filter(edition_id__in=edition_ids)
        .values_list("edition_id", "status")
        .annotate(count=Count("pk"))
    )
    for edition_id, status, count in rows:
        counts[edition_id][status] = count
    return counts


def how_far(counts):
    """From delivery counts by status: (messages done with, all messages, percent done)."""
    total = sum(counts[status] for status in Delivery.Status.values)
    done = total - counts[Delivery.Status.QUEUED]
    return done, total, round(100 * done / total) if total else 100


def edition_row(edition, counts):
    """One line of a newsletter's editions: the edition, its counts and how far it has gone."""
    done, total, percent = how_far(counts)
    return {
        "edition": edition,
        "counts": counts,
        "total": total,
        "done": done,
        "percent": percent,
        "sending": edition.status == Edition.Status.SENDING,
    }


class NewsletterPageView(generic.InspectView):
    """A newsletter's page: its subscribers by status, its editions and how their sending went."""

    template_name = "newsletters/admin/newsletter.html"

    def get_page_title(self):
        return self.object.name

    def get_page_subtitle(self):
        return None

    def get_breadcrumbs_items(self):
        index = {"url": reverse(self.index_url_name), "label": _("Newsletters")}
        return [*self.breadcrumbs_items, index, {"url": "", "label": self.object.name}]

    # Its two ways on, in view: a new edition, and the newsletter's settings.
    header_more_buttons = []

    @cached_property
    def header_buttons(self):
        buttons = []
        if may(self.request.user, "add"):
            add_url = f"{reverse('editions:add')}?newsletter={self.object.pk}"
            buttons.append(HeaderButton(_("New edition"), url=add_url, icon_name="plus"))
        if edit_url := self.get_edit_url():
            buttons.append(HeaderButton(_("Settings"), url=edit_url, icon_name="cog"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        newsletter = self.object
        by_status = dict(
            Subscriber.objects.filter(subscriptions__newsletter=newsletter)
            .values_list("status")
            .annotate(count=Count("pk"))
        )
        recent = list(newsletter.editions.select_related("sent_by")[:SHOWN_EDITIONS])
        counts = delivery_counts([edition.pk for edition in recent])
        context.update(
            subscribers=[
                (value, label, by_status.get(value, 0)) for value, label in SUBSCRIBER_ORDER
            ],
            receiving=newsletter.receiving_subscribers().count(),
            editions=[edition_row(edition, counts[edition.pk]) for edition in recent],
            all_editions_url=f"{reverse('editions:index')}?newsletter={newsletter.pk}",
        )
        return context


COMPOSER_MEDIA = forms.Media(css={"all": ["newsletters/admin/newsletters.css"]})


class ComposerMediaMixin:
    """The story cards' styles on the composer's page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] += COMPOSER_MEDIA
        return context


class ComposeView(ComposerMediaMixin, generic.CreateView):
    """A new edition; ``?newsletter=<id>`` (from a newsletter's page) chooses the newsletter."""

    submit_button_label = _("Save and preview")
    success_message = _("Edition “%(object)s” saved. This is how it reads.")

    def get_initial(self):
        initial = super().get_initial()
        newsletter = self.request.GET.get("newsletter")
        if newsletter and newsletter.isdigit():
            initial["newsletter"] = newsletter
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse("editions:preview", args=(self.object.pk,))


class RecomposeView(ComposerMediaMixin, generic.EditView):
    """The composer for a saved edition, with its next steps in the header."""

    submit_button_label = _("Save and preview")
    success_message = _("Edition “%(object)s” saved. This is how it reads.")

    def dispatch(self, request, *args, **kwargs):
        edition = get_object_or_404(Edition, pk=kwargs["pk"])
        if not editions.is_editable(edition):
            messages.warning(request, editions.ALREADY_SENT)
            return redirect("editions:preview", edition.pk)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        return next_steps(self.object, self.request.user, preview=True)

    def form_valid(self, form):
        # Sending may have started since the composer was opened: what went out stays.
        with transaction.atomic():
            try:
                editions.lock_editable(self.object)
            except editions.NotEditable as error:
                messages.error(self.request, str(error))
                return redirect("editions:preview", self.object.pk)
            return super().form_valid(form)

    def get_success_url(self):
        return reverse("editions:preview", args=(self.object.pk,))


def next_steps(edition, user, preview=False, edit=False):
    """The header's buttons towards sending ``edition``, as far as ``user`` may go."""
    buttons = []
    if edit and editions.is_editable(edition) and may(user, "change"):
        buttons.append(
            HeaderButton(
                _("Edit"), url=reverse("editions:edit", args=(edition.pk,)), icon_name="edit"
            )
        )
    if preview:
        url = reverse("editions:preview", args=(edition.pk,))
        buttons.append(HeaderButton(_("Preview"), url=url, icon_name="view"))
    if edition.status == Edition.Status.DRAFT and may(user, "send"):
        for label, name, icon in (
            (_("Schedule"), "schedule", "calendar"),
            (_("Send now"), "send", "mail"),
        ):
            url = reverse(f"editions:{name}", args=(edition.pk,))
            buttons.append(HeaderButton(label, url=url, icon_name=icon))
    return buttons


class EditionView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A step on one edition's way out; its header leads to the edition and its newsletter."""

    model = Edition
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        editions_ = Edition.objects.select_related("newsletter")
        self.edition = get_object_or_404(editions_, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.edition.subject

    def get_breadcrumbs_items(self):
        newsletter = self.edition.newsletter
        return [
            *self.breadcrumbs_items,
            {"url": reverse("newsletter_admin:index"), "label": _("Newsletters")},
            {
                "url": reverse("newsletter_admin:inspect", args=(newsletter.pk,)),
                "label": newsletter.name,
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.edition.subject},
        ]

    def newsletter_url(self):
        return reverse("newsletter_admin:inspect", args=(self.edition.newsletter_id,))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = self.edition
        context["newsletter_url"] = self.newsletter_url()
        return context


class SendTestForm(forms.Form):
    address = forms.EmailField(
        label=_("Send a test to"),
        help_text=_("The test is marked as one in its subject and goes to this address only."),
    )


class PreviewView(EditionView, FormView):
    """The edition as subscribers will get it, HTML at phone and desktop width, and as text."""

    any_permission_required = ["add", "change", "view", "send"]
    page_title = _("Preview")
    template_name = "newsletters/admin/preview.html"
    form_class = SendTestForm

    @cached_property
    def header_buttons(self):
        return next_steps(self.edition, self.request.user, edit=True)

    def get_initial(self):
        return {"address": self.request.user.email}

    def form_valid(self, form):
        if not may(self.request.user, "change"):
            raise PermissionDenied
        address = form.cleaned_data["address"]
        sending.send_test(self.edition, address)
        messages.success(self.request, _("Test sent to %(address)s.") % {"address": address})
        return redirect("editions:preview", self.edition.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email_url = reverse("editions:preview_email", args=(self.edition.pk,))
        context.update(
            rendered=emails.render_edition(self.edition),
            email_url=email_url,
            widths=[(_("Phone"), 390), (_("Desktop"), 1000)],
            can_test=may(self.request.user, "change"),
            progress=progress_of(self.edition)
            if self.edition.status != Edition.Status.DRAFT
            else None,
        )
        return context


@require_GET
@xframe_options_sameorigin
def preview_email(request, pk):
    """The edition's HTML as the email carries it, for the preview's frames on the admin's pages.

    The admin is on the site's own origin, so framing by ``'self'`` is all the
    preview needs; every other admin page still refuses to be framed.
    """
    if not may_see(request.user):
        raise PermissionDenied
    edition = get_object_or_404(Edition, pk=pk)
    response = HttpResponse(emails.render_edition(edition).html)
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    return response


def progress_of(edition):
    """Where ``edition``'s sending stands: ``sending.progress`` with its status and share done."""
    counts = sending.progress(edition)
    done, _total, percent = how_far(counts)
    return {
        **counts,
        "status": edition.status,
        "status_label": str(edition.get_status_display()),
        "done": done,
        "percent": percent,
    }


@require_GET
def progress(request, pk):
    """``progress_of`` as JSON, which a newsletter's page asks for every two seconds."""
    if not may_see(request.user):
        raise PermissionDenied
    return JsonResponse(progress_of(get_object_or_404(Edition, pk=pk)))
