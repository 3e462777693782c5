"""The fund's figures for the city's annual proof: they are the database's sums, grouped by
state, field of action and target group; the list of funded micro-projects names no
applicant; the page, the XLSX (typed cells) and the PDF come from the same figures, and the
page keeps its query budget whatever the number of applications."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netzwerk.models import Handlungsfeld
from projekte.models import Antrag, Antragsstatus, Auszahlung

from ..utils import client_for, count_queries


def _url(world, query=""):
    return (
        reverse("admin:projekte_fonds_zahlen", args=[world.extra["projekte"]["fonds"].pk]) + query
    )


@pytest.fixture
def gefoerdert(world):
    antrag = world.extra["projekte"]["gefoerdert"]
    feld = Handlungsfeld.objects.create(name="Nachbarschaft", slug="nachbarschaft-fonds")
    antrag.handlungsfelder.add(feld)
    Antrag.objects.filter(pk=antrag.pk).update(zielgruppen=["familien", "senioren"])
    Auszahlung.objects.create(antrag=antrag, art="abschlag", betrag=Decimal("120.00"))
    return antrag


@pytest.mark.django_db
def test_the_figures_are_the_sums_and_name_no_applicant(world, gefoerdert):
    response = client_for(world, "stadt").get(_url(world))
    assert response.status_code == 200
    tabellen = {t.title: t for t in response.context["tabellen"]}
    geld = dict(tabellen["Das Geld"].rows)
    assert geld["Bewilligt"] == Decimal("300.00") and geld["Ausgezahlt"] == Decimal("120.00")
    assert geld["Noch frei"] == Decimal("3700.00")
    stand = {zeile[0]: zeile[1] for zeile in tabellen["Nach Stand"].rows}
    assert stand == {"Zur Entscheidung": 1, "Bewilligt": 1}  # the draft is not counted
    assert tabellen["Nach Handlungsfeld"].rows == [["Nachbarschaft", 1, Decimal("300.00")]]
    zielgruppen = {zeile[0]: zeile[1:] for zeile in tabellen["Nach Zielgruppe"].rows}
    assert len(zielgruppen) == 2 and all(z == [1, Decimal("300.00")] for z in zielgruppen.values())
    liste = tabellen["Geförderte Kleinprojekte"].rows
    assert [z[1] for z in liste] == ["Bücherschrank"] and liste[0][8] == Decimal("120.00")
    html = response.content.decode()
    assert "Erika" not in html and "erika@example.org" not in html


@pytest.mark.django_db
def test_the_downloads_carry_the_same_figures(world, gefoerdert):
    client = client_for(world, "stadt")
    xlsx = client.get(_url(world, "?format=xlsx"))
    mappe = load_workbook(io.BytesIO(xlsx.content))
    liste = mappe["Geförderte Kleinprojekte"]
    assert liste["B2"].value == "Bücherschrank" and liste["H2"].value == 300
    assert isinstance(liste["H2"].value, int | float)  # a number, not text
    pdf = client.get(_url(world, "?format=pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"Erika" not in pdf.content


@pytest.mark.django_db
def test_the_page_keeps_its_budget_with_many_applications(world, gefoerdert):
    fonds = world.extra["projekte"]["fonds"]
    client = client_for(world, "stadt")

    def mehr(anzahl, start):
        for n in range(start, start + anzahl):
            antrag = Antrag.objects.create(
                fonds=fonds,
                nummer=f"VF-Z-{n:04d}",
                name="Masse",
                titel=f"Idee {n}",
                beschreibung="…",
                beantragt=Decimal("1.00"),
                bewilligt=Decimal("1.00"),
                status=Antragsstatus.BEWILLIGT,
                zielgruppen=["familien"],
            )
            antrag.handlungsfelder.add(*gefoerdert.handlungsfelder.all())

    mehr(5, 0)
    klein = count_queries(lambda: client.get(_url(world)))
    mehr(60, 5)
    gross = count_queries(lambda: client.get(_url(world)))
    assert gross == klein <= 14
