"""The network's objects in the shared test world."""

from datetime import timedelta

from django.utils import timezone

from ..factories import AkteurFactory
from .factories import AngebotFactory, AnsprechpersonFactory, GremiumFactory, SitzungFactory


def extend(world) -> None:
    a = world.akteur_a
    world.extra["angebot_a"] = AngebotFactory(akteur=a, titel="Hausaufgabenhilfe")
    world.extra["ansprechperson_a"] = AnsprechpersonFactory(
        akteur=a, name="Elif Demir", einwilligung_oeffentlich=True
    )
    world.extra["ansprechperson_geheim"] = AnsprechpersonFactory(
        akteur=a, name="Horst Verborgen", email="horst@example.org"
    )
    world.extra["akteur_privat"] = AkteurFactory(
        name="Interner Arbeitskreis", slug="intern", oeffentlich=False, quartiere=[world.quartier_a]
    )
    gremium = GremiumFactory(
        quartier=world.quartier_a, name="Stadtteilkonferenz", slug="stadtteilkonferenz"
    )
    world.extra["gremium"] = gremium
    world.extra["sitzung"] = SitzungFactory(gremium=gremium, mit_pdf=True)
    world.extra["sitzung_intern"] = SitzungFactory(
        gremium=gremium, oeffentlich=False, mit_pdf=True, adresse="Büro"
    )
    world.extra["sitzung_kommend"] = SitzungFactory(
        gremium=gremium,
        beginn=timezone.now() + timedelta(days=10),
        protokoll="",
        protokoll_veroeffentlicht=False,
    )
