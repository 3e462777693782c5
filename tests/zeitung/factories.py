import io
from datetime import date

import factory
from django.core.files.base import ContentFile
from PIL import Image

from zeitung.models import Artikel, Artikelfoto, Rubrik, Zeitungsausgabe

from ..factories import QuartierFactory


def jpeg(size=(120, 80), farbe="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, farbe).save(out, "JPEG")
    return out.getvalue()


class RubrikFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rubrik

    quartier = factory.SubFactory(QuartierFactory)
    name = factory.Sequence(lambda n: f"Rubrik {n}")


class ZeitungsausgabeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zeitungsausgabe

    quartier = factory.SubFactory(QuartierFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Ausgabe {n}")
    erscheinungsdatum = date(2026, 6, 1)
    auflage = 3000
    seitenzahl = 12


class ArtikelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artikel

    quartier = factory.SubFactory(QuartierFactory)
    titel = factory.Sequence(lambda n: f"Neues aus dem Hof {n}")
    vorspann = "Im Innenhof der Brunnenstraße wächst etwas."
    text = "<p>Seit dem Frühjahr pflanzen Nachbarinnen und Nachbarn gemeinsam.</p>"
    autor = "Redaktion"


class ArtikelfotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artikelfoto

    artikel = factory.SubFactory(ArtikelFactory)
    bild = factory.LazyFunction(lambda: ContentFile(jpeg(), name="hof.jpg"))
    alt = "Hochbeete im Innenhof"
    urheber = "Elif Demir"
    lizenz = "frei für die Quartierszeitung"
