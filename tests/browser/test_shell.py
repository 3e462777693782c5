"""The public shell in a real browser: accessible, keyboard-usable, phone-sized."""

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def demo_world(transactional_db):
    return build_world()


def test_home_page_is_accessible_on_desktop_and_phone(page, phone, demo_world):
    for p in (page, phone):
        p.goto("/")
        assert p.locator("h1").first.inner_text() == "Brunnenviertel"
        assert p.get_by_role("heading", name="Sprechzeiten").first.is_visible()
        assert_accessible(p, "home")
    assert_no_horizontal_scroll(phone)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, demo_world):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.get_by_text("Zum Inhalt springen").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_partner_logs_in_with_the_keyboard_only(page, demo_world):
    page.goto("/partner/anmelden/")
    assert_accessible(page, "login")
    # The e-mail field has focus on load; type, tab to the password, submit with Enter.
    page.keyboard.type("partner-a@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner/")
    assert page.locator("h1").inner_text() == "Partnerbereich"
    assert page.get_by_text("Nachbarschaftsverein Brunnenviertel e. V.").is_visible()
    assert_accessible(page, "partner start")


def test_login_error_is_accessible_and_keeps_the_address_on_a_phone(phone, demo_world):
    phone.goto("/partner/anmelden/")
    phone.get_by_label("E-Mail-Adresse").fill("partner-a@example.org")
    phone.get_by_label("Passwort").fill("falsch")
    phone.get_by_role("button", name="Anmelden").click()
    expect(phone.get_by_text("Die E-Mail-Adresse oder das Passwort stimmt nicht")).to_be_visible()
    assert phone.get_by_label("E-Mail-Adresse").input_value() == "partner-a@example.org"
    assert_accessible(phone, "login error")
    assert_no_horizontal_scroll(phone)


def test_menu_works_on_a_phone_with_and_without_javascript(phone, no_js_page, demo_world):
    phone.goto("/")
    login = phone.get_by_role("link", name="Partner-Anmeldung")
    assert not login.is_visible()  # collapsed behind the menu button
    phone.get_by_role("button", name="Menü anzeigen").click()
    # Bootstrap animates the menu open; a click while it is still sliding can land on the
    # moving link's old place. Wait until it is open and still.
    expect(login).to_be_visible()
    expect(phone.locator(".collapsing")).to_have_count(0)
    with phone.expect_navigation(url="**/partner/anmelden/"):
        login.click()

    no_js_page.goto("/")
    no_js_page.get_by_role("link", name="Partner-Anmeldung").click()
    no_js_page.wait_for_url("**/partner/anmelden/")


def test_legal_pages_are_accessible(page, demo_world):
    for art in ("impressum", "datenschutz", "barrierefreiheit"):
        page.goto(f"/seite/{art}/")
        assert_accessible(page, art)


def test_the_guard_stops_a_request_to_another_address_and_lets_our_own_through(
    browser, live_server, transactional_db
):
    """The browser fixtures fail a test on any request off our server; only such requests
    are routed through Python (another loopback address stands in for a third party)."""
    from .conftest import DESKTOP, _page

    context, page = _page(browser, live_server, DESKTOP)
    try:
        assert page.goto("/static/css/quartier.css").status == 200
        assert page.outside_requests == []
        page.evaluate("() => fetch('http://127.0.0.2:9/fremd.js').catch(() => null)")
        page.wait_for_timeout(200)
        assert page.outside_requests == ["http://127.0.0.2:9/fremd.js"]
    finally:
        context.close()
