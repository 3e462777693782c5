"""German full-text search: prefix terms on a stored, GIN-indexed vector; hostile input safe."""

import pytest
from django.db import connection
from django.urls import reverse

from netzwerk.models import Akteur, Angebot, suchanfrage, suchbegriff

from ..factories import AkteurFactory
from .factories import AngebotFactory


@pytest.fixture
def schule(db):
    akteur = AkteurFactory(name="Grundschule Am Wasserturm", beschreibung="Offener Ganztag.")
    AngebotFactory(
        akteur=akteur, titel="Hausaufgabenhilfe", beschreibung="Lernpaten helfen Kindern."
    )
    akteur.aktualisiere_suchvektor()
    AkteurFactory(name="Bäckerei Yıldız", beschreibung="Brot und Simit.").aktualisiere_suchvektor()
    return akteur


def test_hausaufgabe_finds_the_hausaufgabenhilfe_by_prefix(schule):
    assert list(Akteur.objects.suche("Hausaufgabe")) == [schule]
    assert [a.titel for a in Angebot.objects.suche("Hausaufgabe")] == ["Hausaufgabenhilfe"]


@pytest.mark.django_db
def test_the_query_is_a_german_prefix_tsquery():
    assert suchbegriff("Hausaufgabe") == "hausaufgabe:*"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery('german', %s)::text", [suchbegriff("Hausaufgabe")])
        assert cursor.fetchone()[0] == "'hausaufgab':*"
        # German stemming alone would not match the compound; the prefix term does.
        cursor.execute(
            "SELECT to_tsvector('german', 'Hausaufgabenhilfe') @@ to_tsquery('german', %s),"
            " to_tsvector('german', 'Hausaufgabenhilfe') @@ plainto_tsquery('german', %s)",
            [suchbegriff("Hausaufgabe"), "Hausaufgabe"],
        )
        assert cursor.fetchone() == (True, False)


@pytest.mark.parametrize(
    "hostile",
    ["a & | ! ( :*", "')); DROP TABLE netzwerk_akteur; --", "!!!", "::*", "<script>", "Haus&&"],
)
def test_hostile_input_never_breaks_the_search(client, schule, hostile):
    response = client.get(reverse("netzwerk:akteur_list"), {"q": hostile})
    assert response.status_code == 200
    # Whatever was typed, it reaches PostgreSQL only as letters and digits with our operators.
    raw = suchbegriff(hostile)
    assert raw is None or set(raw) <= set("abcdefghijklmnopqrstuvwxyzıäöüß0123456789 &:*")
    list(Akteur.objects.suche(hostile))
    assert Akteur.objects.count() == 2


def test_operators_inside_words_are_stripped():
    assert suchbegriff("a & | ! ( :*") == "a:*"
    assert suchbegriff("Haus&Hof!") == "haus:* & hof:*"
    assert suchbegriff("  ") is None
    assert suchanfrage("!!!") is None


def test_directory_search_shows_the_match_first_and_hides_the_rest(client, schule):
    response = client.get(reverse("netzwerk:akteur_list"), {"q": "hausaufgabe"})
    html = response.content.decode()
    assert "Grundschule Am Wasserturm" in html
    assert "Bäckerei" not in html


def test_several_words_must_all_match(schule):
    assert list(Akteur.objects.suche("Hausaufgabe Wasserturm")) == [schule]
    assert list(Akteur.objects.suche("Hausaufgabe Simit")) == []


def test_the_vector_is_kept_current_when_a_partner_adds_an_offer(schule, world):
    from netzwerk.forms import AngebotForm
    from netzwerk.services import partner_speichern

    akteur = world.akteur_a
    form = AngebotForm(
        {"titel": "Schachtreff", "kostenlos": "on", "oeffentlich": "on"},
        instance=Angebot(akteur=akteur),
    )
    assert form.is_valid(), form.errors
    partner_speichern(form=form, akteur=akteur, user=world.users["partner_a"])
    assert akteur in Akteur.objects.suche("Schach")
