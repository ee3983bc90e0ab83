"""Corrections and clarifications: notes the paper adds to a story that has gone out.

They are not part of the story's revisions, so adding one needs no republish and
reverting the story never loses one. Nothing deletes them: a withdrawn note
stays where it stood, saying when it was withdrawn.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def for_article(self, article):
        """The notes on ``article``, in the order they were added."""
        return self.filter(article=article).order_by("created_at", "pk")

    def public(self):
        """Notes on stories a reader may open, newest first, with their stories."""
        from .articles import ArticlePage

        published = ArticlePage.objects.published().values("pk")
        notes = self.filter(article__in=published).select_related("article")
        return notes.defer("article__body").newest_first()


class Correction(models.Model):
    """A correction or clarification on one story, with when and by whom it was added."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("story"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        _("text"),
        max_length=1000,
        help_text=_("What was wrong or unclear, and what is right, as readers will read it."),
    )
    created_at = models.DateTimeField(_("added at"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("added by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("withdrawn by"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")
        indexes = [models.Index(fields=["-created_at", "-id"], name="news_correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article.title}"

    def get_absolute_url(self):
        return f"{self.article.url}#correction-{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def changed_at(self):
        """When readers last saw this note change: added, or withdrawn."""
        return self.withdrawn_at or self.created_at
