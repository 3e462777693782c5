"""The back office's start page (quartier/uebersicht.py): each number of "to do today" is
the number of rows the list it links to shows, for the viewer's areas only; each role sees
the items it may see; this month's figures; a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anliegen.models import ABSCHLUSS
from quartier.models import OutgoingMail
from tests.anliegen.factories import AnliegenFactory, WeiterleitungFactory

from ..raeume.factories import buchung, naechster, um
from ..utils import client_for, query_budget

KACHEL = re.compile(
    r'<a href="(?P<url>[^"]+)">\s*<span class="uebersicht-zahl">(?P<n>\d+)</span>\s*'
    r'<span class="uebersicht-titel">(?P<titel>[^<]+)</span>'
)


def _kacheln(client) -> dict[str, tuple[int, str]]:
    html = client.get(reverse("admin:index")).content.decode()
    return {
        m["titel"]: (int(m["n"]), m["url"].replace("&amp;", "&")) for m in KACHEL.finditer(html)
    }


def _anliegen(quartier, status="eingegangen", **kwargs):
    if status in ABSCHLUSS:
        kwargs.setdefault("antwort", "Erledigt.")
    return AnliegenFactory(kategorie__quartier=quartier, status=status, **kwargs)


@pytest.fixture
def arbeit(world):
    """Something of every kind to do in area A, and the same in area B (not counted)."""
    heute = timezone.localdate()
    for quartier in (world.quartier_a, world.quartier_b):
        _anliegen(quartier)
        _anliegen(quartier, "in_bearbeitung", frist=heute - timedelta(days=3))
        weitergeleitet = _anliegen(quartier, "weitergeleitet")
        WeiterleitungFactory(anliegen=weitergeleitet, antwort_bis=heute - timedelta(days=1))
        OutgoingMail.objects.create(
            quartier=quartier,
            to=["a@example.org"],
            subject="Ihr Anliegen",
            body="…",
            attempts=2,
            last_error="Verbindung abgelehnt",
        )
    _anliegen(world.quartier_a, "erledigt")  # done: counts nowhere
    saal = world.extra["raeume"]["saal"]
    tag = naechster(2, wochen=2)
    buchung(saal, um(tag, 10), um(tag, 12), akteur=world.akteur_a, user=world.users["partner_a"])
    return world


@pytest.mark.django_db
def test_each_number_is_the_number_of_rows_its_list_shows(arbeit):
    client = client_for(arbeit, "qm")
    kacheln = _kacheln(client)
    assert {
        "Neue Anliegen",
        "Überfällige Anliegen",
        "Weiterleitungen ohne Antwort",
        "Buchungsanfragen",
        "Fehlgeschlagene Mails",
    } <= set(kacheln)
    for titel, (anzahl, url) in kacheln.items():
        liste = client.get(url)
        assert liste.status_code == 200, (titel, url)
        assert liste.context["cl"].result_count == anzahl, (titel, url)
    # Area B's items are not the quartier manager of A's.
    assert kacheln["Neue Anliegen"][0] >= 1
    assert kacheln["Weiterleitungen ohne Antwort"][0] == 1
    assert kacheln["Fehlgeschlagene Mails"][0] == 1
    assert kacheln["Buchungsanfragen"][0] >= 1


@pytest.mark.django_db
def test_each_role_sees_what_it_may_see(arbeit):
    redaktion = _kacheln(client_for(arbeit, "redaktion"))
    assert set(redaktion) == {"Artikel zu prüfen"}
    stadt = client_for(arbeit, "stadt").get(reverse("admin:index")).content.decode()
    assert "Neue Anliegen" not in stadt and "Fehlgeschlagene Mails" not in stadt
    # City staff see this month's figures as the report shows them to the city.
    assert "Dieser Monat" in stadt and reverse("berichte:bericht") in stadt


@pytest.mark.django_db
def test_this_months_figures_count_the_month_so_far(arbeit):
    html = client_for(arbeit, "qm").get(reverse("admin:index")).content.decode()
    monat = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    from anliegen.models import Anliegen

    beginn = timezone.localdate().replace(day=1)
    erwartet = (
        Anliegen.objects.filter(
            quartier=arbeit.quartier_a, spam=False, eingegangen_at__date__gte=beginn
        )
        .exclude(status="duplikat")
        .count()
    )
    assert monat["Eingegangene Anliegen"] == str(erwartet)


@pytest.mark.django_db
def test_the_start_page_keeps_its_queries_whatever_the_data(arbeit):
    client = client_for(arbeit, "qm")
    client.get(reverse("admin:index"))
    with query_budget(30, label="start page") as vorher:
        client.get(reverse("admin:index"))
    for _ in range(10):
        _anliegen(arbeit.quartier_a)
        _anliegen(arbeit.quartier_a, "in_bearbeitung", frist=timezone.localdate() - timedelta(1))
    with query_budget(len(vorher.captured_queries), label="start page with more to do"):
        client.get(reverse("admin:index"))
