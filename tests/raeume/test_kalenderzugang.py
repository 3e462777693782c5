"""The organisation's private feed token is made with its first booking, never on a GET;
tokens of existing subscriptions stay valid."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raeume.models import Kalenderzugang

from ..factories import AkteurFactory
from ..utils import client_for
from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def test_booking_list_never_writes_and_the_first_booking_makes_the_feed(world):
    neu = AkteurFactory(name="Kulturkreis", slug="kulturkreis", quartiere=[world.quartier_a])
    neu.mitglieder.add(world.users["partner_a"])
    partner = client_for(world, "partner_a")
    with CaptureQueriesContext(connection) as ctx:
        html = partner.get(reverse("partner:buchung_list")).content.decode()
    geschrieben = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert geschrieben == []
    assert not Kalenderzugang.objects.filter(akteur=neu).exists()
    assert "Kulturkreis: der Link erscheint mit der ersten Buchung" in html
    bestehend = Kalenderzugang.objects.get(akteur=world.akteur_a)  # from the world's booking
    assert bestehend.get_absolute_url() in html

    tag = naechster(2, wochen=5)
    konferenz = world.extra["raeume"]["konferenz"]
    buchung(konferenz, um(tag, 9), um(tag, 10), akteur=neu, user=world.users["partner_a"])
    zugang = Kalenderzugang.objects.get(akteur=neu)
    assert (
        zugang.get_absolute_url() in partner.get(reverse("partner:buchung_list")).content.decode()
    )
    buchung(konferenz, um(tag, 11), um(tag, 12), akteur=neu, user=world.users["partner_a"])
    assert Kalenderzugang.objects.get(akteur=neu).token == zugang.token  # stays the same
    assert client_for(world, "anonym").get(zugang.get_absolute_url()).status_code == 200


def test_migration_gives_organisations_with_bookings_a_token_and_keeps_existing_ones(world):
    migration = importlib.import_module(
        "veranstaltungen.migrations.0003_kalenderzugang_mit_buchung"
    )
    bestehend = Kalenderzugang.objects.get(akteur=world.akteur_a).token
    Kalenderzugang.objects.filter(akteur=world.akteur_b).delete()
    ohne_buchung = AkteurFactory(name="Ohne", slug="ohne", quartiere=[world.quartier_a])
    stand = ("veranstaltungen", "0003_kalenderzugang_mit_buchung")
    migration.tokens_anlegen(MigrationExecutor(connection).loader.project_state(stand).apps, None)
    assert Kalenderzugang.objects.get(akteur=world.akteur_a).token == bestehend
    assert Kalenderzugang.objects.filter(akteur=world.akteur_b).exists()
    assert not Kalenderzugang.objects.filter(akteur=ohne_buchung).exists()
