"""The import's journal: which run is writing, how far it got, and what it resumes.

The objects themselves are journalled by ``WordPressObject`` rows, written in
the same transaction as each batch; this keeps the run's place in the export
beside them, so a second run knows an earlier one was cut short and says where.
"""

import hashlib
from pathlib import Path

from django.utils import timezone

from newsdesk.importers.models import ImportRun


def file_digest(path):
    """The SHA-256 of the file at ``path``, read in large pieces."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class Journal:
    """The ``ImportRun`` of one real (not dry) run."""

    def __init__(self, source, path, items_total):
        self.interrupted = (
            ImportRun.objects.filter(source=source, finished_at=None).order_by("-pk").first()
        )
        self.run = ImportRun.objects.create(
            source=source,
            export_name=Path(path).name[:500],
            export_digest=file_digest(path),
            items_total=items_total,
            resumes=self.interrupted,
        )

    def resumed(self):
        """A line for the report about the interrupted run this one completes, or ""."""
        earlier = self.interrupted
        if earlier is None:
            return ""
        same = "the same export" if earlier.export_digest == self.run.export_digest else "an export"
        return (
            f"Resumed an import of {same} ({earlier.export_name}) stopped after "
            f"{earlier.items_done:,} of {earlier.items_total:,} items on "
            f"{earlier.progressed_at:%Y-%m-%d %H:%M} UTC; what it wrote is counted unchanged."
        )

    def progress(self, items_done):
        """Record that the first ``items_done`` items are written: call inside the batch."""
        ImportRun.objects.filter(pk=self.run.pk).update(
            items_done=items_done, progressed_at=timezone.now()
        )

    def finish(self):
        """The run, and every unfinished one it completes, are done."""
        ImportRun.objects.filter(
            source=self.run.source, finished_at=None, pk__lte=self.run.pk
        ).update(finished_at=timezone.now())
