"""The Quartierszeitung in a real browser: the editorial team places a partner's submitted
article on a page of the issue's page plan, releases it, presses "PDF erzeugen", sees the
progress until the worker has made the PDF and then its download, and moves the issue on
to the readers; a resident on a phone reads the published web edition and the article,
and subscribes to it by e-mail. The public pages once more without JavaScript. axe checks
every public page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quartier.models import OutgoingMail
from zeitung.models import Abonnement, Artikel, Zeitungsausgabe
from zeitung.tasks import pdf_erzeugen

from ..factories import PASSWORD
from ..personas import build_world
from .conftest import assert_accessible, assert_no_horizontal_scroll

expect.set_options(timeout=15_000)

# The worker is not running: a requested PDF waits in the queue until the test plays the
# worker (`pdf_erzeugen.call`), so the page shows its progress first.
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def welt(transactional_db, settings):
    settings.TASKS = QUEUE_ONLY
    return build_world()


def _anmelden(page, user) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def _aktion(page, changelist: str, pk: int, aktion: str) -> None:
    page.goto(changelist)
    page.locator(f"input[name=_selected_action][value='{pk}']").check()
    page.locator("select[name=action]").select_option(aktion)
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_the_editor_plans_renders_and_releases_an_issue_a_resident_reads_it_on_a_phone(
    page, phone, welt
):
    ausgabe = welt.extra["zeitung"]["ausgabe"]  # Nr. 7, in editing
    partnerartikel = welt.extra["zeitung"]["partnerartikel"]  # submitted, in review
    _anmelden(page, welt.users["redaktion"])

    # The partner's article from the queue onto page 3 of the page plan.
    page.goto(reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]))
    page.locator("#id_platzierungen-0-seite").fill("3")
    page.locator("#id_platzierungen-0-art").select_option("artikel")
    page.locator("#id_platzierungen-0-artikel").select_option(str(partnerartikel.pk))
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    seitenplan = page.locator(".field-seitenplan")
    expect(seitenplan).to_contain_text("Unser Sommerfest")
    partnerartikel.refresh_from_db()
    assert partnerartikel.ausgabe_id == ausgabe.pk  # planned into the issue by placing it

    # Released by the editorial team, from the articles' list.
    _aktion(page, reverse("admin:zeitung_artikel_changelist"), partnerartikel.pk, "freigeben")
    partnerartikel.refresh_from_db()
    assert partnerartikel.status == Artikel.Status.FREIGEGEBEN

    # "PDF erzeugen": the page shows the progress while the worker has not run.
    page.goto(reverse("admin:zeitung_zeitungsausgabe_pdf", args=[ausgabe.pk]))
    expect(page.get_by_text("Noch kein PDF erstellt", exact=False)).to_be_visible()
    page.get_by_role("button", name="PDF erzeugen").click()
    status = page.locator("#pdf-status")
    expect(status.locator("progress")).to_be_visible()
    download = status.locator("a.button")
    expect(download).to_have_count(0)
    # The worker makes it; htmx asks every two seconds and shows the download.
    assert pdf_erzeugen.call(ausgabe.pk) is True
    expect(status.locator("progress")).to_have_count(0)
    expect(download).to_contain_text("herunterladen")
    antwort = page.request.get(download.get_attribute("href"))
    assert antwort.status == 200 and antwort.headers["content-type"] == "application/pdf"
    assert antwort.body().startswith(b"%PDF")
    # The thumbnails of the printed pages, one per planned page, drawn from the PDF.
    miniaturen = status.locator("img.zeitung-miniatur")
    expect(miniaturen).to_have_count(ausgabe.seitenzahl)
    assert miniaturen.first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page, "print PDF with thumbnails")

    # Moved on step by step: layout, approved for print, published.
    for _ in range(3):
        _aktion(
            page,
            reverse("admin:zeitung_zeitungsausgabe_changelist"),
            ausgabe.pk,
            "naechster_schritt",
        )
    ausgabe.refresh_from_db()
    assert ausgabe.status == Zeitungsausgabe.Status.ERSCHIENEN and ausgabe.pdf

    # A resident on a phone: the archive, the issue, the article.
    phone.goto("/zeitung/")
    assert_accessible(phone, "newspaper archive")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name=ausgabe.titel, exact=False).first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(ausgabe.titel)
    assert_accessible(phone, "issue")
    assert_no_horizontal_scroll(phone)
    expect(phone.get_by_text("Hofgarten")).to_have_count(0)  # a draft never shows
    phone.get_by_role("link", name="Unser Sommerfest").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Unser Sommerfest")
    assert_accessible(phone, "article")
    assert_no_horizontal_scroll(phone)


def test_the_web_edition_reads_without_javascript(no_js_page, welt):
    seite = no_js_page
    erschienen = welt.extra["zeitung"]["erschienen"]
    artikel = welt.extra["zeitung"]["veroeffentlicht"]
    seite.goto("/zeitung/")
    seite.get_by_role("link", name=erschienen.titel, exact=False).first.click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text(erschienen.titel)
    seite.get_by_role("link", name=artikel.titel).first.click()
    expect(seite.get_by_role("heading", level=1)).to_have_text(artikel.titel)
    expect(seite.get_by_text("Unfertiger Entwurf")).to_have_count(0)


def test_a_resident_on_a_phone_subscribes_by_e_mail_and_confirms(phone, welt, settings):
    settings.FORM_MINDESTZEIT = 0  # the browser fills the form faster than people
    phone.goto("/zeitung/")
    phone.get_by_role("link", name="Jede neue Ausgabe per E-Mail bekommen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Die Zeitung per E-Mail bekommen")
    assert_accessible(phone, "subscription form")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Abonnieren").click()
    expect(phone.locator("#error_1_id_email")).to_contain_text("E-Mail-Adresse")  # beside it
    assert_accessible(phone, "subscription form with an error")
    phone.get_by_label("Ihre E-Mail-Adresse").fill("nachbarin@example.org")
    phone.get_by_role("button", name="Abonnieren").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bitte sehen Sie in Ihr Postfach")
    assert_accessible(phone, "check your mail")
    assert_no_horizontal_scroll(phone)

    # The link of the confirmation mail (the worker is held back: the mail waits in the outbox).
    mail = OutgoingMail.objects.get(to=["nachbarin@example.org"])
    link = re.search(r"/zeitung/abonnieren/[A-Za-z0-9_-]+/", mail.body).group(0)
    phone.goto(link)
    assert_accessible(phone, "confirm subscription")
    assert not Abonnement.objects.get(email="nachbarin@example.org").bestaetigt
    phone.get_by_role("button", name="Abonnement bestätigen").click()
    expect(phone.get_by_text("Ihr Abonnement ist bestätigt")).to_be_visible()
    assert_accessible(phone, "subscription confirmed")
    assert Abonnement.objects.get(email="nachbarin@example.org").bestaetigt
