"""The network's section of the report for the city (`quartier.reporting`): actors by
kind, their offers, and the committees' meetings held with their attendance."""

from django.db.models import Count, Sum
from django.utils import timezone
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
    quartiere_nach_name,
)

from .models import Akteur, Angebot, Sitzung


def akteure(*, quartiere: list[int], zeitraum: Zeitraum):
    """The actors of the areas entered by the end of the period."""
    return Akteur.objects.filter(
        pk__in=Akteur.quartiere.through.objects.filter(quartier_id__in=quartiere).values(
            "akteur_id"
        ),
        created_at__lt=zeitraum.ende,
    ).order_by()


def sitzungen(*, quartiere: list[int], zeitraum: Zeitraum):
    """The committees' meetings held in the period (begun, not only planned)."""
    return Sitzung.objects.filter(
        gremium__quartier_id__in=quartiere,
        beginn__gte=zeitraum.beginn,
        beginn__lt=min(zeitraum.ende, timezone.now()),
    ).order_by()


@abschnitt("netzwerk", reihenfolge=20, titel=gettext_lazy("Network"))
def netzwerk(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    qs = akteure(quartiere=quartiere, zeitraum=zeitraum)
    angebote = Angebot.objects.filter(akteur__in=qs, created_at__lt=zeitraum.ende).order_by()
    treffen = sitzungen(quartiere=quartiere, zeitraum=zeitraum).aggregate(
        n=Count("pk"), anwesend=Sum("teilnehmende"), gezaehlt=Count("teilnehmende")
    )
    ergebnis = Abschnitt(
        "netzwerk",
        gettext("Network"),
        kennzahlen=[
            Kennzahl("akteure", gettext("Actors"), qs.count(), Art.ZAHL),
            Kennzahl("angebote", gettext("Offers"), angebote.count(), Art.ZAHL),
            Kennzahl("sitzungen", gettext("Committee meetings held"), treffen["n"], Art.ZAHL),
            Kennzahl("teilnahme", gettext("Attendance at the meetings"), treffen["anwesend"] or 0),
        ],
        beschreibung=gettext(
            "Actors and offers entered in the directory by the end of the period; the "
            "committees' meetings held in the period and the attendance recorded for them."
        ),
    )
    if not vollstaendig:
        return ergebnis
    nach_art = dict(qs.values("art").annotate(n=Count("pk")).values_list("art", "n"))
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Actors by kind"),
            [Spalte(gettext("Kind"), Art.TEXT), Spalte(gettext("Actors"), Art.ZAHL)],
            [[str(label), nach_art.get(art, 0)] for art, label in Akteur.Art.choices],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    )
    gremien = list(
        sitzungen(quartiere=quartiere, zeitraum=zeitraum)
        .values("gremium__name")
        .annotate(n=Count("pk"), anwesend=Sum("teilnehmende"))
        .order_by("gremium__name")
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Committee meetings"),
            [
                Spalte(gettext("Committee"), Art.TEXT),
                Spalte(gettext("Meetings"), Art.ZAHL),
                Spalte(gettext("Attendance")),
            ],
            [[z["gremium__name"], z["n"], z["anwesend"] or 0] for z in gremien],
            hinweis=gettext(
                "Attendance as recorded in the minutes; meetings without a record count as none."
            ),
        )
    )
    if len(quartiere) > 1:
        je_akteure = dict(
            Akteur.quartiere.through.objects.filter(
                quartier_id__in=quartiere, akteur__created_at__lt=zeitraum.ende
            )
            .values("quartier_id")
            .annotate(n=Count("akteur_id"))
            .values_list("quartier_id", "n")
        )
        je_sitzungen = dict(
            sitzungen(quartiere=quartiere, zeitraum=zeitraum)
            .values("gremium__quartier_id")
            .annotate(n=Count("pk"))
            .values_list("gremium__quartier_id", "n")
        )
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Actors"), Art.ZAHL),
                Spalte(gettext("Meetings"), Art.ZAHL),
            ],
            [
                [name, je_akteure.get(pk, 0), je_sitzungen.get(pk, 0)]
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    return ergebnis
