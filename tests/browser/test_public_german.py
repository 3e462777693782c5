"""No English on the public pages and in the partner area on a phone (360 px), and nothing
cut off there (no page wider than the screen): every page of the permission matrix that a
resident or a partner gets (200, HTML) is read after its JavaScript ran (issue 10)."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from ..factories import PASSWORD
from ..matrix import collect
from ..personas import build_world
from .english import english_in, text_of


@pytest.fixture
def welt(transactional_db):
    return build_world()


def _urls(world, persona: str) -> list[tuple[str, str]]:
    urls = []
    for name, cases in sorted(collect().items()):
        for case in cases:
            if case.method == "get" and case.expect.get(persona) == 200:
                urls.append((name, case.url(world)))
    return urls


@pytest.mark.parametrize("persona", ["anonym", "partner_a"])
def test_no_english_on_public_and_partner_pages_on_a_phone(phone, welt, persona):
    if persona != "anonym":
        phone.goto("/partner/anmelden/")
        phone.get_by_label("E-Mail-Adresse").fill(welt.users[persona].email)
        phone.get_by_label("Passwort").fill(PASSWORD)
        phone.get_by_role("button", name="Anmelden").click()
        phone.wait_for_url("**/partner/")
    urls = _urls(welt, persona)
    assert len(urls) > 10
    found, wide, read = [], [], 0
    for name, url in urls:
        try:
            response = phone.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a calendar, CSV or PDF: no page to read
            raise
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue  # downloads, feeds, images
        read += 1
        for hit in english_in(text_of(phone)):
            found.append(f"{name} ({url}): {hit}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > phone.viewport_size["width"]:
            wide.append(f"{name} ({url}): {width} px")
    assert read > 10
    assert not wide, "Wider than a 360 px phone:\n" + "\n".join(sorted(set(wide)))
    assert not found, f"English on {len(found)} places:\n" + "\n".join(sorted(set(found)))
