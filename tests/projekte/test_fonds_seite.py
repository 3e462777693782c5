"""The public page of the Verfügungsfonds: its figures are the database's sums, it lists
only the approved applications whose applicants agreed (never their contact data), and it
keeps its query budget with 10 and with 10,000 applications."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse

from projekte import services
from projekte.models import Antrag, Antragsstatus, Auszahlung

from ..utils import client_for, count_queries

SEITE = reverse("verfuegungsfonds:fonds")


def viele_antraege(fonds, anzahl: int, start: int = 0) -> None:
    stati = [Antragsstatus.BEWILLIGT, Antragsstatus.ABGELEHNT, Antragsstatus.EINGEREICHT]
    Antrag.objects.bulk_create(
        Antrag(
            fonds=fonds,
            nummer=f"M-{start + i:05d}",
            token=f"masse-{start + i}",
            name="Masse",
            titel=f"Kleinprojekt {start + i}",
            beschreibung="Für die Nachbarschaft.",
            beantragt=Decimal("1.00"),
            bewilligt=Decimal("0.10") if i % 3 == 0 else None,
            status=stati[i % 3],
            einwilligung_veroeffentlichung=i % 2 == 0,
        )
        for i in range(anzahl)
    )


@pytest.mark.django_db
def test_the_figures_are_the_sums_in_the_database(world):
    fonds = world.extra["projekte"]["fonds"]
    gefoerdert = world.extra["projekte"]["gefoerdert"]
    Auszahlung.objects.create(antrag=gefoerdert, art="abschlag", betrag=Decimal("120.00"))
    response = client_for(world, "anonym").get(SEITE)
    assert response.status_code == 200
    zahlen = response.context["zahlen"]
    bewilligt = Antrag.objects.filter(fonds=fonds, status__in=services.BINDEND).aggregate(
        s=Sum("bewilligt")
    )["s"]
    assert zahlen.budget == fonds.budget() == Decimal("4000.00")
    assert zahlen.gebunden == bewilligt == Decimal("300.00")
    assert zahlen.ausgezahlt == Decimal("120.00")
    assert zahlen.frei == Decimal("3700.00")
    html = response.content.decode()
    assert "3.700,00 €" in html and "Bücherschrank" in html
    # Not approved, or not agreed: not listed; the applicants' names never.
    assert "Straßenfest für die Nachbarschaft" not in html and "Erika Mustermann" not in html
    assert "Hafenkonzert" not in html  # the other area's fund


@pytest.mark.django_db
def test_an_area_without_a_fund_says_so(world):
    world.extra["projekte"]["fonds"].antraege.all().delete()
    world.extra["projekte"]["fonds"].delete()
    response = client_for(world, "anonym").get(SEITE)
    assert response.status_code == 200
    assert "keinen Verfügungsfonds" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?seite=2", "?seite=kaputt"])
def test_the_page_keeps_its_budget_with_ten_and_ten_thousand_applications(world, query):
    fonds = world.extra["projekte"]["fonds"]
    client = client_for(world, "anonym")
    viele_antraege(fonds, 10)
    client.get(SEITE + query)
    klein = count_queries(lambda: client.get(SEITE + query))
    viele_antraege(fonds, 9990, start=10)
    gross = count_queries(lambda: client.get(SEITE + query))
    cache.clear()
    response = client.get(SEITE + query)
    assert response.status_code == 200
    assert klein == gross <= 8, f"{klein} queries with 10 applications, {gross} with 10,000"
    assert response.context["zahlen"].gebunden == Decimal("300.00") + Decimal("0.10") * 3334
