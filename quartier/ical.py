"""iCalendar (RFC 5545) feeds and attachments, built with the `icalendar` library.

Times are written in Europe/Berlin with a TZID and a matching VTIMEZONE, so that calendar
clients show wall-clock times correctly across daylight-saving changes. UIDs come from the
caller and must be stable: a subscribed calendar updates an event instead of duplicating it.
Cancelled events stay in the feed with STATUS:CANCELLED so subscribers remove them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

PRODID = "-//Quartier//Quartiersmanagement//DE"


@dataclass
class Termin:
    uid: str
    beginn: datetime
    ende: datetime
    titel: str
    ort: str = ""
    beschreibung: str = ""
    abgesagt: bool = False
    geaendert: datetime | None = None
    url: str = ""


def kalender(termine: Iterable[Termin], *, name: str = "") -> Calendar:
    zone = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for termin in termine:
        event = Event()
        event.add("uid", termin.uid)
        event.add("dtstamp", (termin.geaendert or stamp).astimezone(UTC).replace(microsecond=0))
        event.add("dtstart", termin.beginn.astimezone(zone).replace(microsecond=0))
        event.add("dtend", termin.ende.astimezone(zone).replace(microsecond=0))
        event.add("summary", termin.titel)
        if termin.ort:
            event.add("location", termin.ort)
        if termin.beschreibung:
            event.add("description", termin.beschreibung)
        if termin.url:
            event.add("url", termin.url)
        event.add("status", "CANCELLED" if termin.abgesagt else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def ics_bytes(termine: Iterable[Termin], *, name: str = "") -> bytes:
    return kalender(termine, name=name).to_ical()


def ics_response(termine: Iterable[Termin], *, filename: str, name: str = "") -> HttpResponse:
    response = HttpResponse(
        ics_bytes(termine, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
