"""Every size of picture a reader page shows, named once.

The templates ask for a picture by the name of its set (``{% picture_of image
"column" %}``), the metadata and feeds read the same sets, and uploading or
publishing makes every rendition of them before any reader asks: the first
reader after a push alert must not wait for a 4000-pixel photo to be resized.

Photos are sent as WebP with a JPEG fallback, whatever was uploaded (a PNG photo
too); a picture with transparency (a chart, a logo) stays lossless: lossless WebP
with a PNG fallback. AVIF was measured and left out: at these sizes it is no
smaller than WebP and takes two to ten times longer to make.
"""

import logging
import queue
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

logger = logging.getLogger(__name__)

PHOTO_FORMATS = ("webp", "jpeg")
LOSSLESS_FORMATS = ("webp-lossless", "png")


@dataclass(frozen=True)
class RenditionSet:
    """The sizes one place on a page shows a picture at.

    ``sizes`` are Wagtail resize specs, smallest first. A set that is ``responsive``
    is sent in both of the picture's formats, for a ``<picture>``; the others
    (share cards, structured data, feeds) only in the fallback format, which every
    reader of them understands.
    """

    name: str
    sizes: tuple[str, ...]
    responsive: bool = True

    def specs(self, formats):
        """The filter specs of this set in ``formats`` (best first), in ``Picture``'s order."""
        if not self.responsive:
            formats = formats[-1:]
        return [f"{size}|format-{fmt}" for fmt in formats for size in self.sizes]

    def fallback_specs(self, image):
        """``{size: spec}`` of the renditions in the format every reader understands."""
        fallback = image_formats(image)[-1]
        return {size: f"{size}|format-{fallback}" for size in self.sizes}


SETS = {
    rendition_set.name: rendition_set
    for rendition_set in (
        # The story's column: the hero, pictures and galleries in the body.
        RenditionSet("column", ("width-640", "width-1024", "width-1600")),
        # Story cards on the front page, sections, tags and "more from".
        RenditionSet("card", ("fill-480x270", "fill-960x540", "fill-1440x810")),
        # Beside a search result.
        RenditionSet("thumbnail", ("fill-160x120", "fill-320x240")),
        # A reporter's photo on their page and in its structured data.
        RenditionSet("portrait", ("fill-160x160", "fill-320x320")),
        RenditionSet("share", ("fill-1200x630",), responsive=False),
        # NewsArticle images in 16:9, 4:3 and 1:1, as search engines ask.
        RenditionSet(
            "structured_data",
            ("fill-1200x675", "fill-1200x900", "fill-1200x1200"),
            responsive=False,
        ),
        # A feed's enclosure and its thumbnail.
        RenditionSet("feed", ("width-1200", "fill-400x300"), responsive=False),
    )
}

# What a story's hero picture is shown as, everywhere the story appears.
HERO_SETS = ("column", "card", "thumbnail", "share", "structured_data", "feed")
# A picture in the body of a story or page.
BODY_SETS = ("column",)


def image_formats(image):
    """The picture's formats, best first, the last one understood by every browser."""
    return LOSSLESS_FORMATS if image.has_transparency else PHOTO_FORMATS


def _specs(formats, set_names):
    return list(dict.fromkeys(spec for name in set_names for spec in SETS[name].specs(formats)))


def has_transparency(file):
    """Whether the picture in ``file`` has pixels that are not fully opaque.

    An opaque picture saved with an alpha channel (many PNG screenshots and
    exported photos) is a photo like any other.
    """
    try:
        file.open()
    except OSError:
        # Not there at all: an import's dry run names files it never writes.
        return False
    file.seek(0)
    try:
        with PillowImage.open(file) as picture:
            if picture.mode == "P" and "transparency" in picture.info:
                picture = picture.convert("RGBA")
            if "A" not in picture.getbands():
                return False
            lowest, _highest = picture.getchannel("A").getextrema()
            return lowest < 255
    except (OSError, SyntaxError, ValueError):
        # Not a picture Pillow reads (an SVG): Wagtail keeps its own format.
        return False
    finally:
        file.seek(0)


def specs(image, *set_names):
    """Every filter spec of the named sets for ``image``, without repeats."""
    return _specs(image_formats(image), set_names)


def every_spec(*set_names):
    """The specs of the named sets whatever the picture's kind, to look renditions up by."""
    return [*_specs(PHOTO_FORMATS, set_names), *_specs(LOSSLESS_FORMATS, set_names)]


def picture(image, set_name, attrs):
    """A ``<picture>`` of ``image`` in the named set, with ``attrs`` on its ``<img>``.

    The alt text is the picture's description unless ``attrs`` says otherwise.
    """
    renditions = distinct_widths(get_renditions_or_not_found(image, specs(image, set_name)))
    attrs = dict(attrs)
    if len(renditions) <= len(image_formats(image)):
        # One file a format (a small picture is never enlarged): no choice to describe.
        attrs.pop("sizes", None)
    return Picture(renditions, attrs).__html__()


