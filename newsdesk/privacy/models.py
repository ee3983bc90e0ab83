"""The privacy log: every export, erasure and IP clearing, kept for the moderators."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .addresses import email_reference, masked_email

COMMAND_LINE = "command line"
SCHEDULE = "schedule"


def actor_name(actor):
    """Who acted, in words for the log: a user's username, or a label such as "command line"."""
    if actor is None:
        return COMMAND_LINE
    if isinstance(actor, str):
        return actor
    return actor.get_username()


class PrivacyRequestQuerySet(models.QuerySet):
    """The log, selected the way moderators ask about it."""

    def for_email(self, email):
        """Every request about the commenter who typed ``email``, however it was cased."""
        return self.filter(email_reference=email_reference(email))

    def record(self, action, *, email="", comment_count=0, comments_deleted=False, actor=None):
        """Log one request, keeping only the address's mask and reference, never the address.

        ``actor`` is a user, a label such as ``SCHEDULE``, or ``None`` for the command line.
        """
        return self.create(
            action=action,
            masked_email=masked_email(email) if email else "",
            email_reference=email_reference(email) if email else "",
            comment_count=comment_count,
            comments_deleted=comments_deleted,
            requested_by=None if actor is None or isinstance(actor, str) else actor,
            requested_by_name=actor_name(actor),
        )


class PrivacyRequest(models.Model):
    """One export, erasure or IP clearing, with how many comments it concerned."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASE = "erase", _("Erase")
        CLEAR_IPS = "clear_ips", _("IP addresses cleared")

    action = models.CharField(_("request"), max_length=10, choices=Action.choices)
    masked_email = models.CharField(_("commenter"), max_length=260, blank=True)
    email_reference = models.CharField(_("reference"), max_length=64, blank=True, db_index=True)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    comments_deleted = models.BooleanField(_("comments deleted"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as it was, so the log still says who after the account is gone.
    requested_by_name = models.CharField(_("by"), max_length=150)
    requested_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = PrivacyRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.description} {self.masked_email}".strip()

    @property
    def description(self):
        """What was done, in words: "Erase (comments deleted)" rather than two columns."""
        if self.action == self.Action.ERASE and self.comments_deleted:
            return _("Erase (comments deleted)")
        return self.get_action_display()

    @property
    def short_reference(self):
        """The first characters of the reference: plenty to tell commenters apart by eye."""
        return self.email_reference[:10]
