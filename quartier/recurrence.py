"""Recurrence rules (RFC 5545 RRULE) for series of bookings and events.

Three rules cover what the office needs: weekly, every other week, and monthly on the n-th
weekday of the first date (e.g. "every 2nd Tuesday"). Occurrences are expanded with
`python-dateutil`'s `rrule`, never more than `MAX_TERMINE`.
"""

from datetime import date, datetime

from dateutil.rrule import rrulestr

MAX_TERMINE = 120
_WOCHENTAGE = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def n_ter_wochentag(datum: date) -> int:
    """Which occurrence of its weekday in the month a date is (1–5); 5 means the last."""
    return min((datum.day - 1) // 7 + 1, 5)


def regel(art: str, erster: date, bis: date) -> str:
    """The RRULE for `art` ("woechentlich", "zweiwoechentlich", "monatlich")."""
    until = f"UNTIL={bis:%Y%m%d}T235959"
    tag = _WOCHENTAGE[erster.weekday()]
    if art == "woechentlich":
        return f"FREQ=WEEKLY;INTERVAL=1;BYDAY={tag};{until}"
    if art == "zweiwoechentlich":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={tag};{until}"
    if art == "monatlich":
        n = n_ter_wochentag(erster)
        return f"FREQ=MONTHLY;BYDAY={-1 if n == 5 else n}{tag};{until}"
    raise ValueError(f"unknown rule {art!r}")


def termine(rrule: str, erster: date) -> list[date]:
    """The dates of a rule, starting with `erster`, at most `MAX_TERMINE`."""
    start = datetime.combine(erster, datetime.min.time())
    rule = rrulestr(rrule, dtstart=start)
    result = []
    for occurrence in rule:
        result.append(occurrence.date())
        if len(result) >= MAX_TERMINE:
            break
    return result
