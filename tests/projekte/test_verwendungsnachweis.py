"""The proof of use of a grant: planned against spent per line and the receipts of the
grant's period, as XLSX (typed cells) and as a PDF made by a task."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from projekte.models import Ausgabe

from ..utils import client_for


@pytest.fixture
def bewilligung(world):
    b = world.extra["projekte"]["bewilligung"]
    position = b.projekt.kostenpositionen.get()
    Ausgabe.objects.create(
        kostenposition=position,
        datum=date(2027, 1, 15),  # after the grant's period: not in its proof
        betrag=Decimal("99.00"),
        bezeichnung="Nach der Laufzeit",
    )
    Ausgabe.objects.create(
        kostenposition=position,
        datum=date(2026, 5, 1),
        betrag=Decimal("0.10"),
        bezeichnung="=SUMME(A1)",  # a formula typed by someone stays text
    )
    return b


@pytest.mark.django_db
def test_the_spreadsheet_has_the_lines_and_the_receipts_of_the_grants_period(world, bewilligung):
    client = client_for(world, "qm")
    url = reverse("admin:projekte_bewilligung_verwendungsnachweis", args=[bewilligung.pk])
    url += "?format=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    mappe = load_workbook(io.BytesIO(response.content))
    plan, belege = mappe.worksheets
    assert plan.title == "Geplant und ausgegeben" and belege.title == "Belege"
    zeilen = [[c.value for c in row] for row in plan.iter_rows(min_row=2)]
    assert zeilen[0][0] == "Honorare" and zeilen[0][2:] == [1000, 250.1, 749.9]
    assert zeilen[-1][0] == "Summe"
    belegzeilen = [[c.value for c in row] for row in belege.iter_rows(min_row=2)]
    assert [z[4] for z in belegzeilen] == ["Honorar März", "'=SUMME(A1)"]
    assert belegzeilen[0][3] == "Anna Beispiel"  # the funder asks who was paid
    assert belege["B2"].number_format == "DD.MM.YYYY"


@pytest.mark.django_db
def test_the_pdf_is_made_by_a_task_and_then_downloaded(
    world, bewilligung, django_capture_on_commit_callbacks
):
    client = client_for(world, "mitarbeit")
    seite = reverse("admin:projekte_bewilligung_verwendungsnachweis", args=[bewilligung.pk])
    pdf = seite + "?format=pdf"
    assert client.get(pdf).status_code == 404  # not made yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(seite)
    assert response.status_code == 302
    bewilligung.refresh_from_db()
    assert bewilligung.nachweis_pdf_at >= bewilligung.nachweis_pdf_angefordert_at
    antwort = client.get(pdf)
    inhalt = b"".join(antwort.streaming_content)
    assert antwort.status_code == 200 and inhalt.startswith(b"%PDF-")
    client.get(seite)  # shows the message of the request once
    html = client.get(seite).content.decode()
    assert "PDF vom" in html and "wird erstellt" not in html
    # City staff read figures, never receipts with personal data.
    assert client_for(world, "stadt").get(pdf).status_code == 403


@pytest.mark.django_db
def test_the_pdf_names_the_grant_and_its_receipts(world, bewilligung):
    from django.template.loader import render_to_string

    from projekte import verwendungsnachweis

    html = render_to_string(
        "projekte/verwendungsnachweis.html", {"n": verwendungsnachweis.daten(bewilligung)}
    )
    assert "Verwendungsnachweis" in html and "BIWAQ-1" in html
    assert "Honorar März" in html and "Nach der Laufzeit" not in html
    assert "250,10 €" in html
