"""manifest.json: what a backup holds, and the proof that it is whole."""

import importlib.metadata
import json
import os
from pathlib import Path, PurePosixPath

from django.utils import timezone

from .files import BackupError, checksum, progress_bar

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1


def newsdesk_version():
    """The installed Newsdesk's version, as pyproject.toml gives it."""
    try:
        return importlib.metadata.version("newsdesk")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def build_manifest(engine, database_file, migrations, files, started_at=None):
    """The manifest for a backup of an ``engine`` database and the ``files`` entries."""
    return {
        "format": FORMAT_VERSION,
        "created_at": (started_at or timezone.now()).isoformat(),
        "newsdesk_version": newsdesk_version(),
        "database": {"engine": engine, "file": database_file},
        "migrations": migrations,
        "files": files,
    }


def write_manifest(folder, manifest):
    """Write ``manifest`` into ``folder`` and flush it to disk."""
    with open(Path(folder) / MANIFEST_NAME, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_manifest(folder):
    """The manifest of the backup in ``folder``; BackupError if it is missing or unreadable."""
    path = Path(folder) / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            f"{path} is missing: {folder} is not a Newsdesk backup, or its backup did not finish."
        ) from None
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read ({error}); nothing was restored.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is not in a format this Newsdesk reads (format {FORMAT_VERSION}); "
            "restore it with the Newsdesk version that made it."
        )
    if not is_complete(manifest):
        raise BackupError(f"{path} is incomplete; nothing was restored.")
    for record in manifest["files"]:
        inside_backup(record["path"])
    return manifest


def is_complete(manifest):
    """Does ``manifest`` have every part a restore reads, of the right kind?"""
    database = manifest.get("database")
    files = manifest.get("files")
    return (
        isinstance(database, dict)
        and {"engine", "file"} <= database.keys()
        and isinstance(manifest.get("migrations"), dict)
        and isinstance(files, list)
        and all(
            isinstance(record, dict)
            and isinstance(record.get("path"), str)
            and isinstance(record.get("size"), int)
            and isinstance(record.get("sha256"), str)
            for record in files
        )
    )


def inside_backup(relative):
    """``relative`` as a path inside the backup folder; refuses ``..`` and absolute paths.

    The manifest decides where restored files are written, so a doctored one
    must not be able to reach outside the data folder.
    """
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The manifest names a file outside the backup ({relative!r}).")
    return Path(*path.parts)


def verify_files(folder, manifest):
    """Check every file the manifest lists against its size and sha256.

    Raises BackupError naming the first missing or damaged file. Sizes are
    checked first, as they cost nothing, then every byte is read.
    """
    folder = Path(folder)
    records = manifest["files"]
    for record in records:
        path = folder / inside_backup(record["path"])
        if not path.is_file():
            raise BackupError(f"{record['path']} is missing from the backup; nothing was restored.")
        if path.stat().st_size != record["size"]:
            raise damaged(record)
    total = sum(record["size"] for record in records)
    with progress_bar(total, "B", "Checking checksums") as bar:
        for record in records:
            _size, sha256 = checksum(folder / inside_backup(record["path"]), on_chunk=bar.update)
            if sha256 != record["sha256"]:
                raise damaged(record)


def damaged(record):
    return BackupError(
        f"{record['path']} is damaged: it does not match the checksum in the manifest. "
        "Nothing was restored; use another backup."
    )
