"""Bylines: who wrote, photographed or edited a story, and how readers see them grouped."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..byline_forms import RoleSelect

# The lead role: its bylines read "By …" and are the story's authors in structured data.
REPORTING = "Reporting"
DEFAULT_ROLES = (REPORTING, "Additional reporting", "Photographs", "Video", "Analysis", "Editing")

NO_BYLINE = _("Choose a reporter or write a credit line.")
TWO_BYLINES = _(
    "A byline is a reporter or a credit line, not both: clear the credit line "
    "to credit the reporter, or remove the reporter."
)


class ArticleAuthor(Orderable):
    """One byline on one article, in the order the editor set.

    Either a reporter, who has a profile page, or a credit line for whoever has
    none ("Staff", a news agency); each with a role such as Reporting or Photographs.
    """

    article = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "news.Author",
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bylines",
    )
    credit = models.CharField(
        _("or credit line"),
        max_length=100,
        blank=True,
        help_text=_('For wire copy or the desk as a whole: "Staff", a news agency\'s name.'),
    )
    role = models.CharField(_("role"), max_length=50, blank=True, default=REPORTING)

    panels = [
        FieldPanel("author"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("role", widget=RoleSelect)]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="news_one_byline_per_author"
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=False, credit="")
                | (Q(author__isnull=True) & ~Q(credit="")),
                name="news_byline_is_reporter_or_credit",
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.name}"

    def clean(self):
        self.credit = self.credit.strip()
        self.role = self.role.strip() or REPORTING
        if self.author_id is None and not self.credit:
            raise ValidationError({"author": NO_BYLINE})
        if self.author_id is not None and self.credit:
            raise ValidationError({"credit": TWO_BYLINES})

    @property
    def name(self):
        """The name readers see: the reporter's, or the credit line."""
        return self.author.name if self.author_id else self.credit

    @property
    def url(self):
        """The reporter's profile page; a credit line has none."""
        return self.author.get_absolute_url() if self.author_id else None


@dataclass(frozen=True)
class BylineGroup:
    """The bylines sharing one role, as a reader sees them: "Photographs by A and B"."""

    role: str
    bylines: tuple

    @property
    def is_lead(self):
        return self.role == REPORTING


def group_bylines(bylines):
    """``bylines`` grouped by role: Reporting first, then the others in the editor's order."""
    groups = {REPORTING: []}
    for byline in bylines:
        groups.setdefault(byline.role, []).append(byline)
    return [BylineGroup(role, tuple(members)) for role, members in groups.items() if members]
