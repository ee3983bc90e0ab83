"""Attachments become pictures in the image library when their files are at hand."""

from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from newsdesk.core.models import NewsImage

from .plan import relative_upload_path, unsized

# Where a copied uploads folder may sit below --media-dir.
UPLOAD_ROOTS = ("", "wp-content/uploads", "uploads")
# Pictures stored per transaction: each is a file copy and a row, a few milliseconds.
PER_BATCH = 50


class Pictures:
    """The imported pictures, found by attachment id or by the address of any of their sizes."""

    def __init__(self):
        self.by_id, self.by_path = {}, {}

    def add(self, attachment, pk):
        self.by_id[attachment.wp_id] = pk
        self.by_path[unsized(attachment.relative_path)] = pk

    def find(self, wp_id, url):
        """The image pk for attachment ``wp_id``, else for the file ``url`` points at."""
        if wp_id in self.by_id:
            return self.by_id[wp_id]
        return self.by_path.get(unsized(relative_upload_path(url))) if url else None


def import_attachments(survey, known, report, media_dir, dry_run):
    """An image for every attachment whose file is under ``media_dir``; returns ``Pictures``.

    A missing file or one that is not a picture is a warning, never fatal. A dry
    run reads each file to check it but copies nothing into the media folder.
    """
    pictures = Pictures()
    attachments = list(survey.attachments.values())
    for start in range(0, len(attachments), PER_BATCH):
        with transaction.atomic():
            for attachment in attachments[start : start + PER_BATCH]:
                _import_attachment(attachment, pictures, known, report, media_dir, dry_run)
            known.flush()
    return pictures


def _import_attachment(attachment, pictures, known, report, media_dir, dry_run):
    pk = known.get("attachment", attachment.wp_id)
    if pk is not None and NewsImage.objects.filter(pk=pk).exists():
        pictures.add(attachment, pk)
        report.count("images", "unchanged")
        return
    where = f"attachment {attachment.wp_id}"
    found = _find_file(media_dir, attachment.relative_path)
    if found is None:
        report.count("images", "skipped")
        under = f"under {media_dir}" if media_dir else "(no --media-dir given)"
        report.warn(where, f"file {attachment.relative_path or attachment.url!r} not found {under}")
        return
    image = _store(found, attachment, dry_run)
    if image is None:
        report.count("images", "skipped")
        report.warn(where, f"{attachment.relative_path} is not a picture; left out")
        return
    pictures.add(attachment, image.pk)
    known.remember("attachment", attachment.wp_id, image.pk)
    report.count("images", "created")


def _find_file(media_dir, relative_path):
    if not media_dir or not relative_path:
        return None
    for root in UPLOAD_ROOTS:
        candidate = Path(media_dir, root, relative_path)
        if candidate.is_file():
            return candidate
    return None


def _store(path, attachment, dry_run):
    try:
        with Image.open(path) as opened:
            width, height = opened.size
    except (UnidentifiedImageError, OSError):
        return None
    # The picture's title is what Newsdesk shows as its alt text.
    title = (attachment.alt or attachment.title or path.stem)[:255]
    image = NewsImage(title=title, width=width, height=height)
    if dry_run:
        # Named, not stored: the transaction is rolled back and no file is written.
        image.file.name = f"original_images/{path.name}"
        image.save()
        return image
    with path.open("rb") as file:
        image.file = ImageFile(file, name=path.name)
        image.save()
    return image
