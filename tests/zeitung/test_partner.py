"""Partners write for the newspaper: an article with photos lands in the editorial team's
queue as *in Prüfung*; each organisation sees only its own."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from zeitung.models import Artikel

from ..utils import client_for, get_page

EINREICHEN = "partner:artikel_einreichen"


def _foto(size=(3000, 2000)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG")
    return SimpleUploadedFile("sommerfest.jpg", out.getvalue(), content_type="image/jpeg")


def _daten(world, **mehr):
    return {
        "akteur": world.akteur_a.pk,
        "dachzeile": "Nachbarschaft",
        "titel": "Kinderflohmarkt im Hof",
        "vorspann": "Am Samstag wird getauscht.",
        "text": "Erster Absatz mit <b>fett</b>.\n\nZweiter Absatz.<script>alert(1)</script>",
        "autor": "Elif Demir",
        "nachweis": "Text und Foto: Nachbarschaftsverein",
        "fotos-TOTAL_FORMS": 2,
        "fotos-INITIAL_FORMS": 0,
        "fotos-MIN_NUM_FORMS": 0,
        "fotos-MAX_NUM_FORMS": 3,
        **mehr,
    }


@pytest.mark.django_db
def test_a_partner_submits_an_article_with_a_photo_into_the_review_queue(world):
    client = client_for(world, "partner_a")
    daten = _daten(
        world,
        **{
            "fotos-0-bild": _foto(),
            "fotos-0-alt": "Kinder an Tischen mit Spielzeug",
            "fotos-0-urheber": "Elif Demir",
            "fotos-0-lizenz": "frei für die Quartierszeitung",
            "fotos-0-personen_erkennbar": "on",
            "fotos-0-einwilligung": "on",
            "fotos-0-einwilligung_vermerk": "Eltern schriftlich am 2. Juni",
        },
    )
    response = client.post(reverse(EINREICHEN), daten)
    artikel = Artikel.objects.get(titel="Kinderflohmarkt im Hof")
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:artikel_partner_detail", args=[artikel.pk])
    assert artikel.status == Artikel.Status.IN_PRUEFUNG
    assert artikel.quartier == world.quartier_a and artikel.akteur == world.akteur_a
    assert artikel.eingereicht_von == world.users["partner_a"]
    assert artikel.text.startswith("<p>Erster Absatz")
    assert "script" not in artikel.text and "alert" not in artikel.text
    foto = artikel.fotos.get()
    assert foto.zeigbar and foto.bild.width == 2126
    # it is in the queue of the area's editorial team
    queue = client_for(world, "redaktion").get(
        reverse("admin:zeitung_artikel_changelist") + "?status__exact=in_pruefung"
    )
    assert artikel in queue.context["cl"].result_list
    seite = client.get(response["Location"])
    assert "in Prüfung" in seite.content.decode()


@pytest.mark.django_db
def test_a_missing_headline_or_alternative_text_is_explained_and_nothing_is_stored(world):
    client = client_for(world, "partner_a")
    daten = _daten(world, titel="", **{"fotos-0-bild": _foto((200, 100)), "fotos-0-alt": ""})
    response = client.post(reverse(EINREICHEN), daten)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors["titel"]
    assert response.context["fotos"].forms[0].errors["alt"]
    assert not Artikel.objects.filter(text__contains="Zweiter").exists()
    assert 'value="Nachbarschaft"' in html  # what was typed is kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    "inhalt", [b"%PDF-1.4", b"\x89PNG\r\n\x1a\n kaputt", "Grüße".encode("latin-1")]
)
def test_a_broken_photo_is_a_message_beside_the_field(world, inhalt):
    client = client_for(world, "partner_a")
    datei = SimpleUploadedFile("foto.jpg", inhalt, content_type="image/jpeg")
    response = client.post(
        reverse(EINREICHEN),
        _daten(
            world,
            **{
                "fotos-0-bild": datei,
                "fotos-0-alt": "x",
                "fotos-0-urheber": "x",
                "fotos-0-lizenz": "x",
            },
        ),
    )
    assert response.status_code == 200
    assert "Bild" in " ".join(response.context["fotos"].forms[0].errors["bild"])
    assert not Artikel.objects.filter(titel="Kinderflohmarkt im Hof").exists()


@pytest.mark.django_db
def test_a_partner_cannot_submit_for_another_organisation(world):
    response = client_for(world, "partner_b").post(reverse(EINREICHEN), _daten(world))
    assert response.status_code == 200
    assert "akteur" in response.context["form"].errors
    assert not Artikel.objects.filter(titel="Kinderflohmarkt im Hof").exists()


@pytest.mark.django_db
def test_partners_see_only_their_organisations_articles(world):
    eigener = world.extra["zeitung"]["partnerartikel"]
    liste_a = get_page(
        client_for(world, "partner_a"), reverse("partner:artikel_partner_list"), max_queries=5
    )
    liste_b = get_page(
        client_for(world, "partner_b"), reverse("partner:artikel_partner_list"), max_queries=5
    )
    assert eigener.titel in liste_a.content.decode()
    assert eigener.titel not in liste_b.content.decode()
    assert "Hofgarten" not in liste_a.content.decode()  # the office's own article


@pytest.mark.django_db
def test_the_partner_list_keeps_its_query_budget_whatever_the_number_of_articles(world):
    from .factories import ArtikelFactory

    for n in range(15):
        ArtikelFactory(quartier=world.quartier_a, akteur=world.akteur_a, titel=f"Beitrag {n}")
    get_page(client_for(world, "partner_a"), reverse("partner:artikel_partner_list"), max_queries=5)


@pytest.mark.django_db
def test_the_partner_start_page_leads_to_the_newspaper(world):
    response = client_for(world, "partner_a").get(reverse("partner:start"))
    html = response.content.decode()
    assert reverse(EINREICHEN) in html and reverse("partner:artikel_partner_list") in html
