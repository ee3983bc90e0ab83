"""Site-wide building blocks that know nothing about news or comments."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from newsdesk.caching.pages import SharedPageMixin

from .blocks import BodyBlock


class NewsImage(AbstractImage):
    """A picture in the library, carrying the credit a newsroom must print with it."""

    credit = models.CharField(_("credit"), max_length=200, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


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
