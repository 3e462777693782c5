"""Issue 10, item 16: sending a concern and the number + PIN look-up answer promptly.

The time went into PBKDF2 (a million rounds for every report and every look-up) and into
decoding full-size phone photos. These tests hold the causes without measuring time: the
PIN hash is a keyed HMAC (no key stretching runs at all), old PBKDF2 hashes still verify and
are rewritten on the first look-up, large JPEGs are decoded at a reduced scale, and each
request runs a bounded number of queries. `python -m bench.profile_anliegen` measures.
"""

import hashlib
import io

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from PIL import Image, JpegImagePlugin

from anliegen.models import Anliegen, pin_hash_erzeugen, pin_hash_pruefen
from quartier.images import process_image

from .factories import AnliegenFactory, upload
from .test_views import NEU, formular

PIN_URL = "/anliegen/pin/"


@pytest.fixture
def kein_pbkdf2(monkeypatch):
    """Any key stretching now fails the test (Django's PBKDF2 goes through hashlib)."""

    def verboten(*args, **kwargs):
        raise AssertionError("PBKDF2 ran")

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", verboten)


def altes_pbkdf2(pin: str) -> str:
    """A hash as the portal wrote it before (Django's default hasher; fewer rounds here
    only to keep the test fast: the format is the same)."""
    return PBKDF2PasswordHasher().encode(pin, "altesalz0123", iterations=1000)


@pytest.mark.django_db
def test_pin_is_hashed_with_a_keyed_hmac_without_key_stretching(kein_pbkdf2):
    anliegen = AnliegenFactory()
    anliegen.set_pin("424242")
    assert anliegen.pin_hash.startswith("hmac_sha256$")
    assert "424242" not in anliegen.pin_hash
    assert anliegen.check_pin("424242")
    assert not anliegen.check_pin("424243")
    assert not anliegen.check_pin("")


def test_equal_pins_give_different_hashes():
    assert pin_hash_erzeugen("123456") != pin_hash_erzeugen("123456")


def test_the_pin_hash_depends_on_the_servers_key(settings):
    encoded = pin_hash_erzeugen("123456")
    settings.SECRET_KEY = "ein-ganz-anderer-schluessel-" + "x" * 40
    assert pin_hash_pruefen("123456", encoded) == (False, False)


def test_a_hash_made_with_a_previous_key_fits_and_asks_to_be_rewritten(settings):
    encoded = pin_hash_erzeugen("123456")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "der-neue-schluessel-" + "x" * 40
    assert pin_hash_pruefen("123456", encoded) == (True, True)
    assert pin_hash_pruefen("654321", encoded) == (False, False)


@pytest.mark.parametrize("kaputt", ["", "!", "hmac_sha256$", "hmac_sha256$salz", "foo$bar$baz"])
def test_a_broken_or_unknown_hash_fits_no_pin(kaputt):
    assert pin_hash_pruefen("123456", kaputt) == (False, False)


@pytest.mark.django_db
def test_an_old_pbkdf2_pin_still_leads_to_the_concern_and_is_rewritten(client):
    anliegen = AnliegenFactory()
    Anliegen.objects.filter(pk=anliegen.pk).update(pin_hash=altes_pbkdf2("424242"))
    vorher = Anliegen.objects.values_list("updated_at", flat=True).get(pk=anliegen.pk)

    response = client.post(PIN_URL, {"nummer": anliegen.nummer, "pin": "424242"})

    assert response.status_code == 302 and response.url == anliegen.get_verfolgen_url()
    anliegen.refresh_from_db()
    assert anliegen.pin_hash.startswith("hmac_sha256$")
    assert anliegen.updated_at == vorher  # a look-up is no change of the concern
    assert anliegen.check_pin("424242") and not anliegen.check_pin("424241")


@pytest.mark.django_db
def test_a_wrong_pin_leaves_an_old_hash_as_it_is(client):
    anliegen = AnliegenFactory()
    alt = altes_pbkdf2("424242")
    Anliegen.objects.filter(pk=anliegen.pk).update(pin_hash=alt)
    response = client.post(PIN_URL, {"nummer": anliegen.nummer, "pin": "111111"})
    assert response.status_code == 200
    assert Anliegen.objects.get(pk=anliegen.pk).pin_hash == alt


@pytest.mark.django_db
def test_a_new_concern_and_its_look_up_run_no_key_stretching(
    client, world, kein_pbkdf2, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEU, formular(client), follow=True)
    pin = response.context["quittung"]["pin"]
    nummer = response.context["quittung"]["nummer"]
    response = client.post(PIN_URL, {"nummer": nummer, "pin": pin})
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("mit_foto", [False, True], ids=["ohne Foto", "mit Foto"])
def test_sending_a_concern_runs_a_bounded_number_of_queries(
    client, world, mit_foto, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    extra = {"foto_1": upload("laterne.jpg")} if mit_foto else {}
    data = formular(client, **extra)
    # Area, category, form token, counter row, the concern, its photo, history, audit,
    # outbox, the office's notices (one insert for all recipients), session, and (the test's
    # immediate task backend) the mails sent: the resident's and one per notified staff
    # member (the world's area has two; that is the worker's work, after the answer). None
    # depends on the data size.
    with django_assert_max_num_queries(48), django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEU, data)
    assert response.status_code == 302
    with django_assert_max_num_queries(6):
        assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_the_pin_look_up_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    anliegen = AnliegenFactory()
    Anliegen.objects.filter(pk=anliegen.pk).update(pin_hash=altes_pbkdf2("424242"))
    with django_assert_max_num_queries(4):  # the concern, and the rewritten hash
        response = client.post(PIN_URL, {"nummer": anliegen.nummer, "pin": "424242"})
    assert response.status_code == 302
    with django_assert_max_num_queries(2):
        client.post(PIN_URL, {"nummer": anliegen.nummer, "pin": "000000"})


def _jpeg(size, **save) -> io.BytesIO:
    out = io.BytesIO()
    Image.effect_noise(size, 30).convert("RGB").save(out, "JPEG", **save)
    out.name = "handy.jpg"
    out.size = len(out.getvalue())
    return out


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(monkeypatch):
    """The JPEG decoder's own scaling (draft) does most of the reduction: far less to
    decode and to resize than the full 12 megapixels."""
    entwuerfe = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def merken(self, mode, size):
        ergebnis = draft(self, mode, size)
        entwuerfe.append(self.size)
        return ergebnis

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", merken)
    result = process_image(_jpeg((4000, 3000)), max_side=2000)
    assert entwuerfe == [(2000, 1500)]
    with Image.open(result) as image:
        assert image.size == (2000, 1500)


def test_a_turned_large_jpeg_is_reduced_and_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    result = process_image(_jpeg((4000, 3000), exif=exif.tobytes()), max_side=2000)
    with Image.open(result) as image:
        assert image.size == (1500, 2000)
        assert not image.getexif()


def test_a_small_jpeg_keeps_its_size():
    result = process_image(_jpeg((640, 480)), max_side=2000)
    with Image.open(result) as image:
        assert image.size == (640, 480)
