"""Factories for concerns. `AnliegenFactory` saves through the model (no service): tests of
the journey use `services.melden`/`aufnehmen`."""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from anliegen.models import Anliegen, Foto, Kategorie, Textbaustein, Weiterleitung
from netzwerk.models import Akteur

from ..factories import AkteurFactory, QuartierFactory

PIN = "424242"


def bild(name="foto.jpg", fmt="JPEG", size=(64, 48), color=(200, 120, 40), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def upload(name="foto.jpg", fmt="JPEG", **kwargs) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, bild(name, fmt, **kwargs), content_type=content_type)


class AmtFactory(AkteurFactory):
    name = factory.Sequence(lambda n: f"Fachamt {n}")
    slug = factory.Sequence(lambda n: f"amt-{n}")
    art = Akteur.Art.FACHAMT
    email = factory.LazyAttribute(lambda o: f"{o.slug}@stadt.example")


class KategorieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kategorie

    quartier = factory.SubFactory(QuartierFactory)
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    frist_tage = 14


class TextbausteinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Textbaustein

    quartier = factory.SelfAttribute("kategorie.quartier")
    kategorie = factory.SubFactory(KategorieFactory)
    status = Anliegen.Status.ERLEDIGT
    titel = "Erledigt"
    text = "Ihr Anliegen {nummer} ({kategorie}) vom {datum} ist erledigt."


class AnliegenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Anliegen
        skip_postgeneration_save = True

    quartier = factory.SelfAttribute("kategorie.quartier")
    kategorie = factory.SubFactory(KategorieFactory)
    nummer = factory.Sequence(lambda n: f"A-2025-{n + 1:05d}")
    art = Anliegen.Art.MANGEL
    beschreibung = "Die Straßenlaterne vor der Schule ist dunkel."
    strasse = "Brunnenstraße"
    hausnummer = "12"
    email = "anwohnerin@example.org"
    eingegangen_at = factory.LazyFunction(timezone.now)
    frist = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))

    @factory.post_generation
    def pin(self, create, extracted, **kwargs):
        self.set_pin(extracted or PIN)
        if create:
            self.save(update_fields=["pin_hash"])


class OeffentlichesAnliegenFactory(AnliegenFactory):
    einwilligung_veroeffentlichung = True
    text_freigegeben = True
    oeffentlicher_text = "Die Straßenlaterne vor der Schule ist dunkel."


class FotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Foto

    anliegen = factory.SubFactory(AnliegenFactory)
    datei = factory.LazyFunction(lambda: SimpleUploadedFile("f.jpg", bild(), "image/jpeg"))


class WeiterleitungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Weiterleitung

    anliegen = factory.SubFactory(AnliegenFactory)
    akteur = factory.SubFactory(AmtFactory)
    antwort_bis = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
