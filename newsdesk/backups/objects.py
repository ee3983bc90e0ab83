"""Media kept in a bucket rather than the data folder, copied into a backup and back.

Through Django's storage API, so a backup holds the same ``media/`` folder
wherever the site kept its pictures: one made from a bucket restores into a data
folder, and the other way round.
"""

import posixpath

from django.core.files import File

from .files import BackupError, progress_bar, write_new_file


def stored_files(storage, folder=""):
    """Names of every file in ``storage`` under ``folder``, sorted."""
    folders, files = storage.listdir(folder)
    names = [posixpath.join(folder, name) for name in files]
    for inner in folders:
        names += stored_files(storage, posixpath.join(folder, inner))
    return sorted(names)


def copy_stored_media(storage, target, prefix):
    """Copy every file in ``storage`` into the folder ``target``; their manifest entries.

    As with the data folder, the database is copied first and a file deleted
    since it was listed is left out.
    """
    records = []
    names = stored_files(storage)
    with progress_bar(len(names), "file", "Copying media from the bucket") as bar:
        for name in names:
            try:
                with storage.open(name, "rb") as reader:
                    size, sha256 = write_new_file(reader, target / name)
            except FileNotFoundError:
                continue
            finally:
                bar.update(1)
            records.append({"path": f"{prefix}{name}", "size": size, "sha256": sha256})
    return records


def restore_stored_media(storage, files):
    """Put each ``(name, path)`` of ``files`` into ``storage`` under its own name."""
    with progress_bar(len(files), "file", "Restoring media into the bucket") as bar:
        for name, path in files:
            with open(path, "rb") as reader:
                saved = storage.save(name, File(reader, name=name))
            if saved != name:
                raise BackupError(f"media/{name} was stored as {saved}: the bucket was not empty.")
            bar.update(1)
