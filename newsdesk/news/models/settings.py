"""Editorial settings an editor changes in the admin."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .bylines import DEFAULT_ROLES, REPORTING


@register_setting(icon="doc-full")
class NewsSettings(BaseSiteSetting):
    latest_developments_after_paragraph = models.PositiveSmallIntegerField(
        _('place "Latest developments" after paragraph'),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("In a shorter story the box goes at the end."),
    )
    stories_per_page = models.PositiveSmallIntegerField(
        _("stories per listing page"),
        default=12,
        validators=[MinValueValidator(4), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("news settings")


@register_setting(icon="user")
class BylineSettings(BaseSiteSetting):
    roles = models.TextField(
        _("byline roles"),
        default="\n".join(DEFAULT_ROLES),
        help_text=_(
            'One role a line, in the order editors pick from. Reporting reads "By …" to '
            "readers and must stay; a role taken off the list stays on the stories that have it."
        ),
    )

    class Meta:
        verbose_name = _("byline settings")

    def clean(self):
        if REPORTING not in self.role_list():
            raise ValidationError(
                {
                    "roles": _("Keep %(role)s: it is the byline readers see as “By …”.")
                    % {"role": REPORTING}
                }
            )

    def role_list(self):
        """The roles, one a line, without blank lines or repeats."""
        return list(dict.fromkeys(line.strip() for line in self.roles.splitlines() if line.strip()))
