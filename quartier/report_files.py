"""The city's report in its formats: the page, the PDF (WeasyPrint, PDF/UA), the XLSX (one
sheet per section, typed cells) and a CSV per section. Every format is written from the
suppressed sections (`Abschnitt.unterdrueckt`): a count from 1 to 4 of residents' things is
"< 5" in each of them.

How a value reads: German figures (12.345 · 12,5 % · 1.234,50 €), "< 5" for a suppressed
count, "–" for a figure that cannot be given. In the XLSX numbers stay numbers and "< 5" is
text; the CSV writes figures as `quartier.exports` does (decimal comma, no thousands
separator), so a spreadsheet reads them as numbers.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import charts, exports
from .reporting import Abschnitt, Art, Kennzahl, Tabelle, Zeitraum, klein

# Raised when the layout of the PDF changes: a stored file of the old layout is not reused.
LAYOUT = "1"
NICHTS = "–"


def anzeige(wert, art: Art | None = None) -> str:
    """A value as the page and the PDF show it."""
    if wert is None:
        return NICHTS
    if wert is klein:
        return str(klein)
    if isinstance(wert, bool):
        return gettext("yes") if wert else gettext("no")
    if isinstance(wert, (int, Decimal)):
        text = formats.number_format(wert, use_l10n=True, force_grouping=True)
        if art == Art.BETRAG:
            return f"{formats.number_format(wert, 2, use_l10n=True, force_grouping=True)} €"
        if art == Art.ANTEIL:
            return f"{text} %"
        return text
    return exports.text(wert)


def _csv_text(wert) -> str:
    if wert is None:
        return NICHTS
    if wert is klein:
        return str(klein)
    return exports.text(wert)


def veraenderung(k: Kennzahl) -> str:
    """The change against the period before: "+12 (+8,5 %)", or "–" when either value is
    missing or suppressed."""
    if not isinstance(k.wert, (int, Decimal)) or not isinstance(k.vorher, (int, Decimal)):
        return NICHTS
    if isinstance(k.wert, bool) or isinstance(k.vorher, bool):
        return NICHTS
    differenz = k.wert - k.vorher
    zeichen = "+" if differenz > 0 else ("±" if differenz == 0 else "−")
    if k.art == Art.ANTEIL:
        # A share's change is a difference of points, not a per cent of a per cent:
        # 21,0 % → 19,0 % is "−2,0 Prozentpunkte", never "−2,0 %".
        zahl = formats.number_format(abs(differenz), use_l10n=True, force_grouping=True)
        return zeichen + gettext("%(zahl)s percentage points") % {"zahl": zahl}
    text = zeichen + anzeige(abs(differenz), k.art)
    if k.vorher and k.art not in (Art.ANTEIL, Art.TAGE):
        prozent = (Decimal(differenz) * 100 / Decimal(k.vorher)).quantize(Decimal("0.1"))
        text += f" ({zeichen}{anzeige(abs(prozent))} %)"
    return text


@dataclass
class Zelle:
    text: str
    zahl: bool  # a figure: right-aligned, never broken


@dataclass
class TabelleAnsicht:
    titel: str
    ident: str
    spalten: list[tuple[str, bool]]
    zeilen: list[list[Zelle]]
    hinweis: str
    diagramm: str


def _ansicht(tabelle: Tabelle, ident: str) -> TabelleAnsicht:
    zahl = [s.art not in (Art.TEXT, Art.MONAT) for s in tabelle.spalten]
    return TabelleAnsicht(
        titel=str(tabelle.titel),
        ident=ident,
        spalten=[(str(s.titel), z) for s, z in zip(tabelle.spalten, zahl, strict=True)],
        zeilen=[
            [
                Zelle(anzeige(w, s.art), z)
                for w, s, z in zip(zeile, tabelle.spalten, zahl, strict=True)
            ]
            for zeile in tabelle.zeilen
        ],
        hinweis=str(tabelle.hinweis),
        diagramm=charts.diagramm(tabelle, lambda w: anzeige(w), f"{ident}-titel"),
    )


def ansicht(abschnitte: list[Abschnitt], *, mehrere: bool) -> list[dict]:
    """What the page and the PDF show of each (suppressed) section."""
    teile = []
    for a in abschnitte:
        tabellen = [_ansicht(t, f"{a.schluessel}-{n}") for n, t in enumerate(a.tabellen, 1)]
        if mehrere and a.je_quartier:
            tabellen.append(_ansicht(a.je_quartier, f"{a.schluessel}-quartiere"))
        teile.append(
            {
                "schluessel": a.schluessel,
                "titel": str(a.titel),
                "beschreibung": str(a.beschreibung),
                "kennzahlen": [
                    {
                        "titel": str(k.titel),
                        "wert": anzeige(k.wert, k.art),
                        "vorher": anzeige(k.vorher, k.art),
                        "veraenderung": veraenderung(k),
                    }
                    for k in a.kennzahlen
                ],
                "tabellen": tabellen,
            }
        )
    return teile


def schluessel(*, quartiere: list[int], zeitraum: Zeitraum, daten: list[dict]) -> str:
    """The hash a stored report file is found by: the areas, the period, the language, the
    layout and every figure. Changed data gives a new key, so a stale file is never served."""
    roh = json.dumps(
        [
            sorted(quartiere),
            zeitraum.von.isoformat(),
            zeitraum.bis.isoformat(),
            zeitraum.art,
            get_language(),
            LAYOUT,
            daten,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(roh.encode()).hexdigest()


def dateiname(*, namen: list[str], zeitraum: Zeitraum) -> str:
    teil = slugify(namen[0]) if len(namen) == 1 else f"{len(namen)}-quartiere"
    return f"bericht-{teil}-{slugify(str(zeitraum))}"


# --- spreadsheet and CSV: the same rows for both ---


def _zeilen(a: Abschnitt, *, mehrere: bool) -> list[tuple[str, list]]:
    """A section as rows: ("titel"|"kopf"|"daten"|"leer", cells)."""
    zeilen = [("titel", [str(a.titel)])]
    if a.beschreibung:
        zeilen.append(("daten", [str(a.beschreibung)]))
    zeilen.append(("leer", []))
    if a.kennzahlen:
        zeilen.append(("kopf", [gettext("Figure"), gettext("Period"), gettext("Period before")]))
        zeilen += [("daten", [str(k.titel), k.wert, k.vorher]) for k in a.kennzahlen]
        zeilen.append(("leer", []))
    tabellen = list(a.tabellen)
    if mehrere and a.je_quartier:
        tabellen.append(a.je_quartier)
    for t in tabellen:
        zeilen.append(("titel", [str(t.titel)]))
        zeilen.append(("kopf", [str(s.titel) for s in t.spalten]))
        zeilen += [("daten", list(z)) for z in t.zeilen]
        if t.hinweis:
            zeilen.append(("daten", [str(t.hinweis)]))
        zeilen.append(("leer", []))
    return zeilen


def _kopf(*, namen: list[str], zeitraum: Zeitraum) -> list[tuple[str, list]]:
    return [
        ("titel", [gettext("Report of the neighbourhood management")]),
        ("daten", [gettext("Areas"), ", ".join(namen)]),
        # "Jahr 2025", not "2025": a label, which a spreadsheet must not read as a number.
        (
            "daten",
            [
                gettext("Period"),
                gettext("Year %(jahr)s") % {"jahr": zeitraum.von.year}
                if zeitraum.art == "jahr"
                else str(zeitraum),
            ],
        ),
        ("daten", [gettext("From"), zeitraum.von]),
        ("daten", [gettext("Until"), zeitraum.bis]),
        ("daten", [gettext("Made on"), timezone.localdate()]),
        (
            "daten",
            [gettext("Counts of fewer than 5 residents' cases are shown as “< 5”.")],
        ),
    ]


def _xlsx_zelle(blatt, wert, fett: bool):
    if wert is klein:
        zelle = WriteOnlyCell(blatt, value=str(klein))
    else:
        zelle = exports.xlsx_cell(blatt, wert)
    if fett:
        zelle.font = Font(bold=True)
    return zelle


def xlsx(abschnitte: list[Abschnitt], *, namen: list[str], zeitraum: Zeitraum) -> bytes:
    """The report as a workbook: a first sheet naming areas and period, then one sheet per
    section with typed cells (numbers as numbers, "< 5" as text)."""
    mappe = Workbook(write_only=True)
    blaetter = [(gettext("Report"), _kopf(namen=namen, zeitraum=zeitraum))]
    blaetter += [(str(a.titel), _zeilen(a, mehrere=len(namen) > 1)) for a in abschnitte]
    vergeben = set()
    for titel, zeilen in blaetter:
        name = "".join(c for c in titel if c not in "[]:*?/\\")[:31] or "Abschnitt"
        while name in vergeben:
            name = name[:28] + f" {len(vergeben)}"
        vergeben.add(name)
        blatt = mappe.create_sheet(name)
        blatt.column_dimensions["A"].width = 42
        for spalte in "BCDEFGHIJ":
            blatt.column_dimensions[spalte].width = 16
        for art, zellen in zeilen:
            fett = art in ("titel", "kopf")
            blatt.append([_xlsx_zelle(blatt, w, fett) for w in zellen])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def csv_text(abschnitt: Abschnitt, *, namen: list[str], zeitraum: Zeitraum) -> str:
    """One section as CSV (semicolon, UTF-8 with BOM, German figures), headed by the areas
    and the period."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=exports.CSV_DELIMITER)
    for _art, zellen in [*_kopf(namen=namen, zeitraum=zeitraum), ("leer", [])] + _zeilen(
        abschnitt, mehrere=len(namen) > 1
    ):
        schreiber.writerow([_csv_text(w) for w in zellen])
    return "\ufeff" + puffer.getvalue()


# --- the PDF ---


def pdf(abschnitte: list[Abschnitt], *, namen: list[str], zeitraum: Zeitraum) -> bytes:
    """The report as PDF/UA-1: a cover, a table of contents with page numbers, each section
    with its figures, tables and charts. Nothing is fetched (`kein_abruf`)."""
    from weasyprint import HTML

    from .pdf import kein_abruf

    html = render_to_string(
        "berichte/pdf.html",
        {
            "abschnitte": ansicht(abschnitte, mehrere=len(namen) > 1),
            "namen": namen,
            "zeitraum": zeitraum,
            "vorher": zeitraum.vorher(),
            "erstellt": timezone.localtime(),
            "sprache": get_language(),
        },
    )
    return HTML(string=html, url_fetcher=kein_abruf()).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=True
    )
