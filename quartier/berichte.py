"""The areas' statistics in the report for the city (`quartier.reporting`): who lives in
the chosen areas, from the figures the city's statistics office gives (`Stadtteildaten`).

A report's period is a span of days, the statistics are per year: the section takes, for
every area, the figures of the year the period ends in, or the latest year before it when
that year is not in yet (the statistics office publishes months after the year's end). The
year each area's figures are from stands in the table of sources. Shares are weighted by
the residents of the areas that give them, so that two areas together read like one.

These are the statistics office's published figures about areas of thousands, not counts of
the office's own residents' things: they are `Zahl`, never suppressed.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext, gettext_lazy

from .models import Stadtteildaten
from .reporting import (
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

# Years shown in the residents' development table, the period's year included.
JAHRE = 5


def neueste(*, quartiere: list[int], jahr: int):
    """Per area its figures of `jahr`, or of the latest year before (one row per area at
    most): a subquery, `DISTINCT ON (quartier_id)`."""
    return Stadtteildaten.objects.filter(
        pk__in=Stadtteildaten.objects.filter(quartier_id__in=quartiere, jahr__lte=jahr)
        .order_by("quartier_id", "-jahr")
        .distinct("quartier_id")
        .values("pk")
    ).order_by()


def _gewichtet(feld: str):
    """Σ share × residents over the rows that give the share, and Σ residents of those."""
    return {
        f"{feld}_summe": Sum(
            ExpressionWrapper(
                F(feld) * F("einwohner"), output_field=DecimalField(max_digits=20, decimal_places=1)
            )
        ),
        f"{feld}_basis": Sum("einwohner", filter=Q(**{f"{feld}__isnull": False})),
    }


def _summen(qs) -> dict:
    """The sums over the rows (keys `n_…`, apart from a field's own name, which Django
    would read as the aggregate)."""
    return qs.aggregate(
        n_gebiete=Count("pk"),
        n_einwohner=Sum("einwohner"),
        n_haushalte=Sum("haushalte"),
        n_unter_18=Sum("unter_18"),
        unter_18_basis=Sum("einwohner", filter=Q(unter_18__isnull=False)),
        n_ab_65=Sum("ab_65"),
        ab_65_basis=Sum("einwohner", filter=Q(ab_65__isnull=False)),
        **_gewichtet("anteil_transferleistungen"),
        **_gewichtet("anteil_migrationshintergrund"),
    )


def _mittel(summen: dict, feld: str) -> Decimal | None:
    basis = summen[f"{feld}_basis"]
    if not basis:
        return None
    return (Decimal(summen[f"{feld}_summe"]) / basis).quantize(Decimal("0.1"))


@abschnitt("stadtteil", reihenfolge=5, titel=gettext_lazy("Area statistics"))
def stadtteil(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    jahr = zeitraum.bis.year
    summen = _summen(neueste(quartiere=quartiere, jahr=jahr))
    ergebnis = Abschnitt(
        "stadtteil",
        gettext("Area statistics"),
        kennzahlen=[
            Kennzahl("einwohner", gettext("Residents"), summen["n_einwohner"], Art.ZAHL),
            Kennzahl("haushalte", gettext("Households"), summen["n_haushalte"], Art.ZAHL),
            Kennzahl(
                "unter_18",
                gettext("Under 18"),
                anteil(summen["n_unter_18"] or 0, summen["unter_18_basis"]),
                Art.ANTEIL,
            ),
            Kennzahl(
                "ab_65",
                gettext("65 and older"),
                anteil(summen["n_ab_65"] or 0, summen["ab_65_basis"]),
                Art.ANTEIL,
            ),
            Kennzahl(
                "transferleistungen",
                gettext("Receiving benefits"),
                _mittel(summen, "anteil_transferleistungen"),
                Art.ANTEIL,
            ),
            Kennzahl(
                "migrationshintergrund",
                gettext("With a migration background"),
                _mittel(summen, "anteil_migrationshintergrund"),
                Art.ANTEIL,
            ),
        ],
        beschreibung=gettext(
            "The figures of the city's statistics office for each area, of the year the "
            "period ends in or, where that year is not in yet, the latest year before; "
            "shares weighted by the residents of the areas that give them."
        ),
    )
    if not vollstaendig:
        return ergebnis
    verlauf = (
        Stadtteildaten.objects.filter(
            quartier_id__in=quartiere, jahr__gt=jahr - JAHRE, jahr__lte=jahr
        )
        .values("jahr")
        .annotate(n_einwohner=Sum("einwohner"), n_haushalte=Sum("haushalte"), n=Count("pk"))
        .order_by("jahr")
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Residents over the years"),
            [
                Spalte(gettext("Year"), Art.TEXT),
                Spalte(gettext("Residents"), Art.ZAHL),
                Spalte(gettext("Households"), Art.ZAHL),
                Spalte(gettext("Areas with figures"), Art.ZAHL),
            ],
            [[str(z["jahr"]), z["n_einwohner"], z["n_haushalte"], z["n"]] for z in verlauf],
            diagramm=Diagramm("balken", 0, (1,)),
            hinweis=gettext("A year's sum covers only the areas with figures for that year."),
        )
    )
    zeilen = list(
        neueste(quartiere=quartiere, jahr=jahr)
        .order_by("quartier__name")
        .values_list(
            "quartier_id",
            "quartier__name",
            "jahr",
            "einwohner",
            "haushalte",
            "unter_18",
            "ab_65",
            "anteil_transferleistungen",
            "anteil_migrationshintergrund",
            "stichtag",
            "sprachen",
            "quelle",
        )
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Sources"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Year"), Art.TEXT),
                Spalte(gettext("Counted on"), Art.DATUM),
                Spalte(gettext("Languages spoken besides German"), Art.TEXT),
                Spalte(gettext("Source"), Art.TEXT),
            ],
            [[z[1], str(z[2]), z[9], z[10], z[11]] for z in zeilen],
            hinweis=gettext("Areas without any figures up to this year are not listed."),
        )
    )
    if len(quartiere) > 1:
        je_gebiet = {z[0]: z for z in zeilen}
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Year"), Art.TEXT),
                Spalte(gettext("Residents"), Art.ZAHL),
                Spalte(gettext("Households"), Art.ZAHL),
                Spalte(gettext("Under 18"), Art.ANTEIL),
                Spalte(gettext("65 and older"), Art.ANTEIL),
                Spalte(gettext("Receiving benefits"), Art.ANTEIL),
                Spalte(gettext("With a migration background"), Art.ANTEIL),
            ],
            [
                _je_quartier_zeile(name, je_gebiet.get(pk))
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (2,)),
        )
    return ergebnis


def _je_quartier_zeile(name: str, zeile) -> list:
    """An area's row of the comparison; "–" where it has no figures yet."""
    if zeile is None:
        return [name, "", None, None, None, None, None, None]
    _, _, jahr, einwohner, haushalte, unter_18, ab_65, transfer, migration, *_ = zeile
    return [
        name,
        str(jahr),
        einwohner,
        haushalte,
        anteil(unter_18, einwohner) if unter_18 is not None else None,
        anteil(ab_65, einwohner) if ab_65 is not None else None,
        transfer,
        migration,
    ]