def distinct_widths(renditions):
    """``renditions`` without the repeats of a width in the same format.

    A picture narrower than a set's larger sizes is never enlarged: those sizes
    come out as copies of its own width, which a ``srcset`` may not list twice.
    """
    seen, distinct = set(), {}
    for spec, rendition in renditions.items():
        key = (spec.rpartition("|format-")[2], rendition.width)
        if key not in seen:
            seen.add(key)
            distinct[spec] = rendition
    return distinct


def renditions(image, *set_names):
    """``{size: rendition}`` of the named sets in the picture's fallback format.

    For the share card, structured data and feeds, which need one well-known
    format; one query finds them all.
    """
    wanted = {}
    for name in set_names:
        wanted.update(SETS[name].fallback_specs(image))
    found = image.get_renditions(*wanted.values())
    return {size: found[spec] for size, spec in wanted.items()}


def page_pictures(page):
    """``(image, set names)`` for every picture ``page`` shows readers: its hero, if
    it has one, and each picture in its body (galleries included)."""
    pictures = []
    hero = getattr(page, "hero_image", None)
    if hero is not None:
        pictures.append((hero, HERO_SETS))
    body = getattr(page, "body", None)
    if body is not None:
        from wagtail.images import get_image_model

        Image = get_image_model()
        ids = {
            int(object_id)
            for model, object_id, _path, _content_path in body.stream_block.extract_references(body)
            if model is Image
        }
        pictures.extend((image, BODY_SETS) for image in Image.objects.filter(pk__in=ids))
    return pictures


def make_renditions(image, set_names):
    """Make every rendition of the named sets ``image`` does not have yet.

    Wagtail makes the missing ones together, reading the original once, and keeps
    a rendition another process made meanwhile rather than a second copy.
    """
    image.get_renditions(*specs(image, *set_names))


def prepare_page_pictures(page):
    """Make every rendition ``page`` shows, before it goes live.

    Runs inside the publish (a ``page_published`` receiver, within its
    transaction), so the scheduler's publishing waits for it too. A picture that
    cannot be read is logged and left to Wagtail's "not found" placeholder rather
    than stopping the news.
    """
    for image, set_names in page_pictures(page):
        try:
            make_renditions(image, set_names)
        except Exception:
            logger.exception("Could not make the renditions of picture %s", image.pk)


def prepare_published_page(sender, instance, **kwargs):
    """``page_published`` receiver: the page's pictures exist before it goes live."""
    if settings.NEWSDESK_PICTURES_ON_PUBLISH:
        prepare_page_pictures(instance)


# Uploads


UPLOAD_SETS = tuple(SETS)


def prepare_upload(image_id):
    """Make every rendition a newly uploaded picture may be shown at, whatever its role."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        make_renditions(image, UPLOAD_SETS)


class Darkroom:
    """One background thread making the renditions of new uploads, one at a time.

    One at a time so that a batch of uploads cannot take every core from readers.
    Work lost with the process (a restart, a crash) is picked up by the periodic
    ``prepare_recent_uploads`` job, and publishing makes whatever is still missing.
    """

    def __init__(self):
        self._queue = queue.Queue()
        self._thread = None
        self._lock = threading.Lock()

    def develop(self, image_id):
        """Queue the renditions of picture ``image_id`` to be made in the background."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._work, name="newsdesk-darkroom", daemon=True
                )
                self._thread.start()
        self._queue.put(image_id)

    def wait(self):
        """Until every queued picture is done (for tests and the benchmark)."""
        self._queue.join()

    def _work(self):
        while True:
            image_id = self._queue.get()
            try:
                prepare_upload(image_id)
            except Exception:
                logger.exception("Could not make the renditions of picture %s", image_id)
            finally:
                close_old_connections()
                self._queue.task_done()


darkroom = Darkroom()


def develop_new_upload(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver for pictures: a new upload's renditions are made in the
    background once it is committed, so the upload answers at once."""
    if created and not raw and settings.NEWSDESK_PICTURES_ON_UPLOAD:
        from django.db import transaction

        transaction.on_commit(lambda: darkroom.develop(instance.pk))


RECENT_UPLOADS = timedelta(days=2)
# The scheduler publishes stories in the same thread: a round of this job stops
# after this long, and the next round carries on (a big import leaves thousands).
SWEEP_SECONDS = 10


def prepare_recent_uploads(budget=SWEEP_SECONDS):
    """Periodic job: make the renditions of pictures uploaded lately that still lack some,
    newest first, for about ``budget`` seconds.

    Catches uploads whose background work died with its server.
    """
    from wagtail.images import get_image_model

    deadline = time.monotonic() + budget
    since = timezone.now() - RECENT_UPLOADS
    recent = get_image_model().objects.filter(created_at__gte=since).order_by("-created_at")
    for image in recent.prefetch_related("renditions"):
        if time.monotonic() > deadline:
            return
        have = {rendition.filter_spec for rendition in image.renditions.all()}
        if not set(specs(image, *UPLOAD_SETS)) <= have:
            make_renditions(image, UPLOAD_SETS)
