"""Fixed query budgets whatever the number of bookings: 100 versus 100,000 (bulk SQL)."""

from datetime import time

import pytest
from django.db import connection
from django.urls import reverse

from raeume import services
from raeume.models import Raum
from raeume.verfuegbarkeit import verfuegbarkeit

from ..utils import client_for, count_queries
from .factories import naechster, um

pytestmark = pytest.mark.django_db


def _bulk(raum, akteur, anzahl: int, bis):
    """`anzahl` one-hour bookings of `raum`, every two hours back from `bis` (one SQL each)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO veranstaltungen_buchung (raum_id, akteur_id, name, telefon, email,
                beginn, ende, zweck, art, personen, ausstattung, status, grund, uid,
                created_at, updated_at)
            SELECT %s, %s, '', '', '', %s - g * interval '2 hours',
                %s - g * interval '2 hours' + interval '1 hour', 'Treffen', 'arbeitskreis', 5,
                '[]', 'bestaetigt', '', 'bulk-' || %s || '-' || g, now(), now()
            FROM generate_series(1, %s) AS g
            """,
            [raum.pk, akteur.pk, bis, bis, raum.pk, anzahl],
        )
        cursor.execute(
            """
            INSERT INTO veranstaltungen_belegung (buchung_id, raum_id, zeitraum, aktiv)
            SELECT id, raum_id, tstzrange(beginn, ende), true FROM veranstaltungen_buchung
            WHERE uid LIKE %s
            """,
            [f"bulk-{raum.pk}-%"],
        )


def _measure(world, tag):
    raeume = Raum.objects.filter(quartier=world.quartier_a)
    suche = count_queries(
        lambda: verfuegbarkeit(raeume=raeume, datum=tag, von=time(10), bis=time(12), personen=5)
    )
    qm = client_for(world, "qm")
    grid = count_queries(
        lambda: qm.get(reverse("admin:raeume_buchung_wochenplan") + f"?woche={tag:%Y-%m-%d}")
    )
    anonym = client_for(world, "anonym")
    saal = world.extra["raeume"]["konferenz"]
    detail = count_queries(
        lambda: anonym.get(reverse("raeume:raum_detail", args=[saal.slug]) + f"?datum={tag}")
    )
    partner = client_for(world, "partner_a")
    liste = count_queries(lambda: partner.get(reverse("partner:buchung_list")))
    return {"suche": suche, "wochenplan": grid, "raum_detail": detail, "partnerliste": liste}


def test_search_and_grids_keep_their_budget_from_100_to_100000_bookings(world):
    tag = naechster(2, wochen=3)
    raum = world.extra["raeume"]["konferenz"]
    _bulk(raum, world.akteur_a, 100, um(tag, 23))
    klein = _measure(world, tag)
    # The big data set fills the hall every two hours for 22 years: free it of the world's.
    services.stornieren(buchung=world.extra["buchung_b"], user=None, grund="Platz")
    _bulk(world.extra["raeume"]["saal"], world.akteur_b, 100_000, um(tag, 22))
    gross = _measure(world, tag)
    assert Raum.objects.get(pk=world.extra["raeume"]["saal"].pk).belegungen.count() > 100_000
    assert klein == gross, (klein, gross)
    assert klein["suche"] <= 6
    assert klein["wochenplan"] <= 8
    assert klein["raum_detail"] <= 4  # room, photos, occupancy, …
    assert klein["partnerliste"] <= 7  # … and the count for the pages
