"""Series: RFC 5545 rules, clashes listed and the rest booked, scopes of cancel/change,
and the reminder before a series runs out."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from quartier import recurrence
from raeume import services
from raeume.models import Buchung, Nutzungsvereinbarung, Serie

from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def test_rules_follow_rfc5545():
    erster = date(2026, 12, 8)  # the second Tuesday of December
    assert recurrence.regel("monatlich", erster, date(2027, 3, 31)) == (
        "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270331T235959"
    )
    assert recurrence.termine(recurrence.regel("monatlich", erster, date(2027, 3, 31)), erster) == [
        date(2026, 12, 8),
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
    ]
    zwei = recurrence.termine(
        recurrence.regel("zweiwoechentlich", erster, date(2027, 1, 31)), erster
    )
    assert zwei == [date(2026, 12, 8), date(2026, 12, 22), date(2027, 1, 5), date(2027, 1, 19)]
    letzter = date(2026, 12, 29)  # the last Tuesday
    assert "BYDAY=-1TU" in recurrence.regel("monatlich", letzter, date(2027, 3, 31))


def _serie(world, raum, erster, bis, *, alles_oder_nichts=False):
    return services.serie_buchen(
        wunsch=services.Buchungswunsch(
            raum=raum,
            beginn=um(erster, 18),
            ende=um(erster, 20),
            zweck="Arbeitskreis Wohnen",
            art="arbeitskreis",
            personen=10,
            akteur=world.akteur_a,
            nutzungsvereinbarung=Nutzungsvereinbarung.aktuelle(world.quartier_a),
        ),
        user=world.users["partner_a"],
        regel="woechentlich",
        bis=bis,
        alles_oder_nichts=alles_oder_nichts,
    )


def test_weekly_series_books_free_dates_and_lists_the_clash(world):
    saal = world.extra["raeume"]["saal"]
    erster = naechster(1, wochen=2)
    buchung(saal, um(erster + timedelta(days=14), 19), um(erster + timedelta(days=14), 21))
    ergebnis = _serie(world, saal, erster, erster + timedelta(days=35))
    assert len(ergebnis.gebucht) == 5
    assert [tag for tag, _ in ergebnis.konflikte] == [erster + timedelta(days=14)]
    assert "belegt" in ergebnis.konflikte[0][1][0]
    assert ergebnis.serie.buchungen.count() == 5


def test_series_all_or_nothing_books_nothing_on_a_clash(world):
    saal = world.extra["raeume"]["saal"]
    erster = naechster(1, wochen=2)
    buchung(saal, um(erster + timedelta(days=7), 18), um(erster + timedelta(days=7), 19))
    with pytest.raises(services.BuchungNichtMoeglich):
        _serie(world, saal, erster, erster + timedelta(days=28), alles_oder_nichts=True)
    assert not Serie.objects.exists()
    assert Buchung.objects.filter(akteur=world.akteur_a, raum=saal).count() == 0


def test_cancel_this_following_or_all(world):
    saal = world.extra["raeume"]["saal"]
    erster = naechster(1, wochen=2)
    termine = _serie(world, saal, erster, erster + timedelta(days=49)).gebucht
    assert len(termine) == 8
    user = world.users["partner_a"]
    assert len(services.stornieren(buchung=termine[1], user=user, grund="Ferien")) == 1
    assert (
        len(services.stornieren(buchung=termine[5], user=user, grund="Ende", umfang="folgende"))
        == 3
    )
    rest = services.stornieren(buchung=termine[0], user=user, grund="Aufgelöst", umfang="alle")
    assert [b.pk for b in rest] == [termine[i].pk for i in (0, 2, 3, 4)]
    assert not Buchung.objects.filter(serie=termine[0].serie, status__in=Buchung.AKTIV).exists()


def test_change_all_following_dates_moves_them(world):
    saal = world.extra["raeume"]["saal"]
    erster = naechster(1, wochen=2)
    termine = _serie(world, saal, erster, erster + timedelta(days=21)).gebucht
    services.aendern(
        buchung=termine[2],
        user=None,
        umfang="folgende",
        von=um(erster, 17).time(),
        bis=um(erster, 19).time(),
        zweck="AK Wohnen",
        personen=12,
    )
    stunden = [
        timezone.localtime(b.beginn).hour for b in Buchung.objects.filter(serie=termine[0].serie)
    ]
    assert stunden == [18, 18, 17, 17]


def test_reminder_before_a_series_runs_out_is_sent_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    saal = world.extra["raeume"]["saal"]
    erster = timezone.localdate() + timedelta(days=1)
    saal.vorlauf_min = timedelta(0)
    saal.save()
    _serie(world, saal, erster, erster + timedelta(days=7))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("serien_erinnerung", "--tage=14")
        call_command("serien_erinnerung", "--tage=14")
    assert [m.subject for m in mailoutbox] == ["Ihre Serie im Raum Saal läuft bald aus"]
    assert "Arbeitskreis Wohnen" in mailoutbox[0].body
