"""What editors decide about the paper's feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class SyndicationSettings(BaseSiteSetting):
    """How much of each story the feeds carry."""

    full_text = models.BooleanField(
        _("full stories in feeds"),
        default=False,
        help_text=_(
            "Off: feeds carry each story's standfirst, so readers come to the site for the rest. "
            "On: feeds carry the whole story as well."
        ),
    )

    class Meta:
        verbose_name = _("feed settings")
