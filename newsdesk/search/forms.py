"""The search form: what a reader may ask for, checked before anything is searched."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.news.models import Category

DATE_FORMAT = "%Y-%m-%d"
RELEVANCE, NEWEST = "relevance", "newest"


class SectionChoiceField(forms.ModelChoiceField):
    """Sections by slug; a subsection is named with its parents ("Sport › Football")."""

    def label_from_instance(self, obj):
        return " › ".join([parent.name for parent in obj.ancestors()] + [obj.name])


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"type": "date"}),
        error_messages={
            "invalid": _("Enter a date as YYYY-MM-DD, for example 2024-03-15."),
        },
    )


class SortField(forms.ChoiceField):
    """The order of the results; an unknown one (a mangled link) sorts by relevance.

    Failing the whole search over the order would show a reader an error for a
    choice they never saw as a field.
    """

    def clean(self, value):
        return value if self.valid_value(value) else RELEVANCE


class SearchForm(forms.Form):
    """``q``, optionally ``category`` (a slug) and ``from``/``to`` dates (YYYY-MM-DD),
    and ``sort``: ``relevance`` (the default) or ``newest``."""

    q = forms.CharField(label=_("Search for"), required=False, widget=forms.SearchInput)
    category = SectionChoiceField(
        Category.objects.select_related("parent"),
        to_field_name="slug",
        required=False,
        label=_("Section"),
        empty_label=_("All sections"),
        error_messages={
            "invalid_choice": _("There is no section “%(value)s”. Choose one from the list."),
        },
    )
    sort = SortField(
        choices=[(RELEVANCE, _("Best match")), (NEWEST, _("Newest first"))],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        # The address says ?from=…&to=…, and "from" cannot be a class attribute.
        self.fields["from"] = _date_field(_("Published from"))
        self.fields["to"] = _date_field(_("Published until"))

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            raise forms.ValidationError(
                _("The “from” date is after the “until” date. Swap them, or change one."),
                code="dates_reversed",
            )
        return cleaned

    def search_arguments(self):
        """Keyword arguments for ``search_stories`` from a valid form."""
        data = self.cleaned_data
        return {
            "q": data["q"],
            "category": data["category"],
            "published_from": data["from"],
            "published_to": data["to"],
            "newest_first": data["sort"] == NEWEST,
        }

    def has_filters(self):
        """Did the reader narrow the search by section or date?"""
        return any(self.data.get(name) for name in ("category", "from", "to"))
