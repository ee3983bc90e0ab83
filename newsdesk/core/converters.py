"""URL converters shared by the apps' URL patterns."""

import re

# ASCII digits only (str.isdigit() also accepts "²"), and 18 of them always fit.
DATABASE_ID = re.compile("[0-9]{1,18}")


class DatabaseIdConverter:
    """A row id in a URL: ASCII digits that fit a 64-bit id column, so never an overflow.

    Django's ``int`` converter takes any number of digits, and SQLite raises
    OverflowError, rather than finding nothing, for an id past 2**63 - 1.
    """

    regex = DATABASE_ID.pattern

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
