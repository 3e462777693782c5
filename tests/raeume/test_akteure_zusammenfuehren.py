"""Merging duplicate actors in Netzwerk moves their bookings, feed and trusted rooms too,
although Netzwerk does not import raeume (it moves every relation generically)."""

import pytest

from netzwerk.services import akteure_zusammenfuehren
from raeume.models import Belegung, Buchung, Kalenderzugang

from ..factories import AkteurFactory
from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def test_merging_actors_moves_their_bookings_feed_and_trusted_rooms(world):
    saal = world.extra["raeume"]["saal"]
    doppelt = AkteurFactory(name="Nachbarschaftsverein (doppelt)", quartiere=[world.quartier_a])
    saal.vertraute_akteure.add(doppelt)
    tag = naechster(4, wochen=2)
    b = buchung(saal, um(tag, 10), um(tag, 12), akteur=doppelt, durch_personal=True)
    token = Kalenderzugang.objects.get(akteur=world.akteur_a).token

    akteure_zusammenfuehren(behalten=world.akteur_a, duplikate=[doppelt], user=world.users["qm"])

    b.refresh_from_db()
    assert b.akteur == world.akteur_a and b.ist_aktiv
    assert Belegung.objects.filter(buchung=b, aktiv=True).count() == 1
    assert list(saal.vertraute_akteure.all()) == [world.akteur_a]
    # The kept actor's subscribed feed link stays; the duplicate's goes with it.
    assert Kalenderzugang.objects.get(akteur=world.akteur_a).token == token
    assert Kalenderzugang.objects.count() == len(
        set(Buchung.objects.exclude(akteur=None).values_list("akteur", flat=True))
    )
