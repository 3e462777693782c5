"""The print PDF of an issue, rendered by WeasyPrint from `zeitung/druck.html`.

The HTML holds everything the PDF shows: the issue's data, its page plan in order with
the released articles and the blocks' entries, and the photos by reference (`foto:<pk>`).
Its SHA-256, together with the photos' stored names, is the key of the stored PDF: while
nothing changed, the task reuses the file and does not render again.

Nothing is fetched while rendering: the url fetcher answers our `foto:` references from
private storage (only showable photos of the issue) and refuses everything else. Fonts are
Liberation Serif and Sans (SIL OFL, Debian `fonts-liberation`), found through fontconfig
and embedded as subsets.

WeasyPrint's multi-column layout breaks pages inside columns but cannot balance a column
set across a page break with a spanning element in the middle, and tables inside columns
are not supported. So the template sets each article as its own block: the headline spans
above (`column-span: all` on the article's header, outside the columns), the text runs in
`columns: 2|3`, and figures come after the text in a block that does not split
(`break-inside: avoid`), never inside the column flow; the lists of events and meetings are
plain lists, not tables.

The page plan decides the pages: each planned page is a section that begins a new sheet
(`break-before: page`), an empty planned page stays an empty page, so the PDF has the
plan's pages in the plan's order. Where a page's content does not fit, WeasyPrint carries
it onto an extra page; `messen` finds that in the laid-out document (by the anchor
`seite-N` each section carries) and the page plan warns with the measured figure.

The same HTML gives two PDFs: the print PDF (photos at full resolution, bleed and crop
marks when the issue asks for them) and the web edition (`web=True`): PDF/UA-1, tagged,
with `lang="de"`, the issue's title and bookmarks from the headlines, photos at 120 dpi.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from .models import Artikel, Artikelfoto, Zeitungsausgabe
from .seitenplan import plan

# The web edition: photos at screen resolution and a lighter JPEG, the print keeps all.
WEB_DPI = 120
WEB_JPEG_QUALITAET = 70
# For the printer who asks for it: the page's background runs 3 mm past the cut, with crop
# and registration marks outside (the print PDF only, never the web edition).
BESCHNITT = "@page { bleed: 3mm; marks: crop cross; }"


class ExternerAbruf(ValueError):
    """Rendering asked for something outside the issue: refused."""


@dataclass
class Druckseite:
    nummer: int
    eintraege: list


@dataclass
class Druckdaten:
    ausgabe: Zeitungsausgabe
    html: str
    fotos: dict[int, Artikelfoto]
    logos: dict = field(default_factory=dict)

    @property
    def schluessel(self) -> str:
        """The hash of everything the PDF is made from."""
        inhalt = (
            self.html
            + "".join(f"|{pk}:{f.bild.name}" for pk, f in sorted(self.fotos.items()))
            + "".join(f"|logo{pk}:{p.logo.name}" for pk, p in sorted(self.logos.items()))
            + ("|beschnitt" if self.ausgabe.beschnitt else "")
        )
        return hashlib.sha256(inhalt.encode()).hexdigest()


def foerderer(ausgabe: Zeitungsausgabe) -> list:
    """The funding programmes whose logos the imprint shows: those with a logo that fund a
    project of the issue's area."""
    from projekte.models import Bewilligung, Foerderprogramm

    return list(
        Foerderprogramm.objects.exclude(logo="")
        .filter(
            pk__in=Bewilligung.objects.filter(projekt__quartier_id=ausgabe.quartier_id).values(
                "programm"
            )
        )
        .only("pk", "name", "logo", "logo_alt")
        .order_by("ebene", "name")
    )


