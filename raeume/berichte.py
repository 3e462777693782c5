"""The rooms' section of the report for the city (`quartier.reporting`): hours used by
room and by kind of use, and each room's utilisation.

Hours are those of confirmed bookings within the period (a booking across its edge counts
with its part inside), in every room it occupies (an additional room too), without the
buffers. Utilisation is those hours as a share of the room's bookable hours in the period
(its weekly bookable times times the number of each weekday in the period)."""

from datetime import timedelta

from django.db.models import Case, Count, F, FloatField, Func, Q, Sum, Value, When
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext, gettext_lazy

from quartier.reporting import (
    Abschnitt,
    Art,
    Diagramm,
    Kennzahl,
    Spalte,
    Tabelle,
    Zeitraum,
    abschnitt,
    anteil,
    quartiere_nach_name,
)

from .models import Belegung, Buchung, Buchungszeit, Nutzungsart


class Stunden(Func):
    """A duration in hours."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s) / 3600.0)"
    output_field = FloatField()


def belegt(*, quartiere: list[int], zeitraum: Zeitraum):
    """The rooms occupied by confirmed bookings in the period, one row per room and
    booking, annotated with the booked hours inside the period."""
    return (
        Belegung.objects.filter(
            raum__quartier_id__in=quartiere,
            aktiv=True,
            buchung__status=Buchung.Status.BESTAETIGT,
            buchung__beginn__lt=zeitraum.ende,
            buchung__ende__gt=zeitraum.beginn,
        )
        .order_by()
        .annotate(
            stunden=Stunden(
                Least(F("buchung__ende"), Value(zeitraum.ende))
                - Greatest(F("buchung__beginn"), Value(zeitraum.beginn))
            )
        )
    )


def wochentage(zeitraum: Zeitraum) -> dict[int, int]:
    """How often each weekday (Monday = 0) occurs in the period."""
    anzahl = dict.fromkeys(range(7), 0)
    tage = (zeitraum.bis - zeitraum.von).days + 1
    for n in range(7):
        tag = zeitraum.von + timedelta(days=n)
        if n < tage:
            anzahl[tag.weekday()] = (tage - n + 6) // 7
    return anzahl


def buchbar(*, quartiere: list[int], zeitraum: Zeitraum):
    """Bookable hours per room in the period (one grouped query)."""
    faktor = Case(
        *[When(wochentag=t, then=Value(float(n))) for t, n in wochentage(zeitraum).items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return (
        Buchungszeit.objects.filter(raum__quartier_id__in=quartiere)
        .order_by()
        .values("raum_id")
        .annotate(stunden=Sum(Stunden(F("bis") - F("von")) * faktor))
    )


def _h(wert) -> int:
    return round(wert or 0)


@abschnitt("raeume", reihenfolge=30, titel=gettext_lazy("Rooms"))
def raeume(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    qs = belegt(quartiere=quartiere, zeitraum=zeitraum)
    summen = qs.aggregate(summe=Sum("stunden"), buchungen=Count("buchung", distinct=True))
    moeglich = sum(z["stunden"] or 0 for z in buchbar(quartiere=quartiere, zeitraum=zeitraum))
    ergebnis = Abschnitt(
        "raeume",
        gettext("Rooms"),
        kennzahlen=[
            Kennzahl("buchungen", gettext("Confirmed bookings"), summen["buchungen"], Art.ZAHL),
            Kennzahl("stunden", gettext("Hours used"), _h(summen["summe"]), Art.ZAHL),
            Kennzahl(
                "auslastung",
                gettext("Utilisation of the bookable hours"),
                anteil(summen["summe"] or 0, moeglich),
                Art.ANTEIL,
            ),
        ],
        beschreibung=gettext(
            "Hours of confirmed bookings inside the period in every room they occupy, "
            "without set-up buffers; utilisation as a share of the rooms' bookable hours."
        ),
    )
    if not vollstaendig:
        return ergebnis
    arten = list(Nutzungsart.choices)
    je_raum = list(
        qs.values("raum_id", "raum__name", "raum__quartier_id", "raum__quartier__name")
        .annotate(
            gesamt=Sum("stunden"),
            **{f"h_{a}": Sum("stunden", filter=Q(buchung__art=a)) for a, _ in arten},
        )
        .order_by("raum__quartier__name", "raum__name")
    )
    moeglich_je_raum = {
        z["raum_id"]: z["stunden"] for z in buchbar(quartiere=quartiere, zeitraum=zeitraum)
    }
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Hours by room and kind of use"),
            [
                Spalte(gettext("Room"), Art.TEXT),
                *[Spalte(str(label), Art.ZAHL) for _, label in arten],
                Spalte(gettext("Hours"), Art.ZAHL),
                Spalte(gettext("Utilisation"), Art.ANTEIL),
            ],
            [
                [
                    f"{z['raum__name']} ({z['raum__quartier__name']})"
                    if len(quartiere) > 1
                    else z["raum__name"],
                    *[_h(z[f"h_{a}"]) for a, _ in arten],
                    _h(z["gesamt"]),
                    anteil(z["gesamt"] or 0, moeglich_je_raum.get(z["raum_id"])),
                ]
                for z in je_raum
            ],
            diagramm=Diagramm("balken", 0, (len(arten) + 1,)),
            hinweis=gettext("Rooms without a confirmed booking in the period are not listed."),
        )
    )
    # The sums by kind and by area are those of the rooms' rows (one per room, however many
    # bookings): each is another pass over the year's bookings when asked of the database.
    nach_art = {a: sum(z[f"h_{a}"] or 0 for z in je_raum) for a, _ in arten}
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Hours by kind of use"),
            [Spalte(gettext("Kind of use"), Art.TEXT), Spalte(gettext("Hours"), Art.ZAHL)],
            [[str(label), _h(nach_art[a])] for a, label in arten],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    )
    if len(quartiere) > 1:
        stunden: dict[int, float] = {}
        for z in je_raum:
            stunden[z["raum__quartier_id"]] = stunden.get(z["raum__quartier_id"], 0) + (
                z["gesamt"] or 0
            )
        moeglich_je_quartier: dict[int, float] = {}
        for z in (
            Buchungszeit.objects.filter(raum__quartier_id__in=quartiere)
            .order_by()
            .values("raum__quartier_id")
            .annotate(
                s=Sum(
                    Stunden(F("bis") - F("von"))
                    * Case(
                        *[
                            When(wochentag=t, then=Value(float(n)))
                            for t, n in wochentage(zeitraum).items()
                        ],
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
                )
            )
        ):
            moeglich_je_quartier[z["raum__quartier_id"]] = z["s"]
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Hours"), Art.ZAHL),
                Spalte(gettext("Utilisation"), Art.ANTEIL),
            ],
            [
                [
                    name,
                    _h(stunden.get(pk)),
                    anteil(stunden.get(pk) or 0, moeglich_je_quartier.get(pk)),
                ]
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    return ergebnis
