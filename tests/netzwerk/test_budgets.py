"""Query budgets: every page of the network runs the same number of queries for 10 and for
500 actors (data made with bulk_create)."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.urls import reverse

from netzwerk.models import Akteur, Angebot, GremiumMitglied, Handlungsfeld

from ..utils import client_for, count_queries


def viele_akteure(world, n: int) -> None:
    """n public actors in area A, each with two fields of action, one offer and a committee
    seat; all in a handful of bulk inserts."""
    start = Akteur.objects.count()
    akteure = Akteur.objects.bulk_create(
        Akteur(
            name=f"Verein Nummer {start + i}",
            slug=f"masse-{start + i}",
            art=Akteur.Art.VEREIN,
            beschreibung="Hausaufgabenhilfe und Sport.",
            zielgruppen=["senioren"],
            sprachen=["tr", "de"],
        )
        for i in range(n)
    )
    felder = list(Handlungsfeld.objects.all()[:2])
    Akteur.quartiere.through.objects.bulk_create(
        Akteur.quartiere.through(akteur=a, quartier=world.quartier_a) for a in akteure
    )
    Akteur.handlungsfelder.through.objects.bulk_create(
        Akteur.handlungsfelder.through(akteur=a, handlungsfeld=f) for a in akteure for f in felder
    )
    Angebot.objects.bulk_create(
        Angebot(akteur=a, titel=f"Seniorencafé {a.pk}", zielgruppen=["senioren"], sprachen=["tr"])
        for a in akteure
    )
    GremiumMitglied.objects.bulk_create(
        GremiumMitglied(gremium=world.extra["gremium"], akteur=a, typ="institution")
        for a in akteure
    )
    Akteur.objects.filter(pk__in=[a.pk for a in akteure]).update(
        suchvektor=SearchVector("name", "beschreibung", config="german")
    )
    Angebot.objects.filter(akteur__in=akteure).aktualisiere_suchvektoren()


PAGES = [
    ("anonym", lambda w: reverse("netzwerk:akteur_list"), 5),
    ("anonym", lambda w: reverse("netzwerk:akteur_list") + "?seite=2", 5),
    ("anonym", lambda w: reverse("netzwerk:akteur_list") + "?q=hausauf&zielgruppe=senioren", 5),
    (
        "anonym",
        lambda w: reverse("netzwerk:akteur_list") + "?handlungsfeld=bildung-und-ausbildung",
        6,
    ),
    ("anonym", lambda w: w.akteur_a.get_absolute_url(), 7),
    ("anonym", lambda w: reverse("netzwerk:angebot_list") + "?sprache=tr", 4),
    ("anonym", lambda w: reverse("netzwerk:gremium_list"), 3),
    ("anonym", lambda w: w.extra["gremium"].get_absolute_url(), 5),
    ("anonym", lambda w: reverse("home"), 3),
    ("partner_a", lambda w: w.akteur_a.get_partner_url(), 8),
    ("partner_a", lambda w: reverse("partner:start"), 5),
    ("partner_a", lambda w: reverse("partner:angebot_create", args=[w.akteur_a.slug]), 4),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url", "budget"), PAGES)
def test_page_queries_do_not_grow_with_the_number_of_actors(world, persona, url, budget):
    client = client_for(world, persona)
    path = url(world)
    viele_akteure(world, 10)
    client.get(path)  # warm caches (content types, sessions)
    klein = count_queries(lambda: client.get(path))
    viele_akteure(world, 490)
    gross = count_queries(lambda: client.get(path))
    cache.clear()  # rendered, with its context (a page from the cache has none)
    response = client.get(path)
    assert response.status_code == 200
    if "q=" in path:
        assert response.context["page_obj"].paginator.count >= 500
    assert klein == gross, f"{path}: {klein} queries with 10 actors, {gross} with 500"
    # Session and user of a logged-in request come on top of the page's own queries.
    extra = 2 if persona != "anonym" else 0
    assert gross <= budget + extra, f"{path}: {gross} queries, budget {budget + extra}"
