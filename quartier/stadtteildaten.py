"""The areas' statistics (`Stadtteildaten`): reading the statistics office's CSV file, and
the residents' count the budget rules take from them.

The file is what a statistics office or a spreadsheet writes: UTF-8 (with or without a byte
order mark) or Windows-1252, cells separated by `;` (Excel in German) or `,` or tabs,
numbers German ("6.840", "23,5") or plain ("6840", "23.5"), dates as "31.12.2025" or
"2025-12-31". The first row names the columns (`SPALTEN`, in any order, in the words of the
statistics office: "Einwohner", "65 und älter", "Anteil Transferleistungen (%)" …). Every row
is checked with the same form as a record entered by hand, and every error is reported with
its row and column; a file with any error stores nothing (`services.stadtteildaten_importieren`).
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import ModelForm
from .models import Quartier, Stadtteildaten

# A file larger than this, or with more rows, is not a statistics office's table of areas
# (a city of 40 areas over 25 years has 1000 rows). Every row is checked against the
# database's rules as a record entered by hand is (a handful of queries per row), so the
# bound also keeps a preview within a few seconds.
GROESSTE_DATEI = 1_000_000
MEISTE_ZEILEN = 1000

# Field → the column names it is known by, normalised (`_schluessel`).
SPALTEN: dict[str, tuple[str, ...]] = {
    "quartier": ("quartier", "stadtteil", "gebiet", "quartiersname"),
    "jahr": ("jahr", "berichtsjahr"),
    "stichtag": ("stichtag", "stand", "datum"),
    "einwohner": ("einwohner", "einwohnende", "einwohnerinnen", "bevoelkerung", "einwohnerzahl"),
    "unter_18": ("unter18", "unter18jahre", "0bis17", "017", "0bisunter18"),
    "von_18_bis_64": ("18bis64", "1864", "18bis64jahre", "18bisunter65"),
    "ab_65": ("65undaelter", "ab65", "65plus", "65jahreundaelter", "65undmehr"),
    "haushalte": ("haushalte", "anzahlhaushalte"),
    "anteil_transferleistungen": (
        "transferleistungen",
        "anteiltransferleistungen",
        "transferleistungsbezug",
        "anteiltransferleistungsbezug",
        "sgbii",
        "anteilsgbii",
    ),
    "anteil_migrationshintergrund": ("migrationshintergrund", "anteilmigrationshintergrund"),
    "sprachen": ("sprachen", "familiensprachen", "haeufigstesprachen"),
    "quelle": ("quelle",),
}
PFLICHT = ("quartier", "jahr", "einwohner")
GANZZAHLEN = ("jahr", "einwohner", "unter_18", "von_18_bis_64", "ab_65", "haushalte")
ANTEILE = ("anteil_transferleistungen", "anteil_migrationshintergrund")


class StadtteildatenForm(ModelForm):
    """One year of an area's figures, entered in the admin or read from a row of the file."""

    class Meta:
        model = Stadtteildaten
        fields = [
            "quartier",
            "jahr",
            "stichtag",
            "einwohner",
            "unter_18",
            "von_18_bis_64",
            "ab_65",
            "haushalte",
            "anteil_transferleistungen",
            "anteil_migrationshintergrund",
            "sprachen",
            "quelle",
        ]


def einwohner_fuer(*, quartier: Quartier, jahr: int) -> Stadtteildaten | None:
    """The statistics a year's budget rule takes its residents from: the latest year before
    it (the count at the end of the year before), else the year itself; None without any."""
    frueher = (
        Stadtteildaten.objects.filter(quartier=quartier, jahr__lte=jahr)
        .order_by("-jahr")
        .only("jahr", "einwohner", "stichtag")
    )
    kandidaten = list(frueher[:2])
    for daten in kandidaten:
        if daten.jahr < jahr:
            return daten
    return kandidaten[0] if kandidaten else None


# --- the CSV file ---------------------------------------------------------------------------


@dataclass
class Fehler:
    """What is wrong, where: row 0 is the file as a whole."""

    zeile: int
    spalte: str
    text: str


@dataclass
class Zeile:
    zeile: int
    form: StadtteildatenForm
    neu: bool
    aenderungen: list[str] = field(default_factory=list)

    @property
    def daten(self) -> Stadtteildaten:
        return self.form.instance


