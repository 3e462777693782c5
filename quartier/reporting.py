"""The report for the city (`/berichte/`): what each app contributes, and the types they
contribute in.

Each app that has figures writes a module `<app>/berichte.py` with one function per section,
registered with `@abschnitt(...)`. The module is imported when Django starts (every
installed app's `berichte` module, `autodiscover`), so a new app adds its part to the report
without touching any other file:

    from quartier.reporting import Abschnitt, Kennzahl, Spalte, Tabelle, Zeitraum, abschnitt

    @abschnitt("anliegen", reihenfolge=10)
    def anliegen(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
        ...

A section function gets the ids of the chosen areas and the period and returns its
`Abschnitt`: headline figures (`Kennzahl`) for all chosen areas together, tables
(`Tabelle`), and optionally one table with a row per area (`je_quartier`), shown when more
than one area is chosen. The report calls it once for the period and once for the period
before it (`Zeitraum.vorher()`) and sets every figure's `vorher` from the second call by its
`schluessel`: a section never computes comparisons itself. In the second call
`vollstaendig` is False: the section may then leave out its tables (only the figures are
read).

Rules every section keeps (tests in tests/berichte/ check them for every registered
section):
- Aggregates in SQL (`values(...).annotate(...)`, `aggregate(...)`, `Median`), never rows
  in Python: the number of queries does not grow with the data.
- Only aggregates, never a person's data (no names, addresses, free text of residents).
- Counts of things that are about residents (concerns, registrations, applications,
  participants, subscribers) are `Anzahl`: the report shows every value from 1 to 4 as
  "< 5" (`klein`), in the page, the PDF, the XLSX and the CSV alike. Counts of things that
  identify nobody (rooms, events, actors, issues, hours) are `Zahl`. A figure derived from a
  few residents (a median of days over fewer than 5 concerns) is `None` ("–").
"""

import calendar
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.db.models import Aggregate, FloatField
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language, gettext

from .exports import Monat

# Counts from 1 to this bound (exclusive) are shown as "< 5" to city staff.
KLEINSTE_ANZAHL = 5


class Art(StrEnum):
    """What a cell holds, which decides how it is written and whether it is suppressed."""

    TEXT = "text"  # a label: a month, a category, an area's name
    ANZAHL = "anzahl"  # a count of things about residents: 1–4 shown as "< 5"
    ZAHL = "zahl"  # a number that identifies nobody (rooms, hours, events, actors)
    BETRAG = "betrag"  # money in euros (Decimal with two places)
    ANTEIL = "anteil"  # a share in per cent (Decimal), e.g. a room's utilisation
    TAGE = "tage"  # a duration in days (Decimal with one place), e.g. a median
    DATUM = "datum"  # a date
    MONAT = "monat"  # a month (`quartier.exports.Monat`)


class _Klein:
    """A suppressed count: fewer than KLEINSTE_ANZAHL, more than none."""

    def __str__(self) -> str:
        return f"< {KLEINSTE_ANZAHL}"

    def __repr__(self) -> str:
        return "klein"


klein = _Klein()


def unterdruecken(wert, art: Art):
    """The value as city staff may see it: a count of residents' things from 1 to 4 is
    `klein`; everything else as it is."""
    if art == Art.ANZAHL and isinstance(wert, int) and 0 < wert < KLEINSTE_ANZAHL:
        return klein
    return wert


@dataclass(frozen=True)
class Spalte:
    titel: str
    art: Art = Art.ANZAHL


@dataclass(frozen=True)
class Diagramm:
    """How a table is drawn as a chart (server-rendered SVG, beside its data table):
    bars (`balken`) or a line over months (`linie`); the labels from column `beschriftung`,
    one series per column in `werte`."""

    art: str = "balken"  # "balken" | "linie"
    beschriftung: int = 0
    werte: tuple[int, ...] = (1,)


