"""The rooms' calendars as grids: the week of all rooms for the back office and one
room's occupancy by week or month for the public page ("belegt", never who). A fixed
number of queries whatever the number of bookings."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from quartier import kalender

from .models import Belegung, Buchung, Raum, lokal


def _bereich(blatt: kalender.Blatt) -> DateTimeTZRange:
    return DateTimeTZRange(lokal(blatt.start, time(0)), lokal(blatt.stop, time(0)), "[)")


@dataclass
class Wochenplan:
    blatt: kalender.Blatt
    zeilen: list[tuple[Raum, list[list[Buchung]]]]  # per room: the bookings of each day


def wochenplan(raeume, tag: date, *, user) -> Wochenplan:
    """The active bookings of `raeume` in the week of `tag`, per room and day (2 queries).
    Each booking's `wer_angezeigt` is who booked, as `user` may see it."""
    blatt = kalender.woche(tag)
    tage = blatt.tage()
    raeume = list(raeume.select_related("quartier"))
    zellen: dict[tuple[int, date], list[Buchung]] = {(r.pk, d): [] for r in raeume for d in tage}
    belegungen = (
        Belegung.objects.filter(raum__in=raeume, zeitraum__overlap=_bereich(blatt), aktiv=True)
        .select_related("buchung__akteur")
        .order_by("zeitraum")
    )
    for b in belegungen:
        d = timezone.localtime(b.buchung.beginn).date()
        if (b.raum_id, d) in zellen:
            b.buchung.wer_angezeigt = b.buchung.wer_fuer(user)
            zellen[(b.raum_id, d)].append(b.buchung)
    return Wochenplan(blatt=blatt, zeilen=[(r, [zellen[(r.pk, d)] for d in tage]) for r in raeume])


@dataclass
class Tag:
    datum: date
    im_monat: bool
    belegt: list[tuple[datetime, datetime]]  # within this day, local time


def belegungsplan(raum: Raum, blatt: kalender.Blatt, *, monat: bool) -> list[list[Tag]]:
    """When `raum` is occupied (buffers included) on each day of the page, by week
    (1 query). In a month, the days of the weeks around it are marked."""
    belegt = [
        (timezone.localtime(b.zeitraum.lower), timezone.localtime(b.zeitraum.upper))
        for b in Belegung.objects.filter(raum=raum, aktiv=True, zeitraum__overlap=_bereich(blatt))
        .only("zeitraum")
        .order_by("zeitraum")
    ]
    return [
        [
            Tag(
                datum=d,
                im_monat=not monat or blatt.im_monat(d),
                belegt=[
                    (max(von, lokal(d, time(0))), min(bis, lokal(d + timedelta(days=1), time(0))))
                    for von, bis in belegt
                    if von.date() <= d <= (bis - timedelta(microseconds=1)).date()
                ],
            )
            for d in woche
        ]
        for woche in blatt.wochen()
    ]
