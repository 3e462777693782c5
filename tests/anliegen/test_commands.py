from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from anliegen.models import Anliegen

from ..factories import UserFactory
from .factories import AnliegenFactory


@pytest.mark.django_db
def test_daily_digest_command_reports_how_many_mails_it_queued(capsys):
    person = UserFactory(email="zustaendig@example.org")
    AnliegenFactory(zustaendig=person, frist=timezone.localdate() - timedelta(days=2))
    call_command("anliegen_tagesuebersicht")
    assert "1 Übersicht" in capsys.readouterr().out


@pytest.mark.django_db
def test_retention_command_deletes_old_spam(capsys):
    AnliegenFactory(spam=True, spam_markiert_at=timezone.now() - timedelta(days=31))
    call_command("anliegen_aufbewahrung")
    assert "1 gelöscht" in capsys.readouterr().out
    assert not Anliegen.objects.exists()


@pytest.mark.django_db
def test_demo_data_has_150_concerns_in_every_status_with_answers_and_forwardings():
    from anliegen import demo as anliegen_demo
    from netzwerk import demo as netzwerk_demo
    from quartier import demo

    context = demo.load()
    netzwerk_demo.load(context)
    anliegen_demo.load(context)
    anliegen_demo.load(context)  # idempotent
    qs = Anliegen.objects.filter(quartier=context.quartier)
    assert qs.count() == 150
    assert set(qs.values_list("status", flat=True)) == set(Anliegen.Status.values)
    alt = timezone.now() - qs.order_by("eingegangen_at").first().eingegangen_at
    assert alt > timedelta(days=500)
    assert qs.filter(weiterleitungen__isnull=False).exists()
    assert not qs.filter(status__in=["erledigt", "beantwortet"], antwort="").exists()
    assert len(set(qs.values_list("nummer", flat=True))) == 150