@dataclass
class Einlesen:
    """The file read: its rows ready to save, or the errors that keep it from being saved."""

    zeilen: list[Zeile] = field(default_factory=list)
    fehler: list[Fehler] = field(default_factory=list)
    spalten: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fehler and bool(self.zeilen)


def dekodieren(inhalt: bytes) -> str:
    """The file's text: UTF-8 (byte order mark or not), else Windows-1252. Raises
    ValueError with the reason for a file that is not text."""
    if len(inhalt) > GROESSTE_DATEI:
        raise ValueError(gettext("The file is larger than 1 MB."))
    if b"\x00" in inhalt:
        raise ValueError(gettext("This is not a CSV file (it holds binary data)."))
    try:
        return inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return inhalt.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError(
            gettext("The file's characters are neither UTF-8 nor Windows-1252.")
        ) from None


def _schluessel(text: str) -> str:
    text = text.strip().lower()
    for alt, neu in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(alt, neu)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text)


_SPALTE_VON = {alias: name for name, aliases in SPALTEN.items() for alias in aliases}


def _trennzeichen(kopf: str) -> str:
    return max(";,\t", key=kopf.count)


_TAUSENDER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")


def _zahl(text: str, *, ganz: bool) -> str:
    """A number as the form reads it: "6.840" → "6840", "23,5" → "23.5"; an empty cell
    stays empty; anything else is passed on for the form to reject."""
    text = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if _TAUSENDER.match(text):
        text = text.replace(".", "")
    if ganz:
        return text
    return text.replace(",", ".")


def einlesen(text: str, *, user, quelle: str = "") -> Einlesen:
    """Read the file's text: each row checked as a record entered by hand would be, in the
    areas `user` may edit; `quelle` for rows without a source column."""
    ergebnis = Einlesen()
    zeilen = text.splitlines()
    while zeilen and not zeilen[0].strip():
        zeilen.pop(0)
    if not zeilen:
        ergebnis.fehler.append(Fehler(0, "", gettext("The file is empty.")))
        return ergebnis
    leser = csv.reader(io.StringIO("\n".join(zeilen)), delimiter=_trennzeichen(zeilen[0]))
    try:
        kopf = next(leser)
    except csv.Error as exc:
        ergebnis.fehler.append(Fehler(1, "", gettext("Row 1 cannot be read: %s") % exc))
        return ergebnis
    felder = []
    for spalte in kopf:
        name = _SPALTE_VON.get(_schluessel(spalte))
        if name is None and spalte.strip():
            ergebnis.fehler.append(
                Fehler(1, spalte, gettext("This column is unknown. Known columns: %s.") % bekannt())
            )
        if name in felder:
            ergebnis.fehler.append(Fehler(1, spalte, gettext("This column is there twice.")))
        felder.append(name)
    ergebnis.spalten = [f for f in felder if f]
    for name in PFLICHT:
        if name not in felder:
            ergebnis.fehler.append(Fehler(1, _label(name), gettext("The file needs this column.")))
    if "quelle" not in felder and not quelle.strip():
        ergebnis.fehler.append(
            Fehler(0, _label("quelle"), gettext("Please name the source of the figures."))
        )
    if ergebnis.fehler:
        return ergebnis

    quartiere = {}
    for q in Quartier.objects.fuer(user).only("pk", "name", "slug"):
        quartiere[_schluessel(q.name)] = q
        quartiere[_schluessel(q.slug)] = q
    vorhanden = {
        (d.quartier_id, d.jahr): d
        for d in Stadtteildaten.objects.filter(quartier__in=set(quartiere.values()))
    }
    gesehen: dict[tuple[int, int], int] = {}
    try:
        for nummer, werte in enumerate(leser, start=2):
            if nummer > MEISTE_ZEILEN + 1:
                ergebnis.fehler.append(
                    Fehler(
                        nummer,
                        "",
                        gettext("The file has more than %s rows.") % MEISTE_ZEILEN,
                    )
                )
                break
            if not any(w.strip() for w in werte):
                continue
            if len(werte) != len(felder):
                ergebnis.fehler.append(
                    Fehler(
                        nummer,
                        "",
                        gettext("This row has %(werte)s cells, the first row %(kopf)s.")
                        % {"werte": len(werte), "kopf": len(felder)},
                    )
                )
                continue
            _zeile(
                ergebnis,
                nummer,
                dict(zip(felder, werte, strict=True)),
                quartiere,
                vorhanden,
                gesehen,
                quelle,
            )
    except csv.Error as exc:
        ergebnis.fehler.append(Fehler(leser.line_num, "", gettext("Cannot be read: %s") % exc))
    if not ergebnis.zeilen and not ergebnis.fehler:
        ergebnis.fehler.append(Fehler(0, "", gettext("The file has no rows with figures.")))
    return ergebnis


