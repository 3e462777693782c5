"""The events' section of the report for the city (`quartier.reporting`): events held,
and their participants by target group.

Participants of an event are the count recorded on it after the event (`teilnehmende`),
else the people of its confirmed registrations (companions included). Each figure is two
aggregate queries: the events with a recorded count, and the registrations of the others."""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from netzwerk.models import Zielgruppe
from quartier.exports import Monat
from quartier.reporting import (
    Abschnitt,
    Art,
    Diagramm,
    Kennzahl,
    Spalte,
    Tabelle,
    Zeitraum,
    abschnitt,
    quartiere_nach_name,
)

from .models import Anmeldung, Veranstaltung


def gehalten(*, quartiere: list[int], zeitraum: Zeitraum):
    """The areas' published events that took place in the period (begun, not cancelled,
    not a submission waiting for review)."""
    return Veranstaltung.objects.filter(
        quartier_id__in=quartiere,
        beginn__gte=zeitraum.beginn,
        beginn__lt=min(zeitraum.ende, timezone.now()),
        status=Veranstaltung.Status.GEPLANT,
        freigegeben=True,
    ).order_by()


def _gruppe(gruppe: str, prefix: str = "") -> Q:
    feld = f"{prefix}zielgruppen"
    if gruppe == Zielgruppe.ALLE:
        return Q(**{f"{feld}__contains": [gruppe]}) | Q(**{feld: []})
    return Q(**{f"{feld}__contains": [gruppe]})


def _angemeldet(qs):
    """The confirmed registrations of the events of `qs` that have no recorded count."""
    return Anmeldung.objects.filter(
        veranstaltung__in=qs.filter(teilnehmende__isnull=True),
        status=Anmeldung.Status.ANGEMELDET,
    ).order_by()


def _gruppiert(qs, schluessel) -> dict:
    """Events and participants per value of `schluessel(prefix)`, an expression on the
    event (`prefix` "" from the event, "veranstaltung__" from a registration)."""
    ergebnis: dict = {}
    for z in (
        qs.annotate(k=schluessel("")).values("k").annotate(n=Count("pk"), t=Sum("teilnehmende"))
    ):
        ergebnis[z["k"]] = [z["n"], z["t"] or 0]
    angemeldet = _angemeldet(qs).annotate(k=schluessel("veranstaltung__")).values("k")
    for z in angemeldet.annotate(t=Sum("personen")):
        ergebnis.setdefault(z["k"], [0, 0])[1] += z["t"] or 0
    return ergebnis


@abschnitt("veranstaltungen", reihenfolge=40, titel=gettext_lazy("Events"))
def veranstaltungen(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    qs = gehalten(quartiere=quartiere, zeitraum=zeitraum)
    summen = qs.aggregate(n=Count("pk"), t=Sum("teilnehmende"))
    teilnahme = (summen["t"] or 0) + (_angemeldet(qs).aggregate(t=Sum("personen"))["t"] or 0)
    ergebnis = Abschnitt(
        "veranstaltungen",
        gettext("Events"),
        kennzahlen=[
            Kennzahl("veranstaltungen", gettext("Events held"), summen["n"], Art.ZAHL),
            Kennzahl("teilnahme", gettext("Participants"), teilnahme),
        ],
        beschreibung=gettext(
            "Published events that took place in the period; cancelled ones and submissions "
            "not yet released do not count. Participants: the count recorded after the "
            "event, else the people of the confirmed registrations."
        ),
    )
    if not vollstaendig:
        return ergebnis
    gruppen = list(Zielgruppe.choices)
    werte = qs.aggregate(
        **{f"n_{g}": Count("pk", filter=_gruppe(g)) for g, _ in gruppen},
        **{f"t_{g}": Sum("teilnehmende", filter=_gruppe(g)) for g, _ in gruppen},
    )
    angemeldet = _angemeldet(qs).aggregate(
        **{f"t_{g}": Sum("personen", filter=_gruppe(g, "veranstaltung__")) for g, _ in gruppen}
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("By target group"),
            [
                Spalte(gettext("Target group"), Art.TEXT),
                Spalte(gettext("Events"), Art.ZAHL),
                Spalte(gettext("Participants")),
            ],
            [
                [
                    str(label),
                    werte[f"n_{g}"],
                    (werte[f"t_{g}"] or 0) + (angemeldet[f"t_{g}"] or 0),
                ]
                for g, label in gruppen
            ],
            diagramm=Diagramm("balken", 0, (2,)),
            hinweis=gettext(
                "An event for several target groups counts in each; one without a target "
                "group counts as for everyone."
            ),
        )
    )
    monate = {
        Monat.von(k): v for k, v in _gruppiert(qs, lambda p: TruncMonth(f"{p}beginn")).items()
    }
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Per month"),
            [
                Spalte(gettext("Month"), Art.MONAT),
                Spalte(gettext("Events"), Art.ZAHL),
                Spalte(gettext("Participants")),
            ],
            [[Monat.von(m), *monate.get(Monat.von(m), [0, 0])] for m in zeitraum.monate()],
            diagramm=Diagramm("linie", 0, (1,)),
        )
    )
    if len(quartiere) > 1:
        je = _gruppiert(qs, lambda p: F(f"{p}quartier_id"))
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Events"), Art.ZAHL),
                Spalte(gettext("Participants")),
            ],
            [[name, *je.get(pk, [0, 0])] for pk, name in quartiere_nach_name(quartiere)],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    return ergebnis
