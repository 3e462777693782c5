"""Dates and years from URL parameters, kept within a sane range.

`?monat=9999-12` or `?jahr=99999` would otherwise step past the last date Python knows
(a 500); anything outside 2000–2100 falls back to today, as an unreadable value does.
"""

from datetime import date

from django.utils import timezone

JAHRE = range(2000, 2101)


def datum(value: str) -> date:
    """An ISO date (YYYY-MM-DD) within `JAHRE`, else today."""
    try:
        tag = date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()
    return tag if tag.year in JAHRE else timezone.localdate()


def jahr(value: str) -> int:
    """A year within `JAHRE`, else this year."""
    try:
        zahl = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return zahl if zahl in JAHRE else timezone.localdate().year
