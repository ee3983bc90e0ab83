"""Pictures live in the data folder, or in an S3-compatible bucket that several machines share."""

import json

import pytest
from bs4 import BeautifulSoup

from newsdesk.core.management.commands.serve import static_routes
from newsdesk.core.tests.test_settings import run_with_production_settings
from newsdesk.news.tests.builders import make_article, make_image


@pytest.fixture
def media_in_bucket(bucket, settings):
    bucket.use_in(settings)
    return bucket


@pytest.mark.django_db
def test_a_picture_and_its_renditions_are_kept_in_the_bucket_and_shown_from_the_sites_address(
    media_in_bucket, client
):
    picture = make_image("Lifeboat crew on the slipway")
    story = make_article("Lifeboat called out twice in one night", hero_image=picture)

    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    shown = page.select_one("article img, main img")["src"]

    assert shown.startswith("/media/images/")
    keys = media_in_bucket.keys()
    assert f"newsroom/{picture.file.name}" in keys
    assert f"newsroom{shown.removeprefix('/media')}" in keys
    answer = client.get(shown)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("image/")
    assert "public" in answer["Cache-Control"]
    assert b"".join(answer.streaming_content) == media_in_bucket.read(
        f"newsroom{shown.removeprefix('/media')}"
    )


@pytest.mark.django_db
def test_two_pictures_uploaded_under_one_name_keep_a_file_each(media_in_bucket):
    first, second = make_image("First"), make_image("Second")
    second.file.save(first.file.name.rsplit("/", 1)[1], first.file, save=True)

    assert first.file.name != second.file.name
    assert len([key for key in media_in_bucket.keys() if "original_images" in key]) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/media/original_images/nothing.png", "/media/../secret_key"])
def test_a_media_address_with_nothing_behind_it_is_not_found(media_in_bucket, client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_media_in_the_data_folder_are_served_at_the_same_address(client, settings):
    picture = make_image("Pier at low tide")
    answer = client.get(f"/media/{picture.file.name}")
    assert answer.status_code == 200
    with picture.file.open("rb") as stored:
        assert b"".join(answer.streaming_content) == stored.read()
    assert client.get("/media/original_images").status_code == 404


def test_serve_mounts_the_media_folder_only_while_media_live_in_it(bucket, settings):
    assert "--static-path-mount" in static_routes()
    bucket.use_in(settings)
    assert static_routes() == []


def media_settings(tmp_path, **environ):
    script = (
        "import json, django\n"
        "from django.conf import settings as s\n"
        "django.setup()\n"
        "storage = s.STORAGES['default']\n"
        "print(json.dumps({'url': s.MEDIA_URL, 'backend': storage['BACKEND'],"
        " 'options': storage.get('OPTIONS', {}),"
        " 'images': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))\n"
    )
    return json.loads(run_with_production_settings(tmp_path, script, **environ))


def test_an_s3_address_puts_media_in_that_bucket_served_from_the_site_itself(tmp_path):
    loaded = media_settings(
        tmp_path,
        NEWSDESK_MEDIA_URL="s3://chronicle-media/newsroom",
        NEWSDESK_S3_ENDPOINT_URL="https://objects.example.net",
        NEWSDESK_S3_REGION="eu-west-2",
    )
    assert loaded["backend"] == "newsdesk.core.storage.ObjectStorage"
    assert loaded["url"] == "/media/"
    options = loaded["options"]
    assert (options["bucket_name"], options["location"]) == ("chronicle-media", "newsroom")
    assert options["endpoint_url"] == "https://objects.example.net"
    assert options["region_name"] == "eu-west-2"
    assert (options["file_overwrite"], options["querystring_auth"]) == (False, False)
    assert loaded["images"] == ["'self'", "data:"]


def test_a_media_domain_links_pictures_there_and_lets_pages_load_them(tmp_path):
    loaded = media_settings(
        tmp_path,
        NEWSDESK_MEDIA_URL="s3://chronicle-media/newsroom",
        NEWSDESK_MEDIA_DOMAIN="media.chronicle.example",
    )
    assert loaded["url"] == "https://media.chronicle.example/newsroom/"
    assert loaded["options"]["custom_domain"] == "media.chronicle.example"
    assert "https://media.chronicle.example/newsroom/" in loaded["images"]


def test_media_stay_in_the_data_folder_unless_told_otherwise(tmp_path):
    loaded = media_settings(tmp_path)
    assert loaded["backend"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["url"] == "/media/"


def test_a_media_address_that_is_not_a_bucket_is_refused_with_the_expected_form(tmp_path):
    with pytest.raises(Exception) as failure:
        media_settings(tmp_path, NEWSDESK_MEDIA_URL="https://objects.example.net/media")
    assert "NEWSDESK_MEDIA_URL must look like s3://BUCKET/PREFIX" in failure.value.stderr
