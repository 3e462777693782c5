"""The print PDF: rendered by the worker from the page plan, A4, running heads and page
numbers, fonts embedded, photos with their alternative text, nothing fetched from outside;
reused while nothing changed."""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from zeitung import druck, services
from zeitung.models import Platzierung, Zeitungsausgabe
from zeitung.tasks import pdf_erzeugen

from .factories import ArtikelFactory, ArtikelfotoFactory, RubrikFactory

Art = Platzierung.Art
A4 = (210 / 25.4 * 96, 297 / 25.4 * 96)  # in CSS px


def _ausgabe(world):
    ausgabe = world.extra["zeitung"]["ausgabe"]
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(
        erscheinungsdatum=timezone.localdate(), seitenzahl=4
    )
    ausgabe.refresh_from_db()
    rubrik = RubrikFactory(quartier=world.quartier_a, name="Nachbarschaft")
    for n in range(3):
        artikel = ArtikelFactory(
            quartier=world.quartier_a,
            ausgabe=ausgabe,
            rubrik=rubrik,
            status="freigegeben",
            titel=f"Hofgeschichte {n}",
            spalten=2 + n % 2,
            neue_seite=True,
            text="<p>" + "Nachbarschaftsgärten verbinden Generationen. " * 120 + "</p>",
        )
        ArtikelfotoFactory(artikel=artikel, alt=f"Beet Nummer {n}")
        Platzierung.objects.create(ausgabe=ausgabe, artikel=artikel, seite=n + 2)
    ArtikelfotoFactory(artikel=artikel, alt="Gesicht ohne Einwilligung", personen_erkennbar=True)
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.IMPRESSUM, seite=4)
    entwurf = ArtikelFactory(quartier=world.quartier_a, ausgabe=ausgabe, titel="Geheimer Entwurf")
    Platzierung.objects.create(ausgabe=ausgabe, artikel=entwurf, seite=4)
    return ausgabe


def _texte(box):
    if getattr(box, "text", None):
        yield box.text
    for kind in getattr(box, "children", []):
        yield from _texte(kind)


@pytest.mark.django_db
def test_the_print_pdf_is_a4_with_running_heads_page_numbers_and_embedded_fonts(world):
    ausgabe = _ausgabe(world)
    daten = druck.daten(ausgabe)
    dokument = druck.dokument(daten)
    assert len(dokument.pages) >= 4
    for seite in dokument.pages:
        assert (round(seite.width), round(seite.height)) == (round(A4[0]), round(A4[1]))
    dritte = " ".join(_texte(dokument.pages[2]._page_box))
    assert "Nachbarschaft" in dritte  # the running head: the section
    assert re.search(r"(^|\s)3(\s|$)", dritte)  # the page number
    pdf = dokument.write_pdf(uncompressed_pdf=True)
    assert pdf.startswith(b"%PDF")
    assert re.search(rb"/FontFile[23]? ", pdf)  # the fonts are embedded
    schriften = set(re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z-]+)", pdf))  # subsets
    assert {b"Liberation-Serif", b"Liberation-Sans"} <= schriften


@pytest.mark.django_db
def test_only_released_articles_and_showable_photos_reach_the_print(world):
    daten = druck.daten(_ausgabe(world))
    assert "Hofgeschichte 2" in daten.html
    assert "Geheimer Entwurf" not in daten.html
    assert 'alt="Beet Nummer 0"' in daten.html
    assert "Gesicht ohne Einwilligung" not in daten.html
    assert 'lang="de"' in daten.html and "hyphens: auto" in daten.html


@pytest.mark.django_db
def test_nothing_outside_is_fetched_while_rendering(world):
    ausgabe = _ausgabe(world)
    artikel = ausgabe.artikel.filter(status="freigegeben").first()
    daten = druck.daten(ausgabe)
    daten.html = daten.html.replace(
        "</body>",
        '<img src="https://tracker.example.org/p.gif"><img src="file:///etc/passwd">'
        f'<img src="foto:{artikel.fotos.first().pk + 999}"></body>',
    )
    abgelehnt = []
    import logging

    class Fang(logging.Handler):
        def emit(self, record):
            abgelehnt.append(record.getMessage())

    fang = Fang()
    logging.getLogger("weasyprint").addHandler(fang)
    try:
        druck.rendern(daten)
    finally:
        logging.getLogger("weasyprint").removeHandler(fang)
    text = " ".join(abgelehnt)
    assert "tracker.example.org" in text and "/etc/passwd" in text


@pytest.mark.django_db
def test_the_worker_renders_once_and_reuses_the_pdf_while_nothing_changed(
    world, django_capture_on_commit_callbacks
):
    ausgabe = _ausgabe(world)
    user = world.users["redaktion"]
    with django_capture_on_commit_callbacks(execute=True):
        services.pdf_anfordern(ausgabe=ausgabe, user=user)
    ausgabe.refresh_from_db()
    assert ausgabe.pdf and not ausgabe.pdf_in_arbeit
    erster, schluessel = ausgabe.pdf.name, ausgabe.pdf_schluessel
    assert schluessel[:16] in erster
    # unchanged: requested again, the stored file is kept
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(
        pdf_fertig_at=F("pdf_angefordert_at") - timedelta(seconds=1)
    )
    assert pdf_erzeugen.call(ausgabe.pk) is False
    ausgabe.refresh_from_db()
    assert ausgabe.pdf.name == erster and not ausgabe.pdf_in_arbeit
    # a changed article: a new PDF under a new key
    ausgabe.artikel.filter(status="freigegeben").update(titel="Neu betitelt")
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(
        pdf_fertig_at=F("pdf_angefordert_at") - timedelta(seconds=1)
    )
    assert pdf_erzeugen.call(ausgabe.pk) is True
    ausgabe.refresh_from_db()
    assert ausgabe.pdf_schluessel != schluessel and ausgabe.pdf.name != erster


def _angefordert(callbacks):
    """The callbacks that put the PDF into the worker's queue (not the cache's)."""
    return [c for c in callbacks if "pdf_anfordern" in c.__qualname__]


@pytest.mark.django_db
def test_a_request_the_worker_lost_is_enqueued_again_when_asked_again(
    world, django_capture_on_commit_callbacks
):
    ausgabe = _ausgabe(world)
    user = world.users["redaktion"]
    with django_capture_on_commit_callbacks(execute=False) as erste:
        services.pdf_anfordern(ausgabe=ausgabe, user=user)
    assert len(_angefordert(erste)) == 1  # the worker never runs it
    with django_capture_on_commit_callbacks(execute=False) as gleich:
        services.pdf_anfordern(ausgabe=ausgabe, user=user)
    assert _angefordert(gleich) == []  # still waiting: not twice in the queue
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(
        pdf_angefordert_at=F("pdf_angefordert_at") - services.PDF_WARTEZEIT - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True) as spaeter:
        services.pdf_anfordern(ausgabe=ausgabe, user=user)
    assert len(_angefordert(spaeter)) == 1
    ausgabe.refresh_from_db()
    assert ausgabe.pdf and not ausgabe.pdf_in_arbeit
