"""Comparing readers' words the way a reader would: case, spacing and look-alike forms aside."""

import hashlib
import unicodedata


def normalised(text):
    """Text folded for comparison: compatibility forms, case and whitespace evened out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def fingerprint(text):
    """A short stable digest of ``normalised(text)``: equal for words a reader would call equal."""
    return hashlib.sha256(normalised(text).encode()).hexdigest()
