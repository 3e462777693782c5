from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from netzwerk.models import Angebot, Ansprechperson, Gremium, GremiumMitglied, Sitzung

from ..factories import AkteurFactory, QuartierFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class AngebotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Angebot

    akteur = factory.SubFactory(AkteurFactory)
    titel = factory.Sequence(lambda n: f"Angebot {n}")
    beschreibung = "Ein Angebot für alle im Viertel."
    zielgruppen = factory.LazyFunction(lambda: ["alle"])
    sprachen = factory.LazyFunction(lambda: ["de"])


class AnsprechpersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ansprechperson

    akteur = factory.SubFactory(AkteurFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    funktion = "Vorstand"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")


class GremiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gremium

    quartier = factory.SubFactory(QuartierFactory)
    name = factory.Sequence(lambda n: f"Arbeitskreis {n}")
    slug = factory.Sequence(lambda n: f"arbeitskreis-{n}")
    art = Gremium.Art.ARBEITSKREIS
    zweck = "Vernetzung im Viertel."


class GremiumMitgliedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GremiumMitglied

    gremium = factory.SubFactory(GremiumFactory)
    akteur = factory.SubFactory(AkteurFactory)
    typ = GremiumMitglied.Typ.INSTITUTION


class SitzungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitzung

    gremium = factory.SubFactory(GremiumFactory)
    beginn = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    adresse = "Nachbarschaftstreff"
    tagesordnung = "Begrüßung\nBerichte"
    protokoll = "Alles besprochen."
    protokoll_veroeffentlicht = True
    oeffentlich = True

    class Params:
        mit_pdf = factory.Trait(
            protokoll_pdf=factory.LazyFunction(lambda: ContentFile(PDF, name="protokoll.pdf"))
        )
