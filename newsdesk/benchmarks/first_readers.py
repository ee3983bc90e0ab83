"""First readers of a new photo: publish a story with a 4000×3000 picture, then a crowd.

After a push alert, readers open a story the moment it is published. Its pictures
must be ready (``core.pictures`` makes them when the story is published) and its
page kept (``caching.priming`` renders it once, before the publish returns), so the
first readers are answered from the cache like readers of any story.
The bench also times the background work of an upload, and weighs the hero as a
390-pixel-wide phone downloads it.
"""

import http.client
import io
import random
import threading
import time
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.test.utils import override_settings
from PIL import Image, ImageFilter
from wagtail.rich_text import RichText

from newsdesk.core import pictures
from newsdesk.core.models import NewsImage
from newsdesk.demo.pictures import draw_scene
from newsdesk.news.models import ArticleIndexPage, ArticlePage

from .load import REQUEST_SECONDS, summarise

PHOTO_SIZE = (4000, 3000)
READERS = 32
PHONE_WIDTH = 390
# A 390-pixel-wide phone (iPhone 12 to 15) has three device pixels to the CSS pixel.
PHONE_DENSITY = 3


@dataclass(frozen=True)
class FirstReaders:
    """What the crowd saw, and what publishing and the upload's background work took.

    ``again`` is the same crowd once more, when every answer is a kept page: the
    floor of a crowd of new connections from this client on this machine.
    """

    readers: object  # a load.Measurement of the first responses
    hits: int  # how many of them the page cache answered
    again: object
    publish_seconds: float
    upload_seconds: float
    hero_bytes: int
    hero_url: str


def new_photo(seed):
    """A 4000×3000 JPEG with a photo's grain: a demo scene enlarged, with noise over it.

    Noise makes it compress like a photograph, not like a flat drawing.
    """
    rng = random.Random(seed)  # noqa: S311 - a picture, not a secret
    scene = draw_scene(rng.choice(["harbour", "town", "coast", "street"]), rng.randrange(2))
    scene = scene.resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(PHOTO_SIZE, 24).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    photo = Image.blend(scene, grain, 0.12)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    return buffer


def upload(seed):
    """A new photo in the library, as an editor's upload leaves it (its renditions not made)."""
    with override_settings(NEWSDESK_PICTURES_ON_UPLOAD=False):
        return NewsImage.objects.create(
            title=f"Bench photo {seed}",
            description="Lifeboat crew hauling the boat up the slipway at dusk",
            file=ImageFile(new_photo(seed), name=f"bench-photo-{seed}.jpg"),
        )


def timed_upload_work(seed):
    """Seconds the background work of one upload takes: every rendition a page may show."""
    image = upload(seed)
    started = time.perf_counter()
    pictures.prepare_upload(image.pk)
    return time.perf_counter() - started


def publish_with_photo(seed):
    """Publish a new story whose hero is a new photo; ``(path, seconds the publish took)``."""
    story = ArticlePage(
        title=f"Lifeboat launched twice in one night ({seed})",
        slug=f"bench-lifeboat-{seed}",
        standfirst="The crew were called out at midnight and again before dawn.",
        body=[("paragraph", RichText("<p>The sea was rough on both launches.</p>"))],
        hero_image=upload(seed),
        live=False,
    )
    ArticleIndexPage.objects.get(slug="news").add_child(instance=story)
    revision = story.save_revision()
    started = time.perf_counter()
    revision.publish()
    seconds = time.perf_counter() - started
    return story.url, seconds


def crowd_of_first_readers(port, path, readers):
    """``readers`` GETs of ``path``, each on its own connection, sent at the same moment.

    Returns the ``Measurement`` of their first responses, how many the page cache
    answered, and one page as they got it.
    """
    ready = threading.Barrier(readers)
    latencies, errors, pages, hits = [], [], [], []

    def read():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
        connection.connect()
        ready.wait()
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors.append(path)
            return
        finally:
            connection.close()
        if response.status != 200:
            errors.append(response.status)
            return
        latencies.append(time.perf_counter() - started)
        pages.append(body)
        hits.append(response.getheader("X-Cache") == "hit")

    started = time.monotonic()
    crowd = [threading.Thread(target=read) for _reader in range(readers)]
    for thread in crowd:
        thread.start()
    for thread in crowd:
        thread.join()
    measurement = summarise(latencies, time.monotonic() - started, len(errors))
    return measurement, sum(hits), pages[:1]


def phone_hero(page, width=PHONE_WIDTH, density=PHONE_DENSITY):
    """The hero file a phone ``width`` CSS pixels wide picks: the best ``<source>`` it
    understands (WebP), its smallest candidate at least ``width × density`` device
    pixels wide, or the largest. The hero's ``sizes`` is the whole width on a phone."""
    picture = BeautifulSoup(page, "html.parser").select_one(".article-hero picture")
    candidates = []
    for entry in picture.source["srcset"].split(","):
        url, descriptor = entry.split()
        candidates.append((int(descriptor.removesuffix("w")), url))
    candidates.sort()
    wanted = width * density
    return next((url for size, url in candidates if size >= wanted), candidates[-1][1])


def downloaded_bytes(port, url):
    """The length of the file at ``url`` as the server sends it to a browser taking WebP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request("GET", url, headers={"Accept": "image/avif,image/webp,*/*"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{url} answered {response.status}")
    return len(body)


def first_readers(port, readers=READERS):
    """Publish a story with a new photo, then ``readers`` at once; the ``FirstReaders``."""
    upload_seconds = timed_upload_work(seed=1)
    path, publish_seconds = publish_with_photo(seed=2)
    measurement, hits, pages = crowd_of_first_readers(port, path, readers)
    again, _hits, _pages = crowd_of_first_readers(port, path, readers)
    hero_url = phone_hero(pages[0]) if pages else ""
    hero_bytes = downloaded_bytes(port, hero_url) if hero_url else 0
    return FirstReaders(
        measurement, hits, again, publish_seconds, upload_seconds, hero_bytes, hero_url
    )
