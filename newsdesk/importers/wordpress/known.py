"""The WordPress objects an earlier run imported from the same site."""

from newsdesk.importers.models import WordPressObject

from . import rows


class Known:
    """Every imported object of one exporting site, looked up by kind and WordPress id.

    Read once at the start of a run; what the run adds is written in bulk by ``flush``.
    """

    def __init__(self, source):
        self.source = source
        # Comments are many and each is needed once: ``preload`` fetches them batch by batch.
        rows = WordPressObject.objects.filter(source=source).exclude(kind="comment")
        self.objects = {}
        self._add(rows)
        self.pending = []

    def _add(self, rows):
        for kind, wp_id, pk, digest in rows.values_list("kind", "wp_id", "object_id", "digest"):
            self.objects[(kind, wp_id)] = (pk, digest)

    def preload(self, kind, wp_ids):
        """Fetch what earlier runs recorded for ``wp_ids`` of ``kind``, before asking ``get``."""
        wp_ids = [str(wp_id) for wp_id in wp_ids]
        for start in range(0, len(wp_ids), 5000):
            chunk = wp_ids[start : start + 5000]
            self._add(
                WordPressObject.objects.filter(source=self.source, kind=kind, wp_id__in=chunk)
            )

    def get(self, kind, wp_id):
        """The Newsdesk id an earlier run gave this object, or None."""
        found = self.objects.get((kind, str(wp_id)))
        return found[0] if found else None

    def digest(self, kind, wp_id):
        """The fingerprint the object had when it was last imported, or ""."""
        found = self.objects.get((kind, str(wp_id)))
        return found[1] if found else ""

    def remember(self, kind, wp_id, object_id, digest="", guid="", look_up_later=True):
        """Record what ``wp_id`` became, or what it changed to.

        ``look_up_later=False`` keeps a new object out of memory: a comment is read
        once per export, so this run never asks for it again.
        """
        key = (kind, str(wp_id))
        if key in self.objects:
            WordPressObject.objects.filter(source=self.source, kind=kind, wp_id=str(wp_id)).update(
                object_id=object_id, digest=digest
            )
        else:
            self.pending.append(
                {
                    "source": self.source,
                    "kind": kind,
                    "wp_id": str(wp_id),
                    "guid": guid[:500],
                    "object_id": object_id,
                    "digest": digest,
                }
            )
        if look_up_later:
            self.objects[key] = (object_id, digest)

    def flush(self):
        """Write what this run has added so far."""
        rows.insert(WordPressObject, self.pending)
        self.pending = []
