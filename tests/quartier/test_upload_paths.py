"""Every upload path of residents and partners, with the files the attack used: a broken
image is the field's German message (never a 500), a hostile one is stored bare."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ImageFile

from anliegen.models import Anliegen
from netzwerk.models import Akteur
from quartier.forms import form_timestamp

from .test_image_cleaning import (
    HOSTILE,
    assert_bare,
    jpeg_with_everything,
    png_with_everything,
)

BROKEN = ["truncated-jpeg", "truncated-png", "broken-png-stream", "bomb-10000x10000"]
GERMAN = ("kein Bild", "zu viele Pixel", "Nur JPEG")


def datei(content: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.fixture
def client():
    # A 500 must show as a 500 here, not as the test's exception.
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _schnell(settings):
    settings.ANLIEGEN_MINDESTZEIT = 0


@pytest.fixture(autouse=True)
def _like_a_server_that_rendered_a_pdf(monkeypatch):
    """WeasyPrint's import makes Pillow accept truncated images process-wide."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


def melden(client, world, foto: bytes):
    return client.post(
        reverse("anliegen:anliegen_create"),
        {
            "zeit": form_timestamp(),
            "formular_token": "token-" + str(abs(hash(foto)))[:20],
            "art": "mangel",
            "kategorie": world.extra["kategorie"].pk,
            "beschreibung": "Der Gehweg vor der Schule ist aufgebrochen.",
            "strasse": "Schulstraße",
            "website": "",
            "foto_1": datei(foto),
        },
    )


def german_error(response, field: str) -> str:
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert any(word in errors for word in GERMAN), errors
    return errors


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_photo_on_the_concern_form_is_a_message(client, world, name):
    before = Anliegen.objects.count()
    response = melden(client, world, HOSTILE[name])
    assert response.status_code == 200
    german_error(response, "foto_1")
    assert "Gehweg vor der Schule" in response.content.decode()  # what was typed stays
    assert Anliegen.objects.count() == before


@pytest.mark.django_db
def test_a_concern_photo_is_stored_without_any_metadata(client, world):
    response = melden(client, world, jpeg_with_everything())
    assert response.status_code == 302
    anliegen = Anliegen.objects.get(beschreibung__startswith="Der Gehweg vor der Schule")
    foto = anliegen.fotos.get()
    with foto.datei.open("rb") as stored:
        assert_bare(stored.read())


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_photo_added_on_the_tracking_page_is_a_message(client, world, name):
    anliegen = world.extra["anliegen_privat"]
    response = client.post(
        reverse("anliegen:anliegen_ergaenzen", args=[anliegen.token]),
        {"text": "Noch ein Foto.", "foto_1": datei(HOSTILE[name])},
    )
    assert response.status_code == 400
    errors = " ".join(response.context["ergaenzung_form"].errors.get("foto_1", []))
    assert any(word in errors for word in GERMAN), errors
    assert not anliegen.ergaenzungen.exists()


@pytest.mark.django_db
def test_a_photo_added_on_the_tracking_page_is_stored_bare(client, world):
    anliegen = world.extra["anliegen_privat"]
    response = client.post(
        reverse("anliegen:anliegen_ergaenzen", args=[anliegen.token]),
        {"text": "", "foto_1": datei(png_with_everything(), "foto.png")},
    )
    assert response.status_code == 302
    neu = anliegen.fotos.order_by("-pk").first()
    with neu.datei.open("rb") as stored:
        assert_bare(stored.read())


def logo_data(akteur, logo) -> dict:
    return {
        "beschreibung": akteur.beschreibung or "Wir sind da.",
        "oeffnungszeiten": "",
        "strasse": "Brunnenstraße 22",
        "plz": "54321",
        "ort": "Lindenau",
        "telefon": "",
        "email": "info@verein.example",
        "website": "",
        "barrierefreiheit": "barrierefrei",
        "barrierefreiheit_hinweis": "",
        "zielgruppen": [],
        "sprachen": ["de"],
        "logo": logo,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_partner_logo_is_a_message(world, name):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["partner_a"])
    url = reverse("partner:akteur_edit", args=[world.akteur_a.slug])
    response = client.post(url, logo_data(world.akteur_a, datei(HOSTILE[name])))
    assert response.status_code == 200
    german_error(response, "logo")
    assert not Akteur.objects.get(pk=world.akteur_a.pk).logo


@pytest.mark.django_db
def test_a_public_partner_logo_is_stored_bare(world):
    client = Client()
    client.force_login(world.users["partner_a"])
    url = reverse("partner:akteur_edit", args=[world.akteur_a.slug])
    response = client.post(url, logo_data(world.akteur_a, datei(jpeg_with_everything())))
    assert response.status_code == 302, response.context["form"].errors
    logo = Akteur.objects.get(pk=world.akteur_a.pk).logo
    with logo.open("rb") as stored:
        assert_bare(stored.read())
