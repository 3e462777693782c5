"""A resident of the second area finds it from the footer on a phone and stays in it."""

import re

import pytest
from playwright.sync_api import expect

from quartier.models import Quartiersstrasse

from ..factories import QuartierFactory
from ..raeume.factories import naechster, um
from ..veranstaltungen.factories import veranstaltung
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def zwei_quartiere(transactional_db):
    nord = QuartierFactory(name="Brunnenviertel", slug="brunnenviertel")
    sued = QuartierFactory(
        name="Hafenquartier", slug="hafenquartier", buero_name="Quartiersbüro am Hafen"
    )
    Quartiersstrasse.objects.create(quartier=sued, name="Kaistraße")
    veranstaltung(nord, um(naechster(2), 15), titel="Brunnenfest im Viertel")
    veranstaltung(sued, um(naechster(3), 17), titel="Hafenkonzert am Kai")
    return nord, sued


@pytest.mark.parametrize("fenster", ["phone", "no_js_page"])
def test_choose_area_two_from_the_footer_and_see_only_its_events(request, zwei_quartiere, fenster):
    page = request.getfixturevalue(fenster)
    page.goto("/")
    assert page.locator("h1").first.inner_text() == "Brunnenviertel"
    footer = page.locator("footer")
    footer.get_by_label("Anderes Quartier suchen").fill("Kaistr. 3")
    footer.get_by_role("button", name="Quartier finden").click()
    expect(page.get_by_role("heading", name="1 Quartier für „Kaistr. 3“")).to_be_visible()
    if fenster == "phone":
        assert_accessible(page, "chooser")
        assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Hafenquartier").click()
    expect(page).to_have_url(re.compile(r"/q/hafenquartier/$"))
    assert page.locator("h1").first.inner_text() == "Hafenquartier"
    assert "Ihr Quartier: Hafenquartier" in footer.inner_text()

    # On to the events, through the menu (collapsed on a phone, open without JavaScript).
    # Decided by the window, not by asking the page: is_visible() may run before the
    # stylesheet that hides the toggler without JavaScript has loaded.
    if fenster == "phone":
        page.locator(".navbar-toggler").click()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Veranstaltungen"
    ).click()
    expect(page).to_have_url(re.compile(r"/q/hafenquartier/veranstaltungen/$"))
    inhalt = page.locator("main").inner_text()
    assert "Hafenkonzert am Kai" in inhalt
    assert "Brunnenfest" not in inhalt
    assert "Quartiersbüro am Hafen" in footer.inner_text()
    if fenster == "phone":
        assert_accessible(page, "events of area 2")
        assert_no_horizontal_scroll(page)

    # The event's page, shared as a link, opens in the area too.
    page.get_by_role("link", name="Hafenkonzert am Kai").first.click()
    expect(page).to_have_url(re.compile(r"/q/hafenquartier/veranstaltungen/\d+/$"))
    assert "Quartiersbüro am Hafen" in footer.inner_text()
