"""The editor's article form in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import checks

SELF_PIN = _("Pin other stories: this box never lists the story it sits in.")


class ArticlePageForm(WagtailAdminPageForm):
    """Adds the checks that need the story and its inline panels together."""

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_pinning_the_story_itself()
        checks.refuse_publishing_unchecked(self)
        return cleaned_data

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
