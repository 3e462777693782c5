"""The blocks the portal fills for an issue, from what the other apps publish anyway.

Each block reads only through the public querysets of its app (`oeffentlich()`), so the
newspaper never shows what the portal's own pages would not: internal events and
meetings, applications without consent to publish, concerns without consent or with an
unmoderated text. Every block is one query (or none) whatever the size of the data, and
is bounded in length: a printed page holds only so much.
"""

from dataclasses import dataclass, field

from anliegen.models import Anliegen
from anliegen.models import Status as Anliegenstatus
from netzwerk.models import Sitzung
from projekte.models import Antrag
from veranstaltungen.models import Veranstaltung

from .models import Platzierung, Zeitungsausgabe

Art = Platzierung.Art

HOECHSTENS = {Art.TERMINE: 40, Art.GREMIEN: 20, Art.VERFUEGUNGSFONDS: 8, Art.ANLIEGEN: 6}


@dataclass
class Block:
    art: str
    eintraege: list = field(default_factory=list)

    @property
    def zeichen(self) -> int:
        """About how many characters the block takes in print."""
        if self.art in (Art.SPRECHZEITEN, Art.IMPRESSUM):
            return 900
        je_eintrag = {Art.TERMINE: 110, Art.GREMIEN: 90, Art.VERFUEGUNGSFONDS: 260}
        if self.art == Art.ANLIEGEN:
            return sum(len(a.oeffentlicher_text) + len(a.antwort) for a in self.eintraege)
        return je_eintrag.get(self.art, 100) * len(self.eintraege)


def termine(ausgabe: Zeitungsausgabe) -> list[Veranstaltung]:
    """Public events of the area in the issue's period, with room and registration."""
    von, bis = ausgabe.zeitraum
    return list(
        Veranstaltung.objects.oeffentlich()
        .filter(
            quartier_id=ausgabe.quartier_id,
            beginn__date__gte=von,
            beginn__date__lte=bis,
            status=Veranstaltung.Status.GEPLANT,
        )
        .select_related("raum")
        .order_by("beginn")[: HOECHSTENS[Art.TERMINE]]
    )


def gremien(ausgabe: Zeitungsausgabe) -> list[Sitzung]:
    """Public meetings of the area's committees in the issue's period."""
    von, bis = ausgabe.zeitraum
    return list(
        Sitzung.objects.oeffentlich()
        .filter(gremium__quartier_id=ausgabe.quartier_id, beginn__date__gte=von)
        .filter(beginn__date__lte=bis)
        .select_related("gremium")
        .order_by("beginn")[: HOECHSTENS[Art.GREMIEN]]
    )


def verfuegungsfonds(ausgabe: Zeitungsausgabe) -> list[Antrag]:
    """Funded micro-projects whose applicants agreed to be published, newest first."""
    return list(
        Antrag.objects.oeffentlich()
        .filter(fonds__quartier_id=ausgabe.quartier_id)
        .only("pk", "titel", "beschreibung", "nummer")
        .order_by("-pk")[: HOECHSTENS[Art.VERFUEGUNGSFONDS]]
    )


def anliegen(ausgabe: Zeitungsausgabe) -> list[Anliegen]:
    """Answered concerns, published with consent and a moderated text ("Sie fragten – wir
    antworten"), newest answers first."""
    return list(
        Anliegen.objects.oeffentlich()
        .filter(quartier_id=ausgabe.quartier_id, status=Anliegenstatus.BEANTWORTET)
        .exclude(antwort="")
        .select_related("kategorie")
        .order_by("-erste_antwort_at", "-pk")[: HOECHSTENS[Art.ANLIEGEN]]
    )


SAMMLER = {
    Art.TERMINE: termine,
    Art.GREMIEN: gremien,
    Art.VERFUEGUNGSFONDS: verfuegungsfonds,
    Art.ANLIEGEN: anliegen,
}


def block(ausgabe: Zeitungsausgabe, art: str) -> Block:
    """The block's entries. Office hours, contacts and the imprint come from the issue's
    area (`ausgabe.quartier`) and the issue itself: no entries of their own."""
    sammler = SAMMLER.get(art)
    return Block(art=art, eintraege=sammler(ausgabe) if sammler else [])
