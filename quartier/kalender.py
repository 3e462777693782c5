"""The arithmetic of a calendar page in whole weeks (Monday first), shared by the rooms'
occupancy, the back office's week of all rooms and the events' month."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Blatt:
    """The days one calendar page shows, and where "previous" and "next" lead."""

    erster: date  # the first day of the month (of a week: its Monday)
    start: date  # the first day shown, a Monday
    stop: date  # the day after the last day shown, a Monday
    zurueck: date
    vor: date

    def tage(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.stop - self.start).days)]

    def wochen(self) -> list[list[date]]:
        tage = self.tage()
        return [tage[i : i + 7] for i in range(0, len(tage), 7)]

    def im_monat(self, tag: date) -> bool:
        return (tag.year, tag.month) == (self.erster.year, self.erster.month)


def monatsanfang_danach(tag: date) -> date:
    """The first day of the month after `tag`'s."""
    return (tag.replace(day=1) + timedelta(days=32)).replace(day=1)


def woche(tag: date) -> Blatt:
    """The week (Monday to Sunday) of `tag`."""
    start = tag - timedelta(days=tag.weekday())
    stop = start + timedelta(days=7)
    return Blatt(erster=start, start=start, stop=stop, zurueck=start - timedelta(days=7), vor=stop)


def monat(tag: date) -> Blatt:
    """The month of `tag`, from the Monday of its first week to the Sunday of its last."""
    erster = tag.replace(day=1)
    naechster = monatsanfang_danach(erster)
    return Blatt(
        erster=erster,
        start=erster - timedelta(days=erster.weekday()),
        stop=naechster + timedelta(days=(7 - naechster.weekday()) % 7),
        zurueck=(erster - timedelta(days=1)).replace(day=1),
        vor=naechster,
    )
