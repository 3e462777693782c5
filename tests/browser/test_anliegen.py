"""Concerns in a real browser: a resident reports a broken streetlight with a photo on a
phone and asks for status mails on the tracking page, staff answer and close it in the back
office, the resident reads the answer by the private link and says "nicht gelöst". Every
public page of concerns is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from anliegen.models import Anliegen

from ..anliegen.factories import (
    AmtFactory,
    AnliegenFactory,
    FotoFactory,
    OeffentlichesAnliegenFactory,
    WeiterleitungFactory,
    bild,
)
from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def welt(transactional_db, settings):
    settings.ANLIEGEN_MINDESTZEIT = 0
    world = build_world()  # includes the category "Straßenbeleuchtung" (tests/anliegen/world.py)
    world.extra["licht"] = world.extra["kategorie"]
    return world


def test_streetlight_report_answer_and_not_solved(phone, page, welt):
    # 1. The resident reports on a phone, with a photo.
    phone.goto("/anliegen/neu/")
    assert_accessible(phone, "report form")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("radio", name="Mangel").check()
    phone.get_by_label("Kategorie").select_option(label="Straßenbeleuchtung")
    phone.get_by_label("Ihr Anliegen").fill("Die Straßenlaterne vor Nummer 12 ist dunkel.")
    phone.get_by_label("Straße").fill("Brunnenstraße")
    phone.get_by_label("Hausnummer").fill("12")
    phone.set_input_files(
        "#id_foto_1", files=[{"name": "laterne.jpg", "mimeType": "image/jpeg", "buffer": bild()}]
    )
    phone.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("anwohner@example.org")
    phone.get_by_role("button", name="Anliegen senden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Danke, Ihr Anliegen ist eingegangen"
    )
    assert_accessible(phone, "receipt")
    assert_no_horizontal_scroll(phone)
    nummer = phone.locator(".nummer").inner_text()
    assert re.fullmatch(r"A-\d{4}-\d{5}", nummer)
    anliegen = Anliegen.objects.get(nummer=nummer)
    assert anliegen.fotos.count() == 1
    phone.get_by_role("link", name="Mein Anliegen verfolgen").click()
    expect(phone.locator(".anliegen-status")).to_have_text("eingegangen")
    assert_accessible(phone, "tracking page")
    anliegen.refresh_from_db()
    assert not anliegen.benachrichtigen  # opening the link subscribes nobody
    phone.get_by_role("button", name="Status-Mails erhalten").click()
    abbestellen = phone.get_by_role("button", name="Keine E-Mails mehr zu diesem Anliegen")
    expect(abbestellen).to_be_visible()
    anliegen.refresh_from_db()
    assert anliegen.bekommt_statusmails

    # 2. The quartier manager answers and closes it in the back office.
    page.goto("/admin/login/")
    page.fill("#id_username", "qm@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"/admin/anliegen/anliegen/{anliegen.pk}/change/")
    page.get_by_role("link", name="Status ändern / antworten").click()
    page.get_by_label("Neuer Status").select_option(label="erledigt")
    page.get_by_label("Öffentliche Antwort").fill("Die Laterne wurde repariert. Danke!")
    page.get_by_role("button", name="Status speichern").click()
    expect(page.get_by_text("Der Status wurde geändert.")).to_be_visible()

    # 3. The resident reads the answer by the link and says it is not solved.
    phone.reload()
    expect(phone.locator(".anliegen-status")).to_have_text("erledigt")
    expect(phone.locator(".anliegen-antwort")).to_contain_text("Die Laterne wurde repariert.")
    assert_accessible(phone, "tracking page, closed")
    phone.get_by_label("Was ist noch nicht in Ordnung?").fill("Sie flackert schon wieder.")
    phone.get_by_role("button", name="Nicht gelöst").click()
    expect(phone.locator(".anliegen-status")).to_have_text("in Bearbeitung")
    anliegen.refresh_from_db()
    assert anliegen.status == Anliegen.Status.IN_BEARBEITUNG


def test_report_works_without_javascript_and_explains_errors(no_js_page, welt):
    page = no_js_page
    page.goto("/anliegen/neu/")
    expect(page.get_by_role("button", name="Meinen Standort verwenden")).to_be_hidden()
    page.get_by_role("radio", name="Frage").check()
    page.get_by_role("button", name="Anliegen senden").click()
    expect(page.get_by_text("Bitte prüfen Sie die markierten Felder.")).to_be_visible()
    page.get_by_label("Kategorie").select_option(label="Straßenbeleuchtung")
    page.get_by_label("Ihr Anliegen").fill("Wann werden die Laternen auf LED umgestellt?")
    page.get_by_role("button", name="Anliegen senden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danke, Ihr Anliegen ist eingegangen")
    expect(page.get_by_text("Sie haben keine E-Mail-Adresse angegeben")).to_be_visible()


def test_public_pages_of_concerns_are_accessible(page, phone, welt):
    kategorie = welt.extra["licht"]
    oeffentlich = OeffentlichesAnliegenFactory(kategorie=kategorie, antwort="")
    FotoFactory(anliegen=oeffentlich, freigegeben=True)
    privat = AnliegenFactory(kategorie=kategorie)
    weiterleitung = WeiterleitungFactory(
        anliegen=privat, akteur=AmtFactory(quartiere=[welt.quartier_a])
    )
    for p in (page, phone):
        for url in [
            "/anliegen/",
            "/anliegen/?art=mangel&status=eingegangen",
            oeffentlich.get_absolute_url(),
            "/anliegen/pin/",
            privat.get_verfolgen_url(),
            weiterleitung.get_absolute_url(),
        ]:
            p.goto(url)
            assert_accessible(p, url)
    assert_no_horizontal_scroll(phone)
    phone.goto("/anliegen/")
    # The list is served from the cache: a link to the PIN form, not the form itself.
    phone.get_by_role("link", name="Vorgangsnummer und PIN eingeben").click()
    phone.get_by_label("Vorgangsnummer").fill(privat.nummer)
    phone.get_by_label("PIN").fill("000000")
    phone.get_by_role("button", name="Mein Anliegen anzeigen").click()
    expect(phone.get_by_text("Vorgangsnummer und PIN passen nicht zusammen")).to_be_visible()
    assert_accessible(phone, "pin error")
    phone.get_by_label("PIN").fill("424242")
    phone.get_by_role("button", name="Mein Anliegen anzeigen").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(privat.nummer)
