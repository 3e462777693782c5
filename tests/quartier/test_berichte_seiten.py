"""`/berichte/`: the report for the city in the page, as XLSX, CSV and PDF; who may read
which area's report; the stored PDF reused while the figures stay the same.

The sections are the apps' own (tests/berichte/ checks their figures); here a section of
our own is registered beside them, so the formats can be checked against known values."""

import io
import re
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anliegen.models import Anliegen
from quartier import reporting
from quartier.exports import Monat
from quartier.models import Berichtsdatei
from quartier.reporting import Abschnitt, Art, Diagramm, Kennzahl, Spalte, Tabelle, Zeitraum
from tests.anliegen.factories import AnliegenFactory
from tests.utils import client_for, query_budget

JAHR = timezone.localdate().year - 1


def _probe(*, quartiere, zeitraum, vollstaendig=True):
    """Concerns received in the period, per area; one query per call."""
    je = dict(
        Anliegen.objects.filter(
            quartier__in=quartiere,
            eingegangen_at__gte=zeitraum.beginn,
            eingegangen_at__lt=zeitraum.ende,
        )
        .values_list("quartier__name")
        .annotate(n=Count("pk"))
        .values_list("quartier__name", "n")
    )
    a = Abschnitt(
        "probe",
        "Probe",
        kennzahlen=[
            Kennzahl("eingegangen", "Eingegangen", sum(je.values())),
            Kennzahl("geld", "Bewilligt", Decimal("1234.50"), Art.BETRAG),
        ],
        beschreibung="Eine Probe.",
    )
    if vollstaendig:
        a.tabellen.append(
            Tabelle(
                "Je Monat",
                [Spalte("Monat", Art.MONAT), Spalte("Eingegangen")],
                [
                    [Monat(m.year, m.month, 1), sum(je.values()) if m.month == 3 else 0]
                    for m in zeitraum.monate()
                ],
                Diagramm("linie", 0, (1,)),
            )
        )
        a.je_quartier = Tabelle(
            "Je Quartier",
            [Spalte("Quartier", Art.TEXT), Spalte("Eingegangen")],
            sorted([k, v] for k, v in je.items()),
            Diagramm(),
        )
    return a


@pytest.fixture
def probe(monkeypatch):
    """Only our section in the report (the apps' sections are tested in tests/berichte/)."""
    monkeypatch.setattr(
        reporting,
        "ABSCHNITTE",
        {"probe": reporting.Eintrag("probe", 1, _probe, "Probe")},
    )


def _anliegen(quartier, n, monat=3):
    for _ in range(n):
        AnliegenFactory(
            quartier=quartier,
            eingegangen_at=timezone.make_aware(timezone.datetime(JAHR, monat, 10, 12)),
        )


def _url(**params):
    from urllib.parse import urlencode

    return reverse("berichte:bericht") + "?" + urlencode(params, doseq=True)


@pytest.mark.django_db
def test_the_first_visit_shows_last_years_report_of_the_users_areas(world, probe):
    _anliegen(world.quartier_a, 7)
    _anliegen(world.quartier_b, 9)  # not the clerk's area
    response = client_for(world, "stadt").get(reverse("berichte:bericht"))
    assert response.status_code == 200
    inhalt = response.content.decode()
    assert f"Bericht {JAHR}" in inhalt
    assert "Brunnenviertel" in inhalt and "Hafenquartier" not in inhalt
    assert [k["wert"] for k in response.context["abschnitte"][0]["kennzahlen"]] == [
        "7",
        "1.234,50 €",
    ]


@pytest.mark.django_db
def test_small_counts_are_shown_as_fewer_than_five_in_every_format(
    world, probe, django_capture_on_commit_callbacks
):
    _anliegen(world.quartier_a, 3)
    client = client_for(world, "stadt")
    params = {"art": "jahr", "jahr": JAHR}
    seite = client.get(_url(**params))
    kennzahl = seite.context["abschnitte"][0]["kennzahlen"][0]
    assert kennzahl["wert"] == "< 5" and kennzahl["veraenderung"] == "–"
    assert "&lt; 5" in seite.content.decode()

    mappe = load_workbook(io.BytesIO(client.get(_url(**params, format="xlsx")).content))
    werte = [c.value for blatt in mappe for zeile in blatt.iter_rows() for c in zeile]
    assert "< 5" in werte and 3 not in werte

    csv = client.get(_url(**params, format="csv", abschnitt="probe")).content.decode("utf-8-sig")
    zellen = [z for zeile in csv.splitlines() for z in zeile.split(";")]
    assert "Eingegangen;< 5;" in csv and "3" not in zellen

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    datei = _neue().get()
    text = _pdf_text(datei.datei.path)
    assert "< 5" in text


