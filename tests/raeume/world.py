"""Rooms and bookings in the test world: hall, kitchen and conference room in area A, a
room in area B, and one booking each for club A and club B."""

from django.db.models import Max

from quartier.models import OutgoingMail

from .factories import buchung, naechster, raeume, raum, um, vereinbarung


def extend(world):
    vorher = OutgoingMail.objects.aggregate(m=Max("pk"))["m"] or 0
    rooms = raeume(world.quartier_a)
    vereinbarung(world.quartier_a)
    rooms["fremd"] = raum(world.quartier_b, "Hafensaal", "hafensaal", kapazitaet=40)
    tag = naechster(2)
    world.extra["raeume"] = rooms
    world.extra["buchung_a"] = buchung(
        rooms["konferenz"],
        um(tag, 18),
        um(tag, 20),
        akteur=world.akteur_a,
        user=world.users["partner_a"],
        zweck="Vorstandssitzung Nachbarschaftsverein",
    )
    world.extra["buchung_b"] = buchung(
        rooms["saal"],
        um(tag, 18),
        um(tag, 21),
        akteur=world.akteur_b,
        user=world.users["partner_b"],
        zweck="Jahreshauptversammlung SV",
    )
    # The set-up's booking mails are no part of any test: the outbox of the world starts
    # empty (the outbox tests count the mails of an area).
    OutgoingMail.objects.filter(pk__gt=vorher).delete()
