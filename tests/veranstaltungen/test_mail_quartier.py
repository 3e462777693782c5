"""Every mail of rooms and events belongs to its area (the outbox is area-scoped: staff see
only their areas' mails)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quartier.models import OutgoingMail
from veranstaltungen import services

from .factories import buchung, naechster, um, veranstaltung

pytestmark = pytest.mark.django_db


class Neue:
    """The mails stored during a block."""

    def __enter__(self):
        self.vorher = set(OutgoingMail.objects.values_list("pk", flat=True))
        return self

    def __exit__(self, *exc):
        self.mails = list(OutgoingMail.objects.exclude(pk__in=self.vorher).order_by("pk"))

    def quartiere(self):
        return {m.quartier_id for m in self.mails}


def test_booking_and_series_reminder_mails_belong_to_the_room_area(world):
    fremd = world.extra["raeume"]["fremd"]  # a room in area B
    tag = naechster(3, wochen=2)
    with Neue() as angelegt:
        b = buchung(fremd, um(tag, 10), um(tag, 12), email="kasse@example.org")
    with Neue() as storniert:
        services.stornieren(buchung=b, user=None, grund="Fällt aus")
    with Neue() as serie:
        services.serie_buchen(
            regel="woechentlich",
            bis=tag + timedelta(days=7),
            alles_oder_nichts=False,
            raum=fremd,
            beginn=um(tag, 14),
            ende=um(tag, 15),
            zweck="Kurs",
            art="arbeitskreis",
            personen=5,
            user=None,
            name="Erika Muster",
            email="erika@example.org",
            durch_personal=True,
        )
    with Neue() as erinnerung:
        assert services.serien_erinnern(vorlauf=timedelta(days=60)) == 1
    for schritt in (angelegt, storniert, serie, erinnerung):
        assert schritt.mails and schritt.quartiere() == {world.quartier_b.pk}
    assert erinnerung.mails[0].to == ["erika@example.org"]


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
