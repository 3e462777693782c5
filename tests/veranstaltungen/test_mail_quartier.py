"""Every mail of events belongs to the event's area (the outbox is area-scoped: staff see
only their areas' mails)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veranstaltungen import services

from ..raeume.test_mail_quartier import Neue
from .factories import naechster, um, veranstaltung

pytestmark = pytest.mark.django_db


def test_registration_mails_belong_to_the_event_area(world):
    v = veranstaltung(world.quartier_b, um(naechster(3), 18), anmeldung=True, kapazitaet=1)
    with Neue() as angemeldet:
        erste = services.anmelden(
            veranstaltung=v, name="Eins", email="eins@example.org", personen=1
        )
    with Neue() as warteliste:
        services.anmelden(veranstaltung=v, name="Zwei", email="zwei@example.org", personen=1)
    with Neue() as nachgerueckt:
        services.abmelden(anmeldung=erste)
    with Neue() as rundmail:
        services.rundmail(
            veranstaltung=v, user=None, betreff="Treffpunkt", text="Am Brunnen.", warteliste=True
        )
    with Neue() as abgesagt:
        services.veranstaltung_absagen(veranstaltung=v, user=None, notiz="Unwetter")
    for schritt in (angemeldet, warteliste, nachgerueckt, rundmail, abgesagt):
        assert schritt.mails and schritt.quartiere() == {world.quartier_b.pk}


def test_reminder_the_day_before_belongs_to_the_event_area(world):
    from datetime import datetime, time

    morgen = timezone.localdate() + timedelta(days=1)
    v = veranstaltung(
        world.quartier_b,
        timezone.make_aware(datetime.combine(morgen, time(18))),
        anmeldung=True,
        kapazitaet=10,
    )
    services.anmelden(veranstaltung=v, name="Lea", email="lea@example.org", personen=1)
    with Neue() as erinnerung:
        assert services.erinnern() == 1
    assert erinnerung.quartiere() == {world.quartier_b.pk}
