"""Every mail of rooms belongs to the room's area (the outbox is area-scoped: staff see
only their areas' mails)."""

from datetime import timedelta

import pytest

from quartier.models import OutgoingMail
from raeume import services

from .factories import buchung, naechster, um

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
            wunsch=services.Buchungswunsch(
                raum=fremd,
                beginn=um(tag, 14),
                ende=um(tag, 15),
                zweck="Kurs",
                art="arbeitskreis",
                personen=5,
                name="Erika Muster",
                email="erika@example.org",
            ),
            user=None,
            regel="woechentlich",
            bis=tag + timedelta(days=7),
            durch_personal=True,
        )
    with Neue() as erinnerung:
        assert services.serien_erinnern(vorlauf=timedelta(days=60)) == 1
    for schritt in (angelegt, storniert, serie, erinnerung):
        assert schritt.mails and schritt.quartiere() == {world.quartier_b.pk}
    assert erinnerung.mails[0].to == ["erika@example.org"]
