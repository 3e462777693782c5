"""The newspaper's demo: per area a published 12-page issue and a 16-page one in editing,
articles in their page plan with the blocks, photos with their alternative text, one
partner's article in the editorial queue; readable on the public web edition."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from zeitung.models import Artikel, Artikelfoto, Platzierung, Zeitungsausgabe
from zeitung.seitenplan import plan


@pytest.fixture
def demo(db):
    call_command("demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_every_demo_area_has_a_published_and_an_edited_issue_in_a_clean_page_plan(demo):
    for slug in ("brunnenviertel", "hafenquartier"):
        ausgaben = {a.nummer: a for a in Zeitungsausgabe.objects.filter(quartier__slug=slug)}
        assert {n: (a.seitenzahl, a.status) for n, a in ausgaben.items()} == {
            1: (12, "erschienen"),
            2: (16, "redaktion"),
        }
        # Out for readers: every placed article released, every page in its place.
        assert plan(ausgaben[1]).warnungen == []
        assert not ausgaben[1].artikel.exclude(status="freigegeben").exists()
        # Being edited: the plan warns about what is not released yet, nothing else.
        assert all("freigegeben" in w for w in plan(ausgaben[2]).warnungen)
        for ausgabe in ausgaben.values():
            arten = set(ausgabe.platzierungen.values_list("art", flat=True))
            assert arten == set(Platzierung.Art.values)
            assert max(ausgabe.platzierungen.values_list("seite", flat=True)) == ausgabe.seitenzahl


@pytest.mark.django_db
def test_demo_photos_went_through_the_upload_rules_and_are_showable(demo):
    fotos = list(Artikelfoto.objects.all())
    assert len(fotos) >= 10
    for foto in fotos:
        assert foto.alt and foto.urheber and foto.lizenz and foto.zeigbar
        assert foto.bild.storage.exists(foto.bild.name)
        foto.full_clean()


@pytest.mark.django_db
def test_the_partners_article_waits_in_the_editorial_queue(demo):
    artikel = Artikel.objects.get(akteur__isnull=False)
    assert artikel.status == Artikel.Status.IN_PRUEFUNG
    assert artikel.ausgabe is None and artikel.eingereicht_von.email == "partner@quartier.example"
    assert artikel.fotos.count() == 1
    assert artikel.text.startswith("<p>")


@pytest.mark.django_db
def test_the_published_demo_issue_is_readable_online(demo):
    client = Client()
    ausgabe = Zeitungsausgabe.objects.get(quartier__slug="brunnenviertel", nummer=1)
    seite = client.get(ausgabe_url := "/zeitung/1/")
    assert seite.status_code == 200, ausgabe_url
    text = seite.content.decode()
    for artikel in ausgabe.artikel.all():
        assert artikel.titel in text
    assert "Sicher zur Schule" not in client.get("/zeitung/").content.decode()
