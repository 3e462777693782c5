"""The newspaper's section of the report for the city (`quartier.reporting`): issues
published, their print run, and the e-mail subscribers."""

from django.db.models import Count, Sum
from django.utils.translation import gettext, gettext_lazy

from quartier.reporting import (
    Abschnitt,
    Art,
    Kennzahl,
    Spalte,
    Tabelle,
    Zeitraum,
    abschnitt,
    quartiere_nach_name,
)

from .models import Abonnement, Zeitungsausgabe


def erschienen(*, quartiere: list[int], zeitraum: Zeitraum):
    """The issues of the areas published in the period."""
    return Zeitungsausgabe.objects.filter(
        quartier_id__in=quartiere,
        status=Zeitungsausgabe.Status.ERSCHIENEN,
        erscheinungsdatum__gte=zeitraum.von,
        erscheinungsdatum__lte=zeitraum.bis,
    ).order_by()


def abonniert(*, quartiere: list[int], zeitraum: Zeitraum):
    """The subscriptions confirmed by the end of the period (an unsubscribed one is gone)."""
    return Abonnement.objects.filter(
        quartier_id__in=quartiere, bestaetigt_at__lt=zeitraum.ende
    ).order_by()


@abschnitt("zeitung", reihenfolge=70, titel=gettext_lazy("District newspaper"))
def zeitung(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    ausgaben = erschienen(quartiere=quartiere, zeitraum=zeitraum).aggregate(
        n=Count("pk"), auflage=Sum("auflage"), seiten=Sum("seitenzahl")
    )
    ergebnis = Abschnitt(
        "zeitung",
        gettext("District newspaper"),
        kennzahlen=[
            Kennzahl("ausgaben", gettext("Issues published"), ausgaben["n"], Art.ZAHL),
            Kennzahl("auflage", gettext("Copies printed"), ausgaben["auflage"] or 0, Art.ZAHL),
            Kennzahl(
                "abonnements",
                gettext("E-mail subscribers"),
                abonniert(quartiere=quartiere, zeitraum=zeitraum).count(),
            ),
        ],
        beschreibung=gettext(
            "Issues published in the period with their print run; subscribers who confirmed "
            "their address by the end of the period and have not unsubscribed."
        ),
    )
    if not vollstaendig:
        return ergebnis
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Issues"),
            [
                Spalte(gettext("Publication date"), Art.DATUM),
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Issue"), Art.ZAHL),
                Spalte(gettext("Pages"), Art.ZAHL),
                Spalte(gettext("Print run"), Art.ZAHL),
            ],
            [
                list(z)
                for z in erschienen(quartiere=quartiere, zeitraum=zeitraum)
                .order_by("erscheinungsdatum", "quartier__name", "nummer")
                .values_list(
                    "erscheinungsdatum", "quartier__name", "nummer", "seitenzahl", "auflage"
                )
            ],
        )
    )
    if len(quartiere) > 1:
        je_ausgaben = {
            z["quartier_id"]: z
            for z in erschienen(quartiere=quartiere, zeitraum=zeitraum)
            .values("quartier_id")
            .annotate(n=Count("pk"), auflage=Sum("auflage"))
        }
        je_abos = dict(
            abonniert(quartiere=quartiere, zeitraum=zeitraum)
            .values("quartier_id")
            .annotate(n=Count("pk"))
            .values_list("quartier_id", "n")
        )
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Issues"), Art.ZAHL),
                Spalte(gettext("Print run"), Art.ZAHL),
                Spalte(gettext("Subscribers")),
            ],
            [
                [
                    name,
                    je_ausgaben.get(pk, {}).get("n", 0),
                    je_ausgaben.get(pk, {}).get("auflage") or 0,
                    je_abos.get(pk, 0),
                ]
                for pk, name in quartiere_nach_name(quartiere)
            ],
        )
    return ergebnis
