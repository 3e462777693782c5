"""The office runs the fund from the back office: records a paper application with its
cost plan, takes its steps, decides it (a refusal of the fund's limits beside the field,
the figures above the form) and records payments; staff without the money permission
record and check, but do not decide or pay."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projekte.models import Antrag, Antragsstatus

from ..utils import admin_form_data, client_for

AS = Antragsstatus


def _neu(world, **extra):
    fonds = world.extra["projekte"]["fonds"]
    return {
        "fonds": fonds.pk,
        "antragsteller": "initiative",
        "organisation": "Nachbarschaft Körnerstraße",
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "titel": "Straßenfest Körnerstraße",
        "beschreibung": "Ein Fest für die Straße.",
        "eigenanteil": "50.00",
        "drittmittel": "0",
        "ehrenamt_stunden": "20",
        "beantragt": "480.00",
        "kosten-TOTAL_FORMS": 2,
        "kosten-INITIAL_FORMS": 0,
        "kosten-0-art": "miete",
        "kosten-0-bezeichnung": "Bänke und Pavillons",
        "kosten-0-betrag": "300.00",
        "kosten-1-art": "material",
        "kosten-1-bezeichnung": "Deko",
        "kosten-1-betrag": "230.00",
        "dateien-TOTAL_FORMS": 0,
        "dateien-INITIAL_FORMS": 0,
        "auszahlungen-TOTAL_FORMS": 0,
        "auszahlungen-INITIAL_FORMS": 0,
        "schritte-TOTAL_FORMS": 0,
        "schritte-INITIAL_FORMS": 0,
        **extra,
    }


@pytest.mark.django_db
def test_from_paper_application_to_decision_and_payment(world):
    mitarbeit = client_for(world, "mitarbeit")
    response = mitarbeit.post(reverse("admin:projekte_antrag_add"), _neu(world))
    assert response.status_code == 302, response.context["adminform"].form.errors
    antrag = Antrag.objects.get(titel="Straßenfest Körnerstraße")
    assert antrag.nummer.startswith("VF-") and antrag.kosten_summe() == Decimal("530.00")
    assert [s.status for s in antrag.schritte.all()] == [AS.EINGEREICHT]

    aendern = reverse("admin:projekte_antrag_change", args=[antrag.pk])
    for schritt in (AS.VORPRUEFUNG, AS.ZUR_ENTSCHEIDUNG):
        daten = admin_form_data(mitarbeit.get(aendern))
        assert mitarbeit.post(aendern, {**daten, "neuer_status": schritt}).status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == AS.ZUR_ENTSCHEIDUNG

    entscheiden = reverse("admin:projekte_antrag_entscheiden", args=[antrag.pk])
    assert mitarbeit.get(entscheiden).status_code == 403
    qm = client_for(world, "qm")
    seite = qm.get(entscheiden).content.decode()
    assert "frei 3.700,00 €" in seite
    # 480 € is within the office's 500 €: but not more than the fund gives per application.
    response = qm.post(entscheiden, {"ergebnis": AS.TEILBEWILLIGT, "betrag": "480.00"})
    assert response.status_code == 200
    assert response.context["form"].errors["betrag"] == [
        "Eine Teilbewilligung ist größer als 0 und kleiner als 480,00 €."
    ]
    response = qm.post(entscheiden, {"ergebnis": AS.BEWILLIGT, "auflagen": "Logo auf Plakate"})
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert (antrag.status, antrag.bewilligt, antrag.auflagen) == (
        AS.BEWILLIGT,
        Decimal("480.00"),
        "Logo auf Plakate",
    )
    auszahlen = reverse("admin:projekte_antrag_auszahlen", args=[antrag.pk])
    response = qm.post(auszahlen, {"art": "abschlag", "betrag": "500.00", "datum": "2026-05-02"})
    assert response.status_code == 200
    assert "höchstens 480,00 € mehr" in response.context["form"].errors["betrag"][0]
    response = qm.post(auszahlen, {"art": "abschlag", "betrag": "240.00", "datum": "2026-05-02"})
    assert response.status_code == 302
    assert antrag.ausgezahlt_summe() == Decimal("240.00")
    seite = qm.get(aendern).content.decode()
    assert "bewilligt 480,00 € durch das Büro allein, ausgezahlt 240,00 €" in seite


@pytest.mark.django_db
def test_above_the_offices_limit_the_decision_names_the_committees_meeting(world):
    antrag = world.extra["projekte"]["antrag"]
    Antrag.objects.filter(pk=antrag.pk).update(beantragt=Decimal("900.00"))
    qm = client_for(world, "qm")
    entscheiden = reverse("admin:projekte_antrag_entscheiden", args=[antrag.pk])
    response = qm.post(entscheiden, {"ergebnis": AS.ABGELEHNT})
    assert response.status_code == 200
    fehler = response.context["form"].errors["sitzung"][0]
    assert fehler.startswith("Über 500,00 € entscheidet das Büro nicht allein")
    antrag.refresh_from_db()
    assert antrag.status == AS.ZUR_ENTSCHEIDUNG
