"""Newsletters, their subscribers, their editions, and one delivery row per email sent.

A delivery row is created for every confirmed subscriber when an edition is sent,
and senders work through those rows; the rows are what make a send survive a
crash without skipping or repeating anyone (``newsdesk.newsletters.sending``).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

# Not secret: it only keeps our hashes apart from other lists of hashed addresses.
SUPPRESSION_SALT = b"newsdesk.newsletters.suppression:"


def normalize_address(email):
    """The address as we store and compare it: trimmed and lower-cased.

    Mail providers treat the local part case-insensitively in practice, and a
    reader who typed capitals once must not become a second subscriber.
    """
    return email.strip().lower()


def address_hash(email):
    """The suppression list's form of an address: a hash, never the address itself."""
    return hashlib.sha256(SUPPRESSION_SALT + normalize_address(email).encode()).hexdigest()


class NewsletterQuerySet(models.QuerySet):
    def offered(self):
        """Newsletters readers can sign up for, in the order the paper lists them."""
        return self.filter(is_active=True).order_by("sort_order", "name")


class Newsletter(models.Model):
    """One newsletter the paper sends: the daily briefing, breaking alerts, a section weekly."""

    class Kind(models.TextChoices):
        DAILY_BRIEFING = "daily_briefing", _("Daily briefing")
        BREAKING_NEWS = "breaking_news", _("Breaking news alerts")
        SECTION_WEEKLY = "section_weekly", _("Section weekly")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What a reader gets and how often, shown on the sign-up form."),
    )
    sample = models.TextField(
        _("sample"),
        blank=True,
        help_text=_("A few lines showing what an edition reads like, for the newsletters page."),
    )
    section = models.ForeignKey(
        "news.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletters",
        verbose_name=_("section"),
        help_text=_("For a section weekly: the section whose stories it carries."),
    )
    is_active = models.BooleanField(
        _("offered to readers"),
        default=True,
        help_text=_("Readers can sign up, and editions can be sent, only while this is on."),
    )
    sends_automatically = models.BooleanField(
        _("send without review"),
        default=False,
        help_text=_(
            "For the daily briefing: send the drafted edition at once instead of "
            "waiting for an editor."
        ),
    )
    archive_public = models.BooleanField(
        _("public archive"),
        default=True,
        help_text=_("Show past editions on the site, with a feed."),
    )
    counts_clicks = models.BooleanField(
        _("count clicks"),
        default=False,
        help_text=_("Count how often each link is followed: per link, never who followed it."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsletters:archive", kwargs={"slug": self.slug})

    def receiving_subscribers(self):
        """Subscribers an edition of this newsletter goes to: confirmed and not suppressed."""
        return Subscriber.objects.receiving().filter(subscriptions__newsletter=self)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed subscribers whose address is not on the suppression list."""
        suppressed = Suppression.objects.filter(address_hash=models.OuterRef("address_hash"))
        confirmed = self.filter(status=Subscriber.Status.CONFIRMED)
        return confirmed.exclude(models.Exists(suppressed))

    def with_address(self, email):
        return self.filter(email=normalize_address(email))


class Subscriber(models.Model):
    """One reader's address, with the consent they gave and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCING = "bouncing", _("Bouncing")

    # Details no reader sees, cleared or exported by the privacy tools.
    PRIVATE_FIELDS = ("email", "ip_address", "client_network", "signed_up_from", "confirmed_from")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    signed_up_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    signed_up_from = models.CharField(_("signed up on page"), max_length=500, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_from = models.CharField(_("confirmed from"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # For the sign-up form's limits: the latest request's network (/24 or /64) and time,
    # and when this address was last sent a confirmation (or an "already subscribed").
    client_network = models.CharField(max_length=50, blank=True, editable=False)
    requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bouncing since"), null=True, blank=True)
    bounce_reason = models.CharField(_("bounce reason"), max_length=500, blank=True)
    newsletters = models.ManyToManyField(
        Newsletter, through="Subscription", related_name="subscribers"
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        indexes = [models.Index(fields=["status"], name="newsletters_subscriber_status")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_address(self.email)
        self.address_hash = address_hash(self.email)
        if kwargs.get("update_fields") is not None and "email" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "address_hash"}
        super().save(*args, **kwargs)

    @property
    def is_suppressed(self):
        return Suppression.objects.filter(address_hash=self.address_hash).exists()


class Subscription(models.Model):
    """A subscriber's choice of one newsletter."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="newsletters_one_subscription_each"
            )
        ]


class Suppression(models.Model):
    """An address that must never be mailed again: it unsubscribed or bounced.

    Only the hash is kept, so the list survives a reader's erasure without keeping
    their address, and a re-imported list cannot bring them back.
    """

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")

    address_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    @classmethod
    def add(cls, email, reason):
        """Put ``email`` on the list (once); it is never mailed again."""
        cls.objects.get_or_create(address_hash=address_hash(email), defaults={"reason": reason})


class Edition(ClusterableModel):
    """One issue of a newsletter: what it says, and where its sending stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="editions", verbose_name=_("newsletter")
    )
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few lines from the editor, above the stories."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    send_started_at = models.DateTimeField(_("sending started at"), null=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, editable=False)
    # Filled in as the send is queued, so the counts stay true after a reader is erased.
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0, editable=False)

    class Meta:
        verbose_name = _("edition")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_edition", _("Can send editions to subscribers"))]
        indexes = [
            models.Index(fields=["status", "scheduled_for"], name="newsletters_edition_due"),
        ]

    def __str__(self):
        return self.subject


class EditionStory(Orderable):
    """A story chosen for an edition: its headline, standfirst, picture and link go in."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="stories")
    story = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("story")


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Deliveries a sender may take now: queued, and past any retry wait."""
        return self.filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now or Now())


class Delivery(models.Model):
    """One edition to one subscriber: queued, then sent, failed, bounced or skipped."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Skipped")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="newsletters_one_delivery_each"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="newsletters_delivery_due"),
        ]


class LinkClick(models.Model):
    """How often one link of an edition was followed, when the newsletter counts clicks.

    Only the count per link: never who clicked.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="link_clicks")
    url = models.URLField(max_length=1000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "url"], name="newsletters_one_count_a_link")
        ]
