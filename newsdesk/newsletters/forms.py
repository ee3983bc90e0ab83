"""The sign-up form and the preferences form, with exactly the fields a reader may set."""

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from newsdesk.comments.forms import PlainEmailField

from .models import Newsletter

# Not a word a password manager would fill in (threat H20).
HONEYPOT_FIELD = "nl_ref"
EMAIL_MAX_LENGTH = 254
PAGE_MAX_LENGTH = 500


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    """The offered newsletters as checkboxes, each labelled with its name."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, newsletter):
        return newsletter.name


def newsletter_choices(required):
    return NewsletterChoiceField(
        queryset=Newsletter.objects.offered(),
        required=required,
        label=_("Newsletters"),
        error_messages={
            "required": _("Please choose at least one newsletter."),
            "invalid_choice": _("That newsletter is no longer offered; please choose again."),
            "invalid_pk_value": _("Please choose from the newsletters listed."),
        },
    )


class SignUpForm(forms.Form):
    """An email address and the newsletters wanted; where it was sent from rides along."""

    email = PlainEmailField(
        label=_("Email"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"required": _("Please enter your email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    newsletters = newsletter_choices(required=True)
    page = forms.CharField(required=False, max_length=PAGE_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, auto_id="signup_%s", **kwargs):
        super().__init__(*args, auto_id=auto_id, **kwargs)

    def clean_email(self):
        """The address as we keep it: trimmed and lower-cased."""
        return self.cleaned_data["email"].strip().lower()

    def clean_page(self):
        """The page the form was on: a path on this site, or nothing."""
        page = self.cleaned_data["page"].strip()
        if not page.startswith("/") or not url_has_allowed_host_and_scheme(page, None):
            return ""
        return page


class PreferencesForm(forms.Form):
    """The newsletters a subscriber receives; none ticked means none at all."""

    newsletters = newsletter_choices(required=False)


def sign_up_form(page, section=None):
    """A blank sign-up form for ``page``, in one query: the daily briefing ticked, and on
    a section's pages that section's weekly when it is offered."""
    offered = list(Newsletter.objects.offered())
    ticked = [
        newsletter.pk
        for newsletter in offered
        if newsletter.kind == Newsletter.Kind.DAILY_BRIEFING
        or (section is not None and newsletter.section_id == section.pk)
    ]
    form = SignUpForm(initial={"newsletters": ticked, "page": page})
    # Rendered from the list already read; the field's own query is for checking a post.
    form.fields["newsletters"].choices = [
        (ModelChoiceIteratorValue(newsletter.pk, newsletter), newsletter.name)
        for newsletter in offered
    ]
    return form
