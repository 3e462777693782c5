"""Routing is explicit: every section, menu entry and page section that exists is named, and a
wrong name fails instead of hiding a feature."""

import pytest
from django.template import TemplateDoesNotExist
from django.urls import NoReverseMatch, reverse

from quartier import navigation, views
from quartier.navigation import SECTIONS, Section

from ..utils import client_for


@pytest.mark.django_db
def test_every_navigation_entry_reverses_and_is_in_the_menu(client, world):
    html = client.get(reverse("home")).content.decode()
    assert [s.url_name for s in SECTIONS] == [
        "anliegen:anliegen_list",
        "veranstaltungen:veranstaltung_list",
        "raeume:raum_list",
        "netzwerk:akteur_list",
        "projekte:projekt_list",
        "verfuegungsfonds:fonds",
        "zeitung:ausgabe_list",
    ]
    for section in SECTIONS:
        assert f'href="{reverse(section.url_name)}"' in html
        assert str(section.label) in html
        assert client.get(section.url).status_code == 200


@pytest.mark.django_db
def test_a_wrong_url_name_in_the_navigation_fails_instead_of_hiding(client, world, monkeypatch):
    monkeypatch.setattr(
        navigation, "SECTIONS", [*SECTIONS, Section("netzwerk:akteur_liste", "Tippfehler", "x")]
    )
    monkeypatch.setattr("quartier.context_processors.SECTIONS", navigation.SECTIONS)
    with pytest.raises(NoReverseMatch):
        client.get(reverse("home"))


@pytest.mark.django_db
def test_home_page_renders_each_apps_section(client, world):
    response = client.get(reverse("home"))
    used = {t.name for t in response.templates}
    assert set(views.HOME_SECTIONS) <= used
    html = response.content.decode()
    assert 'id="anliegen-home-titel"' in html
    assert 'id="netzwerk-start"' in html


@pytest.mark.django_db
def test_partner_start_renders_each_apps_section(world):
    response = client_for(world, "partner_a").get(reverse("partner:start"))
    assert response.status_code == 200
    assert set(views.PARTNER_START_SECTIONS) <= {t.name for t in response.templates}
    assert reverse("partner:buchung_list") in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("attribute", "persona", "url_name"),
    [("HOME_SECTIONS", "anonym", "home"), ("PARTNER_START_SECTIONS", "partner_a", "partner:start")],
)
def test_a_missing_section_template_fails_loudly(world, monkeypatch, attribute, persona, url_name):
    monkeypatch.setattr(views, attribute, [*getattr(views, attribute), "fehlt/abschnitt.html"])
    with pytest.raises(TemplateDoesNotExist):
        client_for(world, persona).get(reverse(url_name))


def test_partner_pages_of_each_app_are_in_the_partner_namespace():
    assert reverse("partner:akteur_edit", kwargs={"slug": "verein"}).startswith("/partner/")
    assert reverse("partner:buchung_list") == "/partner/buchungen/"
