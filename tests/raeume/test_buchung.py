"""Booking rules: overlaps, buffers, combinations, rules of the room, workflow and mails."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import IntegrityError
from django.utils import timezone

from raeume import services
from raeume.models import Belegung, Buchung, Sperrzeit

from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


@pytest.fixture
def saal(world):
    return world.extra["raeume"]["saal"]


@pytest.fixture
def kueche(world):
    return world.extra["raeume"]["kueche"]


def test_overlapping_booking_is_refused_with_a_clear_message(world, saal):
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b, user=world.users["partner_b"])
    with pytest.raises(services.BuchungNichtMoeglich) as exc:
        buchung(saal, um(tag, 13), um(tag, 16), akteur=world.akteur_a)
    assert exc.value.messages == [
        f"Der Raum „Saal“ ist am {tag:%d.%m.%Y} von 10:00 bis 14:30 belegt."
    ]
    assert Buchung.objects.filter(raum=saal, beginn__date=tag).count() == 1


def test_clean_up_buffer_keeps_the_room_free_after_a_booking(world, saal):
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b)
    with pytest.raises(services.BuchungNichtMoeglich):
        buchung(saal, um(tag, 14, 15), um(tag, 16), akteur=world.akteur_a)
    assert buchung(saal, um(tag, 14, 30), um(tag, 16), akteur=world.akteur_a).ist_aktiv


def test_hall_with_kitchen_occupies_both_rooms(world, saal, kueche):
    tag = naechster(5, wochen=3)
    b = buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b, zusatzraeume=[kueche])
    assert set(b.belegungen.values_list("raum__slug", flat=True)) == {"saal", "kueche"}
    # The hall is free again at 15:00, the kitchen (two hours of cleaning) only at 16:00.
    with pytest.raises(services.BuchungNichtMoeglich) as exc:
        buchung(saal, um(tag, 15), um(tag, 18), akteur=world.akteur_a, zusatzraeume=[kueche])
    assert "Gemeinschaftsküche" in exc.value.messages[0]
    assert buchung(saal, um(tag, 15), um(tag, 18), akteur=world.akteur_a).ist_aktiv


def test_kitchen_alone_cannot_be_booked(world, kueche):
    tag = naechster(5, wochen=3)
    with pytest.raises(services.BuchungNichtMoeglich) as exc:
        buchung(kueche, um(tag, 10), um(tag, 12), akteur=world.akteur_a)
    assert "nur zusammen mit Saal" in " ".join(exc.value.messages)


def test_database_refuses_overlap_even_without_the_form_check(world, saal):
    """The exclusion constraint decides: a race past the pre-check gets the same message."""
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b)
    real = services.konflikte
    calls = []

    def blind_first(*args, **kwargs):
        calls.append(1)
        return [] if len(calls) == 1 else real(*args, **kwargs)

    with mock.patch.object(services, "konflikte", blind_first):
        with pytest.raises(services.BuchungNichtMoeglich) as exc:
            buchung(saal, um(tag, 12), um(tag, 13), akteur=world.akteur_a)
    assert "ist am" in exc.value.messages[0] and "belegt" in exc.value.messages[0]
    assert Belegung.objects.filter(raum=saal, aktiv=True).count() == 2  # world + first


def test_exclusion_constraint_exists_in_the_database(world, saal):
    tag = naechster(5, wochen=3)
    b = buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b)
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO veranstaltungen_belegung (buchung_id, raum_id, zeitraum, aktiv) "
            "VALUES (%s, %s, tstzrange(%s, %s), true)",
            [b.pk, saal.pk, um(tag, 11), um(tag, 12)],
        )


def test_cancelled_booking_frees_the_slot(world, saal):
    tag = naechster(5, wochen=3)
    b = buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b)
    services.stornieren(buchung=b, user=world.users["partner_b"], grund="Fällt aus")
    assert buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_a).ist_aktiv


def test_rules_of_the_room_are_explained(world, saal):
    tag = naechster(5, wochen=3)
    saal.vorlauf_min = timedelta(days=30)
    saal.save()
    Sperrzeit.objects.create(quartier=world.quartier_a, von=tag, bis=tag, grund="Renovierung")
    with pytest.raises(services.BuchungNichtMoeglich) as exc:
        buchung(saal, um(tag, 6), um(tag, 22), akteur=world.akteur_a, personen=200)
    text = " ".join(exc.value.messages)
    assert "mindestens 30 Tage im Voraus" in text
    assert "höchstens 14 Stunden" in text
    assert "höchstens 80 Personen" in text
    assert "Renovierung" in text
    assert "zu dieser Zeit nicht gebucht" in text
    # Staff booking for a resident on the phone may book at short notice.
    saal.vorlauf_min = timedelta(days=1)
    saal.save()
    morgen = timezone.localdate() + timedelta(days=1)
    assert buchung(saal, um(morgen, 20), um(morgen, 22)).status == Buchung.Status.BESTAETIGT


def test_request_waits_and_auto_confirmation_per_room_and_organisation(world, saal):
    tag = naechster(5, wochen=3)
    b = buchung(saal, um(tag, 10), um(tag, 11), akteur=world.akteur_a)
    assert b.status == Buchung.Status.ANGEFRAGT
    assert b.nutzungsvereinbarung.version == 1 and b.akzeptiert_at is not None
    saal.vertraute_akteure.add(world.akteur_a)
    assert buchung(saal, um(tag, 12), um(tag, 13), akteur=world.akteur_a).status == "bestaetigt"
    konferenz = world.extra["raeume"]["konferenz"]
    konferenz.automatisch_bestaetigen = True
    konferenz.save()
    assert buchung(konferenz, um(tag, 12), um(tag, 13), akteur=world.akteur_b).status == (
        "bestaetigt"
    )


def test_partner_must_accept_terms(world, saal):
    tag = naechster(5, wochen=3)
    with pytest.raises(services.BuchungNichtMoeglich) as exc:
        buchung(saal, um(tag, 10), um(tag, 11), akteur=world.akteur_a, nutzungsvereinbarung=None)
    assert "Nutzungsvereinbarung" in exc.value.messages[0]


def test_each_step_mails_the_partner_with_an_ics(
    world, saal, mailoutbox, django_capture_on_commit_callbacks
):
    tag = naechster(5, wochen=3)
    with django_capture_on_commit_callbacks(execute=True):
        b = buchung(
            saal, um(tag, 10), um(tag, 11), akteur=world.akteur_a, user=world.users["partner_a"]
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.bestaetigen(buchung=b, user=world.users["qm"])
    with django_capture_on_commit_callbacks(execute=True):
        services.stornieren(buchung=b, user=world.users["qm"], grund="Wasserschaden")
    an_partner = [m for m in mailoutbox if m.to == ["partner-a@example.org"]]
    assert [m.subject for m in an_partner] == [
        "Raumanfrage erhalten: Saal",
        "Raumbuchung bestätigt: Saal",
        "Raumbuchung storniert: Saal",
    ]
    # The office is told of the request (quartier.benachrichtigungen), nobody else is mailed.
    assert [(m.to, m.subject) for m in mailoutbox if m not in an_partner] == [
        (["mitarbeit@example.org"], "Raumanfrage"),
        (["qm@example.org"], "Raumanfrage"),
    ]
    filename, content, mimetype = an_partner[-1].attachments[0]
    content = content.encode() if isinstance(content, str) else content
    assert (filename, mimetype) == ("buchung.ics", "text/calendar")
    assert b"STATUS:CANCELLED" in content
    assert "Wasserschaden" in an_partner[-1].body


def test_decline_needs_a_reason(world, saal):
    tag = naechster(5, wochen=3)
    b = buchung(saal, um(tag, 10), um(tag, 11), akteur=world.akteur_a)
    with pytest.raises(services.BuchungNichtMoeglich):
        services.ablehnen(buchung=b, user=world.users["qm"], grund=" ")
    services.ablehnen(buchung=b, user=world.users["qm"], grund="Eigenbedarf")
    b.refresh_from_db()
    assert b.status == "abgelehnt" and not b.belegungen.filter(aktiv=True).exists()


def test_change_moves_the_occupancy_and_refuses_clashes(world, saal):
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 12), akteur=world.akteur_b)
    b = buchung(saal, um(tag, 14), um(tag, 16), akteur=world.akteur_a)
    with pytest.raises(services.BuchungNichtMoeglich):
        services.aendern(
            buchung=b,
            user=None,
            umfang="diese",
            von=um(tag, 11).time(),
            bis=um(tag, 13).time(),
            zweck="x",
            personen=5,
        )
    services.aendern(
        buchung=b,
        user=None,
        umfang="diese",
        von=um(tag, 17).time(),
        bis=um(tag, 19).time(),
        zweck="Probe",
        personen=5,
    )
    b.refresh_from_db()
    assert timezone.localtime(b.beginn).hour == 17
    assert b.belegungen.get().zeitraum.upper == um(tag, 19, 30)


def test_partner_change_of_a_confirmed_booking_goes_back_to_review(
    world, saal, mailoutbox, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from ..utils import client_for

    tag = naechster(5, wochen=3)
    b = buchung(
        saal, um(tag, 10), um(tag, 12), akteur=world.akteur_a, user=world.users["partner_a"]
    )
    services.bestaetigen(buchung=b, user=world.users["qm"])
    data = {"von": "14:00", "bis": "16:00", "zweck": "Größer", "personen": 60}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world, "partner_a").post(
            reverse("partner:buchung_aendern", args=[b.pk]), data
        )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.status == "angefragt" and b.personen == 60
    assert b.belegungen.get().aktiv  # the room stays held while the office decides
    an_partner = [m for m in mailoutbox if m.to == ["partner-a@example.org"]]
    assert "wir haben Ihre Raumanfrage erhalten" in an_partner[-1].body
    # The office is told again (with the first request, whose notice had not gone out yet).
    [an_qm] = [m for m in mailoutbox if m.to == ["qm@example.org"]]
    assert an_qm.subject == "Raumanfrage (2)" and "Größer" in an_qm.body
    # A room that confirms automatically stays confirmed, as a new request would be.
    saal.automatisch_bestaetigen = True
    saal.save()
    services.bestaetigen(buchung=b, user=world.users["qm"])
    client_for(world, "partner_a").post(reverse("partner:buchung_aendern", args=[b.pk]), data)
    b.refresh_from_db()
    assert b.status == "bestaetigt"
