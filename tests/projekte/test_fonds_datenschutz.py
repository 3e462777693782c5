"""The information and erasure requests (Art. 15/17 GDPR) of the concerns' page cover fund
applications too: the information lists them; the erasure deletes a draft, withdraws and
anonymises an application without money, and keeps one with money approved under the audit
duty, saying until when; another area's application is not touched."""

import json

import pytest
from django.urls import reverse

from projekte.models import Antrag, Antragsstatus

from ..utils import client_for

ADRESSE = "erika@example.org"
SEITE = reverse("admin:anliegen_anliegen_auskunft")


@pytest.fixture
def antraege(world):
    p = world.extra["projekte"]
    Antrag.objects.filter(pk=p["entwurf"].pk).update(email="Erika@Example.org")
    return p


@pytest.mark.django_db
def test_the_information_lists_the_applications_of_the_address(world, antraege):
    qm = client_for(world, "qm")
    seite = qm.post(SEITE, {"email": ADRESSE, "aktion": "anzeigen"}).content.decode()
    assert "Straßenfest" in seite and "Bücherschrank" in seite and "Hofflohmarkt" in seite
    assert "Hafenkonzert" not in seite  # area B's
    daten = json.loads(qm.post(SEITE, {"email": ADRESSE, "aktion": "json"}).content)
    (teil,) = [t for t in daten["weitere"] if t["name"] == "fondsantraege"]
    assert {e["titel"] for e in teil["eintraege"]} == {
        "Straßenfest",
        "Bücherschrank",
        "Hofflohmarkt",
    }
    assert all(e["email"].lower() == ADRESSE for e in teil["eintraege"])


@pytest.mark.django_db
def test_the_erasure_keeps_only_what_the_audit_duty_needs_and_says_until_when(world, antraege):
    qm = client_for(world, "qm")
    bestaetigung = qm.post(SEITE, {"email": ADRESSE, "aktion": "loeschen"}).content.decode()
    assert "Straßenfest" in bestaetigung and "Hofflohmarkt" in bestaetigung
    assert "Bücherschrank" in bestaetigung and "Prüfpflicht" in bestaetigung
    response = qm.post(SEITE, {"email": ADRESSE, "aktion": "loeschen", "bestaetigt": "ja"})
    assert response.status_code == 302
    assert not Antrag.objects.filter(pk=antraege["entwurf"].pk).exists()
    offen = Antrag.objects.get(pk=antraege["antrag"].pk)
    assert offen.status == Antragsstatus.ZURUECKGEZOGEN
    assert offen.email == "" and "Erika" not in offen.name
    assert offen.titel == "Straßenfest"  # the record stays, without the person
    gefoerdert = Antrag.objects.get(pk=antraege["gefoerdert"].pk)
    assert gefoerdert.email == ADRESSE  # kept under the audit duty
    fremd = Antrag.objects.get(pk=antraege["fremder_antrag"].pk)
    assert fremd.email == ADRESSE and fremd.status == Antragsstatus.ZUR_ENTSCHEIDUNG
