"""What an import did: counts per kind of object, and every warning with its WordPress id.

A large export gives thousands of warnings of a few dozen kinds, so the summary
prints one line per kind with a count and the first few ids, and the full list
goes to a file the summary names.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped")
EXAMPLES = 3
# The parts of a message that name one object rather than the kind of problem.
PARTICULARS = re.compile(
    r"\w+://\S+|'[^']*'|\"[^\"]*\"|“[^”]*”|\([^)]*\)|\S+\.[A-Za-z][A-Za-z0-9]{1,4}\b|\b\d+\b"
)
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
    details: str = ""  # the file holding every warning, once written

    def count(self, kind, outcome, number=1):
        """Add ``number`` objects of ``kind`` (one of ``KINDS``) to ``outcome``."""
        self.counts[kind][outcome] += number

    def warn(self, where, message):
        """Note a problem with one WordPress object, named by ``where`` ("post 12")."""
        self.warnings.append((where, message))

    def grouped(self):
        """``[(kind, [(where, message), ...])]``, kinds in the order first met."""
        groups = {}
        for where, message in self.warnings:
            groups.setdefault(warning_kind(message), []).append((where, message))
        return list(groups.items())

    def write_details(self, path):
        """Write every warning, one ``where: message`` line each, to ``path``; remember it."""
        with open(path, "w", encoding="utf-8") as file:
            file.writelines(f"{where}: {message}\n" for where, message in self.warnings)
        self.details = str(path)

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
            groups = self.grouped()
            lines.append(f"Warnings ({len(self.warnings):,}, {len(groups):,} kinds):")
            lines.extend(_group_line(kind, found) for kind, found in groups)
            if self.details:
                lines.append(f"Every warning is listed in {self.details}")
        return lines


def warning_kind(message):
    """What kind of problem ``message`` reports: the message without the names in it."""
    return PARTICULARS.sub("…", message)


def _group_line(kind, found):
    """One kind of warning: the message itself when alone, else a count and example ids."""
    if len(found) == 1:
        return "  {}: {}".format(*found[0])
    examples = ", ".join(where for where, _message in found[:EXAMPLES])
    more = f" and {len(found) - EXAMPLES:,} more" if len(found) > EXAMPLES else ""
    return f"  {kind} ({len(found):,}×): {examples}{more}"
