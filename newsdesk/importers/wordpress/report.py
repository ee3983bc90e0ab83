"""What an import did: counts per kind of object, and every warning with its WordPress id."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped")
KINDS = ("posts", "pages", "images", "comments", "authors", "categories", "tags", "redirects")


@dataclass
class Report:
    """Filled in while the import runs; ``lines()`` is what the command prints."""

    site: str = ""
    dry_run: bool = False
    resumed: str = ""
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    not_content: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)

    def count(self, kind, outcome, number=1):
        """Add ``number`` objects of ``kind`` (one of ``KINDS``) to ``outcome``."""
        self.counts[kind][outcome] += number

    def warn(self, where, message):
        """Note a problem with one WordPress object, named by ``where`` ("post 12")."""
        self.warnings.append((where, message))

    def lines(self):
        """The report as lines of text: a table of counts, the skipped items, the warnings."""
        verdict = "dry run: nothing was written" if self.dry_run else "done"
        lines = [f"WordPress import of {self.site or 'the export'}: {verdict}"]
        if self.resumed:
            lines.append(self.resumed)
        lines.append(f"{'':12}" + "".join(f"{outcome:>11}" for outcome in OUTCOMES))
        for kind in KINDS:
            counts = self.counts[kind]
            lines.append(f"{kind:12}" + "".join(f"{counts[o]:>11,}" for o in OUTCOMES))
        if self.not_content:
            skipped = ", ".join(f"{kind} {n:,}" for kind, n in sorted(self.not_content.items()))
            lines.append(f"Not content, skipped: {skipped}")
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings):,}):")
            lines.extend(f"  {where}: {message}" for where, message in self.warnings)
        return lines
