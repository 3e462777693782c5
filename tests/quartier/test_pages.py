import pytest
from django.apps import apps as global_apps
from django.core.management.sql import emit_post_migrate_signal
from django.db import OperationalError
from django.urls import reverse

from quartier.models import Seite
from quartier.seiten import TITLES, default_text

from ..factories import QuartierFactory
from ..utils import count_queries, get_page


@pytest.mark.django_db
def test_home_shows_area_office_hours_contact_and_entry_points(client, world):
    html = get_page(client, reverse("home"), max_queries=5).content.decode()
    assert "Brunnenviertel" in html
    assert "Sprechzeiten" in html
    assert "Dienstag 15–18 Uhr" in html
    assert "Brunnenstraße 14" in html
    assert "Raum buchen" in html
    assert 'lang="de"' in html


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_areas(client):
    QuartierFactory()
    one = count_queries(lambda: client.get(reverse("home")))
    for _ in range(20):
        QuartierFactory()
    assert count_queries(lambda: client.get(reverse("home"))) == one


@pytest.mark.django_db
def test_home_without_any_area(client):
    html = get_page(client, reverse("home"), max_queries=5).content.decode()
    assert "Noch kein Quartier" in html


@pytest.mark.django_db
@pytest.mark.parametrize("art", Seite.Art.values)
def test_legal_pages_have_german_defaults(client, art):
    html = get_page(client, reverse("seite", args=[art]), max_queries=5).content.decode()
    assert Seite.objects.get(art=art).titel in html
    assert "Impressum" in html and "Datenschutz" in html  # footer links


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_unknown_page_is_a_german_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_missing_legal_pages_come_back_after_migrate_and_edited_ones_stay():
    Seite.objects.filter(art="datenschutz").delete()
    Seite.objects.filter(art="impressum").update(inhalt="Unser eigenes Impressum")
    # What `migrate` sends when it ends (with a plan; `flush` sends none).
    emit_post_migrate_signal(0, False, "default", plan=[], apps=global_apps)
    assert Seite.objects.get(art="impressum").inhalt == "Unser eigenes Impressum"
    datenschutz = Seite.objects.get(art="datenschutz")
    assert datenschutz.titel == "Datenschutzerklärung"
    assert datenschutz.inhalt.startswith("Wir verarbeiten personenbezogene Daten nur")


def test_every_kind_of_legal_page_has_a_default_text():
    assert set(TITLES) == set(Seite.Art.values)
    for art in TITLES:
        assert default_text(art)
