"""The Verfügungsfonds in a real browser: on a phone a resident applies for 480 € for a
street party (own money, volunteer hours), answers the office's question through the link,
is approved by the committee, sends a receipt and a photo, and the party appears on the
public page with its photo; the same application once without JavaScript. axe checks every
page."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from netzwerk.models import GremiumMitglied
from projekte import services
from projekte.models import Antrag, Antragsstatus

from ..anliegen.factories import bild
from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll

expect.set_options(timeout=15_000)


@pytest.fixture
def welt(transactional_db, settings):
    settings.ANLIEGEN_MINDESTZEIT = 0  # the browser fills the form faster than people
    world = build_world()
    fonds = world.extra["projekte"]["fonds"]
    # The office decides alone up to 300 €: 480 € go to the committee.
    fonds.grenze_buero = 300
    fonds.gremium = world.extra["gremium"]
    fonds.eigenanteil_prozent = 10
    fonds.save()
    for name in ("Anna Berg", "Bernd Kurz", "Cem Aydın", "Dora Lenz", "Emil Stern"):
        GremiumMitglied.objects.create(gremium=world.extra["gremium"], name=name, typ="bewohner")
    return world


def _pdf() -> bytes:
    puffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(puffer, "PDF")
    return puffer.getvalue()


def _ausfuellen(seite) -> None:
    seite.locator("input[name=antragsteller][value=initiative]").check()
    seite.get_by_label("Name der Initiative oder des Vereins").fill("Hofgemeinschaft Lindenplatz")
    seite.get_by_label("Ihr Name").fill("Selin Kaya")
    seite.get_by_label("Ihre E-Mail-Adresse").fill("selin@example.org")
    seite.get_by_label("Titel Ihrer Idee").fill("Straßenfest am Lindenplatz")
    seite.get_by_label("Was haben Sie vor, und warum?").fill(
        "Ein Nachmittag mit Musik, Spielen und Kuchen für alle Nachbarn."
    )
    seite.get_by_label("Wo?").fill("Lindenplatz")
    for n, (art, was, betrag) in enumerate(
        [("miete", "Bühne und Bänke", "400"), ("material", "Spiele und Deko", "200")]
    ):
        seite.locator(f"#id_kosten-{n}-art").select_option(art)
        seite.locator(f"#id_kosten-{n}-bezeichnung").fill(was)
        seite.locator(f"#id_kosten-{n}-betrag").fill(betrag)
    seite.get_by_label("Beantragter Betrag (EUR)").fill("480")
    seite.get_by_label("Eigene Mittel (EUR)").fill("20")
    seite.get_by_label("Ehrenamtliche Stunden, die Sie einbringen").fill("12")
    for erklaerung in (
        "Ich bin mindestens 18 Jahre alt.",
        "Das Vorhaben hat noch nicht begonnen.",
        "Keine andere Stelle bezahlt dieselben Kosten (keine Doppelförderung).",
        "Auf Flyern, Plakaten und in Beiträgen nennen wir den Verfügungsfonds als Förderer.",
    ):
        seite.get_by_label(erklaerung).check()
    seite.get_by_label("Wird meine Idee gefördert", exact=False).check()


def test_a_resident_gets_from_idea_to_money_on_a_phone(phone, page, welt):
    phone.goto("/verfuegungsfonds/")
    assert_accessible(phone, "fund page")
    phone.get_by_role("link", name="Online beantragen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Antrag an den Verfügungsfonds")
    assert_accessible(phone, "application form")
    assert_no_horizontal_scroll(phone)
    _ausfuellen(phone)
    # Forgot a declaration: the message is beside it, and nothing typed is lost.
    phone.get_by_label("Das Vorhaben hat noch nicht begonnen.").uncheck()
    phone.get_by_label("Eigene Mittel (EUR)").fill("0")
    phone.get_by_label("Ehrenamtliche Stunden, die Sie einbringen").fill("0")
    phone.get_by_role("button", name="Antrag senden").click()
    expect(phone.locator("#fehler")).to_be_visible()
    expect(phone.get_by_text("Bitte bestätigen Sie dies, um den Antrag zu senden.")).to_be_visible()
    expect(phone.get_by_text("Eigenanteil von 10 % der Kosten", exact=False)).to_be_visible()
    expect(phone.get_by_label("Titel Ihrer Idee")).to_have_value("Straßenfest am Lindenplatz")
    assert_accessible(phone, "application form with errors")
    phone.get_by_label("Das Vorhaben hat noch nicht begonnen.").check()
    phone.get_by_label("Eigene Mittel (EUR)").fill("20")
    phone.get_by_label("Ehrenamtliche Stunden, die Sie einbringen").fill("12")
    phone.get_by_role("button", name="Antrag senden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Danke, Ihr Antrag ist eingegangen")
    assert_accessible(phone, "receipt")
    nummer = phone.locator(".antrag-nummer").inner_text()
    antrag = Antrag.objects.get(nummer=nummer)
    assert antrag.ehrenamt_wert() == 180 and antrag.kosten_summe() == 600
    phone.get_by_role("link", name="Meinen Antrag verfolgen").click()
    expect(phone.locator(".antrag-status")).to_have_text("Eingereicht")
    assert_accessible(phone, "tracking page")
    assert_no_horizontal_scroll(phone)

    # The office asks a question; the resident answers it through the link.
    qm = welt.users["qm"]
    services.antrag_status_setzen(antrag=antrag, status=Antragsstatus.VORPRUEFUNG, user=qm)
    services.antrag_status_setzen(
        antrag=antrag, status=Antragsstatus.RUECKFRAGE, user=qm, notiz="Wer baut die Bühne auf?"
    )
    phone.reload()
    expect(phone.locator(".antrag-frage")).to_contain_text("Wer baut die Bühne auf?")
    assert_accessible(phone, "tracking page with a question")
    phone.get_by_label("Ihre Antwort").fill("Der Hausmeister und zwei Nachbarn.")
    phone.get_by_role("button", name="Antwort senden").click()
    expect(phone.get_by_text("Danke, Ihre Antwort ist an das Büro weitergegeben.")).to_be_visible()
    expect(phone.locator(".antrag-status")).to_have_text("In Vorprüfung")

    # The committee approves it from its meeting's list; the agreement is signed.
    antrag.refresh_from_db()
    services.antrag_status_setzen(antrag=antrag, status=Antragsstatus.ZUR_ENTSCHEIDUNG, user=qm)
    page.goto("/admin/login/")
    page.fill("#id_username", qm.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(reverse("admin:projekte_antrag_sitzung", args=[welt.extra["sitzung"].pk]))
    page.get_by_label(f"{nummer} · Straßenfest am Lindenplatz", exact=False).check()
    page.get_by_role("button", name="Auf die Liste setzen").click()
    abschnitt = page.locator("section.beratung", has_text=nummer)
    abschnitt.get_by_label("ja:", exact=True).fill("4")
    abschnitt.get_by_label("nein:", exact=True).fill("0")
    abschnitt.get_by_label("Enthaltungen:", exact=True).fill("0")
    abschnitt.get_by_label("Bernd Kurz", exact=False).check()
    abschnitt.get_by_label("Bewilligt", exact=True).check()
    assert_accessible(page, "committee list")
    abschnitt.get_by_role("button", name="Entscheidung erfassen").click()
    expect(page.locator(".beratung-ergebnis")).to_contain_text("Ja 4, Nein 0")
    antrag.refresh_from_db()
    assert antrag.entscheidungsweg == "gremium" and antrag.bewilligt == 480
    services.antrag_status_setzen(antrag=antrag, status=Antragsstatus.VEREINBARUNG, user=qm)
    phone.reload()
    expect(phone.locator(".antrag-bewilligt")).to_have_text("480,00 €")

    # After the party: a receipt, a photo and a short report.
    phone.get_by_label("Was ist geschehen? Ein kurzer Bericht").fill("Etwa 120 Nachbarn kamen.")
    phone.get_by_label("Was hat es am Ende gekostet? (EUR)").fill("590")
    phone.get_by_label("Beleg 1").set_input_files(
        files=[{"name": "quittung.pdf", "mimeType": "application/pdf", "buffer": _pdf()}]
    )
    phone.get_by_label("Foto 1").set_input_files(
        files=[{"name": "fest.jpg", "mimeType": "image/jpeg", "buffer": bild("fest.jpg")}]
    )
    phone.get_by_label("Die Fotos dürfen veröffentlicht werden", exact=False).check()
    phone.get_by_role("button", name="Verwendungsnachweis senden").click()
    expect(phone.locator(".antrag-status")).to_have_text("Nachweis eingereicht")
    expect(phone.locator(".antrag-dateien li")).to_have_count(2)
    assert_accessible(phone, "tracking page after the proof")

    # The party is on the public page, with its photo.
    phone.goto("/verfuegungsfonds/")
    eintrag = phone.locator("li", has_text="Straßenfest am Lindenplatz")
    expect(eintrag).to_contain_text("480,00 € aus dem Fonds")
    foto = eintrag.locator("img")
    expect(foto).to_have_attribute("alt", "Foto von „Straßenfest am Lindenplatz“")
    assert phone.evaluate("(img) => img.naturalWidth", foto.element_handle()) > 0
    expect(phone.get_by_text("Selin Kaya")).to_have_count(0)


def test_the_application_works_without_javascript(no_js_page, welt):
    seite = no_js_page
    seite.goto("/verfuegungsfonds/antrag/")
    _ausfuellen(seite)
    # Saved as a draft first, finished from the link.
    seite.get_by_role("button", name="Als Entwurf speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Ihr Entwurf ist gespeichert")
    seite.get_by_role("link", name="Meinen Antrag fortsetzen").click()
    expect(seite.locator(".antrag-status")).to_have_text("Entwurf")
    seite.get_by_role("link", name="Antrag fortsetzen und senden").click()
    expect(seite.get_by_label("Titel Ihrer Idee")).to_have_value("Straßenfest am Lindenplatz")
    expect(seite.locator("#id_kosten-1-betrag")).to_have_value("200.00")
    for erklaerung in (
        "Ich bin mindestens 18 Jahre alt.",
        "Das Vorhaben hat noch nicht begonnen.",
        "Keine andere Stelle bezahlt dieselben Kosten (keine Doppelförderung).",
        "Auf Flyern, Plakaten und in Beiträgen nennen wir den Verfügungsfonds als Förderer.",
    ):
        expect(seite.get_by_label(erklaerung)).to_be_checked()
    seite.get_by_role("button", name="Antrag senden").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Danke, Ihr Antrag ist eingegangen")
    antrag = Antrag.objects.get(titel="Straßenfest am Lindenplatz")
    assert antrag.status == Antragsstatus.EINGEREICHT and antrag.kosten.count() == 2
