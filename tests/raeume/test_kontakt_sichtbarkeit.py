"""A private person's name, e-mail and phone on a booking reach only those who handle
bookings (`Buchung.kontakt_sichtbar`): every page a role without that right can open —
every GET of the permission matrix, the back office's booking pages and custom pages —
must not show them."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from raeume.models import Buchung

from ..matrix import collect
from ..utils import client_for
from .factories import buchung, um

NAME, EMAIL, TELEFON = "Renate Privatmann", "renate.privat@example.org", "0176 5550199"


def _private_buchung(world):
    tag = timezone.localdate() + timedelta(days=1)
    return buchung(
        world.extra["raeume"]["konferenz"],
        um(tag, 9),
        um(tag, 10),
        user=world.users["qm"],
        name=NAME,
        email=EMAIL,
        telefon=TELEFON,
        zweck="Familienfeier",
    )


def _admin_urls(b) -> list[str]:
    """The back office's pages that show bookings, this booking's week and change page."""
    woche = f"?woche={timezone.localtime(b.beginn).date():%Y-%m-%d}"
    urls = [
        reverse("admin:raeume_buchung_changelist"),
        reverse("admin:raeume_buchung_changelist") + "?q=Privatmann",
        reverse("admin:raeume_buchung_change", args=[b.pk]),
        reverse("admin:raeume_buchung_history", args=[b.pk]),
        reverse("admin:raeume_buchung_wochenplan"),
        reverse("admin:raeume_buchung_wochenplan") + woche,
        reverse("admin:raeume_uebergabe_changelist"),
        reverse("admin:raeume_uebergabe_add") + f"?buchung={b.pk}",
    ]
    # Every custom page of the booking admin, with its downloads.
    for pattern in admin.site._registry[Buchung].get_urls():
        if pattern.name and not pattern.pattern.converters:
            url = reverse(f"admin:{pattern.name}")
            urls += [url, url + "?format=csv", url + "?format=xlsx"]
    return urls


def _matrix_urls(world) -> list[str]:
    return [
        case.url(world) for cases in collect().values() for case in cases if case.method == "get"
    ]


def _inhalt(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonym", "partner_a", "partner_b", "redaktion", "stadt"])
def test_no_page_shows_a_private_persons_contact_to_those_who_may_not_see_it(world, persona):
    b = _private_buchung(world)
    user = world.users.get(persona)
    assert user is None or not Buchung.kontakt_sichtbar(user)
    client = client_for(world, persona)
    geoeffnet = 0
    for url in _matrix_urls(world) + _admin_urls(b):
        response = client.get(url)
        if response.status_code != 200:
            continue
        geoeffnet += 1
        text = _inhalt(response)
        for wert in (NAME, EMAIL, TELEFON):
            assert wert not in text, f"{url} shows {wert!r} to {persona}"
    assert geoeffnet > 10


@pytest.mark.django_db
def test_city_staff_see_the_private_booking_without_its_contact(world):
    b = _private_buchung(world)
    client = client_for(world, "stadt")
    woche = reverse("admin:raeume_buchung_wochenplan") + (
        f"?woche={timezone.localtime(b.beginn).date():%Y-%m-%d}"
    )
    text = client.get(woche).content.decode()
    assert "Privatperson" in text
    assert client.get(reverse("admin:raeume_buchung_change", args=[b.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["mitarbeit", "qm"])
def test_those_who_handle_bookings_see_who_booked(world, persona):
    b = _private_buchung(world)
    client = client_for(world, persona)
    woche = reverse("admin:raeume_buchung_wochenplan") + (
        f"?woche={timezone.localtime(b.beginn).date():%Y-%m-%d}"
    )
    assert NAME in client.get(woche).content.decode()
    change = client.get(reverse("admin:raeume_buchung_change", args=[b.pk])).content.decode()
    assert EMAIL in change and TELEFON in change
