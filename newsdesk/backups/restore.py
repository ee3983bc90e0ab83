"""Bringing a backup back into an empty data folder (and, on PostgreSQL, an empty database)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage

from .backup import MEDIA_FOLDER, SECRET_KEY_FILE, media_in_data_folder
from .database import (
    ENGINE_NAMES,
    SQLITE,
    database_has_tables,
    restore_postgresql,
    restore_sqlite,
    site_engine,
    unknown_migrations,
)
from .files import BackupError, copy_file, media_files, progress_bar
from .manifest import inside_backup, read_manifest, verify_files
from .objects import restore_stored_media, stored_files

MEDIA_PREFIX = f"{MEDIA_FOLDER}/"


def restore_backup(source):
    """Restore the backup in ``source``; returns its manifest.

    Every check comes before the first write: the backup must be whole, of
    this site's database engine and no newer than this Newsdesk, and the
    site's media folder and database must be empty. The database goes
    first, then media, then the secret key.
    """
    source = Path(source)
    manifest = read_manifest(source)
    engine = site_engine()
    refuse_other_engine(manifest, engine)
    refuse_newer_schema(manifest)
    verify_files(source, manifest)
    refuse_filled_site(engine)
    database_file = source / inside_backup(manifest["database"]["file"])
    if engine == SQLITE:
        restore_sqlite(database_file)
    else:
        restore_postgresql(database_file)
    restore_media(source, manifest)
    restore_secret_key(source, manifest)
    return manifest


def refuse_other_engine(manifest, engine):
    """A SQLite backup cannot be loaded into PostgreSQL, nor the other way round."""
    made_with = manifest["database"]["engine"]
    if made_with != engine:
        raise BackupError(
            f"This backup holds a {ENGINE_NAMES.get(made_with, made_with)} database but this "
            f"site is set up for {ENGINE_NAMES[engine]}: restore it with "
            + (
                "DATABASE_URL unset (SQLite)."
                if made_with == SQLITE
                else "DATABASE_URL pointing at an empty PostgreSQL database."
            )
        )


def refuse_newer_schema(manifest):
    """Refuse a backup whose database was migrated by a newer Newsdesk than this one."""
    unknown = unknown_migrations(manifest["migrations"])
    if unknown:
        raise BackupError(
            f"This backup was made by a newer Newsdesk ({manifest['newsdesk_version']}; "
            f"migration {unknown[0]} is unknown here): upgrade Newsdesk, then restore."
        )


def refuse_filled_site(engine):
    """Restore only fills an empty site: say what to do if the media or database are not."""
    refuse_filled_media()
    if not database_has_tables():
        return
    name = settings.DATABASES["default"]["NAME"]
    if engine == SQLITE:
        raise BackupError(
            f"The database {name} already has tables and restore only fills an empty "
            "data folder, so nothing was changed: set NEWSDESK_DATA_DIR to a new folder "
            "(or move this one aside) and run restore again."
        )
    raise BackupError(
        f"The PostgreSQL database {name} already has tables and restore only fills an empty "
        "database, so nothing was changed: create an empty one (createdb NAME), point "
        "DATABASE_URL at it and run restore again."
    )


def refuse_filled_media():
    """Media are restored only into an empty media folder, or an empty place in a bucket."""
    if media_in_data_folder():
        if media_files(settings.MEDIA_ROOT):
            raise BackupError(
                f"The media folder {settings.MEDIA_ROOT} already holds files and restore only "
                "fills an empty data folder, so nothing was changed: move them aside and run "
                "restore again."
            )
    elif stored_files(default_storage):
        raise BackupError(
            f"The bucket in NEWSDESK_MEDIA_URL ({default_storage.bucket_name}, prefix "
            f"{default_storage.location or '(none)'}) already holds files and restore only fills "
            "an empty one, so nothing was changed: point NEWSDESK_MEDIA_URL at a new bucket or "
            "prefix and run restore again."
        )


def restore_media(source, manifest):
    """Copy the backup's media files into MEDIA_ROOT or the bucket.

    Into MEDIA_ROOT, each copy is checked against the manifest; into a bucket,
    the upload itself is checksummed.
    """
    records = [r for r in manifest["files"] if r["path"].startswith(MEDIA_PREFIX)]
    if not media_in_data_folder():
        files = [
            (
                inside_backup(r["path"].removeprefix(MEDIA_PREFIX)).as_posix(),
                source / inside_backup(r["path"]),
            )
            for r in records
        ]
        restore_stored_media(default_storage, files)
        return
    with progress_bar(len(records), "file", "Restoring media") as bar:
        for record in records:
            relative = inside_backup(record["path"].removeprefix(MEDIA_PREFIX))
            target = Path(settings.MEDIA_ROOT) / relative
            _size, sha256 = copy_file(source / inside_backup(record["path"]), target)
            if sha256 != record["sha256"]:
                raise BackupError(f"{record['path']} changed while it was being restored.")
            bar.update(1)


def restore_secret_key(source, manifest):
    """Put the backup's secret key in the data folder, replacing the one made at start-up.

    Any command, this one included, writes a fresh key into an empty data
    folder as it starts; the restored one must win, or every signed cookie
    and open comment form from before the backup would stop verifying.
    """
    if not any(record["path"] == SECRET_KEY_FILE for record in manifest["files"]):
        return
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    draft = data_dir / f".{SECRET_KEY_FILE}-restoring-{os.getpid()}"
    draft.unlink(missing_ok=True)
    copy_file(source / SECRET_KEY_FILE, draft, mode=0o600)
    os.replace(draft, data_dir / SECRET_KEY_FILE)
