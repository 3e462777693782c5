# ruff: noqa: S608 - the SQL is built from model table names, never from input
"""Every section the apps contribute to the report for the city (`<app>/berichte.py`),
on the shared test world plus concerns seeded here:

- each headline figure equals a direct SQL query on the same data (written here in SQL,
  not by calling the section's code);
- after suppression, no count about residents from 1 to 4 is left in any section, and no
  section holds a person's name or e-mail;
- a section's number of queries does not grow with the data or the number of areas;
- the report pairs each figure with the period before."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anliegen.models import ABSCHLUSS, Anliegen, Weiterleitung
from netzwerk.models import Akteur, Sitzung
from projekte.models import Antrag, Fonds
from projekte.services import fonds_zahlen
from quartier import reporting
from quartier.models import Stadtteildaten
from quartier.reporting import Art, Zeitraum, klein
from raeume.models import Belegung, Buchung, Raum
from tests.anliegen.factories import AnliegenFactory, WeiterleitungFactory
from veranstaltungen.models import Anmeldung, Veranstaltung
from zeitung.models import Abonnement, Zeitungsausgabe

APPS = {
    "stadtteil",
    "anliegen",
    "netzwerk",
    "raeume",
    "veranstaltungen",
    "projekte",
    "verfuegungsfonds",
    "zeitung",
}


def _zeitraum() -> Zeitraum:
    """Two years back to the end of next year: the world's data lies within it."""
    heute = timezone.localdate()
    return Zeitraum(date(heute.year - 2, 1, 1), date(heute.year + 1, 12, 31))


def _sql(query: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0]


def _kennzahlen(schluessel: str, quartiere, zeitraum) -> dict:
    abschnitt = reporting.ABSCHNITTE[schluessel].funktion(quartiere=quartiere, zeitraum=zeitraum)
    return {k.schluessel: k.wert for k in abschnitt.kennzahlen}


def _anliegen(quartier, status="eingegangen", **kwargs):
    if status in ABSCHLUSS:  # closing needs an answer
        kwargs.setdefault("antwort", "Die Laterne brennt wieder.")
        kwargs.setdefault("abgeschlossen_at", timezone.now() - timedelta(days=1))
    return AnliegenFactory(kategorie__quartier=quartier, status=status, **kwargs)


@pytest.fixture
def seeded(world):
    """Concerns of both areas with known states, one spam and one duplicate, and a
    forwarding; all received in this period."""
    a, b = world.quartier_a, world.quartier_b
    jetzt = timezone.now()
    for n, status in enumerate(["eingegangen", "erledigt", "beantwortet", "in_bearbeitung"]):
        _anliegen(
            a,
            status,
            eingegangen_at=jetzt - timedelta(days=30 + n),
            erste_antwort_at=jetzt - timedelta(days=25 + n),
            abgeschlossen_at=jetzt - timedelta(days=10)
            if status in ("erledigt", "beantwortet")
            else None,
        )
    _anliegen(a, spam=True)
    _anliegen(a, "duplikat", duplikat_von=Anliegen.objects.filter(quartier=a).first())
    for n in range(7):
        _anliegen(
            b,
            "erledigt",
            eingegangen_at=jetzt - timedelta(days=20 + n),
            erste_antwort_at=jetzt - timedelta(days=18),
        )
    # Events held: one with registrations (a cancelled one not counted), one counted after.
    from tests.veranstaltungen.factories import veranstaltung

    mit = veranstaltung(a, jetzt - timedelta(days=10), anmeldung=True, kapazitaet=20)
    for n, (personen, status) in enumerate(
        [(2, "angemeldet"), (3, "angemeldet"), (4, "storniert")]
    ):
        Anmeldung.objects.create(
            veranstaltung=mit,
            name=f"Gast {n}",
            email=f"gast{n}@example.org",
            personen=personen,
            status=status,
            token=f"bericht-{n}",
        )
    veranstaltung(b, jetzt - timedelta(days=5), teilnehmende=12, zielgruppen=["senioren"])
    # A room booked by staff for three hours on a coming Tuesday, confirmed.
    from tests.raeume.factories import buchung, naechster, raeume, um

    saal = raeume(a, prefix="bericht-")["saal"]
    tag = naechster(1)
    gebucht = buchung(saal, um(tag, 17), um(tag, 20))
    Buchung.objects.filter(pk=gebucht.pk).update(status=Buchung.Status.BESTAETIGT)
    WeiterleitungFactory(anliegen=Anliegen.objects.filter(quartier=a, spam=False).first())
    return world


