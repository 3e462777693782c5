"""Partners keep their organisation's entry current: visible at once, reviewed by staff."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from netzwerk.models import Akteur, Angebot, Ansprechperson
from quartier.models import AuditEntry


def profil(akteur, **changes):
    data = {
        "beschreibung": "Wir sind der Nachbarschaftsverein.",
        "oeffnungszeiten": "Di 15–18 Uhr",
        "strasse": "Brunnenstraße 22",
        "plz": "54321",
        "ort": "Lindenau",
        "telefon": "06541 22310",
        "email": "info@verein.example",
        "website": "https://verein.example",
        "barrierefreiheit": "barrierefrei",
        "barrierefreiheit_hinweis": "",
        "zielgruppen": ["senioren"],
        "sprachen": ["de", "tr"],
    }
    data.update(changes)
    return data


def png(size=(1200, 800), exif=True) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    exif_data = Image.Exif()
    exif_data[0x010F] = "Kamera GmbH"  # Make
    image.save(out, "JPEG", exif=exif_data if exif else b"")
    return SimpleUploadedFile("logo.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def url(world):
    return reverse("partner:akteur_edit", args=[world.akteur_a.slug])


@pytest.mark.django_db
def test_partner_updates_opening_hours_visible_at_once_and_listed_for_review(
    partner_a_client, world, url, client
):
    response = partner_a_client.post(url, profil(world.akteur_a, oeffnungszeiten="Mo 9–12 Uhr"))
    assert response.status_code == 302
    akteur = Akteur.objects.get(pk=world.akteur_a.pk)
    assert akteur.oeffnungszeiten == "Mo 9–12 Uhr"
    assert akteur.zur_pruefung_vorgemerkt_at is not None
    assert "Mo 9–12 Uhr" in client.get(akteur.get_absolute_url()).content.decode()
    entry = AuditEntry.objects.filter(object_id=str(akteur.pk), action="changed").latest("id")
    assert entry.user == world.users["partner_a"]
    assert entry.changes["oeffnungszeiten"][1] == "Mo 9–12 Uhr"
    assert entry.quartier == world.quartier_a


@pytest.mark.django_db
def test_partner_cannot_edit_another_organisation(partner_a_client, world):
    url = reverse("partner:akteur_edit", args=[world.akteur_b.slug])
    response = partner_a_client.post(url, profil(world.akteur_b, beschreibung="Übernommen!"))
    assert response.status_code == 404
    assert Akteur.objects.get(pk=world.akteur_b.pk).beschreibung == ""


@pytest.mark.django_db
def test_partner_cannot_touch_offers_of_another_organisation(persona_client, world):
    angebot = world.extra["angebot_a"]
    client = persona_client("partner_b")
    edit = reverse("partner:angebot_edit", args=[world.akteur_b.slug, angebot.pk])
    assert client.post(edit, {"titel": "Gekapert", "kostenlos": "on"}).status_code == 404
    delete = reverse("partner:angebot_delete", args=[world.akteur_a.slug, angebot.pk])
    assert client.post(delete).status_code == 404
    assert Angebot.objects.get(pk=angebot.pk).titel == "Hausaufgabenhilfe"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("beschreibung", "Hallo <script>alert(1)</script>", "HTML-Tags und Skripte"),
        ("website", "javascript:alert(1)", "vollständige Webadresse"),
        ("website", "nicht eine adresse", "vollständige Webadresse"),
        ("telefon", "ruf mich an", "Telefonnummer"),
        ("plz", "1234", "fünf Ziffern"),
    ],
)
@pytest.mark.django_db
def test_bad_input_gets_a_german_message_keeps_what_was_typed_and_stores_nothing(
    partner_a_client, world, url, field, value, message
):
    data = profil(world.akteur_a, **{field: value}, oeffnungszeiten="Neu: Mo 9–12 Uhr")
    response = partner_a_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert response.context["form"].data[field] == value  # kept for correction
    akteur = Akteur.objects.get(pk=world.akteur_a.pk)
    assert akteur.oeffnungszeiten == ""  # nothing stored half
    assert akteur.zur_pruefung_vorgemerkt_at is None


@pytest.mark.django_db
def test_logo_is_reencoded_resized_and_stripped(partner_a_client, world, url):
    response = partner_a_client.post(url, {**profil(world.akteur_a), "logo": png()})
    assert response.status_code == 302
    akteur = Akteur.objects.get(pk=world.akteur_a.pk)
    with Image.open(akteur.logo.path) as image:
        assert max(image.size) == 600
        assert not image.getexif()


@pytest.mark.django_db
def test_non_image_logo_is_refused_in_german(partner_a_client, world, url):
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    response = partner_a_client.post(url, {**profil(world.akteur_a), "logo": fake})
    assert response.status_code == 200
    assert "kein Bild" in response.content.decode()
    assert not Akteur.objects.get(pk=world.akteur_a.pk).logo


@pytest.mark.django_db
def test_oversized_logo_is_refused_in_german(partner_a_client, world, url):
    big = SimpleUploadedFile("logo.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10))
    response = partner_a_client.post(url, {**profil(world.akteur_a), "logo": big})
    assert response.status_code == 200
    assert "zu groß" in response.content.decode()


@pytest.mark.django_db
def test_partner_adds_an_offer_with_cost_rules(partner_a_client, world):
    url = reverse("partner:angebot_create", args=[world.akteur_a.slug])
    data = {
        "titel": "Seniorenfrühstück",
        "zielgruppen": ["senioren"],
        "sprachen": ["tr"],
        "beginn": "11:00",
        "ende": "09:00",
        "oeffentlich": "on",
    }
    response = partner_a_client.post(url, data)
    html = response.content.decode()
    assert "Kosten in Euro" in html and "Ende muss nach dem Beginn" in html
    assert not Angebot.objects.filter(titel="Seniorenfrühstück").exists()
    data.update(ende="12:00", kosten="2.50")
    assert partner_a_client.post(url, data).status_code == 302
    angebot = Angebot.objects.get(titel="Seniorenfrühstück")
    assert angebot.akteur == world.akteur_a and angebot.kosten == 2.5
    assert Akteur.objects.get(pk=world.akteur_a.pk).zur_pruefung_vorgemerkt_at is not None


@pytest.mark.django_db
def test_partner_deletes_a_contact_person_and_it_is_audited(partner_a_client, world):
    person = world.extra["ansprechperson_a"]
    url = reverse("partner:ansprechperson_delete", args=[world.akteur_a.slug, person.pk])
    assert partner_a_client.post(url).status_code == 302
    assert not Ansprechperson.objects.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="deleted").exists()


@pytest.mark.django_db
def test_new_contact_person_is_not_public_without_consent(partner_a_client, client, world):
    url = reverse("partner:ansprechperson_create", args=[world.akteur_a.slug])
    partner_a_client.post(url, {"name": "Neue Kassiererin", "email": "kasse@example.org"})
    assert Ansprechperson.objects.filter(name="Neue Kassiererin").exists()
    assert "Neue Kassiererin" not in client.get(world.akteur_a.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_partner_start_links_to_the_organisation(partner_a_client, world):
    html = partner_a_client.get(reverse("partner:start")).content.decode()
    assert world.akteur_a.get_partner_url() in html


@pytest.mark.django_db
def test_invitation_is_audited_with_its_address_in_the_offices_language(world):
    from django.utils import translation

    from netzwerk import services
    from quartier.models import AuditEntry

    with translation.override("en"):
        services.partner_einladen(
            akteur=world.akteur_a, email="Neu@Example.org", name="Neu", user=world.users["qm"]
        )
    eintrag = AuditEntry.objects.get(object_id=str(world.akteur_a.pk), action="other")
    assert eintrag.message == "Partner eingeladen: neu@example.org"
