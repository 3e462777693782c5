"""Every download speaks German: CSV with semicolons, decimal comma, dates TT.MM.JJJJ and
months MM/JJJJ, „ja“/„nein“; XLSX with typed cells (numbers as numbers, dates as dates,
each with its number format). One helper writes them all (`quartier.exports`); the walk
below fetches every download the project offers and fails on any other dialect."""

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from quartier.exports import Monat, Table, csv_response, text, xlsx_response
from raeume import services as raeume_services
from veranstaltungen.models import Anmeldung, Veranstaltung

from ..matrix import collect
from ..utils import client_for

ISO_DATUM = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")
PUNKT_ZAHL = re.compile(r"-?\d+\.\d+")
ENGLISCH = {"True", "False", "None", "nan"}
# In XLSX a number or date never hides in a text cell (codes with a leading zero, such as
# phone numbers and postcodes, are text).
ZAHL_ALS_TEXT = re.compile(r"-?[1-9]\d*([.,]\d+)?|0[.,]\d+|\d{2}\.\d{2}\.\d{4}|\d{2}/\d{4}")


def lokal(*args) -> datetime:
    return timezone.make_aware(datetime(*args))  # noqa: DTZ001 - local time of the area


def test_cells_are_written_in_german():
    moment = lokal(2026, 9, 3, 14, 5)
    assert [
        text(v)
        for v in [
            15.0,
            Decimal("1234.50"),
            3,
            True,
            False,
            None,
            date(2026, 9, 3),
            moment,
            Monat(2026, 9, 1),
            time(9, 30),
            "=1+1",
        ]
    ] == [
        "15,0",
        "1234,50",
        "3",
        "ja",
        "nein",
        "",
        "03.09.2026",
        "03.09.2026 14:05",
        "09/2026",
        "09:30",
        "'=1+1",
    ]
    assert Monat.von(lokal(2026, 6, 30, 23, 30)) == Monat(2026, 6, 1)


def _zeilen(response) -> list[list[str]]:
    inhalt = b"".join(response.streaming_content).decode("utf-8")
    assert inhalt.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhalt[1:]), delimiter=";"))


def assert_german_csv(response, where=""):
    zeilen = _zeilen(response)
    breite = len(zeilen[0])
    for zeile in zeilen:
        assert len(zeile) == breite, (where, zeile)
        for zelle in zeile[: breite if zeilen.index(zeile) else 0]:
            assert not PUNKT_ZAHL.fullmatch(zelle), (where, zelle)
            assert not ISO_DATUM.search(zelle), (where, zelle)
            assert zelle not in ENGLISCH, (where, zelle)
    return zeilen


def assert_typed_xlsx(response, where=""):
    sheet = load_workbook(io.BytesIO(response.content)).active
    zeilen = list(sheet.iter_rows(min_row=2))
    for zeile in zeilen:
        for zelle in zeile:
            wert = zelle.value
            if isinstance(wert, str):
                assert not ZAHL_ALS_TEXT.fullmatch(wert), (where, zelle.coordinate, wert)
                assert not ISO_DATUM.search(wert) and wert not in ENGLISCH, (where, wert)
            elif isinstance(wert, (int, float, datetime)) and not isinstance(wert, bool):
                assert zelle.number_format != "General", (where, zelle.coordinate)
    return zeilen


def test_one_helper_writes_both_downloads_of_a_table():
    table = Table(
        filename="probe",
        title="Probe",
        header=["Monat", "Betrag", "Stunden", "Anzahl", "Datum", "Beginn", "ja/nein", "Text"],
        rows=[
            [
                Monat(2026, 9, 1),
                Decimal("15.00"),
                Decimal("2.5"),
                7,
                date(2026, 9, 3),
                lokal(2026, 9, 3, 18, 0),
                True,
                "Saal",
            ],
            [None, None, None, None, None, None, False, ""],
        ],
    )
    zeilen = assert_german_csv(table.csv())
    assert zeilen[1] == [
        "09/2026",
        "15,00",
        "2,5",
        "7",
        "03.09.2026",
        "03.09.2026 18:00",
        "ja",
        "Saal",
    ]
    assert zeilen[2] == ["", "", "", "", "", "", "nein", ""]
    assert table.text_rows()[0] == zeilen[1]  # the page says what the CSV says
    sheet = load_workbook(io.BytesIO(table.xlsx().content)).active
    a = sheet[2]
    assert (a[0].value, a[0].number_format) == (datetime(2026, 9, 1), "MM/YYYY")  # noqa: DTZ001
    assert (a[1].value, a[1].number_format) == (15, "#,##0.00")
    assert (a[2].value, a[2].number_format) == (2.5, "#,##0.0")
    assert (a[3].value, a[3].number_format) == (7, "0")
    assert (a[4].value, a[4].number_format) == (datetime(2026, 9, 3), "DD.MM.YYYY")  # noqa: DTZ001
    assert a[5].value == datetime(2026, 9, 3, 18, 0)  # noqa: DTZ001 - local time, as Excel wants
    assert a[5].number_format == "DD.MM.YYYY HH:MM"
    assert (a[6].value, a[7].value) == (True, "Saal")
    assert sheet.freeze_panes == "A2"
    assert csv_response and xlsx_response  # the plain helpers stay for lists without a Table


