"""The network in a real browser: a resident on a phone, a partner, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from netzwerk.models import Akteur

from ..factories import PASSWORD, AkteurFactory
from ..netzwerk.factories import AngebotFactory
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll

# Two cores shared by several test runs: give the page time to answer.
expect.set_options(timeout=15_000)


@pytest.fixture
def netzwerk_world(transactional_db):
    world = build_world()
    awo = AkteurFactory(
        name="AWO Begegnungsstätte Lindenplatz",
        slug="awo",
        art=Akteur.Art.FREIER_TRAEGER,
        quartiere=[world.quartier_a],
        beschreibung="Mittagstisch und Ausflüge für ältere Menschen.",
        zielgruppen=["senioren"],
        sprachen=["de", "tr"],
    )
    AngebotFactory(
        akteur=awo,
        titel="Seniorenfrühstück auf Türkisch",
        zielgruppen=["senioren", "migration"],
        sprachen=["tr", "de"],
        zeit="jeden Mittwoch 9:30–11:30 Uhr",
    )
    AngebotFactory(
        akteur=awo, titel="Skatrunde", zielgruppen=["senioren"], sprachen=["de"], zeit="freitags"
    )
    AngebotFactory(akteur=world.akteur_b, titel="Jugendfußball", zielgruppen=["jugendliche"])
    for akteur in Akteur.objects.all():
        akteur.aktualisiere_suchvektor()
    world.extra["awo"] = awo
    return world


def test_resident_finds_a_turkish_offer_for_seniors_with_the_filters_on_a_phone(
    phone, netzwerk_world
):
    phone.goto("/netzwerk/")
    assert_accessible(phone, "directory")
    phone.get_by_role("link", name="Angebote", exact=True).click()
    phone.wait_for_url("**/netzwerk/angebote/")
    phone.get_by_label("Zielgruppe").select_option(label="Senior:innen")
    phone.get_by_label("Sprache").select_option(label="Türkisch")
    # With JavaScript htmx swaps the results in place and updates the address.
    expect(phone.get_by_role("heading", name="1 Angebot gefunden")).to_be_visible()
    expect(phone.locator("#ergebnisse-status")).to_have_text("1 Angebot gefunden")
    expect(phone).to_have_url(re.compile(r"/netzwerk/angebote/\?.*sprache=tr"))
    expect(phone.get_by_role("heading", name="Seniorenfrühstück auf Türkisch")).to_be_visible()
    expect(phone.get_by_text("Skatrunde")).to_have_count(0)
    assert_accessible(phone, "offers filtered")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name="AWO Begegnungsstätte Lindenplatz").click()
    expect(phone.get_by_role("heading", name="AWO Begegnungsstätte Lindenplatz")).to_be_visible()
    assert_accessible(phone, "detail")
    assert_no_horizontal_scroll(phone)


def test_filters_work_without_javascript(no_js_page, netzwerk_world):
    no_js_page.goto("/netzwerk/")
    no_js_page.get_by_label("Suche", exact=True).fill("Hausaufgabe")
    no_js_page.get_by_role("button", name="Ergebnisse anzeigen").click()
    no_js_page.wait_for_url("**/netzwerk/?q=Hausaufgabe**")
    expect(no_js_page.get_by_role("heading", name="1 Akteur gefunden")).to_be_visible()
    expect(no_js_page.get_by_role("link", name=netzwerk_world.akteur_a.name)).to_be_visible()


def test_partner_updates_the_opening_hours(page, netzwerk_world):
    page.goto("/partner/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("partner-a@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name=netzwerk_world.akteur_a.name).click()
    expect(page.get_by_role("heading", name="Profil")).to_be_visible()
    assert_accessible(page, "partner profile")
    page.get_by_label("Öffnungszeiten").fill("Mo 9–12 Uhr\nDo 15–19 Uhr")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert. Die Änderungen sind jetzt")).to_be_visible()
    assert_accessible(page, "partner profile saved")
    page.get_by_role("link", name="Öffentlichen Eintrag ansehen").click()
    expect(page.locator("#oeffnungszeiten")).to_contain_text("Do 15–19 Uhr")
    page.goto(netzwerk_world.akteur_a.get_partner_url())
    page.get_by_role("link", name="Angebot hinzufügen").click()
    assert_accessible(page, "new offer")
    page.get_by_label("Titel").fill("Skat <b>fett</b>")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("HTML-Tags und Skripte sind nicht erlaubt")).to_be_visible()
    assert_accessible(page, "offer with error")
    page.goto(netzwerk_world.akteur_a.get_partner_url())
    page.get_by_role("link", name="Ansprechperson hinzufügen").click()
    assert_accessible(page, "new contact person")


def test_every_public_network_page_is_accessible(page, netzwerk_world):
    gremium = netzwerk_world.extra["gremium"]
    for path in (
        "/netzwerk/",
        "/netzwerk/?q=xyz",
        "/netzwerk/angebote/",
        "/netzwerk/gremien/",
        gremium.get_absolute_url(),
        netzwerk_world.akteur_a.get_absolute_url(),
        "/",
    ):
        page.goto(path)
        assert_accessible(page, path)
