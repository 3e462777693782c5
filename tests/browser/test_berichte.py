"""The report for the city in a real browser: a city clerk responsible for two areas opens
the back office, goes to "Berichte", chooses both areas and last year, downloads the report
as XLSX and has the PDF made and downloads it. Both files open: the workbook has a sheet per
section with the seeded figures as numbers, the PDF its cover, contents and sections. axe
checks the pages."""

import io
import re
import shutil
import subprocess
from datetime import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from anliegen.models import ABSCHLUSS
from quartier import reporting
from tests.anliegen.factories import AnliegenFactory

from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible

expect.set_options(timeout=20_000)

JAHR = timezone.localdate().year - 1


@pytest.fixture
def welt(transactional_db):
    world = build_world()
    world.users["stadt"].quartiere.add(world.quartier_b)
    for quartier, anzahl in ((world.quartier_a, 7), (world.quartier_b, 9)):
        for n in range(anzahl):
            status = "erledigt" if n % 2 else "eingegangen"
            AnliegenFactory(
                kategorie__quartier=quartier,
                status=status,
                antwort="Erledigt." if status in ABSCHLUSS else "",
                eingegangen_at=datetime(
                    JAHR, 3 + n % 6, 10, 12, tzinfo=timezone.get_current_timezone()
                ),
                abgeschlossen_at=(
                    datetime(JAHR, 10, 1, 12, tzinfo=timezone.get_current_timezone())
                    if status in ABSCHLUSS
                    else None
                ),
            )
    return world


def _pdf(pfad, *args) -> str:
    return subprocess.run(  # noqa: S603 - poppler on our own file
        [shutil.which(args[0]), *args[1:], str(pfad), *(["-"] if args[0] == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_clerk_downloads_last_years_report_of_two_areas_as_xlsx_and_pdf(page, welt, tmp_path):
    stadt = welt.users["stadt"]
    page.goto("/admin/login/")
    page.fill("#id_username", stadt.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()

    # 1: "Berichte" in the back office's header.
    page.get_by_role("link", name="Berichte").click()
    expect(
        page.get_by_role("heading", name=f"Bericht {JAHR}: Brunnenviertel, Hafenquartier")
    ).to_be_visible()
    assert_accessible(page, "report page")

    # 2: both areas, last year (as the first visit already shows), "Bericht anzeigen".
    page.get_by_role("checkbox", name="Brunnenviertel").check()
    page.get_by_role("checkbox", name="Hafenquartier").check()
    page.get_by_role("radio", name="Jahr", exact=True).check()
    page.locator("#id_jahr").select_option(str(JAHR))
    page.get_by_role("button", name="Bericht anzeigen").click()
    expect(
        page.get_by_role("heading", name=f"Bericht {JAHR}: Brunnenviertel, Hafenquartier")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Anliegen", exact=True)).to_be_visible()

    # 3a: the XLSX.
    with page.expect_download() as laden:
        page.get_by_role("link", name="Als XLSX herunterladen").click()
    mappe = load_workbook(io.BytesIO(open(laden.value.path(), "rb").read()))  # noqa: SIM115
    abschnitte = len(reporting.eintraege())
    assert mappe.sheetnames[0] == "Bericht" and len(mappe.sheetnames) == 1 + abschnitte
    assert {"Anliegen", "Räume", "Quartierszeitung"} <= set(mappe.sheetnames)
    zeilen = [[c.value for c in z][:3] for z in mappe["Anliegen"].iter_rows()]
    assert ["Eingegangene Anliegen", 16, 0] in zeilen  # a number, not text
    assert ["Brunnenviertel", 7, "< 5"] in zeilen  # 3 solved: fewer than five
    assert ["Hafenquartier", 9, "< 5"] in zeilen

    # 3b: the PDF, made by the worker (at once in the tests), then downloaded.
    page.get_by_role("button", name="PDF erstellen").click()
    link = page.get_by_role("link", name="PDF vom")
    expect(link).to_be_visible()
    assert_accessible(page, "the PDF's page")
    # The browser shows it in its viewer; its bytes as the browser gets them, with the session:
    antwort = page.request.get(link.get_attribute("href"))
    assert antwort.ok and antwort.headers["content-type"] == "application/pdf"
    pfad = tmp_path / "bericht.pdf"
    pfad.write_bytes(antwort.body())
    info = _pdf(pfad, "pdfinfo")
    seiten = int(next(z for z in info.splitlines() if z.startswith("Pages:")).split()[1])
    assert seiten >= 3  # cover, contents, the sections
    assert "Tagged:          yes" in info
    text = _pdf(pfad, "pdftotext", "-layout")
    assert f"Bericht {JAHR}" in text and "Brunnenviertel, Hafenquartier" in text
    assert "Eingegangene Anliegen" in text and "Quartierszeitung" in text


def test_the_manager_starts_the_morning_with_a_new_concern_and_a_booking_request(page, welt):
    """The start page shows the new concern and the booking request; each number leads to
    the list holding it. axe checks the start page, also on a phone's width."""
    from tests.raeume.factories import buchung, naechster, raeume, um

    neu = AnliegenFactory(kategorie__quartier=welt.quartier_a, beschreibung="Müll am Spielplatz")
    saal = raeume(welt.quartier_a, prefix="morgen-")["saal"]
    tag = naechster(3, wochen=2)
    anfrage = buchung(
        saal, um(tag, 18), um(tag, 20), akteur=welt.akteur_a, user=welt.users["partner_a"]
    )
    assert anfrage.status == "angefragt"
    qm = welt.users["qm"]
    page.goto("/admin/login/")
    page.fill("#id_username", qm.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="Heute zu tun")).to_be_visible()
    assert_accessible(page, "start page")
    page.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(page, "start page on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name=re.compile("Neue Anliegen")).click()
    expect(page.get_by_role("link", name=neu.nummer)).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=re.compile("Buchungsanfragen")).click()
    expect(page.locator("#result_list")).to_contain_text("Treffen")
    assert "status__exact=angefragt" in page.url
