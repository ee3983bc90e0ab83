"""A story's hero image as feeds carry it: one large rendition and a thumbnail."""

import mimetypes
from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.images import get_image_model

from newsdesk.core import pictures

PICTURE_SPEC, THUMBNAIL_SPEC = pictures.SETS["feed"].sizes


@dataclass(frozen=True)
class Picture:
    """A rendition's absolute address, type and size, with its thumbnail's."""

    url: str
    mime_type: str
    length: int
    width: int
    height: int
    thumbnail_url: str
    thumbnail_width: int
    thumbnail_height: int


def with_hero_renditions(stories):
    """Fetch the renditions feeds use for every story's hero image in one query."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=pictures.every_spec("feed"))
    )
    return stories.prefetch_related(Prefetch("hero_image__renditions", queryset=renditions))


def hero_picture(image, request):
    """The feed's view of ``image``, or ``None`` for a story without one.

    The length is the rendition's size in bytes, which RSS enclosures require;
    a missing rendition is made on the spot, as the page itself would.
    """
    if image is None:
        return None
    renditions = pictures.renditions(image, "feed")
    picture, thumbnail = renditions[PICTURE_SPEC], renditions[THUMBNAIL_SPEC]
    mime_type, _encoding = mimetypes.guess_type(picture.file.name)
    return Picture(
        url=request.build_absolute_uri(picture.url),
        mime_type=mime_type or "application/octet-stream",
        length=picture.file.size,
        width=picture.width,
        height=picture.height,
        thumbnail_url=request.build_absolute_uri(thumbnail.url),
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
    )
