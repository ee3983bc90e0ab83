"""The live desk's form: an update typed in one go and posted with one button."""

from uuid import uuid4

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser

from newsdesk.news.models import Author

from . import coverage
from .models import LiveUpdate


class UpdateForm(WagtailAdminModelForm):
    """Posting a new update (``story`` given) or editing one (``instance`` given).

    A new update opens with one empty paragraph ready to type in, and the byline
    set to the reporter's own profile if one has their name, else their name.
    Saving goes through ``live.coverage``; nothing here writes to the database.
    """

    class Meta:
        model = LiveUpdate
        fields = ["title", "body", "key_event", "pinned", "author", "byline"]
        labels = {
            "title": _("Title"),
            "body": _("Update"),
            "key_event": _("Key event"),
            "pinned": _("Pin to the top"),
            "author": _("Reporter"),
            "byline": _("Or byline"),
        }
        help_texts = {
            "title": _("Optional. A few words readers scan for."),
            "byline": _("The name readers see when no reporter fits, e.g. a wire service."),
        }
        widgets = {"author": AdminSnippetChooser(Author)}

    def __init__(self, *args, story, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.story, self.user = story, user
        if self.instance.pk is not None:
            # Pinning has its own button beside the update.
            del self.fields["pinned"]
            return
        body = self.fields["body"].block
        self.initial["body"] = body.to_python(
            [{"type": "paragraph", "value": "", "id": str(uuid4())}]
        )
        reporter = coverage.reporter_for(user)
        if reporter is not None:
            self.initial["author"] = reporter.pk
        else:
            self.initial["byline"] = user.get_full_name()

    @property
    def is_new(self):
        return self.instance.pk is None

    def save(self, commit=True):
        """Post or edit the update through ``live.coverage``; returns it.

        A refusal (coverage ended meanwhile, nothing written) becomes the form's
        error and the reporter's words stay in the form.
        """
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}
        try:
            if self.is_new:
                return coverage.post(self.story, self.user, **data)
            return coverage.edit(self.instance, self.user, **data)
        except ValidationError as error:
            self.add_error(None, error)
            return None
