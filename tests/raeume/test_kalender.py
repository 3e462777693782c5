"""iCal feeds: parse with `icalendar`, stable UIDs, Europe/Berlin, cancellations marked;
the public view shows "belegt" and never who booked."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from raeume import services
from raeume.models import Kalenderzugang

from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_room_feed_round_trips_without_names(client, world):
    saal = world.extra["raeume"]["saal"]
    tag = naechster(5, wochen=4)
    b = buchung(saal, um(tag, 10), um(tag, 12), akteur=world.akteur_a)
    url = reverse("raeume:raum_feed", args=[saal.slug])
    first = _parse(client.get(url))
    events = {str(e["UID"]): e for e in first.walk("VEVENT")}
    assert len(events) == 2  # the world's booking of club B and ours
    assert {str(e["SUMMARY"]) for e in events.values()} == {"belegt"}
    assert world.akteur_a.name.encode() not in client.get(url).content
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    ours = events[f"{b.uid.split('@')[0]}-saal@quartier"]
    assert ours["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert ours.decoded("DTSTART") == um(tag, 10)
    assert ours.decoded("DTEND") == um(tag, 12, 30)  # with the clean-up time
    services.stornieren(buchung=b, user=None, grund="Fällt aus")
    again = {str(e["UID"]): e for e in _parse(client.get(url)).walk("VEVENT")}
    assert set(again) == set(events)  # stable UIDs
    assert str(again[ours["UID"]]["STATUS"]) == "CANCELLED"


def test_akteur_feed_is_private_and_detailed(client, world):
    zugang = Kalenderzugang.fuer(world.akteur_a)
    cal = _parse(client.get(zugang.get_absolute_url()))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert summaries == ["Konferenzraum 1: Vorstandssitzung Nachbarschaftsverein"]
    assert Kalenderzugang.fuer(world.akteur_a).token == zugang.token
    assert client.get(reverse("raeume:akteur_feed", args=["x" * 43])).status_code == 404


def test_public_occupancy_shows_booked_without_names(client, world):
    saal = world.extra["raeume"]["saal"]
    b = world.extra["buchung_b"]
    url = reverse("raeume:raum_detail", args=[saal.slug]) + f"?datum={b.beginn:%Y-%m-%d}"
    for ansicht in ("woche", "monat"):
        html = client.get(url + f"&ansicht={ansicht}").content.decode()
        assert "belegt 18:00–21:30" in html
        assert "SV Blau" not in html and "Jahreshauptversammlung" not in html
