"""The rooms' calendars as grids: the week of all rooms for the back office and one
room's occupancy by week or month for the public page ("belegt", never who). A fixed
number of queries whatever the number of bookings."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from .models import Belegung, Buchung, Raum, lokal


def _bereich(start: date, stop: date) -> DateTimeTZRange:
    return DateTimeTZRange(lokal(start, time(0)), lokal(stop, time(0)), "[)")


@dataclass
class Wochenplan:
    start: date  # the Monday
    tage: list[date]
    zeilen: list[tuple[Raum, list[list[Buchung]]]]  # per room: the bookings of each day

    @property
    def zurueck(self) -> date:
        return self.start - timedelta(days=7)

    @property
    def vor(self) -> date:
        return self.start + timedelta(days=7)


def wochenplan(raeume, tag: date) -> Wochenplan:
    """The active bookings of `raeume` in the week of `tag`, per room and day (2 queries)."""
    start = tag - timedelta(days=tag.weekday())
    tage = [start + timedelta(days=i) for i in range(7)]
    raeume = list(raeume.select_related("quartier"))
    zellen: dict[tuple[int, date], list[Buchung]] = {(r.pk, d): [] for r in raeume for d in tage}
    belegungen = (
        Belegung.objects.filter(
            raum__in=raeume,
            zeitraum__overlap=_bereich(start, tage[-1] + timedelta(days=1)),
            aktiv=True,
        )
        .select_related("buchung__akteur")
        .order_by("zeitraum")
    )
    for b in belegungen:
        d = timezone.localtime(b.buchung.beginn).date()
        if (b.raum_id, d) in zellen:
            zellen[(b.raum_id, d)].append(b.buchung)
    return Wochenplan(
        start=start, tage=tage, zeilen=[(r, [zellen[(r.pk, d)] for d in tage]) for r in raeume]
    )


def belegt(raum: Raum, start: date, stop: date) -> list[tuple[datetime, datetime]]:
    """When `raum` is occupied (buffers included) between two dates, in local time."""
    return [
        (timezone.localtime(b.zeitraum.lower), timezone.localtime(b.zeitraum.upper))
        for b in Belegung.objects.filter(
            raum=raum, aktiv=True, zeitraum__overlap=_bereich(start, stop)
        )
        .only("zeitraum")
        .order_by("zeitraum")
    ]
