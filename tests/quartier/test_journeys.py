"""Item 13 of issue 10, small journeys: what a person found or gave on one page is there on
the next one."""

import html as html_module
import re

import pytest
from django.urls import reverse

from ..raeume.factories import buchung, naechster, um
from ..utils import client_for

pytestmark = pytest.mark.django_db


def _links(html: str, klasse: str) -> list[str]:
    liste = re.search(rf'<ul class="[^"]*{klasse}[^"]*">(.*?)</ul>', html, re.S)
    hrefs = re.findall(r'href="([^"]+)"', liste.group(1)) if liste else []
    return [html_module.unescape(href) for href in hrefs]


def _input(html: str, name: str) -> str:
    return next(t for t in re.findall(r"<input\b[^>]*>", html) if f'name="{name}"' in t)


def test_the_room_search_carries_the_whole_wish_into_the_booking_form(world):
    """People, equipment, date and time of the search are filled in when the partner
    follows a free room to the booking form."""
    client = client_for(world, "partner_a")
    tag = naechster(2, wochen=3)
    suche = client.get(
        reverse("partner:buchung_suche"),
        {
            "datum": f"{tag:%Y-%m-%d}",
            "von": "18:00",
            "bis": "20:00",
            "personen": "14",
            "ausstattung": ["beamer", "tische"],
        },
    ).content.decode()
    link = next(h for h in _links(suche, "freie-raeume") if "raum=" in h)
    for teil in (
        f"datum={tag:%Y-%m-%d}",
        "von=18:00",
        "bis=20:00",
        "personen=14",
        "ausstattung=beamer",
        "ausstattung=tische",
    ):
        assert teil in link

    formular = client.get(link).content.decode()
    assert 'value="14"' in _input(formular, "personen")
    assert f'value="{tag:%Y-%m-%d}"' in _input(formular, "datum")
    assert 'value="18:00"' in _input(formular, "von")
    for wert in ("beamer", "tische"):
        assert re.search(rf'<input[^>]*name="ausstattung"[^>]*value="{wert}"[^>]*checked', formular)


def test_an_alternative_after_a_clash_keeps_what_was_typed(world):
    """A request for a taken room offers alternatives; following one keeps the purpose,
    the kind of use and the number of people."""
    saal = world.extra["raeume"]["saal"]
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 20), akteur=world.akteur_b)
    client = client_for(world, "partner_a")
    antwort = client.post(
        reverse("partner:buchung_create"),
        {
            "akteur": world.akteur_a.pk,
            "raum": saal.pk,
            "datum": f"{tag:%Y-%m-%d}",
            "von": "15:00",
            "bis": "18:00",
            "art": "veranstaltung",
            "zweck": "Nachbarschaftsfest",
            "personen": "12",
            "nutzungsvereinbarung": "on",
            "bei_konflikt": "rest",
        },
    ).content.decode()
    links = _links(antwort, "alternativen") + _links(antwort, "freie-raeume")
    assert links
    formular = client.get(links[0]).content.decode()
    assert 'value="Nachbarschaftsfest"' in _input(formular, "zweck")
    assert 'value="12"' in _input(formular, "personen")
    assert re.search(r'<option value="veranstaltung" selected>', formular)


def test_the_resident_sees_their_own_photos_on_the_tracking_page(world, client):
    """The resident's photos, released or not, as thumbnails served by their private link;
    the public photo address stays closed for the unreleased one."""
    anliegen, foto = world.extra["anliegen_privat"], world.extra["foto_privat"]
    seite = client.get(reverse("anliegen:anliegen_verfolgen", args=[anliegen.token]))
    html = seite.content.decode()
    url = reverse("anliegen:anliegen_foto", args=[anliegen.token, foto.pk])
    assert f'<img src="{url}"' in html
    bild = client.get(url)
    assert bild.status_code == 200 and b"".join(bild.streaming_content)
    assert "no-store" in bild["Cache-Control"]
    assert client.get(foto.get_absolute_url()).status_code == 404
