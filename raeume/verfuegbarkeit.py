"""The search for free rooms: which rooms fit a wish (date, time, people, equipment) and,
when none is free, free alternatives (the hall without its kitchen, a nearby time)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from .models import Belegung, Raum, Sperrzeit, lokal
from .services import belegt_meldung, belegungsbereich, regelverstoesse


@dataclass
class Vorschlag:
    raum: Raum
    zusatzraeume: list[Raum]
    beginn: datetime
    ende: datetime


@dataclass
class Treffer:
    raum: Raum
    zusatzraeume: list[Raum]
    frei: bool
    gruende: list[str]


@dataclass
class Verfuegbarkeit:
    treffer: list[Treffer]
    alternativen: list[Vorschlag]

    @property
    def freie(self) -> list[Treffer]:
        return [t for t in self.treffer if t.frei]


def verfuegbarkeit(
    *,
    raeume,
    datum: date,
    von: time,
    bis: time,
    personen: int = 1,
    ausstattung: Sequence[str] = (),
    zusatz_gewuenscht: Sequence[int] = (),
    durch_personal: bool = False,
) -> Verfuegbarkeit:
    """Which rooms are free for the wish, and free alternatives (another room, nearby
    times) when not: a fixed number of queries whatever the number of bookings."""
    kandidaten = list(
        raeume.buchbar()
        .select_related("quartier")
        .prefetch_related("zusatzraeume__buchungszeiten", "buchungszeiten")
    )
    alle = {r.pk: r for r in kandidaten}
    for r in kandidaten:
        for z in r.zusatzraeume.all():
            alle[z.pk] = z
    tag_start = lokal(datum, time(0)) - timedelta(days=1)
    tag_ende = lokal(datum, time(0)) + timedelta(days=2)
    belegt: dict[int, list] = {pk: [] for pk in alle}
    for b in Belegung.objects.filter(
        raum__in=list(alle),
        aktiv=True,
        zeitraum__overlap=DateTimeTZRange(tag_start, tag_ende, "[)"),
    ).only("raum_id", "zeitraum"):
        belegt[b.raum_id].append(b.zeitraum)
    quartier_ids = {r.quartier_id for r in kandidaten}
    sperren = list(
        Sperrzeit.objects.filter(quartier__in=quartier_ids, von__lte=datum, bis__gte=datum)
    )
    jetzt = timezone.now()

    def gruende(raum: Raum, zusatz: list[Raum], beginn: datetime, ende: datetime) -> list[str]:
        result = regelverstoesse(
            raum,
            beginn,
            ende,
            personen=personen,
            durch_personal=durch_personal,
            buchungszeiten=list(raum.buchungszeiten.all()),
            sperrzeiten=[s for s in sperren if s.quartier_id == raum.quartier_id],
            jetzt=jetzt,
        )
        for r in [raum, *zusatz]:
            wunsch = belegungsbereich(r, beginn, ende)
            for bereich in belegt[r.pk]:
                if bereich.lower < wunsch.upper and wunsch.lower < bereich.upper:
                    result.append(belegt_meldung(r, bereich))
        return result

    def ausstattung_von(raum: Raum, zusatz: list[Raum]) -> set[str]:
        keys = set(raum.ausstattung)
        for z in zusatz:
            keys |= set(z.ausstattung)
        return keys

    beginn, ende = lokal(datum, von), lokal(datum, bis)
    treffer = []
    for raum in kandidaten:
        moegliche = list(raum.zusatzraeume.all())
        zusatz = [
            z
            for z in moegliche
            if z.pk in zusatz_gewuenscht
            or (set(ausstattung) - set(raum.ausstattung)) & set(z.ausstattung)
        ]
        if not set(ausstattung) <= ausstattung_von(raum, zusatz):
            continue
        if raum.kapazitaet < personen:
            continue
        probleme = gruende(raum, zusatz, beginn, ende)
        treffer.append(Treffer(raum=raum, zusatzraeume=zusatz, frei=not probleme, gruende=probleme))

    alternativen: list[Vorschlag] = []
    dauer = ende - beginn
    for t in treffer:
        if not t.frei:
            # Without the combined room (e.g. the hall without the kitchen) at the wished time.
            if t.zusatzraeume and not (set(ausstattung) - set(t.raum.ausstattung)):
                if not gruende(t.raum, [], beginn, ende):
                    alternativen.append(Vorschlag(t.raum, [], beginn, ende))
            # The same rooms at a nearby time on the same day.
            for stunden in (1, -1, 2, -2, 3, -3):
                b = beginn + timedelta(hours=stunden)
                if timezone.localtime(b).date() != datum:
                    continue
                if not gruende(t.raum, t.zusatzraeume, b, b + dauer):
                    alternativen.append(Vorschlag(t.raum, t.zusatzraeume, b, b + dauer))
                    break
    return Verfuegbarkeit(treffer=treffer, alternativen=alternativen)
