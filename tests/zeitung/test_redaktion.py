"""The newspaper's data and its editorial steps: clean rich text, issues of 4n pages,
release only by the editorial team and the quartier management, frozen after
Druckfreigabe, photos scaled to print and shown only with consent."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from quartier.models import AuditEntry
from zeitung import services
from zeitung.forms import DRUCKBREITE_PX, ArtikelfotoForm
from zeitung.models import Artikel, Artikelfoto, Zeitungsausgabe
from zeitung.text import aus_eingabe, bereinigen

from ..utils import client_for
from .factories import ArtikelFactory, ArtikelfotoFactory, ZeitungsausgabeFactory

BOESE = (
    '<p style="color:red" onclick="x()">Hallo <strong>Hof</strong>'
    "<script>alert('x')</script>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">klick</a> '
    '<a href="https://example.org/fest" onmouseover="y()">Fest</a> '
    '<a href="mailto:redaktion@example.org">Post</a></p>'
    "<style>body{display:none}</style><h1>Groß</h1><h3>Termine</h3>"
    "<ul><li><em>eins</em></li></ul><table><tr><td>weg</td></tr></table>"
)


def test_rich_text_keeps_only_the_small_safe_set():
    sauber = bereinigen(BOESE)
    for verboten in (
        "<script",
        "alert",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "style",
        "<img",
        "<h1",
        "<table",
        "display:none",
    ):
        assert verboten not in sauber, verboten
    assert "<strong>Hof</strong>" in sauber
    assert '<a href="https://example.org/fest" rel="noopener noreferrer">Fest</a>' in sauber
    assert 'href="mailto:redaktion@example.org"' in sauber
    assert "<h3>Termine</h3>" in sauber
    assert "<ul><li><em>eins</em></li></ul>" in sauber
    assert "Groß" in sauber and "weg" in sauber  # the words stay, the markup goes


@pytest.mark.django_db
def test_rich_text_is_cleaned_before_it_is_stored_whichever_way_it_is_written(world):
    artikel = ArtikelFactory(quartier=world.quartier_a, text=BOESE)
    artikel.refresh_from_db()
    assert "<script" not in artikel.text and "onerror" not in artikel.text
    Artikel.objects.filter(pk=artikel.pk).update(text='<p onclick="x">u</p><script>s</script>')
    artikel.refresh_from_db()
    assert artikel.text == "<p>u</p>"


@pytest.mark.django_db
def test_rich_text_sent_through_the_admin_is_stored_clean(world):
    client = client_for(world, "redaktion")
    artikel = world.extra["zeitung"]["artikel"]
    url = reverse("admin:zeitung_artikel_change", args=[artikel.pk])
    response = client.post(
        url,
        {
            "quartier": world.quartier_a.pk,
            "ausgabe": artikel.ausgabe_id,
            "titel": "Hofgarten",
            "text": BOESE,
            "spalten": 2,
            "fotos-TOTAL_FORMS": 0,
            "fotos-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    artikel.refresh_from_db()
    assert "script" not in artikel.text and "javascript" not in artikel.text
    assert "<strong>Hof</strong>" in artikel.text


@pytest.mark.django_db
@pytest.mark.parametrize("seiten", [0, 6, 10, 13])
def test_an_issue_has_a_multiple_of_4_pages(world, seiten):
    ausgabe = ZeitungsausgabeFactory.build(quartier=world.quartier_a, seitenzahl=seiten)
    with pytest.raises(ValidationError) as fehler:
        ausgabe.full_clean()
    assert "seitenzahl" in fehler.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        ausgabe.save()


@pytest.mark.django_db
def test_the_admin_explains_a_page_count_that_is_no_multiple_of_4(world):
    client = client_for(world, "redaktion")
    response = client.post(
        reverse("admin:zeitung_zeitungsausgabe_add"),
        {
            "quartier": world.quartier_a.pk,
            "nummer": 8,
            "titel": "Herbst",
            "erscheinungsdatum": "2026-10-01",
            "auflage": 2500,
            "seitenzahl": 14,
            "artikel-TOTAL_FORMS": 0,
            "artikel-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Vielfaches von 4 sein" in str(response.context["adminform"].form.errors["seitenzahl"])
    assert not Zeitungsausgabe.objects.filter(nummer=8).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["redaktion", "qm"])
def test_the_editorial_team_and_the_quartier_management_release(world, persona):
    artikel = world.extra["zeitung"]["partnerartikel"]
    services.artikel_freigeben(artikel=artikel, user=world.users[persona])
    artikel.refresh_from_db()
    assert artikel.status == Artikel.Status.FREIGEGEBEN and artikel.freigegeben_at
    eintrag = AuditEntry.objects.filter(object_id=str(artikel.pk)).latest("pk")
    assert eintrag.changes == {"status": ["in_pruefung", "freigegeben"]}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["mitarbeit", "stadt", "partner_a"])
def test_nobody_else_releases(world, persona):
    artikel = world.extra["zeitung"]["partnerartikel"]
    with pytest.raises(PermissionDenied):
        services.artikel_freigeben(artikel=artikel, user=world.users[persona])
    artikel.refresh_from_db()
    assert artikel.status == Artikel.Status.IN_PRUEFUNG


@pytest.mark.django_db
def test_the_release_action_is_offered_only_to_who_may_release(world):
    url = reverse("admin:zeitung_artikel_changelist")
    redaktion = client_for(world, "redaktion").get(url)
    mitarbeit = client_for(world, "mitarbeit").get(url)
    assert "freigeben" in dict(redaktion.context["action_form"].fields["action"].choices)
    assert mitarbeit.context["action_form"] is None  # they only read: no action at all


@pytest.mark.django_db
def test_the_release_action_releases_the_selected_articles(world):
    artikel = world.extra["zeitung"]["artikel"]
    response = client_for(world, "redaktion").post(
        reverse("admin:zeitung_artikel_changelist"),
        {"action": "freigeben", "_selected_action": [artikel.pk]},
    )
    assert response.status_code == 302
    artikel.refresh_from_db()
    assert artikel.status == Artikel.Status.FREIGEGEBEN


@pytest.mark.django_db
def test_an_issue_moves_one_step_at_a_time_and_freezes_at_print_approval(world):
    ausgabe = world.extra["zeitung"]["ausgabe"]
    user = world.users["redaktion"]
    with pytest.raises(ValidationError):
        services.ausgabe_status_setzen(ausgabe=ausgabe, status="erschienen", user=user)
    ausgabe = services.ausgabe_status_setzen(ausgabe=ausgabe, status="satz", user=user)
    ausgabe = services.ausgabe_status_setzen(ausgabe=ausgabe, status="druckfreigabe", user=user)
    assert ausgabe.eingefroren
    with pytest.raises(ValidationError) as fehler:
        services.ausgabe_status_setzen(ausgabe=ausgabe, status="satz", user=user)
    assert "zum Druck freigegeben" in fehler.value.messages[0]
    artikel = world.extra["zeitung"]["artikel"]
    with pytest.raises(ValidationError):
        services.artikel_freigeben(artikel=artikel, user=user)
    ausgabe = services.ausgabe_status_setzen(ausgabe=ausgabe, status="erschienen", user=user)
    assert ausgabe.naechster_status() is None and ausgabe.voriger_status() is None


@pytest.mark.django_db
def test_a_frozen_issue_and_its_articles_are_read_only_in_the_admin(world):
    ausgabe = world.extra["zeitung"]["ausgabe"]
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(status="druckfreigabe")
    client = client_for(world, "redaktion")
    seite = client.get(reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]))
    assert seite.status_code == 200 and not seite.context["has_change_permission"]
    artikel = world.extra["zeitung"]["artikel"]
    seite = client.get(reverse("admin:zeitung_artikel_change", args=[artikel.pk]))
    assert seite.status_code == 200 and not seite.context["has_change_permission"]
    antwort = client.post(
        reverse("admin:zeitung_artikel_change", args=[artikel.pk]),
        {"quartier": world.quartier_a.pk, "titel": "Geändert", "spalten": 1},
    )
    assert antwort.status_code == 403
    artikel.refresh_from_db()
    assert artikel.titel == "Hofgarten"


@pytest.mark.django_db
def test_an_article_takes_no_issue_or_section_of_another_area(world):
    client = client_for(world, "qm")
    fremde_rubrik = world.extra["zeitung"]["fremde_rubrik"]
    response = client.post(
        reverse("admin:zeitung_artikel_add"),
        {
            "quartier": world.quartier_a.pk,
            "rubrik": fremde_rubrik.pk,
            "titel": "Quer",
            "spalten": 2,
            "fotos-TOTAL_FORMS": 0,
            "fotos-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "rubrik" in response.context["adminform"].form.errors
    assert not Artikel.objects.filter(titel="Quer").exists()


def _foto(size, orientation=None) -> SimpleUploadedFile:
    out = io.BytesIO()
    bild = Image.new("RGB", size, "orange")
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        bild.save(out, "JPEG", exif=exif)
    else:
        bild.save(out, "JPEG")
    return SimpleUploadedFile("DSC_0001.JPG", out.getvalue(), content_type="image/jpeg")


def _fotoform(datei, **daten):
    daten = {
        "alt": "Kinder am Hochbeet",
        "urheber": "E. Demir",
        "lizenz": "frei",
        "reihenfolge": 0,
        **daten,
    }
    return ArtikelfotoForm(data=daten, files={"bild": datei})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("groesse", "orientation", "erwartet"),
    [
        ((6000, 4000), None, (DRUCKBREITE_PX, round(4000 * DRUCKBREITE_PX / 6000))),
        # shot upright: stored upright, its short side is the print width
        ((4000, 3000), 6, (DRUCKBREITE_PX, round(4000 * DRUCKBREITE_PX / 3000))),
        ((800, 600), None, (800, 600)),  # small photos are never enlarged
    ],
)
def test_a_photo_is_scaled_at_upload_to_300_dpi_at_the_print_width(groesse, orientation, erwartet):
    form = _fotoform(_foto(groesse, orientation))
    assert form.is_valid(), form.errors
    with Image.open(form.cleaned_data["bild"]) as bild:
        assert abs(bild.size[0] - erwartet[0]) <= 1 and abs(bild.size[1] - erwartet[1]) <= 1
        assert not bild.getexif()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "inhalt", [b"%PDF-1.4 kein Bild", b"\xff\xd8\xff\xe0 kaputt", "Ümläut ☃".encode("utf-16")]
)
def test_a_broken_photo_is_a_german_message_at_the_field(inhalt):
    form = _fotoform(SimpleUploadedFile("foto.jpg", inhalt, content_type="image/jpeg"))
    assert not form.is_valid()
    assert "Bild" in " ".join(form.errors["bild"])


@pytest.mark.django_db
def test_a_photo_needs_its_alternative_text_and_consent_needs_a_record():
    form = _fotoform(_foto((200, 100)), alt="", personen_erkennbar=True, einwilligung=True)
    assert not form.is_valid()
    assert "alt" in form.errors
    assert "einwilligung_vermerk" in form.errors


@pytest.mark.django_db
def test_photos_of_recognisable_people_are_shown_only_with_consent(world):
    artikel = world.extra["zeitung"]["artikel"]
    ohne = ArtikelfotoFactory(artikel=artikel, personen_erkennbar=True)
    mit = ArtikelfotoFactory(
        artikel=artikel,
        personen_erkennbar=True,
        einwilligung=True,
        einwilligung_vermerk="schriftlich am 3. Mai 2026",
    )
    zeigbar = set(Artikelfoto.objects.filter(artikel=artikel).zeigbar())
    assert mit in zeigbar and world.extra["zeitung"]["foto"] in zeigbar
    assert ohne not in zeigbar
    assert not ohne.zeigbar


@pytest.mark.parametrize(
    ("getippt", "gespeichert"),
    [
        (
            "Erster\nAbsatz.\n\nZweiter <b>fett</b> & 3 < 5.",
            "<p>Erster Absatz.</p><p>Zweiter fett &amp; 3 &lt; 5.</p>",
        ),
        ("<p>Schon <em>gesetzt</em></p><script>x</script>", "<p>Schon <em>gesetzt</em></p>"),
        ("   ", ""),
    ],
)
def test_a_typed_text_becomes_clean_paragraphs(getippt, gespeichert):
    assert aus_eingabe(getippt) == gespeichert


@pytest.mark.django_db
def test_the_queue_shortcut_counts_the_articles_to_review(world):
    response = client_for(world, "redaktion").get(reverse("admin:zeitung_artikel_changelist"))
    html = response.content.decode()
    assert "Zu prüfen" in html
    assert "?status__exact=in_pruefung" in html
