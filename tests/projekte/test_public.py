"""The public project pages: what residents see, what they may send, and that the pages keep
their query budgets with 10 and with 10,000 projects."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from anliegen.models import Anliegen
from netzwerk.models import Handlungsfeld
from projekte.models import Phase, Projekt, Projektfoto

from ..utils import client_for, count_queries

LISTE = "/projekte/"


@pytest.fixture(autouse=True)
def _schnell(settings):
    settings.ANLIEGEN_MINDESTZEIT = 0


def spielplatz(world, **felder) -> Projekt:
    heute = timezone.localdate()
    projekt = Projekt.objects.create(
        quartier=world.quartier_a,
        titel="Spielplatz Am Wasserturm",
        slug="spielplatz-am-wasserturm",
        art=Projekt.Art.BAUMASSNAHME,
        status=Projekt.Status.LAUFEND,
        kurzbeschreibung="Der Spielplatz wird neu gestaltet.",
        adresse="Am Wasserturm 3",
        von=heute - timedelta(days=60),
        beteiligung="Planungswerkstatt im Stadtteilladen.",
        kontakt_stelle="Grünflächenamt",
        **felder,
    )
    Phase.objects.create(
        projekt=projekt,
        name="Planung",
        von=heute - timedelta(days=60),
        bis=heute - timedelta(days=11),
    )
    Phase.objects.create(
        projekt=projekt,
        name="Beteiligung",
        von=heute - timedelta(days=10),
        bis=heute + timedelta(days=20),
        beteiligung_moeglich=True,
    )
    Phase.objects.create(projekt=projekt, name="Bau", von=heute + timedelta(days=21))
    return projekt


@pytest.mark.django_db
def test_the_list_shows_the_areas_public_projects_only(client, world):
    Projekt.objects.create(
        quartier=world.quartier_a,
        titel="Geheimes Vorhaben",
        slug="geheim",
        kurzbeschreibung="Noch in Abstimmung.",
        status=Projekt.Status.IN_ABSTIMMUNG,
    )
    html = client.get(LISTE).content.decode()
    assert "Hausaufgabenhilfe" in html
    assert "Geheimes Vorhaben" not in html  # not yet approved
    assert "Hafenfest" not in html  # another area's idea
    assert client.get(reverse("projekte:projekt_detail", args=["geheim"])).status_code == 404


@pytest.mark.django_db
def test_filters_by_status_year_field_and_kind(client, world):
    spielplatz(world)
    projekt = world.extra["projekte"]["projekt"]
    projekt.handlungsfelder.add(Handlungsfeld.objects.get(slug="bildung-und-ausbildung"))

    def titel(query):
        response = client.get(LISTE + query)
        assert response.status_code == 200
        return {p.titel for p in response.context["page_obj"].object_list}

    assert titel("?art=baumassnahme") == {"Spielplatz Am Wasserturm"}
    assert titel("?handlungsfeld=bildung-und-ausbildung") == {"Hausaufgabenhilfe"}
    assert titel("?jahr=2026&status=laufend") >= {"Hausaufgabenhilfe"}
    assert "Hausaufgabenhilfe" not in titel("?jahr=2025")
    assert titel("?status=abgeschlossen") == set()
    # A value not offered is a message beside the field, never a 500.
    response = client.get(LISTE + "?jahr=zwei&status=idee")
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() == {"jahr", "status"}


@pytest.mark.django_db
def test_a_building_measure_shows_its_phase_how_to_take_part_and_its_funders(client, world):
    projekt = spielplatz(world)
    bewilligung = world.extra["projekte"]["bewilligung"]
    bewilligung.pk = None
    bewilligung.projekt = projekt
    bewilligung.aktenzeichen = "SZ-7"
    bewilligung.save()
    response = client.get(projekt.get_absolute_url())
    html = response.content.decode()
    assert response.context["phase"].name == "Beteiligung"
    assert "Planungswerkstatt im Stadtteilladen." in html
    assert "Grünflächenamt" in html
    assert "Gefördert durch" in html and "BIWAQ" in html
    assert 'aria-current="step"' in html
    assert projekt.get_idee_url() in html


@pytest.mark.django_db
def test_an_idea_arrives_as_a_concern_linked_to_the_project(client, world):
    projekt = spielplatz(world)
    seite = client.get(projekt.get_idee_url())
    form = seite.context["form"]
    daten = {
        "beschreibung": "Bitte eine Nestschaukel für kleine Kinder.",
        "email": "nachbarin@example.org",
        "zeit": form.initial["zeit"],
        "formular_token": form.initial["formular_token"],
    }
    response = client.post(projekt.get_idee_url(), daten)
    assert response.status_code == 302
    assert response["Location"] == reverse("anliegen:anliegen_quittung")
    anliegen = Anliegen.objects.get(projekt=projekt)
    assert anliegen.art == Anliegen.Art.IDEE
    assert anliegen.quartier == world.quartier_a
    assert anliegen.kategorie.quartier == world.quartier_a
    assert anliegen.ortsbeschreibung == "Am Wasserturm 3"
    # The same form sent again makes no second concern.
    assert client.post(projekt.get_idee_url(), daten).status_code == 302
    assert Anliegen.objects.filter(projekt=projekt).count() == 1
    # The staff's queue shows the project beside the idea.
    staff = client_for(world, "mitarbeit")
    queue = staff.get(reverse("admin:anliegen_anliegen_changelist")).content.decode()
    assert "Spielplatz Am Wasserturm" in queue
    change = staff.get(reverse("admin:anliegen_anliegen_change", args=[anliegen.pk]))
    assert "Spielplatz Am Wasserturm" in change.content.decode()


@pytest.mark.django_db
def test_an_empty_idea_gets_a_german_message_and_keeps_what_was_typed(client, world):
    projekt = spielplatz(world)
    form = client.get(projekt.get_idee_url()).context["form"]
    response = client.post(
        projekt.get_idee_url(),
        {
            "beschreibung": "",
            "name": "Aylin",
            "email": "kein-at",
            "zeit": form.initial["zeit"],
            "formular_token": form.initial["formular_token"],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    assert 'value="Aylin"' in html
    assert not Anliegen.objects.filter(projekt=projekt).exists()


def viele_projekte(world, n: int) -> None:
    """n public projects of area A with a field of action, a partner, a photo, a phase, a
    milestone and a grant each; bulk inserts only."""
    start = Projekt.objects.count()
    projekte = Projekt.objects.bulk_create(
        Projekt(
            quartier=world.quartier_a,
            titel=f"Projekt {start + i}",
            slug=f"masse-{start + i}",
            kurzbeschreibung="Ein Projekt.",
            status=Projekt.Status.LAUFEND,
            von=date(2026, 1, 1),
        )
        for i in range(n)
    )
    feld = Handlungsfeld.objects.first()
    Projekt.handlungsfelder.through.objects.bulk_create(
        Projekt.handlungsfelder.through(projekt=p, handlungsfeld=feld) for p in projekte
    )
    Projekt.kooperationspartner.through.objects.bulk_create(
        Projekt.kooperationspartner.through(projekt=p, akteur=world.akteur_a) for p in projekte
    )
    Projektfoto.objects.bulk_create(
        Projektfoto(projekt=p, bild="projekte/fotos/x.jpg", alt_text="Foto", bildnachweis="QM")
        for p in projekte
    )
    Phase.objects.bulk_create(Phase(projekt=p, name="Bau", von=date(2026, 1, 1)) for p in projekte)


def _erstes(w) -> str:
    return Projekt.objects.filter(slug__startswith="masse-").order_by("pk").first().slug


PAGES = [
    ("anonym", lambda w: LISTE, 6),
    ("anonym", lambda w: LISTE + "?seite=2&status=laufend", 6),
    ("anonym", lambda w: LISTE + "?jahr=2026&handlungsfeld=bildung-und-ausbildung", 6),
    ("anonym", lambda w: reverse("projekte:projekt_detail", args=[_erstes(w)]), 10),
    ("anonym", lambda w: reverse("projekte:projekt_idee", args=[_erstes(w)]), 4),
    ("qm", lambda w: reverse("projekte:projekt_detail", args=["hausaufgabenhilfe"]), 10),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url", "budget"), PAGES)
def test_page_queries_do_not_grow_with_the_number_of_projects(world, persona, url, budget):
    client = client_for(world, persona)
    viele_projekte(world, 10)
    path = url(world)
    client.get(path)  # warm caches (content types, sessions)
    klein = count_queries(lambda: client.get(path))
    viele_projekte(world, 9990)
    gross = count_queries(lambda: client.get(path))
    cache.clear()
    response = client.get(path)
    assert response.status_code == 200
    assert klein == gross, f"{path}: {klein} queries with 10 projects, {gross} with 10,000"
    extra = 2 if persona != "anonym" else 0
    assert gross <= budget + extra, f"{path}: {gross} queries, budget {budget + extra}"
