"""CSV and XLSX downloads for reports and lists (staff and city staff): the one place that
writes them, so every download speaks the same German.

CSV (as German Excel opens it): semicolon-separated, UTF-8 with BOM, decimal comma, dates
`TT.MM.JJJJ`, times `HH:MM`, months `MM/JJJJ` (`Monat`), yes/no as „ja“/„nein“, nothing
for None. XLSX: typed cells — numbers as numbers, dates and months as dates with a German
number format, money (`Decimal` with two places) with two decimals.

A figures page shows its table through `Table.text_rows()`, in the same words as the CSV.
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

CSV_DELIMITER = ";"
DATUM = "%d.%m.%Y"
UHRZEIT = "%H:%M"
MONAT = "%m/%Y"
XLSX_DATUM = "DD.MM.YYYY"
XLSX_DATUM_UHRZEIT = "DD.MM.YYYY HH:MM"
XLSX_UHRZEIT = "HH:MM"
XLSX_MONAT = "MM/YYYY"


class Monat(date):
    """A month of figures (its first day): `MM/JJJJ` in every download and page."""

    @classmethod
    def von(cls, value: date | datetime) -> "Monat":
        if isinstance(value, datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
        return cls(value.year, value.month, 1)

    def __str__(self) -> str:
        return self.strftime(MONAT)


class _Echo:
    def write(self, value):
        return value


def _safe(value):
    """Neutralise spreadsheet formulas in user-provided text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _dezimal(value: Decimal | float) -> str:
    if isinstance(value, float):
        value = Decimal(repr(value))
    return format(value, "f").replace(".", ",")


def text(value) -> str:
    """One cell as German text (CSV and the page beside the download)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (Decimal, float)):
        return _dezimal(value)
    if isinstance(value, Monat):
        return str(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(f"{DATUM} {UHRZEIT}")
    if isinstance(value, date):
        return value.strftime(DATUM)
    if isinstance(value, time):
        return value.strftime(UHRZEIT)
    return _safe(str(value))


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A streamed CSV download (semicolon-separated, UTF-8 with BOM, German formats)."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _zahlenformat(value: Decimal) -> str:
    stellen = max(-value.as_tuple().exponent, 0) if value.is_finite() else 0
    return "#,##0" + ("." + "0" * stellen if stellen else "")


def xlsx_cell(sheet, value):
    """A typed cell: numbers stay numbers, dates dates (local, without zone, as Excel
    wants), each with its German number format; text is guarded against formulas."""
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, int):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "0"
        return cell
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = _zahlenformat(value)
        return cell
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(timezone.localtime(value))
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATUM_UHRZEIT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=date(value.year, value.month, value.day))
        cell.number_format = XLSX_MONAT if isinstance(value, Monat) else XLSX_DATUM
        return cell
    if isinstance(value, time):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_UHRZEIT
        return cell
    return WriteOnlyCell(sheet, value=_safe(str(value)))


def _xlsx_sheet(workbook, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    sheet = workbook.create_sheet(title[:31])
    for index, h in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(50, len(str(h)) + 4))
    sheet.freeze_panes = "A2"
    sheet.append([str(h) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(sheet, v) for v in row])


def _xlsx_download(filename: str, workbook) -> HttpResponse:
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], *, title: str = "Daten"
):
    workbook = Workbook(write_only=True)
    _xlsx_sheet(workbook, title, header, rows)
    return _xlsx_download(filename, workbook)


def xlsx_mappe(filename: str, tables: Sequence["Table"]):
    """Several tables as the sheets of one XLSX download, in their order."""
    workbook = Workbook(write_only=True)
    for table in tables:
        _xlsx_sheet(workbook, str(table.title), table.header, table.rows)
    return _xlsx_download(filename, workbook)


@dataclass
class Table:
    """A table for a page and its downloads: `filename` without extension, `title` for the
    spreadsheet's sheet. Cells keep their types (int, Decimal, date, `Monat`, bool …);
    each download writes them in its own way."""

    filename: str
    title: str
    header: Sequence[str]
    rows: list[Sequence]

    def text_rows(self) -> list[list[str]]:
        """The rows as the page shows them: the words of the CSV."""
        return [[text(v) for v in row] for row in self.rows]

    def cell_rows(self) -> list[list[tuple[str, bool]]]:
        """The rows as the page shows them, each cell with whether it is a figure or a date
        (set in one piece, never broken across lines)."""
        return [
            [
                (text(v), isinstance(v, (int, Decimal, date)) and not isinstance(v, bool))
                for v in row
            ]
            for row in self.rows
        ]

    def csv(self):
        return csv_response(f"{self.filename}.csv", self.header, self.rows)

    def xlsx(self):
        return xlsx_response(f"{self.filename}.xlsx", self.header, self.rows, title=self.title)


def table_download(request, table: Table):
    """The table as a download when the page is asked for one (`?format=csv` or
    `?format=xlsx`), else None: the page shows the table itself."""
    fmt = request.GET.get("format")
    if fmt == "csv":
        return table.csv()
    if fmt == "xlsx":
        return table.xlsx()
    return None
