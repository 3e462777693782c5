"""A grant's payment requests never add up to more than the approved amount: the back
office says so beside the requests, also when two people add requests at the same moment
(the grant's row is locked while the requests are checked and saved)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from projekte.models import Bewilligung, Mittelabruf

from ..personas import build_world
from ..utils import admin_form_data, client_for


def _url(bewilligung):
    return reverse("admin:projekte_bewilligung_change", args=[bewilligung.pk])


def _mit_abruf(daten: dict, betrag: str) -> dict:
    return {
        **daten,
        "mittelabrufe-TOTAL_FORMS": 1,
        "mittelabrufe-0-id": "",
        "mittelabrufe-0-betrag": betrag,
        "mittelabrufe-0-status": Mittelabruf.Status.ANGEFORDERT,
        "mittelabrufe-0-angefordert_am": "2026-04-01",
    }


@pytest.mark.django_db
def test_requests_over_the_approved_amount_are_refused_with_the_sums(world):
    bewilligung = world.extra["projekte"]["bewilligung"]  # 900.00 approved
    Mittelabruf.objects.create(bewilligung=bewilligung, betrag=Decimal("500.00"))
    client = client_for(world, "qm")
    daten = admin_form_data(client.get(_url(bewilligung)))
    daten["mittelabrufe-TOTAL_FORMS"] = 2
    daten.update(
        {
            "mittelabrufe-1-id": "",
            "mittelabrufe-1-betrag": "400.01",
            "mittelabrufe-1-status": Mittelabruf.Status.GEPLANT,
        }
    )
    response = client.post(_url(bewilligung), daten)
    assert response.status_code == 200
    fehler = [
        str(e)
        for inline in response.context["inline_admin_formsets"]
        for e in inline.formset.non_form_errors()
    ]
    assert fehler == ["Die Mittelabrufe (900,01 €) übersteigen den bewilligten Betrag (900,00 €)."]
    assert bewilligung.mittelabrufe.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_adding_requests_at_once_stay_within_the_grant():
    world = build_world()
    bewilligung = world.extra["projekte"]["bewilligung"]
    Bewilligung.objects.filter(pk=bewilligung.pk).update(betrag=Decimal("500.00"))
    clients = [client_for(world, "qm"), client_for(world, "qm")]
    daten = [admin_form_data(c.get(_url(bewilligung))) for c in clients]
    start = threading.Barrier(2)

    def senden(i):
        try:
            start.wait()
            return clients[i].post(_url(bewilligung), _mit_abruf(daten[i], "400.00")).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        antworten = sorted(pool.map(senden, range(2)))
    assert antworten == [200, 302], "one is saved, the other gets the form with its message"
    assert [a.betrag for a in bewilligung.mittelabrufe.all()] == [Decimal("400.00")]
