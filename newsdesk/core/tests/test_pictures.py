"""Pictures are ready before readers: every size a page shows is made when it is
published (or uploaded), in formats a phone downloads quickly."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.rich_text import RichText

from newsdesk.core import pictures, scheduler
from newsdesk.core.blocks import GalleryBlock, ImageBlock
from newsdesk.core.models import NewsImage, NewsRendition
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article, make_author, make_category, make_image

SOLID_BLUE = (40, 90, 140)


def png(mode="RGB", colour=SOLID_BLUE, name="picture.png"):
    buffer = io.BytesIO()
    PillowImage.new(mode, (64, 48), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def picture_story(**fields):
    """A story with a hero picture, a picture in its body and a gallery of two more."""
    hero, body, first, second = (
        make_image(title=f"IMG_{n}", description=f"Picture {n}", size=(1100, 825)) for n in range(4)
    )
    body_blocks = [
        ("paragraph", RichText("<p>The harbour wall held overnight.</p>")),
        ("image", {"image": body, "caption": "The wall at dawn.", "credit": ""}),
        (
            "gallery",
            {
                "images": [
                    {"image": first, "caption": "", "credit": ""},
                    {"image": second, "caption": "", "credit": ""},
                ],
                "caption": "The storm, hour by hour.",
            },
        ),
    ]
    return make_article(
        "Harbour wall holds",
        category=make_category("Harbour"),
        hero_image=hero,
        body=body_blocks,
        **fields,
    )


def rendition_rows():
    return set(NewsRendition.objects.values_list("image_id", "filter_spec"))


@pytest.mark.django_db
def test_publishing_makes_every_rendition_so_no_reader_makes_one(client):
    story = picture_story()
    made = rendition_rows()

    hero = story.hero_image
    assert {spec for image_id, spec in made if image_id == hero.pk} == set(
        pictures.specs(hero, *pictures.HERO_SETS)
    )
    # The body picture and both gallery pictures, in the column's sizes.
    body_pictures = {image_id for image_id, _spec in made} - {hero.pk}
    assert len(body_pictures) == 3
    for image_id in body_pictures:
        image = NewsImage.objects.get(pk=image_id)
        assert {spec for pk, spec in made if pk == image_id} == set(pictures.specs(image, "column"))

    def refuse(image, *filters):
        # Wagtail asks for none at all when every rendition was found.
        assert not filters, f"a reader made renditions of {image}: {filters}"
        return {}

    pages = ["/", "/category/harbour/", "/search/?q=harbour", "/feed/", "/feed.json"]
    with mock.patch.object(NewsImage, "create_renditions", refuse):
        story_page = client.get(story.url)
        for url in pages:
            assert client.get(url).status_code == 200, url
    assert rendition_rows() == made
    assert_photos_are_webp_with_a_jpeg_fallback(story_page)


def assert_photos_are_webp_with_a_jpeg_fallback(response):
    """Hero, body picture and gallery: WebP first, JPEG for the rest, all with srcset."""
    page = BeautifulSoup(response.content, "html.parser")
    figures = page.select(".article-hero picture, .body-image picture, .body-gallery picture")
    assert len(figures) == 4
    for picture in figures:
        (source,) = picture.select("source")
        assert source["type"] == "image/webp"
        assert source["sizes"]
        assert len(source["srcset"].split(",")) == 3
        img = picture.img
        # Uploaded as PNG: a photo all the same, never sent as PNG.
        assert [url.split()[0].rsplit(".", 1)[1] for url in img["srcset"].split(",")] == ["jpg"] * 3
        assert img["src"].endswith(".jpg")
        assert img["sizes"] == source["sizes"]
    assert [picture.img["alt"] for picture in figures] == [f"Picture {n}" for n in range(4)]


@pytest.mark.django_db
def test_the_scheduler_makes_the_pictures_before_the_story_goes_live():
    # A story that passes the pre-publish checks, or the scheduler would hold it.
    story = make_article(
        "Embargoed budget",
        publish=False,
        category=make_category("Budget"),
        authors=[make_author()],
        hero_image=make_image(description="The council chamber before the vote"),
    )
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    story.save_revision().publish()
    # Scheduling made them already; gone (a picture replaced meanwhile), the scheduler remakes them.
    NewsRendition.objects.all().delete()

    with mock.patch("django.utils.timezone.now", return_value=story.go_live_at + timedelta(1)):
        scheduler.publish_due()

    assert ArticlePage.objects.get(pk=story.pk).live
    made = {spec for _image_id, spec in rendition_rows()}
    assert made == set(pictures.specs(story.hero_image, *pictures.HERO_SETS))


@pytest.mark.django_db
def test_a_graphic_with_transparency_stays_lossless():
    graphic = NewsImage.objects.create(title="Chart", file=png("RGBA", (40, 90, 140, 0)))
    opaque = NewsImage.objects.create(title="Screenshot", file=png("RGBA", (40, 90, 140, 255)))

    assert (graphic.has_transparency, opaque.has_transparency) == (True, False)
    html = pictures.picture(graphic, "column", {"sizes": "100vw"})
    page = BeautifulSoup(html, "html.parser")
    assert page.source["type"] == "image/webp"
    assert ".format-webp-lossless." in page.source["srcset"]
    assert page.img["src"].endswith(".png")
    with PillowImage.open(graphic.get_rendition("width-640|format-webp-lossless").file) as webp:
        assert webp.mode == "RGBA"
        assert webp.getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_the_upload_form_says_the_description_is_the_alt_text(admin_client):
    form = BeautifulSoup(admin_client.get(reverse("wagtailimages:add")).content, "html.parser")

    label = form.select_one("label[for=id_description]").get_text(" ", strip=True)
    assert "alt text" in label
    assert "blind readers" in form.get_text(" ", strip=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_upload_makes_its_renditions_in_the_background(admin_client, settings):
    settings.NEWSDESK_PICTURES_ON_UPLOAD = True
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Lifeboat launch", "description": "The lifeboat leaving", "file": png()},
    )
    assert response.status_code == 302
    pictures.darkroom.wait()

    image = NewsImage.objects.get(title="Lifeboat launch")
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(pictures.specs(image, *pictures.UPLOAD_SETS))


@pytest.mark.django_db
def test_the_periodic_job_makes_what_an_interrupted_upload_left_undone():
    image = make_image()
    old = make_image()
    NewsImage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))

    pictures.prepare_recent_uploads()

    made = {spec for image_id, spec in rendition_rows() if image_id == image.pk}
    assert made == set(pictures.specs(image, *pictures.UPLOAD_SETS))
    assert not old.renditions.exists()


@pytest.mark.django_db
def test_a_picture_block_whose_picture_is_not_chosen_yet_shows_nothing():
    """The preview renders the body while the editor is still choosing its picture."""
    body = ImageBlock()
    waiting = body.to_python({"image": None, "caption": "Dawn", "credit": "", "decorative": False})
    gallery = GalleryBlock().to_python(
        {"images": [{"image": None, "caption": "", "credit": ""}], "caption": ""}
    )

    assert body.render(waiting).strip() == ""
    assert "<li>" not in GalleryBlock().render(gallery)
