"""Live coverage of a developing story: when it ran, and the updates reporters posted.

Updates are not part of the story's revisions: posting one needs no publish and
goes through no workflow (the story itself did), and reverting the story never
loses one. Every change goes through ``live.coverage``, which records it in the
story's history and makes the story's page and update check fresh.
"""

from html import unescape

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from .blocks import UpdateBodyBlock

# Updates on one page of the story, newest first; "Older updates" beyond.
UPDATES_PER_PAGE = 20


class LiveCoverage(models.Model):
    """A story's live coverage: when an editor started it, and when it ended."""

    story = models.OneToOneField(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="live_coverage",
        verbose_name=_("story"),
    )
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")

    def __str__(self):
        return f"{self.story.title} ({_('live') if self.is_running else _('ended')})"

    @property
    def is_running(self):
        """Is the story live now: started and not ended?"""
        return self.started_at is not None and self.ended_at is None


class LiveUpdateQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-posted_at", "-pk")

    def for_readers(self):
        """The updates in the order readers see them: pinned first, then newest first.

        Withdrawn ones keep their place (readers see that they were withdrawn).
        """
        return self.select_related("author").order_by("-pinned", "-posted_at", "-pk")

    def key_events(self):
        """The key events readers can still read, newest first."""
        return self.filter(key_event=True, withdrawn_at__isnull=True).newest_first()

    def visible(self):
        """Updates not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class LiveUpdate(models.Model):
    """One update to a live story: its time, byline, optional title and body."""

    story = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="live_updates",
        verbose_name=_("story"),
    )
    posted_at = models.DateTimeField(_("posted at"))
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("posted by"),
    )
    author = models.ForeignKey(
        "news.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_updates",
        verbose_name=_("reporter"),
    )
    byline = models.CharField(
        _("byline"),
        max_length=100,
        blank=True,
        help_text=_("The name readers see when no reporter profile fits."),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    body = StreamField(UpdateBodyBlock(), verbose_name=_("body"))
    key_event = models.BooleanField(_("key event"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("live update")
        indexes = [
            models.Index(
                fields=["story", "-pinned", "-posted_at", "-id"], name="live_update_for_readers"
            )
        ]

    def __str__(self):
        return self.title or f"{_('Update')} {self.posted_at:%H:%M}"

    def get_absolute_url(self):
        return f"{self.story.url}#update-{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_edited(self):
        return self.edited_at is not None

    @property
    def byline_name(self):
        """The name readers see: the reporter's, or the one typed."""
        return self.author.name if self.author_id else self.byline

    def share_url(self):
        """The shareable address that opens the story at this update, on whichever page holds it."""
        return reverse("live:update", args=[self.story_id, self.pk])

    def page_number(self):
        """The page of the story (1 is the first) on which readers find this update."""
        ahead = LiveUpdate.objects.filter(story_id=self.story_id).filter(
            Q(pinned__gt=self.pinned)
            | Q(pinned=self.pinned, posted_at__gt=self.posted_at)
            | Q(pinned=self.pinned, posted_at=self.posted_at, pk__gt=self.pk)
        )
        return ahead.count() // UPDATES_PER_PAGE + 1

    def summary(self, words=12):
        """The title, or the first words of the body: how the desk, CLI and history name it."""
        if self.title:
            return self.title
        text = " ".join(_words_of(child) for child in self.body)
        return Truncator(" ".join(text.split())).words(words)


# Which field's words stand for each kind of block in a summary.
_SUMMARY_FIELD = {"quote": "quote", "image": "caption", "link": "title"}


def _words_of(block):
    """The words a body block shows, without rendering it (a picture: its caption)."""
    if block.block_type == "paragraph":
        return unescape(strip_tags(block.value.source))
    return block.value.get(_SUMMARY_FIELD[block.block_type]) or ""