@pytest.mark.django_db
def test_a_clerk_of_area_a_gets_404_for_area_bs_report(world, probe):
    client = client_for(world, "stadt")
    b = world.quartier_b.pk
    assert client.get(_url(art="jahr", jahr=JAHR, quartiere=b)).status_code == 404
    both = _url(art="jahr", jahr=JAHR, quartiere=[world.quartier_a.pk, b])
    assert client.get(both).status_code == 404
    assert client.get(_url(art="jahr", jahr=JAHR, quartiere="x")).status_code == 404
    assert client.get(_url(art="jahr", jahr=JAHR, quartiere=b, format="xlsx")).status_code == 404
    response = client.post(reverse("berichte:pdf"), {"art": "jahr", "jahr": JAHR, "quartiere": b})
    assert response.status_code == 404
    assert not _neue().exists()


@pytest.mark.django_db
def test_another_areas_pdf_is_404(world, probe):
    client_for(world, "qm").post(reverse("berichte:pdf"), {"art": "jahr", "jahr": JAHR})
    datei = _neue().get()
    datei.quartiere.add(world.quartier_b)  # a file that also shows area B
    for name in ("berichte:datei", "berichte:datei_pdf"):
        assert client_for(world, "stadt").get(reverse(name, args=[datei.pk])).status_code == 404


