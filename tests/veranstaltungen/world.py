"""Events in the test world (after the rooms of `tests/raeume/world.py`): a public event
with registration and one registration, an internal event, and a submission of club A."""

from django.db.models import Max

from quartier.models import OutgoingMail
from veranstaltungen import services

from .factories import naechster, um, veranstaltung


def extend(world):
    vorher = OutgoingMail.objects.aggregate(m=Max("pk"))["m"] or 0
    world.extra["veranstaltung"] = veranstaltung(
        world.quartier_a,
        um(naechster(4), 15),
        titel="Familienfest am Lindenplatz",
        art="fest",
        zielgruppen=["familien"],
        anmeldung=True,
        kapazitaet=30,
    )
    world.extra["veranstaltung_intern"] = veranstaltung(
        world.quartier_a, um(naechster(4), 10), titel="Teamsitzung", oeffentlich=False
    )
    world.extra["einreichung_a"] = veranstaltung(
        world.quartier_a,
        um(naechster(5), 16),
        titel="Hoffest des Nachbarschaftsvereins",
        veranstalter=world.akteur_a,
        freigegeben=False,
    )
    world.extra["anmeldung"] = services.anmelden(
        veranstaltung=world.extra["veranstaltung"],
        name="Aylin Kaya",
        email="aylin@example.org",
        personen=2,
    )
    # The set-up's registration mails are no part of any test (see tests/raeume/world.py).
    OutgoingMail.objects.filter(pk__gt=vorher).delete()
