"""What the desk checks before a story goes out, and the stories held back by it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

BLOCKING = "blocking"
WARNING = "warning"
OFF = "off"
SEVERITIES = [
    (BLOCKING, _("Blocking: the story cannot go out until it is fixed")),
    (WARNING, _("Warning: the story goes out, the editor is told")),
    (OFF, _("Off")),
]


def severity_field(label, default):
    return models.CharField(label, max_length=10, choices=SEVERITIES, default=default)


@register_setting(icon="tasks")
class PublishingChecks(BaseSiteSetting):
    """How much each pre-publish check matters on this site.

    Blocking by default: what readers would see as a fault of the paper (a
    story filed under "Uncategorized" by accident, no byline, a picture a
    screen reader announces as "IMG_2041"). A warning by default: what is a
    matter of style and has a fallback (no standfirst, a long headline).
    """

    section = severity_field(_("a section chosen"), BLOCKING)
    byline = severity_field(_("at least one byline"), BLOCKING)
    alt_text = severity_field(_("every picture described or marked decorative"), BLOCKING)
    standfirst = severity_field(_("a standfirst"), WARNING)
    headline_length = severity_field(_("a headline no longer than the limit"), WARNING)
    headline_max_length = models.PositiveSmallIntegerField(
        _("longest headline, in characters"),
        default=90,
        validators=[MinValueValidator(20), MaxValueValidator(255)],
        help_text=_("Longer headlines are cut short in search results and crowd story cards."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("section"),
                FieldPanel("byline"),
                FieldPanel("alt_text"),
                FieldPanel("standfirst"),
                FieldPanel("headline_length"),
                FieldPanel("headline_max_length"),
            ],
            heading=_("Checks run when a story is published or scheduled, and at its time"),
        )
    ]

    class Meta:
        verbose_name = _("publishing checks")

    def severity(self, check):
        """``BLOCKING``, ``WARNING`` or ``OFF`` for the check named ``check``."""
        return getattr(self, check)


class HeldStory(models.Model):
    """A scheduled story the scheduler did not publish at its time, and why.

    The story stays scheduled: each round of the scheduler checks it again, and
    it goes out as soon as it passes (a picture described in the library, a
    check turned into a warning) or an editor publishes it fixed.
    """

    story = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="hold", verbose_name=_("story")
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(_("reasons"), default=list)
    held_since = models.DateTimeField(_("held since"))

    class Meta:
        verbose_name = _("held story")
        verbose_name_plural = _("held stories")

    def __str__(self):
        return f"{self.story}: {'; '.join(self.reasons)}"
