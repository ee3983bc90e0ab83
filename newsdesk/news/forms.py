"""The editor's article form in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import checks
from .republishing import Republishing
from .sections import SectionChoiceField

SELF_PIN = _("Pin other stories: this box never lists the story it sits in.")
SAY_FIX_OR_UPDATE = _("This story has gone out: say whether this is a minor fix or an update.")


class ArticlePageForm(WagtailAdminPageForm):
    """Adds the checks that need the story and its inline panels together."""

    category = SectionChoiceField()
    republished_as = forms.ChoiceField(
        label=_("Publishing again as"),
        choices=Republishing.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ask_minor_fix_or_update()

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_pinning_the_story_itself()
        self.require_minor_fix_or_update()
        checks.refuse_publishing_unchecked(self)
        return cleaned_data

    def ask_minor_fix_or_update(self):
        """Ask only about a story that has gone out, afresh each time it goes out again.

        A new story has nothing to fix or update; its form shows neither
        question nor note.
        """
        if self.instance.first_published_at is None:
            for name in ("republished_as", "update_note"):
                self.fields.pop(name, None)
        elif not self.instance.has_unpublished_changes:
            # The choice the story holds was made for the version readers have.
            self.initial["republished_as"] = ""

    def require_minor_fix_or_update(self):
        """Publishing a story that has gone out needs the answer; a saved draft does not."""
        if "republished_as" not in self.fields or "action-publish" not in self.data:
            return
        if not self.cleaned_data.get("republished_as"):
            self.add_error("republished_as", SAY_FIX_OR_UPDATE)

    def refuse_pinning_the_story_itself(self):
        """A pin row is its own little form, so only here is the story it belongs to known."""
        if self.instance.pk is None:
            return
        for pin in self.formsets["latest_developments_pins"].forms:
            if not pin.is_valid() or pin.cleaned_data.get("DELETE"):
                continue
            pinned = pin.cleaned_data.get("article")
            if pinned is not None and pinned.pk == self.instance.pk:
                pin.add_error("article", SELF_PIN)
