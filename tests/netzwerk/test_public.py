"""The public directory: only public entries, only consented contacts, filters, committees."""

import importlib
from datetime import time

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from netzwerk.models import Akteur
from quartier.models import Wochentag

from ..factories import AkteurFactory
from ..utils import get_page
from .factories import AngebotFactory, SitzungFactory


@pytest.mark.django_db
def test_directory_lists_only_public_actors(client, world):
    html = client.get(reverse("netzwerk:akteur_list")).content.decode()
    assert world.akteur_a.name in html
    assert "Interner Arbeitskreis" not in html


@pytest.mark.django_db
def test_detail_shows_consented_contacts_only(client, world):
    html = client.get(world.akteur_a.get_absolute_url()).content.decode()
    assert "Elif Demir" in html
    assert "Horst Verborgen" not in html
    assert "horst@example.org" not in html


@pytest.mark.django_db
def test_detail_hides_private_offers(client, world):
    AngebotFactory(akteur=world.akteur_a, titel="Nur für Mitglieder", oeffentlich=False)
    html = client.get(world.akteur_a.get_absolute_url()).content.decode()
    assert "Hausaufgabenhilfe" in html
    assert "Nur für Mitglieder" not in html


@pytest.mark.django_db
def test_filters_by_kind_target_group_and_language(client, world):
    moschee = AkteurFactory(
        name="Moscheegemeinde",
        art=Akteur.Art.RELIGION,
        zielgruppen=["senioren"],
        sprachen=["tr"],
        quartiere=[world.quartier_a],  # the directory shows the area's actors
    )
    url = reverse("netzwerk:akteur_list")
    html = client.get(url, {"art": "religion"}).content.decode()
    assert moschee.name in html and world.akteur_a.name not in html
    html = client.get(url, {"zielgruppe": "senioren", "sprache": "tr"}).content.decode()
    assert moschee.name in html and world.akteur_a.name not in html
    html = client.get(url, {"zielgruppe": "senioren", "sprache": "ar"}).content.decode()
    assert moschee.name not in html


@pytest.mark.django_db
def test_invalid_filter_values_do_not_break_the_page(client, world):
    response = client.get(
        reverse("netzwerk:akteur_list"), {"art": "gibtsnicht", "handlungsfeld": "x", "seite": "z"}
    )
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()


@pytest.mark.django_db
def test_offers_filter_finds_a_turkish_offer_for_seniors(client, world):
    AngebotFactory(
        akteur=world.akteur_b, titel="Türkçe kahvaltı", zielgruppen=["senioren"], sprachen=["tr"]
    )
    html = client.get(
        reverse("netzwerk:angebot_list"), {"zielgruppe": "senioren", "sprache": "tr"}
    ).content.decode()
    assert "Türkçe kahvaltı" in html
    assert "Hausaufgabenhilfe" not in html


@pytest.mark.django_db
def test_offers_on_monday_are_found_and_show_their_weekday(client, world):
    """Monday is 0 (quartier.models.Wochentag): it must not count as "no weekday"."""
    AngebotFactory(
        akteur=world.akteur_b, titel="Montagstreff", wochentag=Wochentag.MONTAG, beginn=time(15)
    )
    AngebotFactory(akteur=world.akteur_b, titel="Sonntagslauf", wochentag=Wochentag.SONNTAG)
    html = client.get(reverse("netzwerk:angebot_list"), {"wochentag": "0"}).content.decode()
    assert "Montagstreff" in html and "Sonntagslauf" not in html
    assert "Montag 15:00" in html


@pytest.mark.django_db
def test_a_weekday_outside_monday_to_sunday_is_refused_by_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        AngebotFactory(akteur=world.akteur_b, wochentag=7)


@pytest.mark.django_db
def test_weekday_migration_counts_from_monday_0_and_back(world):
    migration = importlib.import_module("netzwerk.migrations.0005_angebot_wochentag_montag_0")
    # (Saturday: going back, the range constraint is dropped before the values move.)
    angebot = AngebotFactory(akteur=world.akteur_b, wochentag=Wochentag.SAMSTAG)
    ohne = AngebotFactory(akteur=world.akteur_b, wochentag=None)
    migration.ab_eins(apps, None)
    angebot.refresh_from_db()
    assert angebot.wochentag == 6
    migration.ab_null(apps, None)
    angebot.refresh_from_db()
    ohne.refresh_from_db()
    assert angebot.wochentag == Wochentag.SAMSTAG and ohne.wochentag is None


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_fragment(client, world):
    response = client.get(reverse("netzwerk:akteur_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="ergebnisse"')
    assert "<html" not in html
    assert world.akteur_a.name in html
    # The new count is announced to screen readers through a live region outside the swap.
    assert 'id="ergebnisse-status"' in html and 'hx-swap-oob="true"' in html


@pytest.mark.django_db
def test_filter_form_works_without_javascript_and_with_htmx(client, world):
    html = client.get(reverse("netzwerk:akteur_list")).content.decode()
    assert 'method="get"' in html
    assert 'hx-get="/netzwerk/"' in html and 'hx-push-url="true"' in html


@pytest.mark.django_db
def test_committee_page_shows_public_meetings_and_published_minutes_only(client, world):
    gremium = world.extra["gremium"]
    SitzungFactory(gremium=gremium, protokoll="Geheimer Entwurf", protokoll_veroeffentlicht=False)
    html = client.get(gremium.get_absolute_url()).content.decode()
    assert "Alles besprochen." in html
    assert "Geheimer Entwurf" not in html
    assert "Büro" not in html  # the closed meeting's place
    assert world.extra["sitzung"].get_protokoll_url() in html
    assert world.extra["sitzung_intern"].get_protokoll_url() not in html


@pytest.mark.django_db
def test_committee_page_never_names_resident_members(client, world):
    from .factories import GremiumMitgliedFactory

    gremium = world.extra["gremium"]
    GremiumMitgliedFactory(gremium=gremium, akteur=None, name="Ursula Becker", typ="bewohner")
    GremiumMitgliedFactory(gremium=gremium, akteur=world.akteur_b)
    html = client.get(gremium.get_absolute_url()).content.decode()
    assert "Ursula Becker" not in html
    assert world.akteur_b.name in html


@pytest.mark.django_db
def test_minutes_pdf_is_served_only_when_published(client, world):
    sitzung = world.extra["sitzung"]
    response = client.get(sitzung.get_protokoll_url())
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    sitzung.protokoll_veroeffentlicht = False
    sitzung.save()
    assert client.get(sitzung.get_protokoll_url()).status_code == 404


@pytest.mark.django_db
def test_home_page_shows_the_network_search(client, world):
    html = get_page(client, reverse("home"), max_queries=6).content.decode()
    assert 'action="/netzwerk/"' in html
