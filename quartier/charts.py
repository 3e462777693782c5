"""Charts of the city's report as SVG, drawn on the server: in the page, in the PDF
(WeasyPrint draws inline SVG), without script and without anything fetched.

Readable without colour: the series differ by fill pattern (bars) or dash and marker (lines),
every bar carries its value as text, and each chart stands beside its data table (the chart
is an image with a title; the table is what a screen reader reads). A suppressed count
("< 5") has no bar, only its text; a missing value ("–") neither.
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

from .exports import Monat
from .reporting import Tabelle, klein

BREITE = 640
BESCHRIFTUNG = 190  # the labels' column of a bar chart
ZEILE = 18  # one bar
ABSTAND = 8  # between the rows of a bar chart
# Fills that tell series apart in black and white: solid, hatched, dotted, light.
FUELLUNGEN = ("#1d4f7a", "url(#{ident}-schraffur)", "url(#{ident}-punkte)", "#b9c7d4")
STRICHE = ("", "6 3", "2 3", "10 3 2 3")
MARKEN = ("kreis", "quadrat", "dreieck", "raute")

_MUSTER = (
    '<defs><pattern id="{ident}-schraffur" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#1d4f7a" stroke-width="3"/></pattern>'
    '<pattern id="{ident}-punkte" width="5" height="5" patternUnits="userSpaceOnUse">'
    '<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="#1d4f7a"/>'
    "</pattern></defs>"
)


def _zahl(wert) -> float | None:
    if wert is None or wert is klein or isinstance(wert, bool):
        return None
    if isinstance(wert, (int, float, Decimal)):
        return float(wert)
    return None


def _text(wert, anzeige) -> str:
    return escape(anzeige(wert))


def _kurz(wert, anzeige) -> str:
    """An axis label: a month as "03/25", anything else as shown."""
    if isinstance(wert, Monat):
        return f"{wert:%m/%y}"
    return str(anzeige(wert))


def _svg(hoehe: int, titel: str, inhalt: str, ident: str) -> str:
    return mark_safe(  # noqa: S308 (every text in it is escaped above)
        f'<svg class="bericht-diagramm" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {BREITE} {hoehe}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Liberation Sans, Arial, sans-serif" '
        f'font-size="12"><title id="{ident}">{escape(titel)}</title>'
        f"{_MUSTER.format(ident=ident)}{inhalt}</svg>"
    )


def _legende(namen: list[str], y: int, *, linie: bool, ident: str) -> tuple[str, int]:
    if len(namen) < 2:
        return "", y
    teile, x = [], 0
    for i, name in enumerate(namen):
        if linie:
            teile.append(
                f'<line x1="{x}" y1="{y + 6}" x2="{x + 24}" y2="{y + 6}" stroke="#1d4f7a" '
                f'stroke-width="2" stroke-dasharray="{STRICHE[i % 4]}"/>'
                + _marke(MARKEN[i % 4], x + 12, y + 6)
            )
        else:
            teile.append(
                f'<rect x="{x}" y="{y}" width="24" height="12" '
                f'fill="{FUELLUNGEN[i % 4].format(ident=ident)}" stroke="#1d4f7a"/>'
            )
        teile.append(f'<text x="{x + 30}" y="{y + 10}">{escape(name)}</text>')
        x += 40 + 7 * len(name)
        if x > BREITE - 120:
            x, y = 0, y + 18
    return "".join(teile), y + 26


def _marke(art: str, x: float, y: float) -> str:
    if art == "kreis":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1d4f7a"/>'
    if art == "quadrat":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="#1d4f7a"/>'
    if art == "dreieck":
        return (
            f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} '
            f'{x - 4.5:.1f},{y + 3.5:.1f}" fill="#1d4f7a"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} '
        f'{x - 4.5:.1f},{y:.1f}" fill="#fff" stroke="#1d4f7a" stroke-width="1.5"/>'
    )


def balken(tabelle: Tabelle, anzeige, ident: str) -> str:
    """Horizontal bars: one group per row, one bar per series, each with its value."""
    d = tabelle.diagramm
    namen = [str(tabelle.spalten[i].titel) for i in d.werte]
    werte = [z for zeile in tabelle.zeilen for i in d.werte if (z := _zahl(zeile[i])) is not None]
    groesste = max([*werte, 0.0]) or 1.0
    flaeche = BREITE - BESCHRIFTUNG - 70
    legende, y = _legende(namen, 0, linie=False, ident=ident)
    teile = [legende]
    for zeile in tabelle.zeilen:
        gruppe = ZEILE * len(d.werte)
        beschriftung = str(anzeige(zeile[d.beschriftung]))
        if len(beschriftung) > 30:
            beschriftung = beschriftung[:29] + "…"
        teile.append(
            f'<text x="{BESCHRIFTUNG - 6}" y="{y + gruppe / 2 + 4:.1f}" text-anchor="end">'
            f"{escape(beschriftung)}</text>"
        )
        for n, i in enumerate(d.werte):
            wert = _zahl(zeile[i])
            laenge = 0.0 if wert is None else max(wert / groesste * flaeche, 0.0)
            if laenge:
                teile.append(
                    f'<rect x="{BESCHRIFTUNG}" y="{y + 2}" width="{laenge:.1f}" '
                    f'height="{ZEILE - 4}" fill="{FUELLUNGEN[n % 4].format(ident=ident)}" '
                    'stroke="#1d4f7a"/>'
                )
            teile.append(
                f'<text x="{BESCHRIFTUNG + laenge + 4:.1f}" y="{y + ZEILE - 5}">'
                f"{_text(zeile[i], anzeige)}</text>"
            )
            y += ZEILE
        y += ABSTAND
    return _svg(y, str(tabelle.titel), "".join(teile), ident)


def linie(tabelle: Tabelle, anzeige, ident: str) -> str:
    """Lines over the rows (months): one line per series, told apart by dash and marker."""
    d = tabelle.diagramm
    namen = [str(tabelle.spalten[i].titel) for i in d.werte]
    legende, oben = _legende(namen, 0, linie=True, ident=ident)
    hoehe, links, rechts = 180, 48, BREITE - 24
    unten = oben + hoehe
    werte = [z for zeile in tabelle.zeilen for i in d.werte if (z := _zahl(zeile[i])) is not None]
    groesste = max([*werte, 0.0]) or 1.0
    anzahl = max(len(tabelle.zeilen), 1)
    schritt = (rechts - links) / max(anzahl - 1, 1)
    teile = [legende]
    for anteil in (0, 0.5, 1):
        y = unten - anteil * hoehe
        wert = groesste * anteil
        teile.append(
            f'<line x1="{links}" y1="{y:.1f}" x2="{rechts}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{links - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(anzeige(round(wert) if groesste >= 10 else Decimal(str(round(wert, 1)))))}"
            "</text>"
        )
    jede = max(1, anzahl // 12)
    for k, zeile in enumerate(tabelle.zeilen):
        if k % jede == 0:
            teile.append(
                f'<text x="{links + k * schritt:.1f}" y="{unten + 16}" text-anchor="middle">'
                f"{escape(_kurz(zeile[d.beschriftung], anzeige))}</text>"
            )
    for n, i in enumerate(d.werte):
        punkte = [
            (links + k * schritt, unten - w / groesste * hoehe)
            for k, zeile in enumerate(tabelle.zeilen)
            if (w := _zahl(zeile[i])) is not None
        ]
        if len(punkte) > 1:
            teile.append(
                '<polyline fill="none" stroke="#1d4f7a" stroke-width="2" '
                f'stroke-dasharray="{STRICHE[n % 4]}" points="'
                + " ".join(f"{x:.1f},{y:.1f}" for x, y in punkte)
                + '"/>'
            )
        teile.extend(_marke(MARKEN[n % 4], x, y) for x, y in punkte)
    return _svg(unten + 24, str(tabelle.titel), "".join(teile), ident)


def diagramm(tabelle: Tabelle, anzeige, ident: str) -> str:
    """The table's chart, or "" when it has none or nothing to draw."""
    if tabelle.diagramm is None or not tabelle.zeilen:
        return ""
    zeichnen = linie if tabelle.diagramm.art == "linie" else balken
    return zeichnen(tabelle, anzeige, ident)