def _downloads_der_matrix(world):
    """(persona, URL) of every GET case of the permission matrices (public pages and the
    back office's custom pages) that someone may open."""
    matrizen = [collect()]
    for path in sorted(Path(__file__).parent.parent.glob("*/test_admin_views.py")):
        matrizen.append(import_module(f"tests.{path.parent.name}.test_admin_views").MATRIX)
    for matrix in matrizen:
        for cases in matrix.values():
            for case in cases:
                if case.method != "get":
                    continue
                erlaubt = [p for p, status in case.expect.items() if status == 200]
                if erlaubt:
                    yield ("qm" if "qm" in erlaubt else erlaubt[0]), case.url(world)


def _exportaktionen():
    """(model admin, action name) of every admin action that downloads something."""
    for model, model_admin in admin.site._registry.items():
        for _func, name, beschreibung in model_admin._get_base_actions():
            if re.search(r"csv|xlsx|export|download", f"{name} {beschreibung}", re.I):
                yield model, name


def _daten(world):
    """Some of everything the downloads count: a held event with registrations, people
    checked in, a confirmed booking."""
    gestern = timezone.now() - timedelta(days=1)
    v = world.extra["veranstaltung"]
    Veranstaltung.objects.filter(pk=v.pk).update(beginn=gestern, ende=gestern + timedelta(hours=1))
    Anmeldung.objects.filter(veranstaltung=v).update(anwesend=True)
    raeume_services.bestaetigen(buchung=world.extra["buchung_b"], user=None)


def test_every_download_speaks_german(world):
    _daten(world)
    gesehen = {"csv": 0, "xlsx": 0}
    for persona, url in _downloads_der_matrix(world):
        response = client_for(world, persona).get(url)
        art = response.get("Content-Type", "")
        if "text/csv" in art:
            assert_german_csv(response, url)
            gesehen["csv"] += 1
        elif "spreadsheetml" in art:
            assert_typed_xlsx(response, url)
            gesehen["xlsx"] += 1
    # figures of events and rooms, participants: each as CSV and XLSX
    assert gesehen["csv"] >= 3 and gesehen["xlsx"] >= 3, gesehen


def test_every_export_action_speaks_german(world):
    _daten(world)
    client = client_for(world, "qm")
    aktionen = list(_exportaktionen())
    assert len(aktionen) >= 2, aktionen  # the directory, the participant lists
    for model, name in aktionen:
        pks = list(model._default_manager.values_list("pk", flat=True)[:50])
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.post(url, {"action": name, ACTION_CHECKBOX_NAME: pks})
        assert response.status_code == 200, (name, response.status_code)
        assert "text/csv" in response["Content-Type"] or "spreadsheetml" in response["Content-Type"]
        if "text/csv" in response["Content-Type"]:
            assert len(assert_german_csv(response, name)) > 1, name
        else:
            assert assert_typed_xlsx(response, name), name


def test_the_figures_page_shows_the_numbers_as_the_download(world):
    _daten(world)
    client = client_for(world, "stadt")
    jahr = (timezone.now() - timedelta(days=1)).year
    url = reverse("admin:veranstaltungen_veranstaltung_zahlen") + f"?jahr={jahr}"
    seite = client.get(url).content.decode()
    zeilen = _zeilen(client.get(url + "&format=csv"))
    assert len(zeilen) > 1
    for zelle in zeilen[1]:
        assert f"<td>{zelle}</td>" in seite


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_participant_figures_count_people_registered_and_checked_in(world, fmt):
    _daten(world)
    client = client_for(world, "stadt")
    jahr = (timezone.now() - timedelta(days=1)).year
    url = reverse("admin:veranstaltungen_veranstaltung_zahlen") + f"?jahr={jahr}&format={fmt}"
    response = client.get(url)
    if fmt == "csv":
        zeilen = _zeilen(response)[1:]
        assert [z[3:] for z in zeilen if z[1] == "Fest"] == [["1", "2", "2"]]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        werte = [[c.value for c in z] for z in sheet.iter_rows(min_row=2)]
        assert [z[3:] for z in werte if z[1] == "Fest"] == [[1, 2, 2]]