@pytest.mark.django_db
def test_a_wrong_period_is_a_message_beside_the_field_and_keeps_what_was_typed(world, probe):
    response = client_for(world, "stadt").get(
        _url(art="spanne", jahr=JAHR, quartal=1, von=f"{JAHR}-05-01", bis=f"{JAHR}-01-01")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["bis"] == ["Der letzte Tag liegt vor dem ersten."]
    html = response.content.decode()
    assert f'value="{JAHR}-05-01"' in html
    assert 'aria-invalid="true" aria-describedby="id_bis-fehler"' in html
    assert 'id="id_bis-fehler"' in html
    assert "abschnitte" not in response.context

    leer = client_for(world, "stadt").get(_url(art="spanne", jahr=JAHR, quartal=1))
    assert "Bitte geben Sie den ersten Tag des Zeitraums an." in leer.content.decode()
    kaputt = client_for(world, "stadt").get(_url(art="quartal", jahr="abc", quartal=9))
    assert kaputt.status_code == 200 and set(kaputt.context["form"].errors) == {"jahr", "quartal"}


@pytest.mark.django_db
def test_quarters_and_free_spans_compare_with_the_period_before(world, probe):
    client = client_for(world, "stadt")
    response = client.get(_url(art="quartal", jahr=JAHR, quartal=1))
    assert response.context["zeitraum"] == Zeitraum.quartal(JAHR, 1)
    assert response.context["vorher"] == Zeitraum.quartal(JAHR - 1, 4)
    spanne = client.get(
        _url(art="spanne", jahr=JAHR, quartal=1, von=f"{JAHR}-03-01", bis=f"{JAHR}-03-31")
    )
    assert spanne.context["vorher"].bis == timezone.datetime(JAHR, 2, 28).date()


@pytest.mark.django_db
def test_the_xlsx_has_a_sheet_per_section_with_typed_cells(world, probe):
    _anliegen(world.quartier_a, 6)
    _anliegen(world.quartier_b, 8)
    client = client_for(world, "qm")
    qm = world.users["qm"]
    qm.quartiere.add(world.quartier_b)
    response = client.get(_url(art="jahr", jahr=JAHR, format="xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    mappe = load_workbook(io.BytesIO(response.content))
    assert mappe.sheetnames == ["Bericht", "Probe"]
    zeilen = [[c.value for c in z] for z in mappe["Probe"].iter_rows()]
    assert ["Eingegangen", 14, 0] in zeilen  # typed: a number, not "14"
    assert ["Bewilligt", 1234.5, 1234.5] in zeilen
    je_quartier = [z[:2] for z in zeilen]
    assert ["Brunnenviertel", 6] in je_quartier and ["Hafenquartier", 8] in je_quartier


@pytest.mark.django_db
def test_the_page_keeps_its_query_budget_whatever_the_data(world, probe):
    client = client_for(world, "stadt")
    url = _url(art="jahr", jahr=JAHR)
    client.get(url)
    with query_budget(12, label="report"):
        assert client.get(url).status_code == 200
    _anliegen(world.quartier_a, 40)
    with query_budget(12, label="report with more data"):
        assert client.get(url).status_code == 200


def _neue():
    """The report files a test asked for (not the shared world's)."""
    return Berichtsdatei.objects.exclude(schluessel__startswith="welt-")


def _pdfinfo(inhalt: bytes) -> str:
    return subprocess.run(  # noqa: S603 - poppler on our own file
        [shutil.which("pdfinfo"), "-"], input=inhalt, capture_output=True, check=True
    ).stdout.decode()


def _pdf_text(pfad) -> str:
    return subprocess.run(  # noqa: S603 - poppler on our own file
        [shutil.which("pdftotext"), "-layout", str(pfad), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _pdf_seiten(pfad) -> int:
    info = subprocess.run(  # noqa: S603
        [shutil.which("pdfinfo"), str(pfad)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(z.split()[-1] for z in info.splitlines() if z.startswith("Pages:")))


@pytest.mark.django_db
def test_the_pdf_is_made_by_the_worker_and_reused_while_the_figures_stay(
    world, probe, django_capture_on_commit_callbacks
):
    _anliegen(world.quartier_a, 12)
    client = client_for(world, "stadt")
    params = {"art": "jahr", "jahr": JAHR}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("berichte:pdf"), params)
    datei = _neue().get()
    assert response.url == reverse("berichte:datei", args=[datei.pk])
    # The test settings run tasks at once; the page offers the download.
    seite = client.get(response.url)
    assert reverse("berichte:datei_pdf", args=[datei.pk]) in seite.content.decode()
    pdf = client.get(reverse("berichte:datei_pdf", args=[datei.pk]))
    inhalt = b"".join(pdf.streaming_content)
    assert inhalt.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    info = _pdfinfo(inhalt)
    assert "Tagged:          yes" in info  # tagged (PDF/UA-1)
    assert re.search(r"^Title:\s+Bericht", info, re.M)  # a title for screen readers
    text = _pdf_text(datei.datei.path)
    assert f"Bericht {JAHR}" in text  # the cover
    assert "Inhalt" in text and "Probe" in text
    # The table of contents gives the section's page: cover 1, contents 2, section 3.
    assert any(z.strip().startswith("Probe") and z.strip().endswith("3") for z in text.splitlines())
    assert _pdf_seiten(datei.datei.path) >= 3

    # Asked again with the same figures: the same file, no new work.
    datei.refresh_from_db()
    gemacht = datei.fertig_at
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    assert _neue().count() == 1
    datei.refresh_from_db()
    assert datei.fertig_at == gemacht

    # A new concern changes the figures: a new file.
    _anliegen(world.quartier_a, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    assert _neue().count() == 2 and all(d.datei for d in _neue().all())


@pytest.mark.django_db
def test_a_lost_pdf_request_is_enqueued_again(
    world, probe, monkeypatch, django_capture_on_commit_callbacks
):
    from quartier import tasks

    gesehen = []

    class Aufgabe:
        @staticmethod
        def enqueue(pk):
            gesehen.append(pk)

    monkeypatch.setattr(tasks, "bericht_pdf_erzeugen", Aufgabe)
    client = client_for(world, "stadt")
    params = {"art": "jahr", "jahr": JAHR}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    datei = _neue().get()
    assert gesehen == [datei.pk] and datei.in_arbeit
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    assert gesehen == [datei.pk]  # still waiting: not asked twice
    _neue().update(angefordert_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("berichte:pdf"), params)
    assert gesehen == [datei.pk, datei.pk]
    seite = client.get(reverse("berichte:datei", args=[datei.pk]))
    assert "wird erstellt" in seite.content.decode()
    assert client.get(reverse("berichte:datei_pdf", args=[datei.pk])).status_code == 404


@pytest.mark.parametrize(
    ("wert", "vorher", "art", "erwartet"),
    [
        (Decimal("19.0"), Decimal("21.0"), Art.ANTEIL, "−2,0 Prozentpunkte"),
        (Decimal("45.5"), Decimal("40.0"), Art.ANTEIL, "+5,5 Prozentpunkte"),
        (110, 100, Art.ANZAHL, "+10 (+10,0 %)"),
        (90, None, Art.ANZAHL, "–"),
    ],
)
def test_a_shares_change_is_given_in_points_a_counts_in_per_cent(wert, vorher, art, erwartet):
    from django.utils import translation

    from quartier.report_files import veraenderung

    with translation.override("de"):
        k = Kennzahl(schluessel="x", titel="x", wert=wert, art=art, vorher=vorher)
        assert veraenderung(k) == erwartet
