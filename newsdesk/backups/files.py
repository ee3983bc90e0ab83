"""Copying and checksumming the files a backup holds."""

import hashlib
import os
import sys
from pathlib import Path

from tqdm import tqdm

CHUNK_BYTES = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, and what to do, in one line."""


def progress_bar(total, unit, description):
    """A tqdm bar on stderr for a terminal; silent in cron jobs and pipes.

    tqdm writes to ``sys.stderr`` itself: Django's OutputWrapper ends every
    write with a newline, which would break the bar's in-place redraw.
    """
    return tqdm(
        total=total,
        unit=unit,
        unit_scale=unit == "B",
        desc=description,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    )


def file_record(folder, relative):
    """The manifest's entry for ``folder / relative``: path, size and sha256."""
    path = Path(folder) / relative
    with progress_bar(path.stat().st_size, "B", f"Checksumming {relative}") as bar:
        size, sha256 = checksum(path, on_chunk=bar.update)
    return {"path": relative, "size": size, "sha256": sha256}


def checksum(path, on_chunk=None):
    """``(size, sha256 hex digest)`` of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as reader:
        while chunk := reader.read(CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
            if on_chunk:
                on_chunk(len(chunk))
    return size, digest.hexdigest()


def copy_file(source, target, mode=None):
    """Copy ``source`` to a new file ``target``, flushed to disk; returns ``(size, sha256)``.

    The checksum is of the bytes written, so it matches the copy even when
    someone is still writing to ``source``. Raises FileNotFoundError, before
    creating ``target``, if ``source`` is gone.
    """
    with open(source, "rb") as reader:
        return write_new_file(reader, target, mode)


def write_new_file(reader, target, mode=None):
    """Write what ``reader`` holds into a new file ``target``, flushed to disk;
    returns ``(size, sha256)`` of the bytes written."""
    digest = hashlib.sha256()
    size = 0
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode or 0o644)
    with open(descriptor, "wb") as writer:
        while chunk := reader.read(CHUNK_BYTES):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return size, digest.hexdigest()


def media_files(root):
    """Relative paths (with forward slashes) of the regular files under ``root``, sorted.

    A missing ``root`` holds no files. Symbolic links to folders are not
    followed, so a link cannot pull the rest of the disk into a backup.
    """
    root = Path(root)
    found = []
    for folder, _folders, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def copy_media(root, target, prefix):
    """Copy every file under ``root`` into ``target``; returns their manifest entries.

    The site may be uploading and deleting pictures meanwhile. The database
    is copied first, so every file it refers to was on disk when the folder
    was listed; a file deleted since is skipped rather than failing the backup.
    """
    records = []
    names = media_files(root)
    with progress_bar(len(names), "file", "Copying media") as bar:
        for relative in names:
            try:
                size, sha256 = copy_file(Path(root) / relative, Path(target) / relative)
            except FileNotFoundError:
                continue
            except OSError as error:
                raise BackupError(f"Cannot copy the media file {relative}: {error}") from error
            finally:
                bar.update(1)
            records.append({"path": f"{prefix}{relative}", "size": size, "sha256": sha256})
    return records
