"""The page plan and the blocks the portal fills: only what the apps publish anyway, in the
issue's period; warnings for a page count off the multiple of 4, overflowing pages and
articles not released; articles placed in the plan join the issue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anliegen.models import Status as Anliegenstatus
from zeitung import bloecke, seitenplan
from zeitung.models import Artikel, Platzierung, Zeitungsausgabe

from ..anliegen.factories import AnliegenFactory, KategorieFactory
from ..utils import client_for, get_page
from ..veranstaltungen.factories import veranstaltung
from .factories import ArtikelFactory

Art = Platzierung.Art


def _ausgabe(world, **felder) -> Zeitungsausgabe:
    ausgabe = world.extra["zeitung"]["ausgabe"]
    felder = {"erscheinungsdatum": timezone.localdate(), "zeitraum_bis": None, **felder}
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(**felder)
    ausgabe.refresh_from_db()
    return ausgabe


@pytest.mark.django_db
def test_the_events_block_lists_the_public_events_of_the_period_only(world):
    ausgabe = _ausgabe(world)
    jetzt = timezone.now()
    drin = veranstaltung(world.quartier_a, jetzt + timedelta(days=20), titel="Hoffest")
    intern = veranstaltung(
        world.quartier_a, jetzt + timedelta(days=21), titel="Teamsitzung", oeffentlich=False
    )
    spaeter = veranstaltung(world.quartier_a, jetzt + timedelta(days=120), titel="Adventsmarkt")
    fremd = veranstaltung(world.quartier_b, jetzt + timedelta(days=20), titel="Hafenfest")
    termine = bloecke.termine(ausgabe)
    assert drin in termine
    assert not {intern, spaeter, fremd} & set(termine)


@pytest.mark.django_db
def test_the_committee_block_lists_public_meetings_only(world):
    sitzungen = bloecke.gremien(_ausgabe(world))
    assert world.extra["sitzung_kommend"] in sitzungen
    assert world.extra["sitzung_intern"] not in sitzungen


@pytest.mark.django_db
def test_the_fund_block_lists_consented_funded_projects_only(world):
    antraege = bloecke.verfuegungsfonds(_ausgabe(world))
    assert world.extra["projekte"]["gefoerdert"] in antraege
    assert world.extra["projekte"]["antrag"] not in antraege
    assert world.extra["projekte"]["fremder_antrag"] not in antraege


@pytest.mark.django_db
def test_the_answers_block_lists_answered_public_consented_concerns_only(world):
    ausgabe = _ausgabe(world)
    kategorie = KategorieFactory(quartier=world.quartier_a)
    beantwortet = dict(
        quartier=world.quartier_a,
        kategorie=kategorie,
        status=Anliegenstatus.BEANTWORTET,
        antwort="Wird repariert.",
    )
    oeffentlich = AnliegenFactory(
        **beantwortet,
        einwilligung_veroeffentlichung=True,
        text_freigegeben=True,
        oeffentlicher_text="Die Laterne ist dunkel.",
    )
    ohne_einwilligung = AnliegenFactory(**beantwortet)
    antworten = bloecke.anliegen(ausgabe)
    assert oeffentlich in antworten
    assert ohne_einwilligung not in antworten


@pytest.mark.django_db
def test_the_plan_warns_of_a_page_count_off_the_multiple_of_4_and_of_unreleased_articles(world):
    ausgabe = _ausgabe(world)
    artikel = world.extra["zeitung"]["artikel"]
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.ARTIKEL, artikel=artikel, seite=1)
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.IMPRESSUM, seite=14)
    plan = seitenplan.plan(ausgabe)
    assert len(plan.seiten) == 14
    text = " ".join(plan.warnungen)
    assert "14 Seiten sind kein Vielfaches von 4" in text
    assert "füllt 14 Seiten; geplant sind 12" in text
    assert "„Hofgarten“ ist noch nicht freigegeben." in text


@pytest.mark.django_db
def test_the_plan_warns_of_a_page_that_overflows_and_ignores_a_block_turned_off(world):
    ausgabe = _ausgabe(world)
    lang = ArtikelFactory(
        quartier=world.quartier_a,
        ausgabe=ausgabe,
        status="freigegeben",
        spalten=3,
        text="<p>" + "Wort " * 1200 + "</p>",
    )
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.ARTIKEL, artikel=lang, seite=2)
    aus = Platzierung.objects.create(ausgabe=ausgabe, art=Art.TERMINE, seite=3, aktiv=False)
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.IMPRESSUM, seite=12)
    plan = seitenplan.plan(ausgabe)
    assert plan.seiten[1].voll
    assert any("Seite 2 läuft über" in w for w in plan.warnungen)
    assert not any("Vielfaches" in w for w in plan.warnungen)
    assert plan.seiten[2].eintraege[0].platzierung == aus and plan.seiten[2].zeichen == 0


@pytest.mark.django_db
def test_a_block_is_placed_once_and_an_article_entry_needs_an_article(world):
    from django.core.exceptions import ValidationError

    ausgabe = _ausgabe(world)
    Platzierung.objects.create(ausgabe=ausgabe, art=Art.TERMINE, seite=2)
    with pytest.raises(ValidationError) as fehler:
        Platzierung(ausgabe=ausgabe, art=Art.TERMINE, seite=5).full_clean()
    assert "art" in fehler.value.message_dict
    with pytest.raises(ValidationError) as fehler:
        Platzierung(ausgabe=ausgabe, art=Art.ARTIKEL, seite=5).full_clean()
    assert "artikel" in fehler.value.message_dict


def _inline_daten(ausgabe, zeilen):
    daten = {
        "quartier": ausgabe.quartier_id,
        "nummer": ausgabe.nummer,
        "titel": ausgabe.titel,
        "erscheinungsdatum": ausgabe.erscheinungsdatum.isoformat(),
        "auflage": ausgabe.auflage,
        "seitenzahl": ausgabe.seitenzahl,
        "platzierungen-TOTAL_FORMS": len(zeilen),
        "platzierungen-INITIAL_FORMS": 0,
        "artikel-TOTAL_FORMS": 0,
        "artikel-INITIAL_FORMS": 0,
    }
    for i, zeile in enumerate(zeilen):
        for feld, wert in zeile.items():
            daten[f"platzierungen-{i}-{feld}"] = wert
    return daten


@pytest.mark.django_db
def test_placing_a_partners_article_in_the_plan_plans_it_into_the_issue(world):
    ausgabe = _ausgabe(world)
    partnerartikel = world.extra["zeitung"]["partnerartikel"]
    response = client_for(world, "redaktion").post(
        reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]),
        _inline_daten(
            ausgabe,
            [
                {
                    "seite": 3,
                    "reihenfolge": 1,
                    "art": "artikel",
                    "artikel": partnerartikel.pk,
                    "aktiv": "on",
                },
                {"seite": 12, "reihenfolge": 0, "art": "impressum", "aktiv": "on"},
            ],
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    partnerartikel.refresh_from_db()
    assert partnerartikel.ausgabe == ausgabe
    assert ausgabe.platzierungen.count() == 2


@pytest.mark.django_db
def test_an_article_of_another_area_cannot_be_placed(world):
    ausgabe = _ausgabe(world)
    fremd = world.extra["zeitung"]["fremder_artikel"]
    response = client_for(world, "qm").post(
        reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]),
        _inline_daten(
            ausgabe, [{"seite": 1, "art": "artikel", "artikel": fremd.pk, "reihenfolge": 0}]
        ),
    )
    assert response.status_code == 200
    assert not ausgabe.platzierungen.exists()


@pytest.mark.django_db
def test_the_issue_page_with_its_plan_keeps_its_query_budget_whatever_its_size(world):
    ausgabe = _ausgabe(world)
    for art in [Art.TERMINE, Art.GREMIEN, Art.VERFUEGUNGSFONDS, Art.ANLIEGEN, Art.IMPRESSUM]:
        Platzierung.objects.create(ausgabe=ausgabe, art=art, seite=12)
    for n in range(15):
        a = ArtikelFactory(quartier=world.quartier_a, ausgabe=ausgabe, titel=f"Beitrag {n}")
        Platzierung.objects.create(ausgabe=ausgabe, art=Art.ARTIKEL, artikel=a, seite=n % 11 + 1)
    for n in range(10):
        ArtikelFactory(quartier=world.quartier_a, titel=f"Ungeplant {n}")
    response = get_page(
        client_for(world, "redaktion"),
        reverse("admin:zeitung_zeitungsausgabe_change", args=[ausgabe.pk]),
        max_queries=25,
    )
    html = response.content.decode()
    assert "Seite 12" in html and "Beitrag 14" in html
    assert Artikel.objects.filter(titel="Ungeplant 3").exists()
    assert "Ungeplant 3" in html  # offered for placing
