"""Projects in a real browser: a resident on a phone finds the playground's redesign, reads
its phase and sends an idea, which the staff find in their concern queue linked to the
project; a partner records an expense with a receipt photo. axe checks every page."""

import pytest
from playwright.sync_api import expect

from anliegen.models import Anliegen
from projekte.models import Ausgabe, Sachbericht

from ..anliegen.factories import bild
from ..factories import PASSWORD
from ..personas import build_world
from ..projekte.test_public import spielplatz
from .conftest import assert_accessible, assert_no_horizontal_scroll

expect.set_options(timeout=15_000)


@pytest.fixture
def welt(transactional_db, settings):
    settings.ANLIEGEN_MINDESTZEIT = 0
    world = build_world()
    world.extra["spielplatz"] = spielplatz(world)
    return world


def test_resident_finds_the_playground_reads_its_phase_and_sends_an_idea(phone, page, welt):
    phone.goto("/")
    phone.locator(".navbar-toggler").click()  # the menu is folded on a phone
    phone.locator("#hauptnavigation").get_by_role("link", name="Projekte").click()
    phone.wait_for_url("**/projekte/")
    assert_accessible(phone, "list")
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("Art", exact=True).select_option(label="Baumaßnahme")
    expect(phone.get_by_role("heading", name="1 Projekt gefunden")).to_be_visible()
    phone.get_by_role("link", name="Spielplatz Am Wasserturm").click()
    expect(phone.get_by_role("heading", name="Aktuelle Phase: Beteiligung")).to_be_visible()
    expect(phone.get_by_text("Planungswerkstatt im Stadtteilladen.")).to_be_visible()
    assert_accessible(phone, "detail")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name="Idee oder Anmerkung senden").click()
    assert_accessible(phone, "idea form")
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("Ihre Idee oder Anmerkung").fill("Bitte eine Nestschaukel!")
    phone.get_by_role("button", name="Idee senden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Danke, Ihr Anliegen ist eingegangen"
    )
    nummer = phone.locator(".nummer").inner_text()
    anliegen = Anliegen.objects.get(nummer=nummer)
    assert anliegen.projekt == welt.extra["spielplatz"]
    assert anliegen.art == Anliegen.Art.IDEE

    # The staff see it in their queue, with its project.
    page.goto("/admin/login/")
    page.fill("#id_username", welt.users["mitarbeit"].email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto("/admin/anliegen/anliegen/")
    zeile = page.locator("tr", has_text="Bitte eine Nestschaukel!")
    expect(zeile).to_contain_text("Projekt: Spielplatz Am Wasserturm")


def test_partner_records_an_expense_with_a_receipt_photo_on_a_phone(phone, welt):
    phone.goto("/partner/anmelden/")
    phone.get_by_label("E-Mail-Adresse").fill(welt.users["partner_a"].email)
    phone.get_by_label("Passwort").fill(PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.get_by_role("link", name="Ihre Projekte").click()
    assert_accessible(phone, "partner projects")
    phone.get_by_role("link", name="Hausaufgabenhilfe").click()
    expect(phone.get_by_role("heading", name="Geplant und ausgegeben")).to_be_visible()
    assert_accessible(phone, "partner project")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name="Ausgabe erfassen").click()
    assert_accessible(phone, "expense form")
    phone.get_by_label("Kostenposition").select_option(index=1)
    phone.get_by_label("Bezahlt am").fill("2026-04-02")
    phone.get_by_label("Betrag").fill("45.90")
    phone.get_by_label("Wofür").fill("Arbeitshefte")
    phone.set_input_files(
        "#id_beleg", files=[{"name": "quittung.jpg", "mimeType": "image/jpeg", "buffer": bild()}]
    )
    phone.get_by_role("button", name="Ausgabe speichern").click()
    expect(phone.get_by_text("Die Ausgabe ist erfasst. Das Büro prüft sie.")).to_be_visible()
    expect(phone.get_by_text("Arbeitshefte")).to_be_visible()
    assert_accessible(phone, "expense recorded")
    ausgabe = Ausgabe.objects.get(bezeichnung="Arbeitshefte")
    assert ausgabe.beleg and ausgabe.erfasst_von == welt.users["partner_a"]

    # The narrative report: the office sent the first one back; the Träger corrects it.
    bericht = welt.extra["projekte"]["sachbericht"]
    Sachbericht.objects.filter(pk=bericht.pk).update(
        status=Sachbericht.Status.NACHBESSERN, rueckmeldung="Bitte die Zahl der Termine."
    )
    phone.reload()
    expect(phone.get_by_text("Bitte die Zahl der Termine.")).to_be_visible()
    phone.get_by_role("link", name="korrigieren und erneut einreichen").click()
    assert_accessible(phone, "report form")
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("Was getan wurde").fill("14 Kinder an 22 Terminen.")
    phone.get_by_role("button", name="Bericht einreichen").click()
    expect(phone.get_by_text("Der Bericht ist eingereicht. Das Büro prüft ihn.")).to_be_visible()
    bericht.refresh_from_db()
    assert bericht.status == Sachbericht.Status.EINGEREICHT
    assert bericht.text == "14 Kinder an 22 Terminen."
