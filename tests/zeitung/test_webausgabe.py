"""The web edition at /zeitung/: published issues of the area, their released articles at
stable URLs, an Atom feed; drafts, unpublished issues and unconsented photos never show."""

import pytest
from django.urls import reverse

from ..utils import client_for, get_page
from .factories import ArtikelFactory, ZeitungsausgabeFactory


@pytest.mark.django_db
def test_the_archive_lists_published_issues_of_the_area_only(client, world):
    html = get_page(client, reverse("zeitung:ausgabe_list"), max_queries=6).content.decode()
    assert "Frühling" in html
    assert "Sommer im Hof" not in html  # in editing
    assert "Am Hafen" not in html  # another area's


@pytest.mark.django_db
def test_an_issue_shows_its_released_articles_and_no_draft(client, world):
    erschienen = world.extra["zeitung"]["erschienen"]
    html = get_page(
        client, reverse("zeitung:ausgabe_detail", args=[erschienen.nummer]), max_queries=7
    ).content.decode()
    assert "Frühjahrsputz" in html
    assert "Unfertiger Entwurf" not in html


@pytest.mark.django_db
def test_an_article_page_shows_consented_photos_only_with_their_alternative_text(client, world):
    z = world.extra["zeitung"]
    url = reverse("zeitung:artikel_detail", args=[z["erschienen"].nummer, z["veroeffentlicht"].pk])
    html = get_page(client, url, max_queries=7).content.decode()
    assert 'alt="Besen im Hof"' in html
    assert "Gesichter" not in html
    assert 'lang="de"' in html


@pytest.mark.django_db
def test_the_issue_page_keeps_its_budget_whatever_the_number_of_articles(client, world):
    erschienen = world.extra["zeitung"]["erschienen"]
    for n in range(20):
        ArtikelFactory(
            quartier=world.quartier_a, ausgabe=erschienen, status="freigegeben", titel=f"Text {n}"
        )
    get_page(client, reverse("zeitung:ausgabe_detail", args=[erschienen.nummer]), max_queries=7)
    for n in range(10):
        ZeitungsausgabeFactory(quartier=world.quartier_a, nummer=100 + n, status="erschienen")
    get_page(client, reverse("zeitung:ausgabe_list"), max_queries=6)


@pytest.mark.django_db
def test_the_feed_is_atom_with_released_articles_of_published_issues(world):
    response = client_for(world, "anonym").get(reverse("zeitung:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Frühjahrsputz" in body
    assert "Hofgarten" not in body and "Unfertiger Entwurf" not in body
