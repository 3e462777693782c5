"""The print PDF keeps to the page plan (one planned page, one printed page; an overflow is
measured and warned about), the page plan shows the PDF's thumbnails, the printer gets
bleed and crop marks on request, and the web edition is an accessible PDF (PDF/UA, tagged,
German, titled, with bookmarks and every photo's alternative text, lighter photos)."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from zeitung import druck, seitenplan, services
from zeitung.models import Platzierung, Zeitungsausgabe
from zeitung.tasks import web_pdf_erzeugen

from ..utils import client_for
from .factories import ArtikelFactory, ArtikelfotoFactory, RubrikFactory

Art = Platzierung.Art
KURZ = "<p>" + "Im Hof wächst Gemüse für alle. " * 30 + "</p>"


def _ausgabe(world, *, seitenzahl=8, lang_auf=None):
    """An issue of `seitenzahl` pages with two short articles on pages 2 and 3, the imprint
    on the last page and nothing on the pages between (they stay empty pages)."""
    ausgabe = world.extra["zeitung"]["ausgabe"]
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(
        erscheinungsdatum=timezone.localdate(), seitenzahl=seitenzahl
    )
    ausgabe.refresh_from_db()
    rubrik = RubrikFactory(quartier=world.quartier_a, name="Hofleben")
    for n, seite in enumerate((2, 3)):
        text = (
            "<p>" + "Sehr lange Geschichte vom Hof. " * 1500 + "</p>" if seite == lang_auf else KURZ
        )
        artikel = ArtikelFactory(
            quartier=world.quartier_a,
            ausgabe=ausgabe,
            rubrik=rubrik,
            status="freigegeben",
            titel=f"Hofgeschichte {n}",
            text=text,
        )
        ArtikelfotoFactory(artikel=artikel, alt=f"Beet Nummer {n}")
        Platzierung.objects.create(ausgabe=ausgabe, artikel=artikel, seite=seite)
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.IMPRESSUM, seite=seitenzahl)
    return ausgabe


def _machen(ausgabe, django_capture_on_commit_callbacks, user):
    with django_capture_on_commit_callbacks(execute=True):
        services.pdf_anfordern(ausgabe=ausgabe, user=user)
    ausgabe.refresh_from_db()
    return ausgabe


@pytest.mark.django_db
def test_the_print_has_the_planned_pages_and_the_plan_shows_their_thumbnails(
    world, django_capture_on_commit_callbacks
):
    ausgabe = _machen(_ausgabe(world), django_capture_on_commit_callbacks, world.users["redaktion"])
    # eight planned pages (five of them without entries) make eight printed pages
    assert [(m["seite"], m["von"], m["bis"]) for m in ausgabe.pdf_seiten] == [
        (n, n, n) for n in range(1, 9)
    ]
    info = subprocess.run(  # noqa: S603 - poppler's pdfinfo on our own file
        [shutil.which("pdfinfo"), ausgabe.pdf.path], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+8$", info, re.M)
    plan = seitenplan.plan(ausgabe)
    assert not [w for w in plan.warnungen if "Seite" in w and "passt" in w]
    assert all(seite.druckseiten == 1 and seite.bild for seite in plan.seiten)
    # the page plan in the admin shows the thumbnails, served to the area's editors only
    client = client_for(world, "redaktion")
    seite = client.get(reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]))
    bild_url = reverse("admin:zeitung_zeitungsausgabe_seitenbild", args=[ausgabe.pk, 3])
    assert bild_url in seite.content.decode()
    bild = client.get(bild_url)
    assert bild.status_code == 200 and bild["Content-Type"] == "image/png"
    assert b"".join(bild.streaming_content).startswith(b"\x89PNG")
    assert client.get(bild_url.replace("/3/", "/99/")).status_code == 404


@pytest.mark.django_db
def test_an_overflowing_page_is_measured_in_the_pdf_and_warned_about(
    world, django_capture_on_commit_callbacks
):
    ausgabe = _machen(
        _ausgabe(world, lang_auf=2), django_capture_on_commit_callbacks, world.users["redaktion"]
    )
    gemessen = {m["seite"]: m for m in ausgabe.pdf_seiten}
    assert gemessen[2]["bis"] > gemessen[2]["von"]  # page 2 ran over
    assert gemessen[3]["von"] == gemessen[2]["bis"] + 1  # page 3 still begins a new sheet
    plan = seitenplan.plan(ausgabe)
    anzahl = gemessen[2]["bis"] - gemessen[2]["von"] + 1
    assert any(
        w.startswith("Seite 2 passt nicht") and f"{anzahl} gedruckte Seiten" in w
        for w in plan.warnungen
    ), plan.warnungen
    assert plan.seiten[1].voll and not plan.seiten[2].voll


@pytest.mark.django_db
def test_an_article_asking_for_a_new_page_below_another_is_warned_about(world):
    ausgabe = _ausgabe(world)
    zweiter = ArtikelFactory(
        quartier=world.quartier_a, ausgabe=ausgabe, titel="Neuer Anfang", neue_seite=True
    )
    Platzierung.objects.create(ausgabe=ausgabe, artikel=zweiter, seite=2, reihenfolge=5)
    warnungen = seitenplan.plan(ausgabe).warnungen
    assert (
        "„Neuer Anfang“ soll eine Seite beginnen, steht aber nicht als Erstes auf Seite 2."
        in warnungen
    )


@pytest.mark.django_db
def test_bleed_and_crop_marks_only_when_the_issue_asks_for_them(world):
    ausgabe = _ausgabe(world, seitenzahl=4)
    ohne = druck.rendern(druck.daten(ausgabe), uncompressed_pdf=True)
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(beschnitt=True)
    ausgabe.refresh_from_db()
    daten = druck.daten(ausgabe)
    schluessel = daten.schluessel
    mit = druck.rendern(daten, uncompressed_pdf=True)

    def breite(pdf):  # of the first page's media box, in pt
        box = re.search(rb"/MediaBox \[([-\d. ]+)\]", pdf)[1].split()
        return float(box[2]) - float(box[0])

    assert round(breite(ohne)) == 595  # A4
    assert round(breite(mit)) == 595 + 17  # 3 mm bleed on both sides
    assert b"/TrimBox" in mit
    # a different PDF: a different key
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(beschnitt=False)
    ausgabe.refresh_from_db()
    assert druck.daten(ausgabe).schluessel != schluessel


@pytest.mark.django_db
def test_the_imprint_shows_the_funders_logos(world):
    from django.core.files.base import ContentFile

    from projekte.models import Bewilligung, Foerderprogramm

    from .factories import jpeg

    ausgabe = _ausgabe(world, seitenzahl=4)
    programm = Bewilligung.objects.filter(projekt__quartier=world.quartier_a).first().programm
    programm.logo.save("logo.jpg", ContentFile(jpeg()), save=False)
    programm.logo_alt = "Sozialer Zusammenhalt"
    programm.save()
    anderes = Foerderprogramm.objects.create(name="Fremdes Programm", ebene="land", geber="Land")
    anderes.logo.save("fremd.jpg", ContentFile(jpeg()))  # funds nothing in this area
    daten = druck.daten(ausgabe)
    assert f'src="logo:{programm.pk}"' in daten.html
    assert 'alt="Sozialer Zusammenhalt"' in daten.html
    assert f'src="logo:{anderes.pk}"' not in daten.html
    assert set(daten.logos) == {programm.pk}
    pdf = druck.dokument(daten).write_pdf(uncompressed_pdf=True)
    assert b"/Subtype /Image" in pdf  # the logo fetched from storage and embedded


@pytest.mark.django_db
def test_the_web_edition_is_an_accessible_pdf_made_when_the_issue_appears(
    world, django_capture_on_commit_callbacks, client
):
    ausgabe = _ausgabe(world, seitenzahl=4)
    daten = druck.daten(ausgabe)
    web = druck.rendern(daten, web=True, uncompressed_pdf=True)
    assert b"/StructTreeRoot" in web and b"/MarkInfo" in web  # tagged
    assert re.search(rb"/Lang \(de\)", web)
    assert b"/DisplayDocTitle true" in web
    assert re.search(rb"/Title \(", web)
    assert b"/Outlines" in web  # bookmarks from the headlines
    for n in (0, 1):  # every photo's alternative text in the tag tree
        assert f"/Alt (Beet Nummer {n})".encode() in web
    assert b"pdfuaid" in web
    # the published issue gets its web PDF from the worker, lighter than the print
    user = world.users["redaktion"]
    for status in ("redaktion", "satz", "druckfreigabe"):
        Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(status=status)
    with django_capture_on_commit_callbacks(execute=True):
        services.ausgabe_status_setzen(ausgabe=ausgabe, status="erschienen", user=user)
    ausgabe.refresh_from_db()
    assert ausgabe.web_pdf
    assert web_pdf_erzeugen.call(ausgabe.pk) is False  # made once
    url = reverse("zeitung:ausgabe_pdf", args=[ausgabe.nummer])
    assert (
        url in client.get(reverse("zeitung:ausgabe_detail", args=[ausgabe.nummer])).content.decode()
    )
    antwort = client.get(url)
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/pdf"
    assert "public" in antwort["Cache-Control"]
    assert b"".join(antwort.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_an_unpublished_issue_has_no_web_pdf(world, client):
    ausgabe = _ausgabe(world, seitenzahl=4)
    assert web_pdf_erzeugen.call(ausgabe.pk) is False
    assert client.get(reverse("zeitung:ausgabe_pdf", args=[ausgabe.nummer])).status_code == 404


@pytest.mark.django_db
def test_a_web_pdf_whose_file_is_gone_leaves_the_issue_page_readable(world, client):
    ausgabe = world.extra["zeitung"]["erschienen"]
    ausgabe.web_pdf.storage.delete(ausgabe.web_pdf.name)
    seite = client.get(reverse("zeitung:ausgabe_detail", args=[ausgabe.nummer]))
    assert seite.status_code == 200
    assert reverse("zeitung:ausgabe_pdf", args=[ausgabe.nummer]) not in seite.content.decode()
    assert client.get(reverse("zeitung:ausgabe_pdf", args=[ausgabe.nummer])).status_code == 404
