"""CSV and XLSX downloads for reports and lists (staff and city staff)."""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter


class _Echo:
    def write(self, value):
        return value


def _safe(value):
    """Neutralise spreadsheet formulas in user-provided text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A streamed CSV download (semicolon-separated, UTF-8 with BOM, as German Excel wants)."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([_safe(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], *, title: str = "Daten"
):
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in header])
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for index, h in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(50, len(str(h)) + 4))
    sheet.freeze_panes = "A2"
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


@dataclass
class Table:
    """A table for a page and its downloads: `filename` without extension, `title` for the
    spreadsheet's sheet."""

    filename: str
    title: str
    header: Sequence[str]
    rows: list[Sequence]


def table_download(request, table: Table):
    """The table as a download when the page is asked for one (`?format=csv` or
    `?format=xlsx`), else None: the page shows the table itself."""
    fmt = request.GET.get("format")
    if fmt == "csv":
        return csv_response(f"{table.filename}.csv", table.header, table.rows)
    if fmt == "xlsx":
        return xlsx_response(f"{table.filename}.xlsx", table.header, table.rows, title=table.title)
    return None
