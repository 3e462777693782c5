"""Issue 10, items 1 and 3 in a real browser: a registration for 0 people is explained once,
in German, at the number of people (the browser does not stop the form: novalidate), and
the forwarding form shows its default deadline in the date picker and forwards with it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anliegen.models import Weiterleitung

from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def welt(transactional_db, settings):
    settings.ANMELDUNG_MINDESTZEIT = 0  # the browser fills the form faster than people
    return build_world()


def test_registering_zero_people_is_explained_at_the_field(phone, welt, tmp_path):
    veranstaltung = welt.extra["veranstaltung"]
    phone.goto(veranstaltung.get_absolute_url())
    personen = phone.get_by_label("Personen")
    expect(personen).to_have_attribute("min", "1")
    phone.fill("#id_name", "Aylin Kaya")
    phone.fill("#id_email", "aylin.kaya@example.org")
    personen.fill("0")
    phone.check("#id_einwilligung")
    phone.get_by_role("button", name="Anmelden").click()

    meldung = phone.locator("#id_personen_error")
    expect(meldung).to_have_text("Bitte melden Sie mindestens eine Person an.")
    expect(phone.get_by_text("Bitte melden Sie mindestens eine Person an.")).to_have_count(1)
    expect(phone.get_by_text("Bedingung")).to_have_count(0)
    expect(phone.get_by_label("Name")).to_have_value("Aylin Kaya")  # what was typed is kept
    meldung.scroll_into_view_if_needed()
    phone.screenshot(path=tmp_path / "anmeldung-0-personen.png", full_page=True)
    assert_accessible(phone, "registration with an error")
    assert_no_horizontal_scroll(phone)


def test_forwarding_with_the_default_deadline(page, welt, tmp_path):
    anliegen = welt.extra["anliegen_privat"]
    page.goto("/admin/login/")
    page.fill("#id_username", welt.users["qm"].email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"/admin/anliegen/anliegen/{anliegen.pk}/weiterleiten/")

    frist = timezone.localdate() + timedelta(days=14)
    expect(page.locator("#id_antwort_bis")).to_have_value(frist.isoformat())
    page.screenshot(path=tmp_path / "weiterleiten.png", full_page=True)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Weiterleiten").click()

    expect(page.get_by_text("Weitergeleitet; die Empfängerin erhält eine E-Mail")).to_be_visible()
    page.screenshot(path=tmp_path / "weitergeleitet.png")
    weiterleitung = Weiterleitung.objects.filter(anliegen=anliegen).latest("pk")
    assert weiterleitung.antwort_bis == frist
    assert weiterleitung.akteur == welt.extra["amt"]