@dataclass
class Tabelle:
    titel: str
    spalten: list[Spalte]
    zeilen: list[list]
    diagramm: Diagramm | None = None
    # A sentence under the table: what is counted, where the data comes from.
    hinweis: str = ""

    def unterdrueckt(self) -> "Tabelle":
        return replace(
            self,
            zeilen=[
                [unterdruecken(w, s.art) for w, s in zip(zeile, self.spalten, strict=True)]
                for zeile in self.zeilen
            ],
        )


@dataclass
class Kennzahl:
    """A headline figure of a section, for all chosen areas together."""

    schluessel: str  # stable within the section: pairs it with the previous period's
    titel: str
    wert: int | Decimal | None
    art: Art = Art.ANZAHL
    # Set by the report from the previous period's call, never by the section.
    vorher: int | Decimal | None = None

    def unterdrueckt(self) -> "Kennzahl":
        return replace(
            self,
            wert=unterdruecken(self.wert, self.art),
            vorher=unterdruecken(self.vorher, self.art),
        )


@dataclass
class Abschnitt:
    schluessel: str
    titel: str
    kennzahlen: list[Kennzahl] = field(default_factory=list)
    tabellen: list[Tabelle] = field(default_factory=list)
    # One row per chosen area (its name in the first column, `Art.TEXT`), for the comparison
    # between areas; the report shows it when more than one area is chosen.
    je_quartier: Tabelle | None = None
    # What the section counts and from where, one or two sentences for the reader.
    beschreibung: str = ""

    def unterdrueckt(self) -> "Abschnitt":
        return replace(
            self,
            kennzahlen=[k.unterdrueckt() for k in self.kennzahlen],
            tabellen=[t.unterdrueckt() for t in self.tabellen],
            je_quartier=self.je_quartier.unterdrueckt() if self.je_quartier else None,
        )


@dataclass(frozen=True)
class Zeitraum:
    """A report's period: both days included. `art` is "jahr", "quartal" or "spanne"."""

    von: date
    bis: date
    art: str = "spanne"

    @classmethod
    def jahr(cls, jahr: int) -> "Zeitraum":
        return cls(date(jahr, 1, 1), date(jahr, 12, 31), "jahr")

    @classmethod
    def quartal(cls, jahr: int, quartal: int) -> "Zeitraum":
        erster = 3 * (quartal - 1) + 1
        letzter = erster + 2
        return cls(
            date(jahr, erster, 1),
            date(jahr, letzter, calendar.monthrange(jahr, letzter)[1]),
            "quartal",
        )

    def vorher(self) -> "Zeitraum":
        """The period before, of the same kind: the year before, the quarter before, or
        the same number of days just before a free span."""
        if self.art == "jahr":
            return Zeitraum.jahr(self.von.year - 1)
        if self.art == "quartal":
            q = (self.von.month - 1) // 3 + 1
            return Zeitraum.quartal(self.von.year - (q == 1), 4 if q == 1 else q - 1)
        tage = (self.bis - self.von).days + 1
        return Zeitraum(self.von - timedelta(days=tage), self.von - timedelta(days=1))

    @property
    def beginn(self) -> datetime:
        """The first moment of the period (aware, local time): for `DateTimeField`s,
        `feld__gte=zeitraum.beginn, feld__lt=zeitraum.ende`."""
        return timezone.make_aware(datetime.combine(self.von, time.min))

    @property
    def ende(self) -> datetime:
        """The first moment after the period (aware, local time)."""
        return timezone.make_aware(datetime.combine(self.bis + timedelta(days=1), time.min))

    def monate(self) -> list[date]:
        """The first day of every month the period touches."""
        monate, tag = [], date(self.von.year, self.von.month, 1)
        while tag <= self.bis:
            monate.append(tag)
            tag = date(tag.year + (tag.month == 12), tag.month % 12 + 1, 1)
        return monate

    def __str__(self) -> str:
        if self.art == "jahr":
            return str(self.von.year)
        if self.art == "quartal":
            return gettext("Q%(quartal)s %(jahr)s") % {
                "quartal": (self.von.month - 1) // 3 + 1,
                "jahr": self.von.year,
            }
        return f"{self.von:%d.%m.%Y} – {self.bis:%d.%m.%Y}"


