"""The committee decides from one list: the Quartiersmanagement puts the applications up
for decision on a meeting's list, records the vote per application (members with a
conflict of interest do not vote), and each decision goes into the minutes, with numbers
and never a member's name. The fund's own rules hold (its lock, the free money)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from netzwerk.models import GremiumMitglied
from projekte.models import Antrag, Antragsstatus, Beratung

from ..utils import client_for, count_queries


@pytest.fixture
def liste(world):
    sitzung = world.extra["sitzung"]
    mitglieder = [
        GremiumMitglied.objects.create(gremium=sitzung.gremium, name=name, typ="bewohner")
        for name in ("Anna Berg", "Bernd Kurz", "Cem Aydın", "Dora Lenz", "Emil Stern")
    ]
    return sitzung, mitglieder, reverse("admin:projekte_antrag_sitzung", args=[sitzung.pk])


def _entscheidung(beratung, **werte):
    daten = {"beratung": beratung.pk}
    standard = {"ja": 3, "nein": 1, "enthaltung": 0, "ergebnis": "bewilligt"}
    for name, wert in {**standard, **werte}.items():
        if isinstance(wert, list):
            daten[f"b{beratung.pk}-{name}"] = [str(w) for w in wert]
        else:
            daten[f"b{beratung.pk}-{name}"] = str(wert)
    return daten


@pytest.mark.django_db
def test_the_committee_decides_from_its_list_and_the_minutes_say_so(world, liste):
    sitzung, mitglieder, url = liste
    antrag = world.extra["projekte"]["antrag"]
    fremder = world.extra["projekte"]["fremder_antrag"]
    qm = client_for(world, "qm")
    seite = qm.get(url)
    assert seite.status_code == 200
    beratbar = seite.context["beratbar"]
    assert antrag in beratbar and fremder not in beratbar
    # Another area's application cannot be put on this list, even when posted.
    qm.post(url, {"hinzufuegen": "1", "antrag": [str(antrag.pk), str(fremder.pk), "x"]})
    beratung = Beratung.objects.get(sitzung=sitzung)
    assert beratung.antrag == antrag
    assert qm.get(url).context["beratbar"] == []

    # Too many votes for the members who may vote; an approval without a majority.
    response = qm.post(url, _entscheidung(beratung, ja=4, nein=1, befangen=[mitglieder[0].pk]))
    assert response.status_code == 400
    form = dict(response.context["zeilen"])[beratung]
    assert "nur 4 Mitglieder" in form.errors["ja"][0]
    response = qm.post(url, _entscheidung(beratung, ja=2, nein=2))
    assert (
        "mehr Ja- als Nein-Stimmen"
        in dict(response.context["zeilen"])[beratung].errors["ergebnis"][0]
    )

    response = qm.post(
        url,
        _entscheidung(
            beratung, ja=3, nein=0, enthaltung=1, befangen=[mitglieder[1].pk], auflagen="Fotos"
        ),
    )
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.BEWILLIGT and antrag.bewilligt == Decimal("480.00")
    assert antrag.sitzung == sitzung and antrag.entscheidungsweg == "gremium"
    beratung.refresh_from_db()
    assert (beratung.ja, beratung.nein, beratung.enthaltung) == (3, 0, 1)
    assert list(beratung.befangen.all()) == [mitglieder[1]]
    sitzung.refresh_from_db()
    assert antrag.nummer in sitzung.protokoll and "480,00 €" in sitzung.protokoll
    assert "1 wegen Befangenheit" in sitzung.protokoll and "Bernd" not in sitzung.protokoll
    # Decided once: the list shows the result, and a second decision is refused.
    assert "Bewilligt" in qm.get(url).content.decode()
    qm.post(url, _entscheidung(beratung, ergebnis="abgelehnt", ja=0, nein=3))
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.BEWILLIGT


@pytest.mark.django_db
def test_the_committee_cannot_approve_more_than_the_fund_holds(world, liste):
    sitzung, _mitglieder, url = liste
    antrag = world.extra["projekte"]["antrag"]
    fonds = antrag.fonds
    fonds.festgesetzt = Decimal("500.00")  # 300 € are bound already: 200 € are free
    fonds.save()
    beratung = Beratung.objects.create(sitzung=sitzung, antrag=antrag)
    response = client_for(world, "qm").post(url, _entscheidung(beratung))
    assert response.status_code == 400
    fehler = dict(response.context["zeilen"])[beratung].errors["betrag"][0]
    assert "200,00 €" in fehler
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.ZUR_ENTSCHEIDUNG
    beratung.refresh_from_db()
    assert beratung.ergebnis == "" and "Straßenfest" not in sitzung.protokoll


@pytest.mark.django_db
def test_the_list_keeps_its_query_budget_whatever_its_length(world, liste):
    sitzung, _mitglieder, url = liste
    fonds = world.extra["projekte"]["fonds"]
    qm = client_for(world, "qm")

    def mehr(anzahl, start):
        for n in range(start, start + anzahl):
            antrag = Antrag.objects.create(
                fonds=fonds,
                nummer=f"VF-L-{n}",
                name="Masse",
                titel=f"Idee {n}",
                beschreibung="…",
                beantragt=Decimal("50"),
                status=Antragsstatus.ZUR_ENTSCHEIDUNG,
            )
            if n % 2:
                Beratung.objects.create(sitzung=sitzung, antrag=antrag)

    mehr(4, 0)
    klein = count_queries(lambda: qm.get(url))
    mehr(40, 4)
    gross = count_queries(lambda: qm.get(url))
    assert gross == klein <= 20
