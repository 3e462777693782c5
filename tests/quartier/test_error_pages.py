"""Our error pages are German, and a database that cannot be reached is a 503 (try again in a
minute), never a 500: rendered without a single query."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from ..utils import client_for

FAILING = pytest.mark.urls("tests.quartier.failing_urls")
SOON = "Der Dienst ist gleich wieder da – bitte in einer Minute erneut versuchen."


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_service_unavailable(response):
    assert response.status_code == 503, response.status_code
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert SOON in text and 'lang="de"' in text


@FAILING
def test_a_database_that_is_down_is_503_with_retry_after(client):
    assert_service_unavailable(client.get("/test-fehler/datenbank/"))


@FAILING
def test_a_lost_connection_behind_another_error_is_503_too(client):
    assert_service_unavailable(client.get("/test-fehler/verbindung/"))


@FAILING
def test_a_bug_stays_a_500_with_the_german_page(client):
    response = client.get("/test-fehler/programm/")
    assert response.status_code == 500
    assert "Das hat leider nicht geklappt" in response.content.decode()


@pytest.mark.django_db
def test_404_and_403_are_our_german_pages(client, world):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    response = client_for(world, "partner_a").get(
        reverse("partner:akteur_edit", args=[world.akteur_b.slug])
    )
    assert response.status_code == 404  # another organisation: out of scope is 404


def unreachable(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


PAGES = [
    ("anonym", "/"),
    ("anonym", "/anliegen/"),
    ("anonym", "/anliegen/neu/"),
    ("anonym", "/netzwerk/"),
    ("anonym", "/veranstaltungen/"),
    ("anonym", "/raeume/"),
    ("anonym", "/gibt-es-nicht/"),  # the 404 page needs the database for its footer
    ("anonym", "/q/hafenquartier/veranstaltungen/"),  # an area's page: its area first
    ("anonym", "/quartiere/?q=Kaistr."),
    ("partner_a", "/partner/"),
    ("qm", "/admin/"),
    ("qm", "/admin/anliegen/anliegen/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_every_page_is_503_while_the_database_cannot_be_reached(world, monkeypatch, persona, url):
    browser = client_for(world, persona)
    browser.raise_request_exception = False
    with monkeypatch.context() as patch:
        # Every query opens (or checks) the connection first: now it fails like a restart.
        patch.setattr(connection, "ensure_connection", unreachable)
        response = browser.get(url)
    assert_service_unavailable(response)


@pytest.mark.django_db
def test_a_form_post_is_503_while_the_database_cannot_be_reached(world, monkeypatch):
    browser = Client(raise_request_exception=False)
    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", unreachable)
        response = browser.post("/anliegen/pin/", {"nummer": "A-2020-00001", "pin": "123456"})
    assert_service_unavailable(response)
