"""Partners submit an event in one of the rooms: the room is requested in the same step and
held until staff decide; publishing confirms it, cancelling the submission declines it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from raeume import services as raeume_services
from raeume.models import Belegung, Buchung
from veranstaltungen import services
from veranstaltungen.models import Veranstaltung

from ..utils import client_for
from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db

URL = reverse("partner:veranstaltung_einreichen")


def _daten(world, raum, tag, **extra):
    return {
        "veranstalter": world.akteur_a.pk,
        "titel": "Erzählcafé",
        "art": "treffen",
        "datum": f"{tag:%Y-%m-%d}",
        "von": "15:00",
        "bis": "17:00",
        "zielgruppen": ["senioren"],
        "raum": raum.pk,
        "nutzungsvereinbarung": "on",
        "kosten": "0",
        **extra,
    }


def test_event_in_a_room_requests_the_room_and_holds_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    partner = client_for(world, "partner_a")
    konferenz = world.extra["raeume"]["konferenz"]
    tag = naechster(1, wochen=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = partner.post(URL, _daten(world, konferenz, tag))
    v = Veranstaltung.objects.get(titel="Erzählcafé")
    assert response.status_code == 302 and response.url == reverse(
        "partner:veranstaltung_partner_detail", args=[v.pk]
    )
    assert not v.freigegeben and v.raum == konferenz and v.quartier == world.quartier_a
    b = v.buchung
    assert (b.status, b.akteur, b.art) == ("angefragt", world.akteur_a, "veranstaltung")
    assert b.nutzungsvereinbarung is not None and b.akzeptiert_at is not None
    assert Belegung.objects.get(buchung=b).aktiv  # the slot is held
    an = {}
    for m in mailoutbox:
        an.setdefault(m.to[0], []).append(m.subject)
    # The partner gets the receipt; the office one notice of the event (not also of the room).
    assert an == {
        "partner-a@example.org": ["Raumanfrage erhalten: Konferenzraum 1"],
        "mitarbeit@example.org": ["Von Partner eingereichte Veranstaltung"],
        "qm@example.org": ["Von Partner eingereichte Veranstaltung"],
    }
    html = partner.get(response.url).content.decode()
    assert "wartet auf Prüfung" in html and "angefragt" in html


def test_taken_room_is_explained_at_the_field_and_nothing_is_saved(world):
    partner = client_for(world, "partner_a")
    b = world.extra["buchung_b"]  # the hall, 18:00–21:00
    tag = timezone.localtime(b.beginn).date()
    vorher = Buchung.objects.count()
    response = partner.post(
        URL, _daten(world, world.extra["raeume"]["saal"], tag, von="19:00", bis="20:00")
    )
    assert response.status_code == 200
    fehler = response.context["form"].errors["raum"]
    assert fehler[0].startswith("Der Raum „Saal“ ist am")
    assert 'value="Erzählcafé"' in response.content.decode()  # what was typed is kept
    assert not Veranstaltung.objects.filter(titel="Erzählcafé").exists()
    assert Buchung.objects.count() == vorher


def test_room_needs_the_terms_and_a_place_is_required(world):
    partner = client_for(world, "partner_a")
    tag = naechster(1, wochen=2)
    konferenz = world.extra["raeume"]["konferenz"]
    ohne = partner.post(URL, {**_daten(world, konferenz, tag), "nutzungsvereinbarung": ""})
    assert "nutzungsvereinbarung" in ohne.context["form"].errors
    nirgends = partner.post(URL, {**_daten(world, konferenz, tag), "raum": ""})
    assert nirgends.context["form"].errors["adresse"] == [
        "Bitte wählen Sie einen Raum oder geben Sie eine Adresse an."
    ]
    fremd = partner.post(URL, _daten(world, world.extra["raeume"]["fremd"], tag))
    assert "raum" in fremd.context["form"].errors  # not a room of the partner's area
    assert not Veranstaltung.objects.filter(titel="Erzählcafé").exists()


def _einreichen(world, tag):
    partner = client_for(world, "partner_a")
    partner.post(URL, _daten(world, world.extra["raeume"]["konferenz"], tag))
    return Veranstaltung.objects.get(titel="Erzählcafé")


def test_publishing_confirms_the_booking(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        v = _einreichen(world, naechster(1, wochen=2))
    mailoutbox.clear()
    staff = client_for(world, "mitarbeit")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("admin:veranstaltungen_veranstaltung_changelist"),
            {"action": "freigeben", "_selected_action": [v.pk]},
        )
    v.refresh_from_db()
    assert v.freigegeben and v.buchung.status == "bestaetigt"
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("partner-a@example.org", "Ihre Veranstaltung wurde veröffentlicht"),
        ("partner-a@example.org", "Raumbuchung bestätigt: Konferenzraum 1"),
    ]
    assert client_for(world, "anonym").get(v.get_absolute_url()).status_code == 200


def test_cancelling_a_submission_declines_the_room_and_frees_the_slot(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    tag = naechster(1, wochen=2)
    with django_capture_on_commit_callbacks(execute=True):
        v = _einreichen(world, tag)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.veranstaltung_absagen(
            veranstaltung=v, user=world.users["qm"], notiz="Passt nicht in unser Programm."
        )
    b = Buchung.objects.get(pk=v.buchung_id)
    assert (b.status, b.grund) == ("abgelehnt", "Passt nicht in unser Programm.")
    assert not Belegung.objects.get(buchung=b).aktiv
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("partner-a@example.org", "Ihre Veranstaltung wurde nicht angenommen"),
        ("partner-a@example.org", "Raumanfrage abgelehnt: Konferenzraum 1"),
    ]
    # The slot is free again for anyone.
    partner_b = client_for(world, "partner_b")
    response = partner_b.post(
        URL,
        {
            **_daten(world, world.extra["raeume"]["konferenz"], tag),
            "veranstalter": world.akteur_b.pk,
        },
    )
    assert response.status_code == 302


def test_partner_b_never_sees_partner_a_submissions(world):
    v = _einreichen(world, naechster(1, wochen=2))
    url = reverse("partner:veranstaltung_partner_detail", args=[v.pk])
    assert client_for(world, "partner_a").get(url).status_code == 200
    assert client_for(world, "partner_b").get(url).status_code == 404
    liste = client_for(world, "partner_b").get(reverse("partner:veranstaltung_partner_list"))
    assert "Erzählcafé" not in liste.content.decode()


def test_publishing_after_the_room_request_was_declined_books_the_room_again_or_says_why(
    world,
):
    tag = naechster(1, wochen=2)
    v = _einreichen(world, tag)
    raeume_services.ablehnen(buchung=v.buchung, user=world.users["qm"], grund="Raum wird renoviert")
    konferenz = world.extra["raeume"]["konferenz"]
    # Someone else takes the slot meanwhile: publishing refuses clearly, nothing changes.
    andere = buchung(konferenz, um(tag, 15), um(tag, 16), akteur=world.akteur_b)
    staff = client_for(world, "qm")
    response = staff.post(
        reverse("admin:veranstaltungen_veranstaltung_changelist"),
        {"action": "freigeben", "_selected_action": [v.pk]},
        follow=True,
    )
    assert "Erzählcafé: Der Raum „Konferenzraum 1“ ist am" in response.content.decode()
    v.refresh_from_db()
    assert not v.freigegeben
    raeume_services.stornieren(buchung=andere, user=None, grund="Doch nicht")
    services.veranstaltung_freigeben(veranstaltung=v, user=world.users["qm"])
    v.refresh_from_db()
    assert v.freigegeben and v.buchung.ist_aktiv and v.buchung.status == "bestaetigt"
