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
"""

import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string

from .models import Artikel, Artikelfoto, Zeitungsausgabe
from .seitenplan import plan


class ExternerAbruf(ValueError):
    """Rendering asked for something outside the issue: refused."""


@dataclass
class Druckdaten:
    ausgabe: Zeitungsausgabe
    html: str
    fotos: dict[int, Artikelfoto]

    @property
    def schluessel(self) -> str:
        """The hash of everything the PDF is made from."""
        inhalt = self.html + "".join(f"|{pk}:{f.bild.name}" for pk, f in sorted(self.fotos.items()))
        return hashlib.sha256(inhalt.encode()).hexdigest()


def daten(ausgabe: Zeitungsausgabe) -> Druckdaten:
    """The issue's HTML for print: the active entries of its plan, released articles only,
    their showable photos only."""
    seitenplan = plan(ausgabe)
    eintraege = [
        e
        for seite in seitenplan.seiten
        for e in seite.eintraege
        if e.platzierung.aktiv
        and (e.block is not None or e.platzierung.artikel.status == Artikel.Status.FREIGEGEBEN)
    ]
    artikel_ids = [e.platzierung.artikel_id for e in eintraege if e.platzierung.artikel_id]
    fotos: dict[int, list[Artikelfoto]] = {}
    alle = {}
    for foto in Artikelfoto.objects.filter(artikel_id__in=artikel_ids).zeigbar():
        fotos.setdefault(foto.artikel_id, []).append(foto)
        alle[foto.pk] = foto
    for e in eintraege:
        if e.platzierung.artikel_id:
            e.platzierung.artikel.druckfotos = fotos.get(e.platzierung.artikel_id, [])
    html = render_to_string(
        "zeitung/druck.html",
        {"ausgabe": ausgabe, "quartier": ausgabe.quartier, "eintraege": eintraege},
    )
    return Druckdaten(ausgabe=ausgabe, html=html, fotos=alle)


def rendern(druckdaten: Druckdaten) -> bytes:
    return dokument(druckdaten).write_pdf()


def dokument(druckdaten: Druckdaten):
    """The laid-out WeasyPrint document (its pages can be inspected before writing)."""
    from weasyprint import HTML

    return HTML(string=druckdaten.html, url_fetcher=_abruf(druckdaten)).render()


def _abruf(druckdaten: Druckdaten):
    """A url fetcher that answers the issue's own `foto:<pk>` references from private
    storage and refuses every other URL (http, file, data …): nothing leaves the machine."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fotoabruf(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("foto:") and url[5:].isdigit():
                foto = druckdaten.fotos.get(int(url[5:]))
                if foto is not None:
                    with foto.bild.open("rb") as datei:
                        inhalt = datei.read()
                    return URLFetcherResponse(
                        url, body=inhalt, headers={"Content-Type": _mime(foto.bild.name)}
                    )
            raise ExternerAbruf(f"No outside resources in the newspaper: {url}")

    return Fotoabruf(allowed_protocols=["foto"])


def _mime(name: str) -> str:
    return {"png": "image/png", "webp": "image/webp"}.get(name.rsplit(".", 1)[-1], "image/jpeg")


def dateiname(ausgabe: Zeitungsausgabe) -> str:
    return f"quartierszeitung-{ausgabe.quartier.slug}-{ausgabe.nummer}"
