"""What each imported WordPress object became, so a second run finds it again."""

from django.db import models
from django.utils import timezone
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


class ImportRun(models.Model):
    """One run of ``import_wordpress``, and how far it got.

    Each batch of posts commits with its records in ``WordPressObject`` and with
    this row's ``items_done``, so a run that was stopped halfway (killed, a full
    disk, a lost connection) leaves a committed prefix of the export and a row
    whose ``finished_at`` is empty. The next run from the same site finds the
    committed objects unchanged, carries on from there, and says it did.
    """

    source = models.CharField(_("exporting site"), max_length=200)
    export_name = models.CharField(_("export file"), max_length=500)
    export_digest = models.CharField(_("export's SHA-256"), max_length=64)
    items_total = models.PositiveIntegerField(_("items in the export"))
    items_done = models.PositiveIntegerField(_("items committed"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    progressed_at = models.DateTimeField(_("last batch committed at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    resumes = models.ForeignKey(
        "self",
        verbose_name=_("resumes the run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("WordPress import run")
        indexes = [models.Index(fields=["source", "finished_at"], name="importers_run_by_source")]

    def __str__(self):
        return f"{self.export_name} from {self.source}: {self.items_done}/{self.items_total}"
