"""Making a backup while the site serves: database, media and secret key, with checksums."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from .database import DATABASE_FILES, SQLITE, back_up_postgresql, back_up_sqlite, site_engine
from .files import BackupError, copy_file, copy_media, file_record
from .manifest import build_manifest, write_manifest
from .objects import copy_stored_media

MEDIA_FOLDER = "media"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a key


def make_backup(destination):
    """Back the site up into the new folder ``destination``; returns the manifest.

    Everything is written into a hidden folder beside ``destination`` and
    renamed into place once the manifest is on disk, so a backup that was
    interrupted never looks finished. The folder is readable by its owner
    only: it holds the secret key and readers' email addresses.
    """
    destination = Path(destination).absolute()
    refuse_used_folder(destination)
    engine = site_engine()
    destination.parent.mkdir(parents=True, exist_ok=True)
    unfinished = Path(
        tempfile.mkdtemp(dir=destination.parent, prefix=f".{destination.name}-unfinished-")
    )
    try:
        manifest = fill_backup(unfinished, engine)
        move_into_place(unfinished, destination)
    except BaseException:
        shutil.rmtree(unfinished, ignore_errors=True)
        raise
    return manifest


def refuse_used_folder(destination):
    """A backup goes into a new or empty folder, never over another one."""
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(
            f"{destination} already exists and is not empty: give each backup a new folder, "
            "for example backups/$(date +%F-%H%M)."
        )


def fill_backup(folder, engine):
    """Copy the database, then media and the secret key, into ``folder``; write the manifest.

    The database goes first: every file it refers to is then already on
    disk when the media folder is listed.
    """
    started_at = timezone.now()
    database_file = DATABASE_FILES[engine]
    back_up_database = back_up_sqlite if engine == SQLITE else back_up_postgresql
    migrations = back_up_database(folder / database_file)
    # Private like the secret key: it holds readers' email and IP addresses.
    os.chmod(folder / database_file, 0o600)
    files = [file_record(folder, database_file)]
    files += back_up_media(folder / MEDIA_FOLDER)
    files += copy_secret_key(folder)
    manifest = build_manifest(engine, database_file, migrations, files, started_at)
    write_manifest(folder, manifest)
    return manifest


def media_in_data_folder():
    """Whether media live in MEDIA_ROOT, rather than in a bucket (NEWSDESK_MEDIA_URL)."""
    return isinstance(default_storage, FileSystemStorage)


def back_up_media(target):
    """Copy every media file, from the data folder or the bucket, into ``target``.

    A bucket's objects are copied too, so that a backup alone brings a site
    back; the bucket's own versioning, if any, is a second line of defence.
    """
    prefix = f"{MEDIA_FOLDER}/"
    if media_in_data_folder():
        return copy_media(settings.MEDIA_ROOT, target, prefix=prefix)
    return copy_stored_media(default_storage, target, prefix=prefix)


def copy_secret_key(folder):
    """Copy the data folder's ``secret_key`` file, private to its owner; its manifest entry.

    Signed cookies and comment-form tokens only verify with the same key. A
    site whose key comes from NEWSDESK_SECRET_KEY instead has no such file.
    """
    source = Path(settings.DATA_DIR) / SECRET_KEY_FILE
    try:
        size, sha256 = copy_file(source, folder / SECRET_KEY_FILE, mode=0o600)
    except FileNotFoundError:
        return []
    return [{"path": SECRET_KEY_FILE, "size": size, "sha256": sha256}]


def move_into_place(unfinished, destination):
    """Rename the finished backup to its name, and make the rename itself durable."""
    try:
        os.rename(unfinished, destination)
    except OSError as error:
        raise BackupError(
            f"{destination} was filled by something else during the backup "
            f"({error.strerror}); the backup was discarded."
        ) from error
    parent = os.open(destination.parent, os.O_RDONLY)
    try:
        os.fsync(parent)
    finally:
        os.close(parent)