def _zeile(ergebnis, nummer, werte, quartiere, vorhanden, gesehen, quelle) -> None:
    werte.pop(None, None)
    werte = {k: v.strip() for k, v in werte.items()}
    quartier = quartiere.get(_schluessel(werte["quartier"]))
    if quartier is None:
        ergebnis.fehler.append(
            Fehler(
                nummer,
                _label("quartier"),
                gettext("“%s” is not one of your areas (its name or short name).")
                % werte["quartier"],
            )
        )
        return
    daten = {name: werte.get(name, "") for name in StadtteildatenForm.Meta.fields}
    daten["quartier"] = quartier.pk
    for name in GANZZAHLEN:
        daten[name] = _zahl(daten[name], ganz=True)
    for name in ANTEILE:
        daten[name] = _zahl(daten[name], ganz=False)
    if not daten["quelle"]:
        daten["quelle"] = quelle.strip()
    if not daten["stichtag"] and daten["jahr"].isdigit():
        daten["stichtag"] = date(int(daten["jahr"]), 12, 31).isoformat()
    schluessel = (quartier.pk, int(daten["jahr"])) if daten["jahr"].isdigit() else None
    if schluessel in gesehen:
        ergebnis.fehler.append(
            Fehler(
                nummer,
                _label("jahr"),
                gettext("%(quartier)s %(jahr)s is in the file twice (also row %(zeile)s).")
                % {"quartier": quartier.name, "jahr": schluessel[1], "zeile": gesehen[schluessel]},
            )
        )
        return
    if schluessel:
        gesehen[schluessel] = nummer
    alt = vorhanden.get(schluessel)
    form = StadtteildatenForm(daten, instance=alt)
    form.fields["quartier"].queryset = Quartier.objects.filter(pk=quartier.pk)
    if not form.is_valid():
        for name, fehler in form.errors.items():
            spalte = _label(name) if name in form.fields else ""
            for text in fehler:
                ergebnis.fehler.append(Fehler(nummer, spalte, text))
        return
    ergebnis.zeilen.append(
        Zeile(
            nummer,
            form,
            neu=alt is None,
            aenderungen=[str(form.fields[n].label) for n in form.changed_data if alt is not None],
        )
    )


def _label(name: str) -> str:
    return str(Stadtteildaten._meta.get_field(name).verbose_name)


def bekannt() -> str:
    """The column headings the file may use, as the office would write them."""
    return ", ".join(f"„{_label(n)}“" for n in SPALTEN)


class ImportForm(forms.Form):
    datei = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "First row: the column headings (Quartier, Jahr, Einwohner, and any of the other "
            "figures). Separated by semicolons or commas; UTF-8 or Windows-1252."
        ),
    )
    quelle = forms.CharField(
        label=_("source"),
        max_length=200,
        required=False,
        help_text=_("For rows without a source column, e.g. “Statistikstelle der Stadt”."),
    )


class EinwohnerAusStadtteildatenForm(forms.ModelForm):
    """For a model with a budget rule per area and year (`quartier`, `jahr`, `einwohner`):
    left empty, the residents come from the area's statistics of the year before
    (`einwohner_fuer`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        feld = self.fields.get("einwohner")
        if feld is not None:
            feld.required = False
            feld.help_text = _(
                "Empty: taken from the area statistics of the year before (or of the year)."
            )

    def clean(self):
        daten = super().clean()
        if "einwohner" not in self.fields or daten.get("einwohner") is not None:
            return daten
        quartier = daten.get("quartier") or getattr(self.instance, "quartier", None)
        jahr = daten.get("jahr") or self.instance.jahr
        statistik = einwohner_fuer(quartier=quartier, jahr=jahr) if quartier and jahr else None
        if statistik is None:
            self.add_error(
                "einwohner",
                _(
                    "There are no area statistics for this area and year: "
                    "please enter the residents."
                ),
            )
        else:
            daten["einwohner"] = statistik.einwohner
        return daten
