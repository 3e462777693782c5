"""The city-sized demo data set (`demo --scale city`, issue 12 item 1), at a small factor:
every app's part makes its share of the issue's counts, with believable distributions,
rows the app itself would accept, and a second run adds nothing. The full size is for the
benchmark (`make bench`), never for the test suite."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from anliegen.models import GESCHLOSSEN, Anliegen, Foto, Statuswechsel, Weiterleitung
from netzwerk.models import Akteur, Angebot, Gremium, Sitzung
from projekte import services as projekte_services
from projekte.models import Antrag, Ausgabe, Bewilligung, Fonds, Phase, Projekt, Sachbericht
from quartier import demo_stadt
from quartier.models import Quartier, User
from raeume.models import Belegung, Buchung, Raum, Serie
from veranstaltungen.models import Anmeldung, Veranstaltung

FAKTOR = 0.002
PRAEFIX = demo_stadt.PRAEFIX

# model → the count of the issue (scaled by the factor, at least 1)
VOLL = {
    Akteur: 10_000,
    Angebot: 30_000,
    Gremium: 200,
    Sitzung: 6_000,
    Anliegen: 400_000,
    Raum: 400,
    Buchung: 400_000,
    Belegung: 400_000,
    Veranstaltung: 40_000,
    Anmeldung: 300_000,
    Projekt: 3_000,
}


def anzahl(voll: int) -> int:
    return max(1, round(voll * FAKTOR))


def zaehlen() -> dict:
    return {m: m.objects.count() for m in apps.get_models()}


def demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_city_data_set():
    """One load (it takes some seconds), all checks: the small demo first, then the city
    on top; the difference is the city's."""
    demo()
    vorher = zaehlen()
    ausgabe = demo("--scale", "city", "--faktor", str(FAKTOR))
    nachher = zaehlen()
    gemacht = {m: nachher[m] - vorher[m] for m in nachher}
    counts_of_the_issue_scaled(gemacht, ausgabe)
    distributions_are_believable()
    rows_are_rows_the_app_accepts()
    second_run_adds_nothing()


def counts_of_the_issue_scaled(gemacht, ausgabe):
    assert Quartier.objects.count() == 40
    assert gemacht[Quartier] == 38
    for model, voll in VOLL.items():
        assert gemacht[model] == anzahl(voll), model
        assert f"{anzahl(voll):>10,} {model._meta.label}\n" in ausgabe, model
    # Every concern has its history; forwardings, photos and series exist.
    assert gemacht[Statuswechsel] >= 2 * gemacht[Anliegen]
    assert gemacht[Weiterleitung] > 0
    assert gemacht[Foto] > 0
    assert gemacht[Serie] > 0
    # Staff for every area (a quartier manager among them) and partner users.
    for quartier in Quartier.objects.all():
        assert quartier.mitarbeitende.filter(groups__name="Quartiersmanagement").exists()
    assert User.objects.filter(akteure__slug__startswith=PRAEFIX).count() == anzahl(1_000)


