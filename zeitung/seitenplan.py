"""The page plan of an issue: its entries page by page, what the portal fills into its
blocks, and the warnings an editor must see before print (page count not the planned
multiple of 4, entries past the last page, pages that overflow, articles not released).

Until a print PDF is made, the fill of a page is an estimate in characters (text,
headline, photos): good enough to warn early. Once the worker has made the PDF, the PDF is
the final word: what it measured for each planned page (`Zeitungsausgabe.pdf_seiten`, see
`druck.messen`) gives the overflow warnings and the thumbnails.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import bloecke
from .models import Artikel, Platzierung, Zeitungsausgabe

# About how many characters an A4 page of the newspaper holds, by the columns it is set in
# (narrow columns hyphenate better and fill more), and what a headline and a photo take.
ZEICHEN_JE_SEITE = {1: 3000, 2: 3800, 3: 4200}
ZEICHEN_UEBERSCHRIFT = 250
ZEICHEN_FOTO = 900


@dataclass
class Eintrag:
    platzierung: Platzierung
    block: bloecke.Block | None
    zeichen: int


@dataclass
class Seite:
    nummer: int
    eintraege: list[Eintrag] = field(default_factory=list)
    fassung: int = ZEICHEN_JE_SEITE[2]
    # From the last print PDF: the printed pages it took, and its thumbnail.
    druckseiten: int | None = None
    bild: str = ""

    @property
    def zeichen(self) -> int:
        return sum(e.zeichen for e in self.eintraege if e.platzierung.aktiv)

    @property
    def fuellung(self) -> int:
        """How full the page is, in per cent of what it holds."""
        return round(100 * self.zeichen / self.fassung)

    @property
    def voll(self) -> bool:
        """Overflowing: measured in the print PDF once there is one, else estimated."""
        if self.druckseiten is not None:
            return self.druckseiten > 1
        return self.zeichen > self.fassung


@dataclass
class Plan:
    ausgabe: Zeitungsausgabe
    seiten: list[Seite]
    warnungen: list[str]


def _zeichen(platzierung: Platzierung, block) -> int:
    if block is not None:
        return ZEICHEN_UEBERSCHRIFT + block.zeichen
    artikel = platzierung.artikel
    return ZEICHEN_UEBERSCHRIFT + artikel.zeichen() + ZEICHEN_FOTO * artikel.anzahl_fotos


def plan(ausgabe: Zeitungsausgabe) -> Plan:
    """The issue's page plan with its warnings: one query for the entries with their
    articles, one per block kind placed."""
    platzierungen = list(
        ausgabe.platzierungen.select_related("artikel")
        .annotate(anzahl_fotos=Count("artikel__fotos"))
        .order_by("seite", "reihenfolge", "pk")
    )
    for p in platzierungen:
        if p.artikel_id:
            p.artikel.anzahl_fotos = p.anzahl_fotos
    letzte = max([ausgabe.seitenzahl, *(p.seite for p in platzierungen)])
    seiten = [Seite(nummer=n) for n in range(1, letzte + 1)]
    warnungen = []
    for p in platzierungen:
        if p.artikel_id:
            block = None
        elif p.aktiv:
            block = bloecke.block(ausgabe, p.art)
        else:  # turned off: nothing is gathered for it
            block = bloecke.Block(art=p.art)
        seite = seiten[p.seite - 1]
        seite.eintraege.append(Eintrag(platzierung=p, block=block, zeichen=_zeichen(p, block)))
        if p.artikel_id:
            seite.fassung = ZEICHEN_JE_SEITE.get(p.artikel.spalten, seite.fassung)
            if p.artikel.status != Artikel.Status.FREIGEGEBEN:
                warnungen.append(_("“%(titel)s” is not released yet.") % {"titel": p.artikel.titel})
    belegt = max((p.seite for p in platzierungen), default=0)
    if belegt and belegt != ausgabe.seitenzahl:
        warnungen.insert(
            0,
            _("The plan fills %(belegt)s pages; the issue is planned with %(soll)s.")
            % {"belegt": belegt, "soll": ausgabe.seitenzahl},
        )
    if belegt % 4:
        warnungen.insert(
            0,
            _(
                "%(belegt)s pages are no multiple of 4: a printed newspaper has 4, 8, 12, "
                "16 … pages."
            )
            % {"belegt": belegt},
        )
    for seite in seiten:
        erste = next((e for e in seite.eintraege if e.platzierung.aktiv), None)
        for e in seite.eintraege:
            if e.platzierung.artikel_id and e.platzierung.artikel.neue_seite and e is not erste:
                warnungen.append(
                    _("“%(titel)s” should begin a page but is not the first on page %(seite)s.")
                    % {"titel": e.platzierung.artikel.titel, "seite": seite.nummer}
                )
    gemessen = {m["seite"]: m for m in ausgabe.pdf_seiten if "seite" in m} if ausgabe.pdf else {}
    for seite in seiten:
        if m := gemessen.get(seite.nummer):
            seite.druckseiten = m["bis"] - m["von"] + 1
            seite.bild = m.get("bild", "")
    if gemessen:
        stand = formats.date_format(timezone.localtime(ausgabe.pdf_fertig_at), "DATETIME_FORMAT")
        for seite in seiten:
            if seite.druckseiten and seite.druckseiten > 1:
                warnungen.append(
                    _(
                        "Page %(seite)s does not fit: in the PDF of %(stand)s it takes "
                        "%(anzahl)s printed pages."
                    )
                    % {"seite": seite.nummer, "stand": stand, "anzahl": seite.druckseiten}
                )
        return Plan(ausgabe=ausgabe, seiten=seiten, warnungen=warnungen)
    for seite in seiten:
        if seite.voll:
            warnungen.append(
                _("Page %(seite)s overflows (about %(prozent)s %% of what it holds).")
                % {"seite": seite.nummer, "prozent": seite.fuellung}
            )
    return Plan(ausgabe=ausgabe, seiten=seiten, warnungen=warnungen)
