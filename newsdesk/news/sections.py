"""The editor's section chooser: every section under its parents, in the paper's order."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .models.taxonomy import Category, CategoryTree

PATH_SEPARATOR = " › "


def section_path(category):
    """A category's name after its parents' names: "Sport › Football"."""
    return PATH_SEPARATOR.join(c.name for c in [*category.ancestors(), category])


class SectionTreeIterator(ModelChoiceIterator):
    """The choices in tree order (a section, then the sections inside it), read in one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        tree = CategoryTree(self.queryset.order_by("sort_order", "name"))
        for category in tree.in_tree_order():
            yield self.choice(category)


class SectionChoiceField(forms.ModelChoiceField):
    """Choose the story's section from the whole tree; Uncategorized is a choice like any other.

    Left empty, the story is filed under Uncategorized all the same; choosing it
    says that the story belongs in no section on purpose.
    """

    iterator = SectionTreeIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Category.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Section"))
        kwargs.setdefault("empty_label", _("Choose a section"))
        kwargs.setdefault(
            "help_text",
            _("Sections are shown under their parents. Choose Uncategorized only on purpose."),
        )
        super().__init__(**kwargs)

    def label_from_instance(self, category):
        return section_path(category)