def test_every_app_contributes_its_section():
    assert set(reporting.ABSCHNITTE) >= APPS


@pytest.mark.django_db
def test_the_concerns_figures_equal_direct_sql(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    t = Anliegen._meta.db_table
    wo = (
        f"FROM {t} a WHERE a.quartier_id = ANY(%s) AND a.eingegangen_at >= %s "
        "AND a.eingegangen_at < %s AND NOT a.spam AND a.status <> 'duplikat'"
    )
    p = (ids, z.beginn, z.ende)
    figures = _kennzahlen("anliegen", ids, z)
    assert figures["eingegangen"] == _sql(f"SELECT count(*) {wo}", *p) >= 11
    assert figures["geloest"] == _sql(
        f"SELECT count(*) {wo} AND a.status IN ('erledigt', 'beantwortet')", *p
    )
    assert figures["weitergeleitet"] == _sql(
        f"SELECT count(*) {wo} AND EXISTS (SELECT 1 FROM {Weiterleitung._meta.db_table} w "
        "WHERE w.anliegen_id = a.id)",
        *p,
    )
    median = _sql(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "
        f"a.erste_antwort_at - a.eingegangen_at)) {wo} AND a.erste_antwort_at IS NOT NULL",
        *p,
    )
    assert figures["median_antwort"] == Decimal(str(round(median / 86400, 1)))
    # Over fewer than 5 answered concerns (area A alone: 4) a median identifies: none.
    assert _kennzahlen("anliegen", [seeded.quartier_a.pk], z)["median_antwort"] is None


@pytest.mark.django_db
def test_the_network_figures_equal_direct_sql(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    through = Akteur.quartiere.through._meta.db_table
    figures = _kennzahlen("netzwerk", ids, z)
    assert figures["akteure"] == _sql(
        f"SELECT count(DISTINCT t.akteur_id) FROM {through} t JOIN {Akteur._meta.db_table} k "
        "ON k.id = t.akteur_id WHERE t.quartier_id = ANY(%s) AND k.created_at < %s",
        ids,
        z.ende,
    )
    treffen = Sitzung._meta.db_table
    wo = (
        f"FROM {treffen} s JOIN netzwerk_gremium g ON g.id = s.gremium_id "
        "WHERE g.quartier_id = ANY(%s) AND s.beginn >= %s AND s.beginn < %s"
    )
    p = (ids, z.beginn, min(z.ende, timezone.now()))
    assert figures["sitzungen"] == _sql(f"SELECT count(*) {wo}", *p)
    assert figures["teilnahme"] == (_sql(f"SELECT sum(s.teilnehmende) {wo}", *p) or 0)


@pytest.mark.django_db
def test_the_rooms_figures_equal_direct_sql(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    wo = (
        f"FROM {Belegung._meta.db_table} l "
        f"JOIN {Buchung._meta.db_table} b ON b.id = l.buchung_id "
        f"JOIN {Raum._meta.db_table} r ON r.id = l.raum_id "
        "WHERE r.quartier_id = ANY(%s) AND l.aktiv AND b.status = 'bestaetigt' "
        "AND b.beginn < %s AND b.ende > %s"
    )
    p = (ids, z.ende, z.beginn)
    figures = _kennzahlen("raeume", ids, z)
    assert figures["buchungen"] == _sql(f"SELECT count(DISTINCT b.id) {wo}", *p) > 0
    stunden = _sql(
        "SELECT sum(EXTRACT(EPOCH FROM LEAST(b.ende, %s) - GREATEST(b.beginn, %s)) / 3600) " + wo,
        z.ende,
        z.beginn,
        *p,
    )
    assert figures["stunden"] == round(stunden)


@pytest.mark.django_db
def test_the_events_figures_equal_direct_sql(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    v, m = Veranstaltung._meta.db_table, Anmeldung._meta.db_table
    wo = (
        f"FROM {v} v WHERE v.quartier_id = ANY(%s) AND v.beginn >= %s AND v.beginn < %s "
        "AND v.status = 'geplant' AND v.freigegeben"
    )
    p = (ids, z.beginn, min(z.ende, timezone.now()))
    figures = _kennzahlen("veranstaltungen", ids, z)
    assert figures["veranstaltungen"] == _sql(f"SELECT count(*) {wo}", *p) > 0
    assert figures["teilnahme"] == _sql(
        "SELECT coalesce(sum(coalesce(v.teilnehmende, (SELECT sum(m.personen) FROM "
        f"{m} m WHERE m.veranstaltung_id = v.id AND m.status = 'angemeldet'), 0)), 0) {wo}",
        *p,
    )


@pytest.mark.django_db
def test_the_newspaper_figures_equal_direct_sql(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    t = Zeitungsausgabe._meta.db_table
    wo = (
        f"FROM {t} WHERE quartier_id = ANY(%s) AND status = 'erschienen' "
        "AND erscheinungsdatum BETWEEN %s AND %s"
    )
    p = (ids, z.von, z.bis)
    figures = _kennzahlen("zeitung", ids, z)
    assert figures["ausgaben"] == _sql(f"SELECT count(*) {wo}", *p) > 0
    assert figures["auflage"] == (_sql(f"SELECT sum(auflage) {wo}", *p) or 0)
    assert figures["abonnements"] == _sql(
        f"SELECT count(*) FROM {Abonnement._meta.db_table} WHERE quartier_id = ANY(%s) "
        "AND bestaetigt_at < %s",
        ids,
        z.ende,
    )


@pytest.mark.django_db
def test_the_funding_figures_equal_direct_sql_and_the_funds_own_figures(seeded):
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    jahre = list(range(z.von.year, z.bis.year + 1))
    figures = _kennzahlen("projekte", ids, z)
    assert figures["budget"] == _sql(
        "SELECT coalesce(sum(coalesce(projektmittel_festgesetzt, round(greatest("
        "projektmittel_je_einwohner * einwohner, projektmittel_mindestens), 2))), 0) "
        "FROM projekte_budgetjahr WHERE quartier_id = ANY(%s) AND jahr = ANY(%s)",
        ids,
        jahre,
    )
    assert figures["gebunden"] == _sql(
        "SELECT coalesce(sum(f.betrag), 0) FROM projekte_finanzierungsposition f "
        "JOIN projekte_projekt p ON p.id = f.projekt_id WHERE p.quartier_id = ANY(%s) "
        "AND f.haushaltsjahr = ANY(%s) AND f.art IN ('projektmittel', 'sachkosten') "
        "AND p.status IN ('bewilligt', 'laufend', 'abgeschlossen')",
        ids,
        jahre,
    )
    fonds = _kennzahlen("verfuegungsfonds", ids, z)
    assert fonds["antraege"] == _sql(
        f"SELECT count(*) FROM {Antrag._meta.db_table} a JOIN {Fonds._meta.db_table} f "
        "ON f.id = a.fonds_id WHERE f.quartier_id = ANY(%s) AND f.jahr = ANY(%s) "
        "AND a.status <> 'entwurf'",
        ids,
        jahre,
    )
    einzeln = [fonds_zahlen(f) for f in Fonds.objects.filter(quartier_id__in=ids, jahr__in=jahre)]
    assert einzeln, "the world has a fund"
    assert fonds["budget"] == sum(f.budget for f in einzeln)
    assert fonds["gebunden"] == sum(f.gebunden for f in einzeln)
    assert fonds["ausgezahlt"] == sum(f.ausgezahlt for f in einzeln)
    assert fonds["frei"] == sum(f.frei for f in einzeln)


@pytest.mark.django_db
def test_the_area_statistics_equal_direct_sql(seeded):
    """Area A has figures of 2023 and 2024, area B of 2024 only (the world's): for 2025
    each area's latest year counts; for 2023 only A's."""
    a, b = seeded.quartier_a, seeded.quartier_b
    Stadtteildaten.objects.create(
        quartier=a, jahr=2023, stichtag=date(2023, 12, 31), einwohner=3900, quelle="Amt"
    )
    ids = [a.pk, b.pk]
    t = Stadtteildaten._meta.db_table
    neueste = (
        f"FROM {t} s WHERE s.quartier_id = ANY(%s) AND s.jahr = (SELECT max(jahr) FROM {t} x "
        "WHERE x.quartier_id = s.quartier_id AND x.jahr <= %s)"
    )
    for jahr in (2025, 2024, 2023):
        figures = _kennzahlen("stadtteil", ids, Zeitraum.jahr(jahr))
        assert figures["einwohner"] == _sql(f"SELECT sum(s.einwohner) {neueste}", ids, jahr)
        assert figures["haushalte"] == _sql(f"SELECT sum(s.haushalte) {neueste}", ids, jahr)
        transfer = _sql(
            "SELECT round(sum(s.anteil_transferleistungen * s.einwohner) / nullif(sum("
            "s.einwohner) FILTER (WHERE s.anteil_transferleistungen IS NOT NULL), 0), 1) "
            f"{neueste}",
            ids,
            jahr,
        )
        assert figures["transferleistungen"] == transfer
        ab_65 = _sql(
            "SELECT round(100.0 * sum(s.ab_65) / nullif(sum(s.einwohner) FILTER "
            f"(WHERE s.ab_65 IS NOT NULL), 0), 1) {neueste}",
            ids,
            jahr,
        )
        assert figures["ab_65"] == ab_65
    # 2024: A 4000 residents at 20 %, B 6000 at 10 %: weighted 14 %, not the mean 15 %
    assert _kennzahlen("stadtteil", ids, Zeitraum.jahr(2024))["transferleistungen"] == Decimal(
        "14.0"
    )
    assert _kennzahlen("stadtteil", ids, Zeitraum.jahr(2023))["einwohner"] == 3900
    assert _kennzahlen("stadtteil", ids, Zeitraum.jahr(2022))["einwohner"] is None
    abschnitt = reporting.ABSCHNITTE["stadtteil"].funktion(
        quartiere=ids, zeitraum=Zeitraum.jahr(2025)
    )
    verlauf = {z[0]: z[1] for z in abschnitt.tabellen[0].zeilen}
    assert verlauf == {"2023": 3900, "2024": 10000}
    assert [z[:2] for z in abschnitt.je_quartier.zeilen] == sorted(
        [[a.name, "2024"], [b.name, "2024"]]
    )


def _werte(abschnitt):
    """Every (value, Art) of a section: its figures and every cell of its tables."""
    for k in abschnitt.kennzahlen:
        yield k.wert, k.art
        yield k.vorher, k.art
    for t in [*abschnitt.tabellen, *([abschnitt.je_quartier] if abschnitt.je_quartier else [])]:
        for zeile in t.zeilen:
            yield from zip(zeile, [s.art for s in t.spalten], strict=True)


@pytest.mark.django_db
def test_no_section_shows_a_count_of_fewer_than_five_residents_or_a_persons_data(seeded):
    """Area B has 7 concerns, area A 4 counted ones: counts from 1 to 4 are everywhere in
    the world. After suppression none is left, and `klein` stands in for them."""
    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    kleine = 0
    for quartiere in ([seeded.quartier_a.pk], ids):
        for abschnitt in reporting.berechnen(quartiere=quartiere, zeitraum=z):
            gezeigt = abschnitt.unterdrueckt()
            for wert, art in _werte(gezeigt):
                if art == Art.ANZAHL:
                    assert not (isinstance(wert, int) and 0 < wert < 5), (
                        abschnitt.schluessel,
                        wert,
                    )
                    kleine += wert is klein
            text = str(reporting.als_daten([gezeigt]))
            personen = [
                *Anliegen.objects.values_list("email", flat=True),
                *Anmeldung.objects.values_list("email", flat=True),
                *Anmeldung.objects.values_list("name", flat=True),
                *Buchung.objects.exclude(name="").values_list("name", flat=True),
                *Antrag.objects.values_list("name", flat=True),
                *Abonnement.objects.values_list("email", flat=True),
                *(u.email for u in seeded.users.values()),
            ]
            for person in filter(None, personen):
                assert person not in text, (abschnitt.schluessel, person)
    assert kleine > 0, "the world should have small counts to suppress"


def _abfragen(quartiere, zeitraum) -> dict[str, int]:
    anzahl = {}
    for eintrag in reporting.eintraege():
        with CaptureQueriesContext(connection) as queries:
            eintrag.funktion(quartiere=quartiere, zeitraum=zeitraum)
        anzahl[eintrag.schluessel] = len(queries)
    return anzahl


@pytest.mark.django_db
def test_each_sections_queries_do_not_grow_with_the_data_or_the_areas(seeded):
    from tests.factories import QuartierFactory

    z = _zeitraum()
    a, b = seeded.quartier_a.pk, seeded.quartier_b.pk
    vorher = _abfragen([a, b], z)
    for _ in range(15):
        _anliegen(seeded.quartier_b, "beantwortet")
    c = QuartierFactory(name="Drittes Viertel", slug="drittes-viertel")
    assert _abfragen([a, b, c.pk], z) == vorher
    # At most this many per section: a fixed handful, whatever the city's size.
    assert max(vorher.values()) <= 12, vorher


@pytest.mark.django_db
def test_the_report_pairs_each_figure_with_the_period_before(seeded):
    heute = timezone.localdate()
    jahr = Zeitraum.jahr(heute.year)
    _anliegen(
        seeded.quartier_a,
        eingegangen_at=timezone.now().replace(year=heute.year - 1, month=6, day=15),
    )
    abschnitte = {
        a.schluessel: a
        for a in reporting.berechnen(quartiere=[seeded.quartier_a.pk], zeitraum=jahr)
    }
    eingegangen = next(
        k for k in abschnitte["anliegen"].kennzahlen if k.schluessel == "eingegangen"
    )
    assert (
        eingegangen.vorher
        == _kennzahlen("anliegen", [seeded.quartier_a.pk], jahr.vorher())["eingegangen"]
    )
    assert eingegangen.vorher >= 1


def _figur(abschnitte, schluessel, kennzahl):
    abschnitt = next(a for a in abschnitte if a.schluessel == schluessel)
    return next(k.wert for k in abschnitt.kennzahlen if k.schluessel == kennzahl)


@pytest.mark.django_db
def test_kept_sections_are_never_stale(seeded, django_capture_on_commit_callbacks):
    """The report keeps computed sections in the shared cache: a second call asks the
    database nothing, and a write to any data a section reads, shown on a public page or
    not (a concern, a subscription, the area statistics), ends it."""
    from django.db import connection as db

    z, ids = _zeitraum(), [seeded.quartier_a.pk, seeded.quartier_b.pk]
    erst = reporting.berechnen(quartiere=ids, zeitraum=z)
    with CaptureQueriesContext(db) as queries:
        wieder = reporting.berechnen(quartiere=ids, zeitraum=z)
    assert len(queries) == 0
    assert reporting.als_daten(wieder) == reporting.als_daten(erst)

    _anliegen(seeded.quartier_b, "eingegangen")
    jetzt = reporting.berechnen(quartiere=ids, zeitraum=z)
    assert _figur(jetzt, "anliegen", "eingegangen") == _figur(erst, "anliegen", "eingegangen") + 1

    abonnenten = _figur(jetzt, "zeitung", "abonnements")
    Abonnement.objects.create(
        quartier=seeded.quartier_a,
        email="neu-im-bericht@example.org",
        bestaetigt_at=timezone.now() - timedelta(days=1),
    )
    jetzt = reporting.berechnen(quartiere=ids, zeitraum=z)
    assert _figur(jetzt, "zeitung", "abonnements") == abonnenten + 1

    jahr = Zeitraum.jahr(2024)
    vorher = _figur(reporting.berechnen(quartiere=ids, zeitraum=jahr), "stadtteil", "einwohner")
    daten = Stadtteildaten.objects.get(quartier=seeded.quartier_a, jahr=2024)
    daten.einwohner += 100
    daten.save()
    nachher = _figur(reporting.berechnen(quartiere=ids, zeitraum=jahr), "stadtteil", "einwohner")
    assert nachher == vorher + 100