class Median(Aggregate):
    """The median of a column (PostgreSQL's `percentile_cont(0.5)`), None over no rows."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False


def tage(wert: float | timedelta | None, *, anzahl: int | None = None) -> Decimal | None:
    """A median or mean duration as days with one decimal place; None when it rests on
    fewer than KLEINSTE_ANZAHL cases (`anzahl`), as a figure of a few residents would."""
    if wert is None or (anzahl is not None and anzahl < KLEINSTE_ANZAHL):
        return None
    if isinstance(wert, timedelta):
        wert = wert.total_seconds() / 86400
    return Decimal(str(round(wert, 1))).quantize(Decimal("0.1"))


def euro(wert) -> Decimal:
    """Money as it is written in a report: Decimal with two places, 0 for nothing."""
    return Decimal(wert or 0).quantize(Decimal("0.01"))


def anteil(teil, ganzes) -> Decimal | None:
    """`teil` as per cent of `ganzes` with one place; None when `ganzes` is nothing."""
    if not ganzes:
        return None
    return (Decimal(teil) * 100 / Decimal(ganzes)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Eintrag:
    schluessel: str
    reihenfolge: int
    funktion: Callable[..., Abschnitt]
    titel: str


ABSCHNITTE: dict[str, Eintrag] = {}


def abschnitt(schluessel: str, *, reihenfolge: int, titel=None):
    """Register a section function under `schluessel` (its order in the report:
    `reihenfolge`, ascending; `titel` for the table of contents when the function has
    not run)."""

    def register(funktion):
        ABSCHNITTE[schluessel] = Eintrag(schluessel, reihenfolge, funktion, titel or schluessel)
        return funktion

    return register


def quartiere_nach_name(ids: list[int]) -> list[tuple[int, str]]:
    """(id, name) of the chosen areas in the order of their names: the rows of a section's
    `je_quartier` table (one query)."""
    from .models import Quartier

    return list(Quartier.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))


def autodiscover() -> None:
    """Import every installed app's `berichte` module (from QuartierConfig.ready)."""
    autodiscover_modules("berichte")


def eintraege() -> list[Eintrag]:
    return sorted(ABSCHNITTE.values(), key=lambda e: (e.reihenfolge, e.schluessel))


def _berechnet(eintrag: Eintrag, quartiere: list[int], zeitraum: Zeitraum, *, vollstaendig):
    """A section as its function computes it, kept in the shared cache until any data of
    the portal changes (`quartier.cache.im_bericht`; `BERICHT_CACHE_SECONDS`). A period that
    reaches into the future also depends on the hour (meetings and events count once they
    have begun), so its key names the hour."""
    from . import cache

    jetzt = timezone.now()
    stunde = f"{jetzt:%Y%m%d%H}" if zeitraum.ende > jetzt else ""
    bereiche = hashlib.sha256(",".join(map(str, sorted(quartiere))).encode()).hexdigest()[:16]
    name = ":".join(
        [
            eintrag.schluessel,
            bereiche,
            zeitraum.von.isoformat(),
            zeitraum.bis.isoformat(),
            zeitraum.art,
            "voll" if vollstaendig else "kurz",
            stunde,
            get_language() or "",
        ]
    )
    # The caller sets `vorher` on the figures; that never reaches the kept copy, as every
    # cache backend stores a pickle and hands out a new object on each get.
    return cache.im_bericht(
        name,
        lambda: eintrag.funktion(quartiere=quartiere, zeitraum=zeitraum, vollstaendig=vollstaendig),
        settings.BERICHT_CACHE_SECONDS,
    )


