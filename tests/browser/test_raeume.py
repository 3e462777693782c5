"""Journey: a partner on a phone books the hall for a Saturday, is told the kitchen is
taken and takes a free alternative, books a weekly series with one clash, cancels one date;
staff confirm the hall booking in the back office. axe on every page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from quartier.roles import Rolle
from raeume.models import Buchung

from ..factories import PASSWORD, AkteurFactory, QuartierFactory, UserFactory
from ..raeume.factories import buchung, naechster, raeume, um, vereinbarung
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def welt(transactional_db):
    quartier = QuartierFactory(name="Brunnenviertel", slug="brunnenviertel")
    rooms = raeume(quartier)
    vereinbarung(quartier)
    partner = UserFactory(email="elif@example.org", name="Elif Demir", rolle=Rolle.PARTNER)
    verein = AkteurFactory(name="Nachbarschaftsverein", quartiere=[quartier], mitglieder=[partner])
    andere = AkteurFactory(name="Kulturverein", quartiere=[quartier])
    qm = UserFactory(
        email="qm@example.org",
        name="Sabine Wolters",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[quartier],
    )
    samstag = naechster(5, wochen=3)
    # The hall and kitchen are booked in the morning: the kitchen needs two hours to clean.
    buchung(
        rooms["saal"],
        um(samstag, 10),
        um(samstag, 14),
        akteur=andere,
        zusatzraeume=[rooms["kueche"]],
    )
    dienstag = naechster(1, wochen=3)
    buchung(
        rooms["konferenz"],
        um(dienstag + timedelta(days=7), 19),
        um(dienstag + timedelta(days=7), 21),
        akteur=andere,
    )
    return {"rooms": rooms, "samstag": samstag, "dienstag": dienstag, "verein": verein, "qm": qm}


def _check(page, label):
    assert_accessible(page, label)
    assert_no_horizontal_scroll(page)


def test_partner_books_hall_series_and_cancels_staff_confirm(phone, page, live_server, welt):
    samstag, dienstag = welt["samstag"], welt["dienstag"]
    rooms = welt["rooms"]

    phone.goto("/raeume/")
    _check(phone, "rooms")
    phone.get_by_role("link", name="Saal").click()
    expect(phone.get_by_role("heading", name="Belegung")).to_be_visible()
    _check(phone, "room")
    phone.get_by_role("link", name="Monatsansicht").click()
    expect(phone.locator("table.belegung-monat")).to_be_visible()
    _check(phone, "room month")

    phone.goto("/partner/anmelden/")
    phone.fill("#id_username", "elif@example.org")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.get_by_role("link", name="Freien Raum finden").first.click()
    _check(phone, "search")

    phone.goto("/partner/buchungen/neu/")
    _check(phone, "form")
    phone.select_option("#id_raum", label="Saal")
    phone.get_by_label("Gemeinschaftsküche (nur mit Saal)").check()
    phone.fill("#id_datum", f"{samstag:%Y-%m-%d}")
    phone.fill("#id_von", "15:00")
    phone.fill("#id_bis", "18:00")
    phone.select_option("#id_art", "veranstaltung")
    phone.fill("#id_zweck", "Nachbarschaftsfest")
    phone.fill("#id_personen", "40")
    phone.check("#id_nutzungsvereinbarung")
    phone.get_by_role("button", name="Anfrage senden").click()
    expect(phone.get_by_role("alert")).to_contain_text(
        f"Der Raum „Gemeinschaftsküche“ ist am {samstag:%d.%m.%Y} von 10:00 bis 16:00 belegt."
    )
    expect(phone.get_by_role("heading", name="Freie Alternativen")).to_be_visible()
    _check(phone, "clash")

    phone.get_by_role("link", name="Saal + Gemeinschaftsküche").first.click()
    expect(phone.locator("#id_von")).to_have_value("16:00")
    phone.select_option("#id_art", "veranstaltung")
    phone.fill("#id_zweck", "Nachbarschaftsfest")
    phone.fill("#id_personen", "40")
    phone.check("#id_nutzungsvereinbarung")
    phone.get_by_role("button", name="Anfrage senden").click()
    expect(phone.get_by_role("status")).to_contain_text("Ihre Anfrage wurde gesendet")
    _check(phone, "booked")
    saal_buchung = Buchung.objects.get(akteur=welt["verein"], raum=rooms["saal"])
    assert saal_buchung.status == "angefragt"
    assert list(saal_buchung.zusatzraeume.all()) == [rooms["kueche"]]

    phone.goto("/partner/buchungen/neu/")
    phone.select_option("#id_raum", label="Konferenzraum 1")
    phone.fill("#id_datum", f"{dienstag:%Y-%m-%d}")
    phone.fill("#id_von", "18:00")
    phone.fill("#id_bis", "20:00")
    phone.select_option("#id_art", "arbeitskreis")
    phone.fill("#id_zweck", "Arbeitskreis Wohnen")
    phone.fill("#id_personen", "12")
    phone.select_option("#id_wiederholung", "woechentlich")
    phone.fill("#id_serie_bis", f"{dienstag + timedelta(days=21):%Y-%m-%d}")
    phone.check("#id_nutzungsvereinbarung")
    phone.get_by_role("button", name="Anfrage senden").click()
    status = phone.get_by_role("status")
    expect(status).to_contain_text("3 Termine der Serie wurden angefragt.")
    expect(status).to_contain_text(f"Nicht gebucht am {dienstag + timedelta(days=7):%d.%m.%Y}")
    _check(phone, "series")

    phone.get_by_role("link", name=f"{dienstag + timedelta(days=14):%d.%m.%Y}").click()
    phone.get_by_role("link", name="Buchung stornieren").click()
    _check(phone, "cancel page")
    phone.fill("#id_grund", "Ferien")
    phone.get_by_role("button", name="Ja, Buchung stornieren").click()
    expect(phone.get_by_role("status")).to_contain_text("1 Termin(e) storniert.")
    _check(phone, "cancelled")
    serie = Buchung.objects.filter(akteur=welt["verein"], raum=rooms["konferenz"])
    assert [b.status for b in serie.order_by("beginn")] == ["angefragt", "storniert", "angefragt"]

    page.goto("/admin/login/")
    page.fill("#id_username", "qm@example.org")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(f"/admin/raeume/buchung/{saal_buchung.pk}/change/")
    page.get_by_role("link", name="Bestätigen, ablehnen oder stornieren").click()
    _check(page, "decide")
    page.get_by_label("Bestätigen").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".messagelist")).to_contain_text("Gespeichert.")
    saal_buchung.refresh_from_db()
    assert saal_buchung.status == "bestaetigt"
    page.goto("/admin/raeume/buchung/wochenplan/?woche=" + f"{samstag:%Y-%m-%d}")
    expect(page.locator("#wochenplan")).to_contain_text("Nachbarschaftsverein")
    _check(page, "week grid")


def test_room_page_shows_its_photos_with_alternative_text(phone, welt):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from raeume.models import Raumfoto

    saal = welt["rooms"]["saal"]
    for i, alt in enumerate(["Saal mit runden Tischen", "Bühne mit Vorhang"]):
        out = io.BytesIO()
        Image.new("RGB", (80, 50), ["teal", "navy"][i]).save(out, "JPEG")
        Raumfoto.objects.create(
            raum=saal,
            bild=ContentFile(out.getvalue(), name=f"saal-{i}.jpg"),
            alt=alt,
            reihenfolge=i,
        )
    phone.goto(saal.get_absolute_url())
    expect(phone.get_by_role("img", name="Saal mit runden Tischen")).to_be_visible()
    expect(phone.get_by_role("img", name="Bühne mit Vorhang")).to_be_attached()
    _check(phone, "room with photos")


def test_partner_submits_an_event_in_a_room_on_a_phone(phone, welt):
    samstag = welt["samstag"]
    phone.goto("/partner/anmelden/")
    phone.fill("#id_username", "elif@example.org")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.goto("/partner/veranstaltungen/neu/")
    _check(phone, "submit form")
    phone.fill("#id_titel", "Nachbarschaftsbrunch")
    phone.select_option("#id_art", "treffen")
    phone.fill("#id_datum", f"{samstag:%Y-%m-%d}")
    phone.fill("#id_von", "11:00")
    phone.fill("#id_bis", "13:00")
    phone.select_option("#id_raum", label="Saal")
    phone.check("#id_nutzungsvereinbarung")
    phone.fill("#id_kosten", "0")
    phone.get_by_role("button", name="Einreichen").click()
    # The hall is taken in the morning: the message stands at the room, the input is kept.
    expect(phone.locator("#id_raum ~ .invalid-feedback, #error_1_id_raum").first).to_contain_text(
        "Der Raum „Saal“ ist am"
    )
    expect(phone.locator("#id_titel")).to_have_value("Nachbarschaftsbrunch")
    _check(phone, "submit clash")
    phone.fill("#id_von", "16:00")
    phone.fill("#id_bis", "18:00")
    phone.check("#id_nutzungsvereinbarung")
    phone.get_by_role("button", name="Einreichen").click()
    expect(phone.get_by_role("heading", name="Nachbarschaftsbrunch")).to_be_visible()
    expect(phone.get_by_text("wartet auf Prüfung")).to_be_visible()
    expect(phone.get_by_text("angefragt", exact=True)).to_be_visible()
    _check(phone, "submission")
    assert Buchung.objects.get(zweck="Nachbarschaftsbrunch").status == "angefragt"
