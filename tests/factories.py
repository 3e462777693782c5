"""Factories for the core models. Each app adds its own in tests/<app>/factories.py."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from netzwerk.models import Akteur
from quartier.models import Quartier, User

PASSWORD = "test-passwort-123"


class QuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quartier
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    gemeinde = "Stadt Lindenau"
    einwohner = 6000
    einwohner_stichtag = date(2025, 12, 31)
    vollzeitstellen = Decimal("2.00")
    traeger = "Caritasverband Lindenau e. V."
    buero_name = factory.LazyAttribute(lambda o: f"Stadtteilbüro {o.name}")
    strasse = "Brunnenstraße 14"
    plz = "54321"
    ort = "Lindenau"
    sprechzeiten = "Dienstag 15–18 Uhr\nDonnerstag 10–12 Uhr"
    telefon = "06541 12345"
    email = factory.LazyAttribute(lambda o: f"buero@{o.slug}.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def rolle(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def quartiere(self, create, extracted, **kwargs):
        if create and extracted:
            self.quartiere.set(extracted)


class AkteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Akteur
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    art = Akteur.Art.VEREIN
    oeffentlich = True

    @factory.post_generation
    def quartiere(self, create, extracted, **kwargs):
        if create and extracted:
            self.quartiere.set(extracted)

    @factory.post_generation
    def mitglieder(self, create, extracted, **kwargs):
        if create and extracted:
            self.mitglieder.set(extracted)
