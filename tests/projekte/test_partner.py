"""The partner area of projects: the Träger records an expense with its receipt (stored
without EXIF, in the audit trail, checked by the office later); a cooperation partner sees
the plan but neither the expenses nor their receipts; another organisation gets 404."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projekte.models import Ausgabe
from quartier.models import AuditEntry

from ..utils import client_for
from .test_geld import _foto_mit_exif


def _neu(projekt):
    return reverse("partner:ausgabe_create", args=[projekt.pk])


@pytest.mark.django_db
def test_the_traeger_records_an_expense_with_a_receipt_photo(world):
    projekt = world.extra["projekte"]["projekt"]
    position = projekt.kostenpositionen.get()
    client = client_for(world, "partner_a")
    response = client.post(
        _neu(projekt),
        {
            "kostenposition": position.pk,
            "datum": "2026-04-02",
            "betrag": "45.90",
            "bezeichnung": "Arbeitshefte",
            "empfaenger": "Buchhandlung am Markt",
            "beleg": _foto_mit_exif(),
        },
    )
    assert response.status_code == 302
    ausgabe = Ausgabe.objects.get(bezeichnung="Arbeitshefte")
    assert str(ausgabe.betrag) == "45.90"
    assert ausgabe.erfasst_von == world.users["partner_a"]
    assert ausgabe.geprueft_at is None
    with ausgabe.beleg.open("rb") as datei:
        assert not Image.open(io.BytesIO(datei.read())).getexif()
    assert AuditEntry.objects.filter(object_id=str(ausgabe.pk), action="created").exists()
    seite = client.get(reverse("partner:projekt_detail", args=[projekt.pk])).content.decode()
    assert "Arbeitshefte" in seite and "noch nicht geprüft" in seite
    beleg = client.get(reverse("partner:ausgabe_beleg", args=[ausgabe.pk]))
    assert beleg.status_code == 200 and "no-store" in beleg["Cache-Control"]


@pytest.mark.django_db
def test_bad_input_gets_german_messages_and_keeps_what_was_typed(world):
    projekt = world.extra["projekte"]["projekt"]
    client = client_for(world, "partner_a")
    response = client.post(
        _neu(projekt),
        {
            "kostenposition": projekt.kostenpositionen.get().pk,
            "datum": "31.02.2026",
            "betrag": "-5",
            "bezeichnung": "Miete Saal",
            "beleg": SimpleUploadedFile("x.pdf", b"kein pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    fehler = response.context["form"].errors
    assert set(fehler) == {"datum", "betrag", "beleg"}
    html = response.content.decode()
    assert 'value="Miete Saal"' in html
    assert "Der Beleg konnte nicht behalten werden" in html
    assert not Ausgabe.objects.filter(bezeichnung="Miete Saal").exists()


@pytest.mark.django_db
def test_a_cooperation_partner_sees_the_plan_but_not_the_expenses(world):
    projekt = world.extra["projekte"]["projekt"]
    projekt.kooperationspartner.add(world.akteur_b)
    client = client_for(world, "partner_b")
    seite = client.get(reverse("partner:projekt_detail", args=[projekt.pk]))
    assert seite.status_code == 200
    assert "Honorar März" not in seite.content.decode()
    assert client.get(_neu(projekt)).status_code == 404
    ausgabe = world.extra["projekte"]["ausgabe"]
    assert client.get(reverse("partner:ausgabe_beleg", args=[ausgabe.pk])).status_code == 404
