"""Readers' comments and the editorial rules that govern them."""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from newsdesk.core import rows
from newsdesk.news.cache_tags import discussions_changed

from .text import fingerprint

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
WEBSITE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
# Fields no reader ever sees: changing only these leaves every page as it was.
PRIVATE_FIELDS = frozenset(
    {
        "email",
        "ip_address",
        "client_network",
        "user_agent",
        "moderation_reason",
        "moderated_by",
        "body_fingerprint",
        "submission_key",
    }
)


def shows_to_readers(fields):
    """Could changing ``fields`` (names) change what readers see?"""
    return not PRIVATE_FIELDS.issuperset(fields)


class CommentQuerySet(models.QuerySet):
    """Comments selected in the newsroom's words, for views, the admin and the CLI alike.

    Writing through it (``update``, ``delete``, ``bulk_create``), like saving or
    deleting one ``Comment``, makes the pages showing those comments stale: no
    path that changes a discussion can leave a kept page behind.
    """

    def update(self, **fields):
        with transaction.atomic(using=self.db):
            locked = rows.lock(self, "article_id")
            count = rows.update(self, [pk for pk, _article in locked], **fields)
            if shows_to_readers(fields):
                discussions_changed({article for _pk, article in locked})
        return count

    update.alters_data = True

    def delete(self):
        with transaction.atomic(using=self.db):
            locked = rows.lock(self, "article_id")
            deleted = rows.delete(self, [pk for pk, _article in locked])
            discussions_changed({article for _pk, article in locked})
        return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        discussions_changed({c.article_id for c in created if c.status == Comment.Status.APPROVED})
        return created

    def approved(self):
        """Comments every reader sees."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        """Comments waiting in the moderation queue."""
        return self.filter(status=Comment.Status.PENDING)

    def for_article(self, article):
        """Comments on ``article``, whatever their status."""
        return self.filter(article=article)

    def by_email(self, email):
        """Every comment typed with ``email``, however its letters were cased.

        Folded by the database on both sides, the way the index on the folded
        address is built, so the lookup reads that index rather than every row.
        """
        return self.filter(Exact(Lower("email"), Lower(Value(email.strip()))))

    def status_counts(self):
        """How many comments are in each status, zeros included, in one query.

        Counted side by side rather than grouped: a GROUP BY makes SQLite walk
        the status index and fetch every row it names, which took a second over
        200,000 comments when a search had to read each one's text.
        """
        return self.order_by().aggregate(
            **{status: Count("pk", filter=Q(status=status)) for status in Comment.Status}
        )


# Not in the search index: the moderation queue searches with SQL (viewsets.py),
# and an index would write a row holding a copy of the words for every post, spam included.
class Comment(models.Model):
    """One reader's (or a staff member's) comment on one article, possibly a reply to another."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # Blank only once a commenter's data is erased (newsdesk privacy erase); the form requires it.
    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH, blank=True)
    website = models.URLField(_("website"), max_length=WEBSITE_MAX_LENGTH, blank=True)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    # Set only by a moderator's reply from the admin (posting.post_staff_reply);
    # the readers' form has no way to reach it, so the "Staff" mark cannot be claimed.
    by_staff = models.BooleanField(_("by staff"), default=False, editable=False)
    # The words folded and hashed, so a copy posted under any story or name is found by index.
    body_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.CharField(
        _("why held or spam"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, editable=False
    )
    client_network = models.CharField(max_length=64, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["client_network", "created_at"]),
            models.Index(Lower("email"), name="comments_email_folded_idx"),
        ]

    def __str__(self):
        return _("%(name)s on %(article)s") % {"name": self.name, "article": self.article}

    def save(self, *args, **kwargs):
        """Save, and make the story's pages stale if readers can see the change.

        A new comment held for moderation changes nothing anyone else sees, so
        a flood of them leaves the story's kept page alone.
        """
        self.body_fingerprint = fingerprint(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = update_fields = {*update_fields, "body_fingerprint"}
        created = self._state.adding
        super().save(*args, **kwargs)
        if created and self.status != self.Status.APPROVED:
            return
        if update_fields is None or shows_to_readers(update_fields):
            discussions_changed({self.article_id})

    def delete(self, *args, **kwargs):
        """Delete the comment and its replies; the story's pages go stale."""
        deleted = super().delete(*args, **kwargs)
        discussions_changed({self.article_id})
        return deleted

    def get_absolute_url(self):
        return f"{self.article.url}#comment-{self.pk}"

    def moderation_note(self):
        """Why the comment is where it is now: the latest moderation, else the posting rule.

        "Approved by ada on 4 Dec 2026 15:20" once a moderator (or, with no one
        named, the command line) acted; until then the rule that held or
        flagged it, such as "every new comment is held for moderation".
        """
        if self.moderated_at is None:
            return self.moderation_reason
        when = date_format(timezone.localtime(self.moderated_at), "j M Y H:i")
        done = MODERATED[self.status]
        if self.moderated_by is None:
            return _("%(done)s on %(when)s") % {"done": done, "when": when}
        return _("%(done)s by %(who)s on %(when)s") % {
            "done": done,
            "who": self.moderated_by.get_username(),
            "when": when,
        }

    def excerpt(self, words=12, max_chars=100):
        """The comment's opening words on one line, for listings.

        Cut by characters too, so a single endless "word" (a pasted URL, say)
        cannot stretch a table.
        """
        one_line = " ".join(self.body.split())
        return Truncator(Truncator(one_line).words(words)).chars(max_chars)


MODERATED = {
    Comment.Status.PENDING: _("Sent back to pending"),
    Comment.Status.APPROVED: _("Approved"),
    Comment.Status.SPAM: _("Marked as spam"),
    Comment.Status.TRASH: _("Moved to the trash"),
}


def with_comment_counts(articles):
    """Annotate an article queryset with ``comment_count``: approved comments only.

    The article page shows every approved comment too, a reply to a removed one
    included (see ``threads.py``), so the two numbers agree.
    """
    approved = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return articles.annotate(comment_count=Coalesce(Subquery(approved), 0))


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """How the newsroom runs its comments; editors change these in the admin."""

    class Moderation(models.TextChoices):
        HOLD_ALL = "hold", _("Hold every new comment for a moderator")
        APPROVE_ALL = "approve", _("Publish new comments at once unless a rule holds them")

    moderation = models.CharField(
        _("new comments"), max_length=10, choices=Moderation.choices, default=Moderation.HOLD_ALL
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold comments with more links than"),
        default=2,
        validators=[MaxValueValidator(50)],
    )
    max_depth = models.PositiveSmallIntegerField(
        _("deepest level of replies"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments on stories older than (days)"),
        default=0,
        help_text=_("0 keeps comments open for as long as each story allows them."),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment whose text, name, email or website "
            "contains one is marked as spam."
        ),
    )
    blocked_emails = models.TextField(
        _("blocked email addresses"),
        blank=True,
        help_text=_("One per line: a whole address, or @example.com for everyone at a domain."),
    )
    blocked_addresses = models.TextField(
        _("blocked IP addresses"),
        blank=True,
        help_text=_(
            "One per line: an address such as 203.0.113.7 or a network such as 198.51.100.0/24."
        ),
    )

    class Meta:
        verbose_name = _("comment settings")

    def clean(self):
        """Name the first line of a blocklist that could never match, before it is saved."""
        errors = {}
        for line in lines_of(self.blocked_emails):
            local, at, domain = line.rpartition("@")
            if not at or not domain or "." not in domain or " " in line:
                errors["blocked_emails"] = _(
                    "“%(line)s” is not an email address or an @domain."
                ) % {"line": line}
                break
        for line in lines_of(self.blocked_addresses):
            try:
                ipaddress.ip_network(line, strict=False)
            except ValueError:
                errors["blocked_addresses"] = _("“%(line)s” is not an IP address or network.") % {
                    "line": line
                }
                break
        if errors:
            raise ValidationError(errors)


def lines_of(text):
    """The non-empty lines of a blocklist, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]
