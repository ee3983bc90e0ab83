"""What each imported WordPress object became, so a second run finds it again."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WordPressObject(models.Model):
    """One WordPress post, page, attachment, comment, author or term and its Newsdesk object.

    Keyed on the exporting site and the WordPress id (a login for authors, a slug
    for terms): re-importing the same export finds every object here instead of
    creating it again, and ``digest`` says whether a post changed since.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("attachment")
        COMMENT = "comment", _("comment")
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")

    source = models.CharField(_("exporting site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=200)
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    object_id = models.BigIntegerField(_("Newsdesk id"))
    digest = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="importers_one_object_per_wp_id"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} from {self.source}"
