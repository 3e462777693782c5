"""The Träger's narrative report (Sachbericht): written in the partner area, with an
attachment made safe as receipts are; the office is told, checks it in the back office and
accepts it or sends it back with a remark; the Träger corrects it and submits it again; an
accepted report is final. A cooperation partner and another organisation cannot reach it."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projekte import services
from projekte.models import Sachbericht
from quartier.models import AuditEntry, Benachrichtigung, Benachrichtigungsart

from ..utils import client_for
from .test_geld import _foto_mit_exif


def _neu(projekt):
    return reverse("partner:sachbericht_create", args=[projekt.pk])


def _pruefen(client, sachbericht, **data):
    return client.post(
        reverse("admin:projekte_sachbericht_change", args=[sachbericht.pk]),
        {"status": "", "rueckmeldung": "", **data},
    )


@pytest.mark.django_db
def test_the_report_goes_to_the_office_and_back_until_it_is_accepted(world):
    projekt = world.extra["projekte"]["projekt"]
    partner = client_for(world, "partner_a")
    response = partner.post(
        _neu(projekt),
        {
            "von": "2026-07-01",
            "bis": "2026-12-31",
            "text": "Im zweiten Halbjahr kamen 16 Kinder; zwei Ferienwochen.",
            "datei": _foto_mit_exif(),
        },
    )
    assert response.status_code == 302
    bericht = Sachbericht.objects.get(projekt=projekt, von="2026-07-01")
    assert bericht.status == Sachbericht.Status.EINGEREICHT
    assert bericht.eingereicht_von == world.users["partner_a"]
    with bericht.datei.open("rb") as datei:
        assert not Image.open(io.BytesIO(datei.read())).getexif()
    assert AuditEntry.objects.filter(object_id=str(bericht.pk), action="created").exists()
    # The area's staff who check reports are told; the Träger's own users are not.
    erzaehlt = set(
        Benachrichtigung.objects.filter(
            art=Benachrichtigungsart.SACHBERICHT_EINGEREICHT
        ).values_list("user_id", flat=True)
    )
    assert world.users["qm"].pk in erzaehlt
    assert world.users["partner_a"].pk not in erzaehlt
    assert world.users["stadt"].pk not in erzaehlt

    qm = client_for(world, "qm")
    # Sending it back needs a remark, beside its field.
    response = _pruefen(qm, bericht, status="nachbessern")
    assert response.status_code == 200
    assert "rueckmeldung" in response.context["adminform"].form.errors
    response = _pruefen(qm, bericht, status="nachbessern", rueckmeldung="Bitte Zahl der Termine.")
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == Sachbericht.Status.NACHBESSERN
    assert bericht.geprueft_von == world.users["qm"]
    assert Benachrichtigung.objects.filter(
        art=Benachrichtigungsart.SACHBERICHT_GEPRUEFT, user=world.users["partner_a"]
    ).exists()

    seite = partner.get(reverse("partner:projekt_detail", args=[projekt.pk])).content.decode()
    assert "Bitte Zahl der Termine." in seite and "Nachbesserung erbeten" in seite
    aendern = reverse("partner:sachbericht_update", args=[bericht.pk])
    form = partner.get(aendern)
    assert "Bitte Zahl der Termine." in form.content.decode()
    response = partner.post(
        aendern,
        {"von": "2026-07-01", "bis": "2026-12-31", "text": "16 Kinder an 38 Terminen."},
    )
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == Sachbericht.Status.EINGEREICHT and bericht.geprueft_at is None
    assert bericht.datei, "correcting the text keeps the attachment"

    assert _pruefen(qm, bericht, status="angenommen").status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == Sachbericht.Status.ANGENOMMEN
    assert partner.get(aendern).status_code == 404
    seite = partner.get(reverse("partner:projekt_detail", args=[projekt.pk])).content.decode()
    assert f'href="{aendern}"' not in seite and "Angenommen" in seite
    with pytest.raises(ValidationError):
        services.sachbericht_einreichen(sachbericht=bericht, user=world.users["partner_a"])


@pytest.mark.django_db
def test_bad_input_gets_german_messages_and_keeps_what_was_typed(world):
    projekt = world.extra["projekte"]["projekt"]
    client = client_for(world, "partner_a")
    response = client.post(
        _neu(projekt),
        {
            "von": "2026-07-01",
            "bis": "2026-01-31",
            "text": "Ein Bericht über den Sommer.",
            "datei": SimpleUploadedFile("x.pdf", b"kein pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    fehler = response.context["form"].errors
    assert set(fehler) == {"bis", "datei"}
    assert "Das Ende kann nicht vor dem Beginn liegen." in fehler["bis"]
    assert "Ein Anhang ist ein PDF oder ein Foto (JPEG, PNG oder WebP)." in fehler["datei"]
    html = response.content.decode()
    assert "Ein Bericht über den Sommer." in html
    assert "Der Anhang konnte nicht behalten werden" in html
    assert not Sachbericht.objects.filter(text__startswith="Ein Bericht").exists()


@pytest.mark.django_db
def test_a_cooperation_partner_sees_no_reports_and_cannot_write_one(world):
    projekt = world.extra["projekte"]["projekt"]
    projekt.kooperationspartner.add(world.akteur_b)
    client = client_for(world, "partner_b")
    seite = client.get(reverse("partner:projekt_detail", args=[projekt.pk]))
    assert seite.status_code == 200
    assert "Sachbericht" not in seite.content.decode()
    assert client.get(_neu(projekt)).status_code == 404
    bericht = world.extra["projekte"]["sachbericht"]
    assert client.get(reverse("partner:sachbericht_datei", args=[bericht.pk])).status_code == 404


@pytest.mark.django_db
def test_only_staff_who_may_check_reports_decide_on_them(world):
    bericht = world.extra["projekte"]["sachbericht"]
    with pytest.raises(Exception) as fehler:
        services.sachbericht_pruefen(
            sachbericht=bericht, status="angenommen", rueckmeldung="", user=world.users["stadt"]
        )
    assert fehler.type.__name__ == "PermissionDenied"
    with pytest.raises(ValidationError):
        services.sachbericht_pruefen(
            sachbericht=bericht, status="eingereicht", rueckmeldung="", user=world.users["qm"]
        )
    bericht.refresh_from_db()
    assert bericht.status == Sachbericht.Status.EINGEREICHT
