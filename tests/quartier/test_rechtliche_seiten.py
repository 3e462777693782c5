"""Legal pages show what the area's data knows; `check --deploy` warns about the rest."""

import importlib
import secrets

import pytest
from django.apps import apps as global_apps
from django.core import checks
from django.db import connection
from django.urls import reverse

from quartier.checks import legal_page_placeholder_check
from quartier.models import Quartier, Seite
from quartier.seiten import PLATZHALTER, PLATZHALTER_MUSTER, default_text, offene_platzhalter

from ..factories import QuartierFactory
from ..utils import get_page
from .test_setup import run_manage

RECHTLICH = {
    "vertreten_durch": "Dr. Ulrike Brandt, Vorstand",
    "registereintrag": "Amtsgericht Lindenau, VR 1187",
    "verantwortlich_inhalt": "Sabine Wolters, Brunnenstraße 14, 54321 Lindenau",
    "datenschutz_kontakt": "datenschutz@caritas-lindenau.example",
}


def test_every_placeholder_of_the_default_texts_is_known():
    """Each placeholder the seeded texts hold has a source in the area's data."""
    for art in Seite.Art.values:
        for platzhalter in PLATZHALTER_MUSTER.findall(default_text(art)):
            assert platzhalter in PLATZHALTER, f"{art}: {platzhalter} has no source"


@pytest.mark.django_db
def test_the_legal_notice_shows_the_areas_office_and_traeger(client):
    QuartierFactory(name="Nordviertel", slug="nord", traeger="Caritasverband Lindenau e. V.")
    QuartierFactory(
        name="Südhafen",
        slug="sued",
        traeger="Stadt Lindenau",
        strasse="Kaistraße 3",
        plz="54323",
        telefon="06541 77",
        email="buero@sued.example",
    )
    html = get_page(client, reverse("seite", args=["impressum"]), max_queries=5).content.decode()
    assert "Caritasverband Lindenau e. V.<br>Brunnenstraße 14<br>54321 Lindenau" in html
    assert "Telefon: 06541 12345" in html
    assert "E-Mail: buero@nord.example" in html
    assert "[Name des Trägers, Rechtsform]" not in html
    # Not known yet: stays visible (and the deploy check names it).
    assert "[vertretungsberechtigte Person]" in html

    html = get_page(client, "/q/sued/seite/impressum/", max_queries=5).content.decode()
    assert "Stadt Lindenau" in html and "Kaistraße 3" in html and "54323 Lindenau" in html
    assert "buero@sued.example" in html and "Caritasverband" not in html
    assert "Bitte ersetzen Sie" not in html  # no note for staff on a page for residents


@pytest.mark.django_db
@pytest.mark.parametrize("art", Seite.Art.values)
def test_with_the_legal_details_no_placeholder_is_left(client, art):
    QuartierFactory(slug="nord", **RECHTLICH)
    html = client.get(reverse("seite", args=[art])).content.decode()
    assert not PLATZHALTER_MUSTER.search(html), PLATZHALTER_MUSTER.findall(html)
    if art == "impressum":
        assert "Vertreten durch: Dr. Ulrike Brandt, Vorstand" in html
        assert "Amtsgericht Lindenau, VR 1187" in html


@pytest.mark.django_db
def test_deploy_check_names_page_area_and_placeholder():
    QuartierFactory(name="Nordviertel", slug="nord", **RECHTLICH)
    QuartierFactory(name="Südhafen", slug="sued")
    warnings = legal_page_placeholder_check(None)
    assert warnings and all(isinstance(w, checks.Warning) for w in warnings)
    assert {w.id for w in warnings} == {"quartier.W001"}
    texte = [w.msg for w in warnings]
    assert not [t for t in texte if "Nordviertel" in t]  # all known there
    assert (
        "The legal page “Impressum” (Südhafen) still holds the placeholder "
        "[vertretungsberechtigte Person]." in texte
    )
    assert any("Datenschutzerklärung" in t and "(Südhafen)" in t for t in texte)
    # The check is one of the deploy checks.
    registered = checks.run_checks(include_deployment_checks=True, tags=None)
    assert any(w.id == "quartier.W001" for w in registered)


@pytest.mark.django_db
def test_a_placeholder_staff_wrote_themselves_is_named_too():
    QuartierFactory(name="Nordviertel", slug="nord", **RECHTLICH)
    Seite.objects.filter(art="barrierefreiheit").update(inhalt="Stand: [Datum der Prüfung]")
    texte = [w.msg for w in legal_page_placeholder_check(None)]
    assert texte == [
        "The legal page “Erklärung zur Barrierefreiheit” (Nordviertel) still holds the "
        "placeholder [Datum der Prüfung]."
    ]


@pytest.mark.django_db
def test_no_area_yet_checks_the_texts_as_they_are():
    Quartier.objects.all().delete()
    texte = [w.msg for w in legal_page_placeholder_check(None)]
    assert "The legal page “Impressum” still holds the placeholder [Telefonnummer]." in texte


def test_placeholders_are_found_once_each_in_order():
    text = "A [eins] B [zwei]\n[eins] und [nicht\nüber Zeilen]"
    assert offene_platzhalter(text, None) == ["[eins]", "[zwei]"]


@pytest.mark.django_db
def test_the_migration_takes_the_note_for_staff_out_of_the_seeded_legal_notice():
    migration = importlib.import_module(
        "quartier.migrations.0007_quartiersstrassen_und_rechtliche_angaben"
    )
    alt = default_text("impressum") + migration.HINWEIS
    Seite.objects.filter(art="impressum").update(inhalt=alt)
    Seite.objects.filter(art="datenschutz").update(inhalt="Eigener Text.")
    migration.hinweis_entfernen(global_apps, None)
    assert Seite.objects.get(art="impressum").inhalt == default_text("impressum")
    assert Seite.objects.get(art="datenschutz").inhalt == "Eigener Text."


@pytest.mark.django_db(transaction=True)
def test_production_with_complete_legal_pages_passes_the_deploy_check():
    """The deploy check run by `manage.py` sees this test's database: complete legal details
    pass, a remaining placeholder is a warning that fails `--fail-level WARNING`."""
    QuartierFactory(slug="nord", **RECHTLICH)
    db = connection.settings_dict
    ort = f"{db['USER'] or ''}@{db['HOST']}:{db['PORT'] or 5432}" if db["HOST"] else ""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "quartier.example",
        "DATABASE_URL": f"postgres://{ort}/{db['NAME']}",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    Quartier.objects.update(vertreten_durch="")
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode != 0
    assert "quartier.W001" in result.stderr
    assert "[vertretungsberechtigte Person]" in result.stderr
