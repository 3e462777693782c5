"""The registration states on a phone: each badge readable (axe: contrast), the cards and
the event page without horizontal scrolling, the same words on the home page, the list and
the event's page."""

import secrets
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from veranstaltungen.models import Anmeldestatus, Anmeldung, Veranstaltung

from ..factories import QuartierFactory
from ..veranstaltungen.factories import um, veranstaltung
from .conftest import assert_accessible, assert_no_horizontal_scroll


def _gaeste(v, status, anzahl):
    for _i in range(anzahl):
        Anmeldung.objects.create(
            veranstaltung=v,
            name="Gast",
            email=f"{secrets.token_hex(4)}@example.org",
            status=status,
            token=secrets.token_urlsafe(16),
        )


def test_every_registration_state_reads_alike_on_a_phone(phone, settings):
    quartier = QuartierFactory(name="Brunnenviertel", slug="brunnenviertel")
    morgen = timezone.localdate() + timedelta(days=1)
    zustaende = {}
    for stunde, (zustand, angemeldet, schluss) in enumerate(
        [
            (Anmeldestatus.OHNE_ANMELDUNG, 0, False),
            (Anmeldestatus.ANMELDUNG, 1, False),
            (Anmeldestatus.WENIGE_PLAETZE, 9, False),
            (Anmeldestatus.WARTELISTE, 10, False),
            (Anmeldestatus.AUSGEBUCHT, 10, True),
            (Anmeldestatus.GESCHLOSSEN, 2, True),
            (Anmeldestatus.ABGESAGT, 0, False),
        ],
        start=8,
    ):
        v = veranstaltung(
            quartier,
            um(morgen, stunde),
            titel=f"Treffen um {stunde} Uhr",
            anmeldung=zustand != Anmeldestatus.OHNE_ANMELDUNG,
            kapazitaet=None if zustand == Anmeldestatus.OHNE_ANMELDUNG else 10,
            anmeldeschluss=timezone.now() - timedelta(hours=1) if schluss else None,
        )
        _gaeste(v, Anmeldung.Status.ANGEMELDET, angemeldet)
        if zustand == Anmeldestatus.ABGESAGT:
            v.status, v.absage_notiz = Veranstaltung.Status.ABGESAGT, "Die Referentin ist krank."
            v.save()
        assert v.anmeldestatus() == zustand
        zustaende[v] = zustand
    phone.goto("/veranstaltungen/")
    for v, zustand in zustaende.items():
        badge = phone.locator(f'[data-veranstaltung="{v.uid}"]')
        expect(badge).to_have_text(str(zustand.label))
    assert_accessible(phone, "list of events with every state")
    assert_no_horizontal_scroll(phone)
    phone.goto("/")
    erste = next(iter(zustaende))
    expect(phone.locator(f'[data-veranstaltung="{erste.uid}"]')).to_have_text(
        str(zustaende[erste].label)
    )
    for v, zustand in zustaende.items():
        phone.goto(v.get_absolute_url())
        expect(phone.locator(f'[data-veranstaltung="{v.uid}"]')).to_have_text(str(zustand.label))
        assert_accessible(phone, f"event page: {zustand}")
        assert_no_horizontal_scroll(phone)
    phone.goto("/veranstaltungen/")
    phone.screenshot(path=str(settings.BASE_DIR / "var" / "zustaende.png"), full_page=True)
