"""The moderator's forms on the "Privacy requests" page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.comments.models import EMAIL_MAX_LENGTH

from .addresses import checked_email


class CommenterForm(forms.Form):
    """Whose data: the address the commenter typed on their comments."""

    email = forms.CharField(
        label=_("Commenter's email address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Matched on the whole address, in any mix of capital and small letters."),
    )

    def clean_email(self):
        return checked_email(self.cleaned_data["email"])


class EraseForm(CommenterForm):
    """The confirmed erasure; deleting the comments is offered only to who may delete them."""

    delete_comments = forms.BooleanField(
        label=_("Delete the comments as well"),
        required=False,
        help_text=_(
            "Comments other readers replied to are kept in the trash, as “Anonymous” with "
            "their text removed, so the replies stay in place."
        ),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, may_delete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget = forms.HiddenInput()
        if not may_delete:
            del self.fields["delete_comments"]
