"""A site whose media live in a bucket backs every object up, and restores into an empty one."""

import hashlib

import pytest
from django.core.files.storage import default_storage

from newsdesk.backups import restore
from newsdesk.backups.backup import back_up_media
from newsdesk.backups.files import BackupError
from newsdesk.news.tests.builders import make_image
from newsdesk.testing.object_storage import Bucket

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def pictures_in_bucket(bucket, settings):
    """Two pictures and a rendition of one, uploaded into the bucket."""
    bucket.use_in(settings)
    make_image("Ferry at the harbour wall").get_rendition("fill-32x24")
    make_image("Lighthouse in fog")
    return bucket


def another_bucket(bucket, prefix="restored"):
    created = Bucket(bucket.endpoint_url, f"{bucket.name}-b", prefix)
    created.client().create_bucket(
        Bucket=created.name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    return created


def test_a_backup_holds_every_object_in_the_bucket_with_its_checksum(pictures_in_bucket, tmp_path):
    records = back_up_media(tmp_path / "media")

    keys = pictures_in_bucket.keys()
    assert len(keys) == 3
    assert sorted(record["path"] for record in records) == [
        "media/" + key.removeprefix("newsroom/") for key in keys
    ]
    for record in records:
        copied = (tmp_path / record["path"]).read_bytes()
        assert copied == pictures_in_bucket.read(
            "newsroom/" + record["path"].removeprefix("media/")
        )
        assert (len(copied), hashlib.sha256(copied).hexdigest()) == (
            record["size"],
            record["sha256"],
        )


def test_restore_puts_every_file_back_into_an_empty_bucket_under_its_own_name(
    pictures_in_bucket, tmp_path, settings
):
    records = back_up_media(tmp_path / "media")
    empty = another_bucket(pictures_in_bucket)
    empty.use_in(settings)

    restore.refuse_filled_media()
    restore.restore_media(tmp_path, {"files": records})

    assert empty.keys() == [
        "restored/" + record["path"].removeprefix("media/") for record in sorted_by_path(records)
    ]
    for record in records:
        assert default_storage.open(record["path"].removeprefix("media/")).read() == (
            (tmp_path / record["path"]).read_bytes()
        )


def sorted_by_path(records):
    return sorted(records, key=lambda record: record["path"])


def test_restore_refuses_a_bucket_that_already_holds_files(pictures_in_bucket):
    with pytest.raises(BackupError, match=r"bucket in NEWSDESK_MEDIA_URL \(newsdesk-\w+, prefix"):
        restore.refuse_filled_media()


def test_a_backup_of_a_bucket_restores_into_a_data_folder(pictures_in_bucket, tmp_path, settings):
    records = back_up_media(tmp_path / "backup" / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "site" / "media"

    restore.restore_media(tmp_path / "backup", {"files": records})

    for record in records:
        restored = settings.MEDIA_ROOT / record["path"].removeprefix("media/")
        assert restored.read_bytes() == (tmp_path / "backup" / record["path"]).read_bytes()
