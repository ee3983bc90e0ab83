"""Site-wide building blocks that know nothing about news or comments."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from newsdesk.caching.pages import SharedPageMixin

from . import pictures
from .blocks import BodyBlock


class NewsImage(AbstractImage):
    """A picture in the library, carrying the credit a newsroom must print with it."""

    description = models.CharField(
        _("description (alt text)"),
        max_length=255,
        blank=True,
        default="",
        help_text=_(
            "Read aloud to blind readers in place of the picture, and shown if it "
            "cannot load: describe what the picture shows."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    # A graphic with see-through parts stays lossless (core.pictures); looked at on upload.
    has_transparency = models.BooleanField(_("has transparency"), default=False, editable=False)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        image._stored_file_name = image.__dict__.get("file")
        return image

    @property
    def default_alt_text(self):
        """The description, never the file's title ("IMG_20261204_0931")."""
        return self.description

    def save(self, *args, **kwargs):
        if self.file and self.file.name != getattr(self, "_stored_file_name", None):
            self.has_transparency = pictures.has_transparency(self.file)
        super().save(*args, **kwargs)
        self._stored_file_name = self.file.name


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class Lease(models.Model):
    """The right to run the site's scheduled work, held by one server until it expires.

    Several ``newsdesk serve`` processes share one database; whichever holds the
    row's lease publishes scheduled stories and runs the periodic jobs
    (``newsdesk.core.lease``).
    """

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    holder = models.CharField(_("holder"), max_length=200)
    expires_at = models.DateTimeField(_("expires at"))

    def __str__(self):
        return f"{self.name}: {self.holder} until {self.expires_at:%H:%M:%S}"


class PeriodicJobRun(models.Model):
    """When a periodic job last ran, so that a server taking over the scheduler
    runs it on time rather than again."""

    job = models.CharField(_("job"), max_length=200, primary_key=True)
    started_at = models.DateTimeField(_("started at"))

    def __str__(self):
        return f"{self.job} at {self.started_at:%Y-%m-%d %H:%M}"


class StandardPage(SharedPageMixin, Page):
    """A plain page such as "About us" or "Contact"."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    subpage_types = []