def berechnen(*, quartiere: list[int], zeitraum: Zeitraum, nur=None) -> list[Abschnitt]:
    """Every registered section for the areas and period, each figure with its value of the
    period before; unsuppressed (the views and downloads suppress, `Abschnitt.unterdrueckt`)."""
    abschnitte = []
    for eintrag in eintraege():
        if nur is not None and eintrag.schluessel not in nur:
            continue
        jetzt = _berechnet(eintrag, quartiere, zeitraum, vollstaendig=True)
        frueher = _berechnet(eintrag, quartiere, zeitraum.vorher(), vollstaendig=False)
        vorher = {k.schluessel: k.wert for k in frueher.kennzahlen}
        for kennzahl in jetzt.kennzahlen:
            kennzahl.vorher = vorher.get(kennzahl.schluessel)
        abschnitte.append(jetzt)
    return abschnitte


# --- the sections as data (the worker renders the PDF from what the request computed) ---


def _wert_daten(wert):
    if wert is klein:
        return {"k": 1}
    if isinstance(wert, Decimal):
        return {"d": str(wert)}
    if isinstance(wert, date):
        return {"t": wert.isoformat(), "m": isinstance(wert, Monat)}
    return wert


def _wert_aus(daten):
    if isinstance(daten, dict):
        if "k" in daten:
            return klein
        if "d" in daten:
            return Decimal(daten["d"])
        tag = date.fromisoformat(daten["t"])
        return Monat(tag.year, tag.month, 1) if daten.get("m") else tag
    return daten


def _tabelle_daten(t: Tabelle) -> dict:
    return {
        "titel": str(t.titel),
        "spalten": [[str(s.titel), s.art.value] for s in t.spalten],
        "zeilen": [[_wert_daten(w) for w in zeile] for zeile in t.zeilen],
        "diagramm": (
            [t.diagramm.art, t.diagramm.beschriftung, list(t.diagramm.werte)]
            if t.diagramm
            else None
        ),
        "hinweis": str(t.hinweis),
    }


def _tabelle_aus(d: dict) -> Tabelle:
    return Tabelle(
        titel=d["titel"],
        spalten=[Spalte(titel, Art(art)) for titel, art in d["spalten"]],
        zeilen=[[_wert_aus(w) for w in zeile] for zeile in d["zeilen"]],
        diagramm=(
            Diagramm(d["diagramm"][0], d["diagramm"][1], tuple(d["diagramm"][2]))
            if d["diagramm"]
            else None
        ),
        hinweis=d["hinweis"],
    )


def als_daten(abschnitte: list[Abschnitt]) -> list[dict]:
    """The sections as JSON-able data (for the stored report file and its hash)."""
    return [
        {
            "schluessel": a.schluessel,
            "titel": str(a.titel),
            "beschreibung": str(a.beschreibung),
            "kennzahlen": [
                [
                    k.schluessel,
                    str(k.titel),
                    _wert_daten(k.wert),
                    k.art.value,
                    _wert_daten(k.vorher),
                ]
                for k in a.kennzahlen
            ],
            "tabellen": [_tabelle_daten(t) for t in a.tabellen],
            "je_quartier": _tabelle_daten(a.je_quartier) if a.je_quartier else None,
        }
        for a in abschnitte
    ]


def aus_daten(daten: list[dict]) -> list[Abschnitt]:
    return [
        Abschnitt(
            schluessel=d["schluessel"],
            titel=d["titel"],
            beschreibung=d["beschreibung"],
            kennzahlen=[
                Kennzahl(s, titel, _wert_aus(wert), Art(art), _wert_aus(vorher))
                for s, titel, wert, art, vorher in d["kennzahlen"]
            ],
            tabellen=[_tabelle_aus(t) for t in d["tabellen"]],
            je_quartier=_tabelle_aus(d["je_quartier"]) if d["je_quartier"] else None,
        )
        for d in daten
    ]
