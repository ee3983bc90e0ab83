"""Editorial settings an editor changes in the admin."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
