"""Reports due: the responsible staff are reminded once, before the date, also when the
command runs twice or a day is missed."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from projekte.models import Nachweis
from projekte.services import nachweise_erinnern
from quartier.models import OutgoingMail

FAELLIG = date(2026, 6, 30)


def _mails():
    return list(OutgoingMail.objects.filter(subject__contains="nachweis"))


@pytest.fixture
def nachweis(world):
    bewilligung = world.extra["projekte"]["bewilligung"]
    bewilligung.zustaendig = world.users["qm"]
    bewilligung.save()
    return Nachweis.objects.create(
        bewilligung=bewilligung, art=Nachweis.Art.ZWISCHENNACHWEIS, faellig_am=FAELLIG
    )


@pytest.mark.django_db
def test_a_report_is_announced_once_within_two_weeks_before_its_date(nachweis, world):
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=15)) == 0  # too early
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=14)) == 1
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=14)) == 0  # run twice
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=3)) == 0  # the next days
    (mail,) = _mails()
    assert mail.to == [world.users["qm"].email]
    assert "Zwischennachweis" in mail.subject and "Hausaufgabenhilfe" in mail.subject
    assert "30.06.2026" in mail.body and "14 Tagen" in mail.body and "BIWAQ-1" in mail.body


@pytest.mark.django_db
def test_missed_days_are_caught_up_but_never_after_the_date(nachweis, world):
    # The command did not run for ten days: the next run still announces it.
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=1)) == 1
    spaet = Nachweis.objects.create(
        bewilligung=nachweis.bewilligung,
        art=Nachweis.Art.VERWENDUNGSNACHWEIS,
        faellig_am=FAELLIG - timedelta(days=2),
    )
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=1)) == 0  # its date is past
    spaet.refresh_from_db()
    assert spaet.erinnert_at is None


@pytest.mark.django_db
def test_a_submitted_report_is_not_announced(nachweis):
    nachweis.eingereicht_am = FAELLIG - timedelta(days=20)
    nachweis.save()
    assert nachweise_erinnern(heute=FAELLIG - timedelta(days=5)) == 0
    assert _mails() == []


@pytest.mark.django_db
def test_without_a_responsible_person_those_who_decide_money_are_told(nachweis, world):
    nachweis.bewilligung.zustaendig = None
    nachweis.bewilligung.save()
    nachweise_erinnern(heute=FAELLIG - timedelta(days=5))
    (mail,) = _mails()
    assert world.users["qm"].email in mail.to
    assert world.users["mitarbeit"].email not in mail.to  # records, does not decide money
    assert world.users["stadt"].email not in mail.to


@pytest.mark.django_db
def test_the_daily_command_runs(nachweis, capsys):
    Nachweis.objects.create(
        bewilligung=nachweis.bewilligung,
        art=Nachweis.Art.VERWENDUNGSNACHWEIS,
        faellig_am=timezone.localdate() + timedelta(days=5),
    )
    call_command("nachweise_erinnern")
    assert "1 reports due reminded" in capsys.readouterr().out
