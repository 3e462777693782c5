"""Public committee meetings (Netzwerk) in the public calendar: list, month view and feed,
as kind "Sitzung", linking to the committee, with the filters mapped sensibly."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ..netzwerk.factories import GremiumFactory, SitzungFactory
from ..utils import count_queries
from .factories import naechster, um, veranstaltung
from .test_veranstaltungen import _bulk_events

pytestmark = pytest.mark.django_db

LISTE = reverse("veranstaltungen:veranstaltung_list")


def _liste(client, **params):
    return client.get(LISTE, params).content.decode()


def test_public_meetings_of_public_committees_are_in_the_list(world, client):
    gremium = world.extra["gremium"]
    geheim = GremiumFactory(quartier=world.quartier_a, name="Vergabebeirat", oeffentlich=False)
    SitzungFactory(gremium=geheim, beginn=timezone.now() + timedelta(days=3))
    html = _liste(client)
    assert "Stadtteilkonferenz: öffentliche Sitzung" in html
    assert gremium.get_absolute_url() in html
    assert "Vergabebeirat" not in html
    # The internal meeting of the public committee and past meetings are not listed.
    assert html.count("Stadtteilkonferenz: öffentliche Sitzung") == 1


def test_meetings_follow_the_filters(world, client):
    titel = "Stadtteilkonferenz: öffentliche Sitzung"
    assert titel in _liste(client, art="sitzung")
    assert titel in _liste(client, kostenlos="on")
    assert titel in _liste(client, zielgruppe="alle")
    assert titel not in _liste(client, zeitraum="heute")
    assert titel not in _liste(client, art="fest")
    assert titel in _liste(client, zielgruppe="familien")  # open to everyone
    assert titel not in _liste(client, barrierefrei="on")
    veranstaltung(world.quartier_a, um(naechster(3), 18), veranstalter=world.akteur_a)
    assert titel not in _liste(client, veranstalter=world.akteur_a.pk)


def test_meetings_are_in_the_month_view_and_the_feed_with_stable_uids(world, client):
    sitzung = world.extra["sitzung_kommend"]
    monat = f"{timezone.localtime(sitzung.beginn):%Y-%m}"
    html = client.get(reverse("veranstaltungen:veranstaltung_monat"), {"monat": monat})
    assert "Stadtteilkonferenz: öffentliche Sitzung" in html.content.decode()

    def feed(**params):
        response = client.get(reverse("veranstaltungen:veranstaltung_feed"), params)
        return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}

    events = feed()
    uid = f"sitzung-{sitzung.pk}@quartier"
    assert uid in events and world.extra["veranstaltung"].uid in events
    assert len(events) == len(set(events))
    eintrag = events[uid]
    assert eintrag["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert eintrag.decoded("DTSTART") == sitzung.beginn.replace(microsecond=0)
    assert str(eintrag["URL"]).endswith(world.extra["gremium"].get_absolute_url())
    assert set(feed()) == set(events)  # stable
    assert uid in feed(zielgruppe="familien")  # open to everyone
    assert uid not in feed(barrierefrei="on")
    assert uid in feed(art="sitzung")


def _bulk_sitzungen(gremium, anzahl, ab):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO netzwerk_sitzung (gremium_id, beginn, adresse, tagesordnung, protokoll,
                protokoll_pdf, protokoll_veroeffentlicht, oeffentlich)
            SELECT %s, %s + g * interval '3 hours' + interval '90 minutes', 'Saal', '', '', '',
                false, true
            FROM generate_series(1, %s) AS g
            """,
            [gremium.pk, ab, anzahl],
        )


def _measure(client, monat):
    return {
        "liste": count_queries(lambda: client.get(LISTE)),
        "seite_3": count_queries(lambda: client.get(LISTE, {"seite": 3, "art": "sitzung"})),
        "monat": count_queries(
            lambda: client.get(reverse("veranstaltungen:veranstaltung_monat"), {"monat": monat})
        ),
        "feed": count_queries(lambda: client.get(reverse("veranstaltungen:veranstaltung_feed"))),
    }


def test_calendar_with_meetings_keeps_its_budget_from_100_to_20000_rows(world, client):
    ab = um(naechster(0), 8)
    gremium = world.extra["gremium"]
    _bulk_events(world.quartier_a, 100, ab)
    _bulk_sitzungen(gremium, 100, ab)
    monat = f"{ab:%Y-%m}"
    klein = _measure(client, monat)
    html = _liste(client)
    assert "Treffen 1" in html and "Stadtteilkonferenz: öffentliche Sitzung" in html
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM veranstaltungen_veranstaltung WHERE uid LIKE 'bulk-v-%%'")
        cursor.execute("DELETE FROM netzwerk_sitzung WHERE adresse = 'Saal'")
    _bulk_events(world.quartier_a, 20_000, ab)
    _bulk_sitzungen(gremium, 20_000, ab)
    gross = _measure(client, monat)
    assert klein == gross, (klein, gross)
    assert klein["liste"] <= 6 and klein["monat"] <= 4 and klein["feed"] <= 4