def distributions_are_believable():
    stadt_anliegen = Anliegen.objects.filter(
        quartier__in=Quartier.objects.exclude(slug__in=["brunnenviertel", "hafenquartier"])
    )
    assert stadt_anliegen.values("quartier").distinct().count() >= 30
    assert stadt_anliegen.values("status").distinct().count() >= 6
    assert stadt_anliegen.values("kategorie__name").distinct().count() >= 6
    assert stadt_anliegen.values("strasse").distinct().count() >= 30
    assert stadt_anliegen.values("beschreibung").distinct().count() >= 10
    jahre = stadt_anliegen.annotate(j=ExtractYear("eingegangen_at")).values("j").distinct()
    assert jahre.count() >= 5
    monate = stadt_anliegen.annotate(m=ExtractMonth("eingegangen_at")).values("m").distinct()
    assert monate.count() == 12
    assert stadt_anliegen.filter(status__in=GESCHLOSSEN).count() > 0.7 * stadt_anliegen.count()
    # Seasons: the winter category is reported in winter, the green spaces in summer.
    winter = stadt_anliegen.filter(kategorie__name="Straßenbeleuchtung").annotate(
        m=ExtractMonth("eingegangen_at")
    )
    assert winter.filter(m__in=[11, 12, 1, 2]).count() > winter.filter(m__in=[5, 6, 7, 8]).count()

    akteure = Akteur.objects.filter(slug__startswith=PRAEFIX)
    assert akteure.values("art").distinct().count() >= 5
    assert akteure.values("name").distinct().count() >= 0.8 * akteure.count()
    assert not akteure.filter(suchvektor__isnull=True).exists()
    assert not Angebot.objects.filter(akteur__in=akteure, suchvektor__isnull=True).exists()
    assert Akteur.objects.oeffentlich().suche("Hausaufgabe").filter(pk__in=akteure).exists()

    buchungen = Buchung.objects.filter(raum__slug__startswith=PRAEFIX)
    assert buchungen.values("status").distinct().count() >= 3
    assert buchungen.values("zweck").distinct().count() >= 8
    assert buchungen.filter(serie__isnull=False).exists()
    assert buchungen.filter(serie__isnull=True).exists()
    assert buchungen.annotate(j=ExtractYear("beginn")).values("j").distinct().count() >= 3

    veranstaltungen = Veranstaltung.objects.exclude(quartier__slug="brunnenviertel")
    assert veranstaltungen.values("art").distinct().count() >= 6
    assert veranstaltungen.values("titel").distinct().count() >= 15
    anmeldungen = Anmeldung.objects.filter(veranstaltung__in=veranstaltungen)
    assert anmeldungen.values("status").distinct().count() == 3
    assert anmeldungen.values("veranstaltung").distinct().count() > 1


def rows_are_rows_the_app_accepts():
    """The COPY bypasses Django: a sample of each model passes the model's validation,
    and every photo has its own file."""
    stichproben = [
        Akteur.objects.filter(slug__startswith=PRAEFIX),
        Angebot.objects.filter(akteur__slug__startswith=PRAEFIX),
        Sitzung.objects.filter(gremium__slug__startswith=PRAEFIX),
        Anliegen.objects.exclude(quartier__slug="brunnenviertel"),
        Weiterleitung.objects.exclude(anliegen__quartier__slug="brunnenviertel"),
        Buchung.objects.filter(raum__slug__startswith=PRAEFIX),
        Veranstaltung.objects.exclude(quartier__slug="brunnenviertel"),
        Anmeldung.objects.exclude(veranstaltung__quartier__slug="brunnenviertel"),
        Projekt.objects.filter(slug__startswith=PRAEFIX),
        Bewilligung.objects.filter(projekt__slug__startswith=PRAEFIX),
        Phase.objects.filter(projekt__slug__startswith=PRAEFIX),
        Ausgabe.objects.filter(kostenposition__projekt__slug__startswith=PRAEFIX),
        Sachbericht.objects.filter(projekt__slug__startswith=PRAEFIX),
        Antrag.objects.filter(token__startswith=PRAEFIX),
    ]
    for qs in stichproben:
        objekte = list(qs.order_by("?")[:15])
        assert objekte, qs.model
        for obj in objekte:
            obj.full_clean()
    # No fund approves more than it holds, also in the data set made without the services.
    for fonds in Fonds.objects.all():
        assert projekte_services.fonds_zahlen(fonds).frei >= 0, fonds
    for foto in Foto.objects.exclude(anliegen__quartier__slug="brunnenviertel"):
        assert foto.datei.storage.exists(foto.datei.name)
    names = list(Foto.objects.values_list("datei", flat=True))
    assert len(set(names)) == len(names)
    # Case numbers continue the year's counter: no number twice (the database says so too).
    assert not Anliegen.objects.values("nummer").annotate(n=Count("pk")).filter(n__gt=1).exists()


def second_run_adds_nothing():
    vorher = zaehlen()
    ausgabe = demo("--scale", "city", "--faktor", str(FAKTOR))
    assert "nothing: it is loaded already." in ausgabe
    nachher = zaehlen()
    assert {m: n for m, n in nachher.items() if n != vorher[m]} == {}
