"""Journey: a resident on a phone finds this week's free events for families, registers
two people, gets the mail, cancels by its link; the first on the waiting list moves up."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from veranstaltungen import services
from veranstaltungen.models import Anmeldung

from ..factories import QuartierFactory
from ..netzwerk.factories import GremiumFactory, SitzungFactory
from ..veranstaltungen.factories import veranstaltung
from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def fest(transactional_db, settings):
    settings.ANMELDUNG_MINDESTZEIT = 0  # the browser fills the form faster than people
    quartier = QuartierFactory(name="Brunnenviertel", slug="brunnenviertel")
    heute = timezone.localdate()
    # Later today, so that it is "this week" whatever the weekday.
    beginn = timezone.make_aware(datetime.combine(heute, time(23)))
    if beginn <= timezone.now():
        beginn = timezone.now() + timedelta(minutes=30)
    v = veranstaltung(
        quartier,
        beginn,
        titel="Familien-Bastelnachmittag",
        art="kurs",
        zielgruppen=["familien"],
        ende=beginn + timedelta(minutes=50),
        anmeldung=True,
        kapazitaet=3,
    )
    veranstaltung(
        quartier,
        beginn,
        titel="Weinprobe",
        art="treffen",
        zielgruppen=["alle"],
        ende=beginn + timedelta(minutes=50),
        kosten=12,
    )
    services.anmelden(veranstaltung=v, name="Olga", email="olga@example.org", personen=1)
    gremium = GremiumFactory(quartier=quartier, name="Bürgergremium", slug="buergergremium")
    SitzungFactory(gremium=gremium, beginn=beginn, protokoll="", protokoll_veroeffentlicht=False)
    return v


def _check(page, label):
    assert_accessible(page, label)
    assert_no_horizontal_scroll(page)


def test_resident_registers_two_and_cancels_waiting_person_moves_up(phone, fest, mailoutbox):
    phone.goto("/veranstaltungen/monat/")
    expect(phone.get_by_role("link", name="Familien-Bastelnachmittag")).to_be_visible()
    _check(phone, "month")
    expect(phone.get_by_role("link", name="Bürgergremium: öffentliche Sitzung")).to_be_visible()
    phone.goto("/veranstaltungen/")
    expect(phone.get_by_role("link", name="Bürgergremium: öffentliche Sitzung")).to_be_visible()
    _check(phone, "list")
    phone.get_by_text("Filter", exact=True).click()
    phone.select_option("#id_zeitraum", "woche")
    phone.select_option("#id_zielgruppe", "familien")
    phone.check("#id_kostenlos")
    phone.get_by_role("button", name="Anzeigen", exact=True).click()
    expect(phone.get_by_role("link", name="Familien-Bastelnachmittag")).to_be_visible()
    expect(phone.get_by_text("Weinprobe")).to_have_count(0)
    # the public meeting is open to everyone, families included
    expect(phone.get_by_role("link", name="Bürgergremium: öffentliche Sitzung")).to_be_visible()
    _check(phone, "filtered")

    phone.get_by_role("link", name="Familien-Bastelnachmittag").click()
    expect(phone.get_by_text("2 Plätze frei.")).to_be_visible()
    _check(phone, "detail")
    phone.fill("#id_name", "Familie Kaya")
    phone.fill("#id_email", "kaya@example.org")
    phone.fill("#id_personen", "2")
    phone.check("#id_einwilligung")
    phone.get_by_role("button", name="Anmelden").click()
    expect(phone.get_by_text("angemeldet", exact=True)).to_be_visible()
    _check(phone, "registered")
    mail = next(m for m in mailoutbox if m.to == ["kaya@example.org"])
    assert mail.subject == "Angemeldet: Familien-Bastelnachmittag"
    link = re.search(r"/veranstaltungen/anmeldung/[^/\s]+/", mail.body).group(0)

    # Someone else comes too late: the event is full, the page says so before the form.
    services.anmelden(veranstaltung=fest, name="Ben", email="ben@example.org", personen=1)
    phone.goto(fest.get_absolute_url())
    expect(phone.get_by_text("Diese Veranstaltung ist ausgebucht.")).to_be_visible()

    phone.goto(link)
    phone.get_by_role("button", name="Anmeldung stornieren").click()
    expect(phone.get_by_role("status")).to_contain_text("Ihre Anmeldung wurde storniert.")
    _check(phone, "cancelled")
    assert Anmeldung.objects.get(email="ben@example.org").status == "angemeldet"
    assert any(
        m.to == ["ben@example.org"] and m.subject == "Ein Platz für Sie: Familien-Bastelnachmittag"
        for m in mailoutbox
    )