def daten(ausgabe: Zeitungsausgabe) -> Druckdaten:
    """The issue's HTML for print: its planned pages in order, on each the active entries,
    released articles only with their showable photos only."""
    seitenplan = plan(ausgabe)
    seiten = [
        Druckseite(
            nummer=seite.nummer,
            eintraege=[
                e
                for e in seite.eintraege
                if e.platzierung.aktiv
                and (
                    e.block is not None
                    or e.platzierung.artikel.status == Artikel.Status.FREIGEGEBEN
                )
            ],
        )
        for seite in seitenplan.seiten
    ]
    eintraege = [e for seite in seiten for e in seite.eintraege]
    artikel_ids = [e.platzierung.artikel_id for e in eintraege if e.platzierung.artikel_id]
    fotos: dict[int, list[Artikelfoto]] = {}
    alle = {}
    for foto in Artikelfoto.objects.filter(artikel_id__in=artikel_ids).zeigbar():
        fotos.setdefault(foto.artikel_id, []).append(foto)
        alle[foto.pk] = foto
    for e in eintraege:
        if e.platzierung.artikel_id:
            e.platzierung.artikel.druckfotos = fotos.get(e.platzierung.artikel_id, [])
    logos = {}
    if any(e.platzierung.art == e.platzierung.Art.IMPRESSUM for e in eintraege):
        logos = {p.pk: p for p in foerderer(ausgabe)}
    html = render_to_string(
        "zeitung/druck.html",
        {
            "ausgabe": ausgabe,
            "quartier": ausgabe.quartier,
            "seiten": seiten,
            "foerderer": list(logos.values()),
        },
    )
    return Druckdaten(ausgabe=ausgabe, html=html, fotos=alle, logos=logos)


# The web edition's PDF: PDF/UA-1 (tagged, language and title shown), lighter photos.
WEB = {
    "pdf_variant": "pdf/ua-1",
    "pdf_tags": True,
    "dpi": WEB_DPI,
    "jpeg_quality": WEB_JPEG_QUALITAET,
    "optimize_images": True,
}


def rendern(druckdaten: Druckdaten, *, web: bool = False, **optionen) -> bytes:
    if web:
        return dokument(druckdaten, web=True).write_pdf(**WEB, **optionen)
    return dokument(druckdaten).write_pdf(**optionen)


def dokument(druckdaten: Druckdaten, *, web: bool = False):
    """The laid-out WeasyPrint document (its pages can be inspected before writing). The
    web edition is PDF/UA-1: tagged, with the document's language and title shown."""
    from weasyprint import CSS, HTML

    html = HTML(string=druckdaten.html, url_fetcher=_abruf(druckdaten))
    if web:
        return html.render(pdf_variant=WEB["pdf_variant"], pdf_tags=WEB["pdf_tags"])
    if druckdaten.ausgabe.beschnitt:
        return html.render(stylesheets=[CSS(string=BESCHNITT)])
    return html.render()


def messen(dokument) -> list[dict]:
    """How many printed pages each planned page took, from the laid-out document: a
    planned page runs from the page its anchor `seite-N` is on to the page before the next
    planned page's anchor. `[{"seite": 1, "von": 1, "bis": 1}, …]` (printed page numbers)."""
    beginn = {}
    for index, page in enumerate(dokument.pages, start=1):
        for name in page.anchors:
            if m := re.fullmatch(r"seite-(\d+)", name):
                beginn.setdefault(int(m[1]), index)
    ordnung = sorted(beginn.items(), key=lambda item: item[1])
    gemessen = []
    for i, (seite, von) in enumerate(ordnung):
        bis = ordnung[i + 1][1] - 1 if i + 1 < len(ordnung) else len(dokument.pages)
        gemessen.append({"seite": seite, "von": von, "bis": max(von, bis)})
    return gemessen


def _abruf(druckdaten: Druckdaten):
    """A url fetcher that answers the issue's own `foto:<pk>` and `logo:<pk>` references
    from storage and refuses every other URL (http, file, data …): nothing leaves the
    machine."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fotoabruf(URLFetcher):
        def fetch(self, url, headers=None):
            art, _, pk = url.partition(":")
            datei = None
            if pk.isdigit() and art == "foto" and (foto := druckdaten.fotos.get(int(pk))):
                datei = foto.bild
            elif pk.isdigit() and art == "logo" and (programm := druckdaten.logos.get(int(pk))):
                datei = programm.logo
            if datei is not None:
                with datei.open("rb") as offen:
                    inhalt = offen.read()
                return URLFetcherResponse(
                    url, body=inhalt, headers={"Content-Type": _mime(datei.name)}
                )
            raise ExternerAbruf(f"No outside resources in the newspaper: {url}")

    return Fotoabruf(allowed_protocols=["foto", "logo"])


def _mime(name: str) -> str:
    endung = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp", "svg": "image/svg+xml"}.get(
        endung, "image/jpeg"
    )


def dateiname(ausgabe: Zeitungsausgabe) -> str:
    return f"quartierszeitung-{ausgabe.quartier.slug}-{ausgabe.nummer}"
