"""Notifications: whatever waits for someone tells them, as each person chooses, and a
series is one message (issue 10, item 6). Tests read the mail outbox (`OutgoingMail`)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from anliegen import services as anliegen_services
from anliegen.models import Anliegen
from projekte.models import Antragskosten
from quartier import benachrichtigungen
from quartier.benachrichtigungen import KEIN_ZUSTAND, REGELN, WARTEZUSTAENDE
from quartier.models import (
    Benachrichtigung,
    Benachrichtigungsart,
    Benachrichtigungseinstellung,
    OutgoingMail,
    Zustellung,
)
from quartier.roles import Rolle
from raeume import services as raeume_services
from raeume.models import Buchung, Nutzungsvereinbarung
from veranstaltungen import services as veranstaltungen_services
from veranstaltungen.models import Veranstaltung

from ..factories import UserFactory
from ..raeume.factories import naechster, um
from ..utils import client_for, get_page

Art = Benachrichtigungsart
pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(world):
    """The shared world without the notices its set-up stored, plus the quartier manager
    of area B (who must never hear of area A)."""
    Benachrichtigung.objects.all().delete()
    OutgoingMail.objects.all().delete()
    world.extra["qm_b"] = UserFactory(
        email="qm-b@example.org",
        name="Ole Hansen",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[world.quartier_b],
    )
    return world


def _empfaenger(art) -> set[str]:
    return set(Benachrichtigung.objects.filter(art=art).values_list("user__email", flat=True))


def _mails_an(user) -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(to=[user.email]).order_by("pk"))


def _wunsch(world, raum, beginn, **extra):
    return raeume_services.Buchungswunsch(
        raum=raum,
        beginn=beginn,
        ende=beginn + timedelta(hours=2),
        zweck="Arbeitskreis Wohnen",
        art="arbeitskreis",
        personen=8,
        akteur=world.akteur_a,
        nutzungsvereinbarung=Nutzungsvereinbarung.aktuelle(world.quartier_a),
        **extra,
    )


def _einreichen(world, **extra) -> Veranstaltung:
    beginn = um(naechster(2, wochen=3), 16)
    return veranstaltungen_services.veranstaltung_einreichen(
        veranstaltung=Veranstaltung(
            titel="Erzählcafé",
            art=Veranstaltung.Art.TREFFEN,
            beginn=beginn,
            ende=beginn + timedelta(hours=2),
            adresse="Brunnenstraße 14",
            zielgruppen=["senioren"],
            veranstalter=world.akteur_a,
            **extra,
        ),
        user=world.users["partner_a"],
    )


def _melden(world, **extra):
    daten = {
        "art": Anliegen.Art.MANGEL,
        "beschreibung": "Die Laterne vor Haus 12 ist seit Tagen dunkel.",
        "strasse": "Brunnenstraße",
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        **extra,
    }
    kategorie = world.extra["kategorie"]
    return anliegen_services.melden(quartier=kategorie.quartier, kategorie=kategorie, **daten)[0]


# --- each kind reaches exactly the right people ---------------------------------------------


def _eingegangen(w):
    _melden(w)
    return {"qm", "mitarbeit"}


def _zugewiesen(w):
    anliegen_services.zuweisen(
        anliegen_ids=[w.extra["anliegen_privat"].pk],
        zustaendig=w.users["mitarbeit"],
        user=w.users["qm"],
    )
    return {"mitarbeit"}


def _ergaenzt(w):
    anliegen_services.ergaenzen(anliegen=w.extra["anliegen_privat"], text="Auch Haus 14.")
    return {"qm", "mitarbeit"}  # nobody assigned: the area's team


def _nicht_geloest(w):
    anliegen = w.extra["anliegen_privat"]
    Anliegen.objects.filter(pk=anliegen.pk).update(zustaendig=w.users["mitarbeit"])
    anliegen_services.status_setzen(
        anliegen=anliegen, status="erledigt", user=w.users["qm"], antwort="Repariert."
    )
    anliegen.refresh_from_db()
    anliegen_services.nicht_geloest(anliegen=anliegen, begruendung="Wieder dunkel.")
    return {"mitarbeit"}  # the person assigned only


def _beantwortet(w):
    anliegen_services.weiterleitung_beantworten(
        weiterleitung=w.extra["weiterleitung"], antwort="Wird nächste Woche repariert."
    )
    return {"qm", "mitarbeit"}


def _angefragt(w):
    raeume_services.buchen(
        wunsch=_wunsch(w, w.extra["raeume"]["konferenz"], um(naechster(3, wochen=3), 18)),
        user=w.users["partner_a"],
    )
    return {"qm", "mitarbeit"}


def _eingereicht(w):
    _einreichen(w)
    return {"qm", "mitarbeit"}


def _freigegeben(w):
    veranstaltungen_services.veranstaltung_freigeben(
        veranstaltung=w.extra["einreichung_a"], user=w.users["qm"]
    )
    return {"partner_a"}


def _abgelehnt(w):
    veranstaltungen_services.veranstaltung_absagen(
        veranstaltung=w.extra["einreichung_a"], user=w.users["qm"], notiz="Passt nicht."
    )
    return {"partner_a"}


def _zur_pruefung(w):
    from ..netzwerk.test_partner import profil

    response = client_for(w, "partner_a").post(
        reverse("partner:akteur_edit", args=[w.akteur_a.slug]),
        profil(w.akteur_a, oeffnungszeiten="Di 15–18 Uhr"),
    )
    assert response.status_code == 302
    return {"qm", "mitarbeit"}


def _bericht_eingereicht(w):
    from projekte import services as projekte_services
    from projekte.models import Sachbericht

    projekte_services.sachbericht_einreichen(
        sachbericht=Sachbericht(
            projekt=w.extra["projekte"]["projekt"],
            von=timezone.localdate().replace(month=1, day=1),
            bis=timezone.localdate(),
            text="14 Kinder jede Woche.",
        ),
        user=w.users["partner_a"],
    )
    return {"qm", "mitarbeit"}


def _artikel_eingereicht(w):
    from django.urls import reverse

    from ..utils import client_for

    antwort = client_for(w, "partner_a").post(
        reverse("partner:artikel_einreichen"),
        {
            "akteur": w.akteur_a.pk,
            "titel": "Kinderflohmarkt im Hof",
            "text": "Am Samstag wird getauscht.",
            "autor": "Elif Demir",
            "fotos-TOTAL_FORMS": 0,
            "fotos-INITIAL_FORMS": 0,
            "fotos-MIN_NUM_FORMS": 0,
            "fotos-MAX_NUM_FORMS": 3,
        },
    )
    assert antwort.status_code == 302
    return {"qm", "redaktion"}


def _antrag_im_status(w, status):
    from projekte.models import Antrag

    antrag = w.extra["projekte"]["antrag"]
    Antrag.objects.filter(pk=antrag.pk).update(status=status)
    antrag.refresh_from_db()
    return antrag


def _antrag_eingegangen(w):
    from projekte import services as projekte_services

    entwurf = w.extra["projekte"]["entwurf"]
    entwurf.beschreibung, entwurf.beantragt = "Ein Flohmarkt im Hof.", 100
    projekte_services.antrag_senden(
        antrag=entwurf,
        kosten=[Antragskosten(art="material", bezeichnung="Tische", betrag=100)],
        entwurf=False,
    )
    return {"qm", "mitarbeit"}


def _antrag_beantwortet(w):
    from projekte import services as projekte_services

    projekte_services.antrag_beantworten(
        antrag=_antrag_im_status(w, "rueckfrage"), text="Im Hof der Nummer 14."
    )
    return {"qm", "mitarbeit"}


def _antrag_nachweis(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projekte import services as projekte_services

    projekte_services.nachweis_einreichen(
        antrag=_antrag_im_status(w, "in_durchfuehrung"),
        bericht="Schön war es.",
        ist_kosten=480,
        belege=[SimpleUploadedFile("beleg.pdf", b"%PDF-1.4\n%%EOF")],
    )
    return {"qm", "mitarbeit"}


def _antrag_zurueckgezogen(w):
    from projekte import services as projekte_services

    projekte_services.antrag_zurueckziehen(antrag=w.extra["projekte"]["antrag"])
    return {"qm", "mitarbeit"}


def _bericht_geprueft(w):
    from projekte import services as projekte_services

    projekte_services.sachbericht_pruefen(
        sachbericht=w.extra["projekte"]["sachbericht"],
        status="nachbessern",
        rueckmeldung="Bitte die Zahl der Termine ergänzen.",
        user=w.users["qm"],
    )
    return {"partner_a"}  # the Träger's users, not the cooperation partners


AUSLOESER = {
    Art.AKTEUR_ZUR_PRUEFUNG: _zur_pruefung,
    Art.SACHBERICHT_EINGEREICHT: _bericht_eingereicht,
    Art.ARTIKEL_EINGEREICHT: _artikel_eingereicht,
    Art.SACHBERICHT_GEPRUEFT: _bericht_geprueft,
    Art.ANTRAG_EINGEGANGEN: _antrag_eingegangen,
    Art.ANTRAG_BEANTWORTET: _antrag_beantwortet,
    Art.ANTRAG_NACHWEIS: _antrag_nachweis,
    Art.ANTRAG_ZURUECKGEZOGEN: _antrag_zurueckgezogen,
    Art.ANLIEGEN_EINGEGANGEN: _eingegangen,
    Art.ANLIEGEN_ZUGEWIESEN: _zugewiesen,
    Art.ANLIEGEN_ERGAENZT: _ergaenzt,
    Art.ANLIEGEN_NICHT_GELOEST: _nicht_geloest,
    Art.WEITERLEITUNG_BEANTWORTET: _beantwortet,
    Art.BUCHUNG_ANGEFRAGT: _angefragt,
    Art.VERANSTALTUNG_EINGEREICHT: _eingereicht,
    Art.VERANSTALTUNG_FREIGEGEBEN: _freigegeben,
    Art.VERANSTALTUNG_ABGELEHNT: _abgelehnt,
}


def test_every_kind_has_a_rule_and_a_test_of_who_it_reaches():
    assert set(REGELN) == set(Art.values) == set(AUSLOESER)


@pytest.mark.parametrize("art", list(AUSLOESER))
def test_each_kind_reaches_exactly_the_people_it_waits_for(
    welt, art, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erwartet = AUSLOESER[art](welt)
    emails = {welt.users[p].email for p in erwartet}
    # Not the other area's staff, not roles without the permission, not the other partner.
    assert _empfaenger(art) == emails
    for persona, user in welt.users.items():
        art_mails = [m for m in _mails_an(user) if m.subject.split(" (")[0] == str(art.label)]
        assert len(art_mails) == (1 if persona in erwartet else 0), persona
    assert not _mails_an(welt.extra["qm_b"])
    assert not Benachrichtigung.objects.filter(art=art, gesendet_at=None).exists()


def test_an_assigned_concern_tells_the_assignee_of_an_addition_not_the_team(welt):
    anliegen = welt.extra["anliegen_privat"]
    Anliegen.objects.filter(pk=anliegen.pk).update(zustaendig=welt.users["qm"])
    anliegen.refresh_from_db()
    anliegen_services.ergaenzen(anliegen=anliegen, text="Auch Haus 14.")
    assert _empfaenger(Art.ANLIEGEN_ERGAENZT) == {welt.users["qm"].email}


def test_the_person_acting_is_not_told_of_their_own_step(welt):
    anliegen_services.zuweisen(
        anliegen_ids=[welt.extra["anliegen_privat"].pk],
        zustaendig=welt.users["qm"],
        user=welt.users["qm"],
    )
    assert not Benachrichtigung.objects.exists()


def test_a_submitted_event_in_a_room_is_one_notice_not_also_a_booking_request(welt):
    _einreichen(welt, raum=welt.extra["raeume"]["konferenz"])
    assert _empfaenger(Art.VERANSTALTUNG_EINGEREICHT) == {
        welt.users["qm"].email,
        welt.users["mitarbeit"].email,
    }
    assert not Benachrichtigung.objects.filter(art=Art.BUCHUNG_ANGEFRAGT).exists()


# --- the bar: the office and the partner get their mail -----------------------------


def test_the_office_hears_of_concern_request_and_submission_and_the_partner_of_publication(
    welt, django_capture_on_commit_callbacks
):
    qm, partner = welt.users["qm"], welt.users["partner_a"]
    with django_capture_on_commit_callbacks(execute=True):
        anliegen = _melden(welt)
    with django_capture_on_commit_callbacks(execute=True):
        _angefragt(welt)
    with django_capture_on_commit_callbacks(execute=True):
        v = _einreichen(welt)
    with django_capture_on_commit_callbacks(execute=True):
        veranstaltungen_services.veranstaltung_freigeben(veranstaltung=v, user=qm)
    betreffe = [m.subject for m in _mails_an(qm)]
    assert betreffe == ["Neues Anliegen", "Raumanfrage", "Von Partner eingereichte Veranstaltung"]
    neu = _mails_an(qm)[0]
    assert anliegen.nummer in neu.body
    assert "http://testserver" in neu.body or "/admin/anliegen/anliegen/" in neu.body
    # The resident's name and address stay in the back office.
    assert "erika" not in neu.body.lower() and "Mustermann" not in neu.body
    assert neu.quartier == welt.quartier_a
    [veroeffentlicht] = [m for m in _mails_an(partner) if "veröffentlicht" in m.subject]
    assert "Erzählcafé" in veroeffentlicht.body
    assert reverse("partner:veranstaltung_partner_detail", args=[v.pk]) in veroeffentlicht.body


def test_the_notice_is_stored_even_when_the_mail_server_fails(
    welt, monkeypatch, django_capture_on_commit_callbacks
):
    def kaputt(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", kaputt)
    with django_capture_on_commit_callbacks(execute=True):
        _melden(welt)
    [stored] = _mails_an(welt.users["qm"])
    assert stored.sent_at is None and "SMTP down" in stored.last_error
    assert stored.attempts == 1 and stored.next_attempt_at > timezone.now()
    assert stored.subject == "Neues Anliegen"


# --- immediately, daily, never ------------------------------------------------------------


def test_daily_digest_collects_everything_in_one_mail_and_a_second_run_sends_nothing(
    welt, django_capture_on_commit_callbacks
):
    qm = welt.users["qm"]
    for art in (Art.ANLIEGEN_EINGEGANGEN, Art.BUCHUNG_ANGEFRAGT):
        Benachrichtigungseinstellung.objects.create(user=qm, art=art, zustellung="taeglich")
    with django_capture_on_commit_callbacks(execute=True):
        _melden(welt)
        _melden(welt, beschreibung="Bank am Spielplatz kaputt.")
        _angefragt(welt)
    assert not _mails_an(qm)  # nothing at once
    assert len(_mails_an(welt.users["mitarbeit"])) == 2  # who chose nothing: at once
    with django_capture_on_commit_callbacks(execute=True):
        call_command("benachrichtigungen_zusammenfassen", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("benachrichtigungen_zusammenfassen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = _mails_an(qm)
    assert digest.subject == "Tägliche Übersicht: 3 Benachrichtigungen"
    assert "Neues Anliegen (2)" in digest.body and "Raumanfrage (1)" in digest.body
    assert not Benachrichtigung.objects.filter(gesendet_at=None).exists()


def test_never_stores_nothing_and_sends_nothing(welt, django_capture_on_commit_callbacks):
    qm = welt.users["qm"]
    Benachrichtigungseinstellung.objects.create(
        user=qm, art=Art.ANLIEGEN_EINGEGANGEN, zustellung="nie"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _melden(welt)
        benachrichtigungen.zusammenfassen()
    assert not _mails_an(qm)
    assert _empfaenger(Art.ANLIEGEN_EINGEGANGEN) == {welt.users["mitarbeit"].email}


def test_sent_notices_are_deleted_after_the_mail_keeping_time(welt, settings):
    _melden(welt)
    benachrichtigungen.sofort_senden()
    assert Benachrichtigung.objects.filter(gesendet_at__isnull=False).count() == 2
    benachrichtigungen.zusammenfassen(
        jetzt=timezone.now() + timedelta(days=settings.MAIL_KEEP_DAYS + 1)
    )
    assert not Benachrichtigung.objects.exists()


def test_a_rolled_back_change_tells_nobody(welt, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _melden(welt)
                raise RuntimeError
        except RuntimeError:
            pass
    assert not Benachrichtigung.objects.exists() and not OutgoingMail.objects.exists()


# --- a series is one message ------------------------------------------------------------------


def _sieben_termine(welt):
    erster = naechster(1, wochen=3)
    return raeume_services.serie_buchen(
        wunsch=_wunsch(welt, welt.extra["raeume"]["konferenz"], um(erster, 18)),
        user=welt.users["partner_a"],
        regel="woechentlich",
        bis=erster + timedelta(weeks=6),
    )


def test_a_requested_series_is_one_mail_to_each_of_the_office(
    welt, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ergebnis = _sieben_termine(welt)
    assert len(ergebnis.gebucht) == 7
    [mail] = _mails_an(welt.users["qm"])
    assert mail.subject == "Raumanfrage (7)" and mail.body.count("Konferenzraum 1 ·") == 7


def test_confirming_seven_selected_dates_in_the_admin_sends_one_mail(
    welt, django_capture_on_commit_callbacks
):
    ergebnis = _sieben_termine(welt)
    OutgoingMail.objects.all().delete()
    qm = client_for(welt, "qm")
    with django_capture_on_commit_callbacks(execute=True):
        response = qm.post(
            reverse("admin:raeume_buchung_changelist"),
            {
                "action": "bestaetigen",
                "_selected_action": [b.pk for b in ergebnis.gebucht],
                "bestaetigt": "ja",  # the confirmation page's answer
            },
        )
    assert response.status_code == 302
    assert Buchung.objects.filter(serie=ergebnis.serie, status="bestaetigt").count() == 7
    [mail] = OutgoingMail.objects.filter(to=[ergebnis.gebucht[0].email])
    assert mail.body.count("Konferenzraum 1 (bestätigt)") == 7


def test_confirming_the_whole_series_sends_one_mail(welt, django_capture_on_commit_callbacks):
    ergebnis = _sieben_termine(welt)
    OutgoingMail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        raeume_services.bestaetigen(
            buchung=ergebnis.gebucht[0], user=welt.users["qm"], umfang="alle"
        )
    assert OutgoingMail.objects.count() == 1


def test_a_staff_event_series_tells_the_actor_once(welt, django_capture_on_commit_callbacks):
    beginn = um(naechster(3, wochen=3), 10)
    welt.akteur_a.email = "verein@example.org"
    welt.akteur_a.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        termine = veranstaltungen_services.veranstaltung_anlegen(
            veranstaltung=Veranstaltung(
                quartier=welt.quartier_a,
                titel="Sprachcafé",
                art=Veranstaltung.Art.TREFFEN,
                beginn=beginn,
                ende=beginn + timedelta(hours=2),
                zielgruppen=["alle"],
                veranstalter=welt.akteur_a,
                raum=welt.extra["raeume"]["konferenz"],
            ),
            user=welt.users["qm"],
            regel="woechentlich",
            bis=beginn.date() + timedelta(weeks=4),
        )
    assert len(termine) == 5
    [mail] = OutgoingMail.objects.filter(to=["verein@example.org"])
    assert mail.body.count("Konferenzraum 1") >= 5


def test_publishing_several_submissions_at_once_tells_the_partner_once(
    welt, django_capture_on_commit_callbacks
):
    eingereicht = [welt.extra["einreichung_a"], _einreichen(welt), _einreichen(welt)]
    OutgoingMail.objects.all().delete()
    qm = client_for(welt, "qm")
    with django_capture_on_commit_callbacks(execute=True):
        response = qm.post(
            reverse("admin:veranstaltungen_veranstaltung_changelist"),
            {"action": "freigeben", "_selected_action": [v.pk for v in eingereicht]},
        )
    assert response.status_code == 302
    assert (
        Veranstaltung.objects.filter(pk__in=[v.pk for v in eingereicht], freigegeben=True).count()
        == 3
    )
    [mail] = _mails_an(welt.users["partner_a"])
    assert mail.subject == "Ihre Veranstaltung wurde veröffentlicht (3)"


# --- every state that waits for someone is covered ---------------------------------------------


def _zustandsfelder():
    """Every model field named `status` with choices, in every app of the project."""
    eigene = {
        a.label for a in apps.get_app_configs() if Path(a.path).is_relative_to(settings.BASE_DIR)
    }
    eigene -= {a.label for a in apps.get_app_configs() if ".venv" in Path(a.path).parts}
    for model in apps.get_models():
        if model._meta.app_label not in eigene:
            continue
        for feld in model._meta.concrete_fields:
            if feld.name == "status" and feld.choices:
                yield model, feld


def test_every_state_of_every_model_says_who_it_waits_for():
    """A new status (or a new model with one) fails here until it is said who is told."""
    gefunden = 0
    for model, feld in _zustandsfelder():
        schluessel = f"{model._meta.label}.{feld.name}"
        if schluessel in KEIN_ZUSTAND:
            continue
        assert schluessel in WARTEZUSTAENDE, f"{schluessel}: who is told of its states?"
        werte = {str(wert) for wert, _label in feld.choices}
        assert set(WARTEZUSTAENDE[schluessel]) == werte, schluessel
        gefunden += 1
    assert gefunden >= 4


@pytest.mark.parametrize("schluessel", list(WARTEZUSTAENDE))
def test_who_is_told_of_each_state_exists(schluessel):
    teile = schluessel.split(".")
    model = apps.get_model(teile[0], teile[1])
    if len(teile) > 2:
        model._meta.get_field(teile[2])  # the field exists
    for wer in WARTEZUSTAENDE[schluessel].values():
        if wer is None:
            continue
        if wer in REGELN:
            continue
        get_template(f"{wer}.txt")
        get_template(f"{wer}_subject.txt")


# --- a person's choices -------------------------------------------------------------------------


def test_staff_choose_their_notifications_and_the_choice_is_kept(welt):
    qm = client_for(welt, "qm")
    url = reverse("partner:benachrichtigungen")
    response = get_page(qm, url, max_queries=12)
    felder = response.context["form"].fields
    assert Art.ANLIEGEN_EINGEGANGEN in felder and Art.VERANSTALTUNG_FREIGEGEBEN not in felder
    daten = {art: "sofort" for art in felder}
    daten[Art.BUCHUNG_ANGEFRAGT] = "taeglich"
    response = qm.post(url, daten)
    assert response.status_code == 302
    assert benachrichtigungen.zustellungen([welt.users["qm"]], Art.BUCHUNG_ANGEFRAGT) == {
        welt.users["qm"].pk: Zustellung.TAEGLICH
    }


def test_partners_see_only_their_kinds_and_bad_input_is_explained(welt):
    partner = client_for(welt, "partner_a")
    url = reverse("partner:benachrichtigungen")
    response = get_page(partner, url, max_queries=12)
    assert set(response.context["form"].fields) == {
        Art.VERANSTALTUNG_FREIGEGEBEN,
        Art.VERANSTALTUNG_ABGELEHNT,
        Art.SACHBERICHT_GEPRUEFT,
    }
    response = partner.post(
        url, {Art.VERANSTALTUNG_FREIGEGEBEN: "gleich", Art.VERANSTALTUNG_ABGELEHNT: "nie"}
    )
    assert response.status_code == 200
    assert "gültige Auswahl" in str(response.context["form"].errors[Art.VERANSTALTUNG_FREIGEGEBEN])
    assert not Benachrichtigungseinstellung.objects.exists()


def test_city_staff_have_no_notifications_to_choose(welt):
    response = get_page(
        client_for(welt, "stadt"), reverse("partner:benachrichtigungen"), max_queries=12
    )
    assert not response.context["form"].fields
    assert "Für Ihr Konto gibt es keine Benachrichtigungen." in response.content.decode()


def test_the_back_office_links_to_the_settings(welt):
    html = client_for(welt, "mitarbeit").get(reverse("admin:index")).content.decode()
    assert reverse("partner:benachrichtigungen") in html
