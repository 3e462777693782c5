"""The sections of projects and funding and of the Verfügungsfonds in the report for the
city (`quartier.reporting`).

Projects and funding: the years' budgets of the areas by the programme's rule (or the
amount the city set) against what projects plan from them, what approvals commit, and what
was spent, as the budget overview (`services.budget_uebersicht`) computes them, but summed
over the areas in SQL; the grants running in the period and their reports due.

Verfügungsfonds: the funds of the period's years, their applications, what approvals bind,
what was paid and what is free, as `services.fonds_zahlen` computes them for one fund."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, Round
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
    euro,
    quartiere_nach_name,
)

from .models import (
    ABGERECHNET,
    BINDEND,
    GEBUNDEN,
    GEPLANT,
    Antrag,
    Antragsstatus,
    Ausgabe,
    Auszahlung,
    Bewilligung,
    Budgetjahr,
    Finanzierungsposition,
    Fonds,
    Nachweis,
)

GELD = DecimalField(max_digits=14, decimal_places=2)
NULL = Value(Decimal("0.00"), output_field=GELD)


def _jahre(zeitraum: Zeitraum) -> list[int]:
    return list(range(zeitraum.von.year, zeitraum.bis.year + 1))


def _summe(ausdruck, **kwargs):
    return Coalesce(Sum(ausdruck, output_field=GELD, **kwargs), NULL)


def budget_nach_regel():
    """A budget year's project means: the amount set, else max(per resident × residents,
    at least) — `Budgetjahr.projektmittel()` as an expression."""
    return Coalesce(
        F("projektmittel_festgesetzt"),
        Round(
            Greatest(
                F("projektmittel_je_einwohner") * F("einwohner"), F("projektmittel_mindestens")
            ),
            2,
        ),
        output_field=GELD,
    )


def positionen(*, quartiere: list[int], zeitraum: Zeitraum):
    """The financing lines drawn from the areas' budgets of the period's years, each with
    the part of its project's spending it carries (in proportion to its share of the
    project's whole financing, at most its amount)."""
    gesamt = (
        Finanzierungsposition.objects.filter(projekt=OuterRef("projekt"))
        .order_by()
        .values("projekt")
        .annotate(s=Sum("betrag"))
        .values("s")
    )
    ausgaben = (
        Ausgabe.objects.filter(kostenposition__projekt=OuterRef("projekt"))
        .order_by()
        .values("kostenposition__projekt")
        .annotate(s=Sum("betrag"))
        .values("s")
    )
    return (
        Finanzierungsposition.objects.filter(
            projekt__quartier_id__in=quartiere,
            haushaltsjahr__in=_jahre(zeitraum),
            art__in=Finanzierungsposition.AUS_DEM_BUDGET,
        )
        .order_by()
        .annotate(
            finanziert=Coalesce(Subquery(gesamt, output_field=GELD), NULL),
            verausgabt=Coalesce(Subquery(ausgaben, output_field=GELD), NULL),
        )
        .annotate(
            getragen=Case(
                When(
                    finanziert__gt=0,
                    then=Least(
                        F("betrag"),
                        Round(
                            ExpressionWrapper(
                                F("verausgabt") * F("betrag") / F("finanziert"), output_field=GELD
                            ),
                            2,
                        ),
                    ),
                ),
                default=NULL,
                output_field=GELD,
            )
        )
    )


@abschnitt("projekte", reihenfolge=50, titel=gettext_lazy("Projects and funding"))
def projekte(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    budget = Budgetjahr.objects.filter(
        quartier_id__in=quartiere, jahr__in=_jahre(zeitraum)
    ).aggregate(s=_summe(budget_nach_regel()))["s"]
    geld = positionen(quartiere=quartiere, zeitraum=zeitraum).aggregate(
        geplant=_summe("betrag", filter=Q(projekt__status__in=GEPLANT)),
        gebunden=_summe("betrag", filter=Q(projekt__status__in=GEBUNDEN)),
        ausgegeben=_summe("getragen", filter=Q(projekt__status__in=GEBUNDEN)),
    )
    bewilligungen = Bewilligung.objects.filter(
        projekt__quartier_id__in=quartiere, von__lte=zeitraum.bis, bis__gte=zeitraum.von
    ).order_by()
    grants = bewilligungen.aggregate(n=Count("pk"), betrag=_summe("betrag"))
    ergebnis = Abschnitt(
        "projekte",
        gettext("Projects and funding"),
        kennzahlen=[
            Kennzahl("budget", gettext("Project means by the rule"), euro(budget), Art.BETRAG),
            Kennzahl("geplant", gettext("Planned by projects"), euro(geld["geplant"]), Art.BETRAG),
            Kennzahl("gebunden", gettext("Committed"), euro(geld["gebunden"]), Art.BETRAG),
            Kennzahl("ausgegeben", gettext("Spent"), euro(geld["ausgegeben"]), Art.BETRAG),
            Kennzahl("bewilligungen", gettext("Grants running"), grants["n"], Art.ZAHL),
            Kennzahl(
                "bewilligt", gettext("Amount of the grants"), euro(grants["betrag"]), Art.BETRAG
            ),
        ],
        beschreibung=gettext(
            "The areas' project means and material costs of the period's years: the budget "
            "the programme's rule gives (or the amount set), what projects plan from it "
            "before approval, what approved projects commit, and what they spent of it in "
            "proportion to its share of their financing. Grants running in the period."
        ),
    )
    if not vollstaendig:
        return ergebnis
    programme = list(
        bewilligungen.values("programm__name")
        .annotate(n=Count("pk"), betrag=_summe("betrag"))
        .order_by("programm__name")
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Grants by programme"),
            [
                Spalte(gettext("Programme"), Art.TEXT),
                Spalte(gettext("Grants"), Art.ZAHL),
                Spalte(gettext("Amount"), Art.BETRAG),
            ],
            [[z["programm__name"], z["n"], euro(z["betrag"])] for z in programme],
            diagramm=Diagramm("balken", 0, (2,)),
        )
    )
    nachweise = list(
        Nachweis.objects.filter(
            bewilligung__projekt__quartier_id__in=quartiere,
            faellig_am__gte=zeitraum.von,
            faellig_am__lte=zeitraum.bis,
        )
        .order_by()
        .values("art")
        .annotate(
            n=Count("pk"),
            eingereicht=Count("pk", filter=Q(eingereicht_am__isnull=False)),
            puenktlich=Count("pk", filter=Q(eingereicht_am__lte=F("faellig_am"))),
        )
    )
    arten = {z["art"]: z for z in nachweise}
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Grant reports due in the period"),
            [
                Spalte(gettext("Kind"), Art.TEXT),
                Spalte(gettext("Due"), Art.ZAHL),
                Spalte(gettext("Submitted"), Art.ZAHL),
                Spalte(gettext("On time"), Art.ZAHL),
            ],
            [
                [
                    str(label),
                    arten.get(art, {}).get("n", 0),
                    arten.get(art, {}).get("eingereicht", 0),
                    arten.get(art, {}).get("puenktlich", 0),
                ]
                for art, label in Nachweis.Art.choices
            ],
        )
    )
    if len(quartiere) > 1:
        je_budget = dict(
            Budgetjahr.objects.filter(quartier_id__in=quartiere, jahr__in=_jahre(zeitraum))
            .order_by()
            .values("quartier_id")
            .annotate(s=_summe(budget_nach_regel()))
            .values_list("quartier_id", "s")
        )
        je_geld = {
            z["projekt__quartier_id"]: z
            for z in positionen(quartiere=quartiere, zeitraum=zeitraum)
            .values("projekt__quartier_id")
            .annotate(
                gebunden=_summe("betrag", filter=Q(projekt__status__in=GEBUNDEN)),
                ausgegeben=_summe("getragen", filter=Q(projekt__status__in=GEBUNDEN)),
            )
        }
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Budget"), Art.BETRAG),
                Spalte(gettext("Committed"), Art.BETRAG),
                Spalte(gettext("Spent"), Art.BETRAG),
            ],
            [
                [
                    name,
                    euro(je_budget.get(pk)),
                    euro(je_geld.get(pk, {}).get("gebunden")),
                    euro(je_geld.get(pk, {}).get("ausgegeben")),
                ]
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (1, 2, 3)),
        )
    return ergebnis


def fonds_budget():
    """A fund's budget as an expression: `Fonds.budget()` (the amount set, else the rule,
    plus what last year carried over)."""
    regel = Round(F("einwohner") * F("je_einwohner"), 2)
    return Coalesce(
        F("festgesetzt"),
        Case(
            When(
                einwohner__lt=F("mindestens_unter_einwohner"),
                then=Greatest(regel, F("mindestens")),
            ),
            default=regel,
            output_field=GELD,
        ),
        output_field=GELD,
    ) + Coalesce(F("uebertrag"), NULL)


@abschnitt("verfuegungsfonds", reihenfolge=60, titel=gettext_lazy("Verfügungsfonds"))
def verfuegungsfonds(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    fonds = Fonds.objects.filter(quartier_id__in=quartiere, jahr__in=_jahre(zeitraum)).order_by()
    mittel = fonds.aggregate(budget=_summe(fonds_budget()), uebertragen=_summe("uebertragen"))
    antraege = Antrag.objects.filter(fonds__in=fonds).order_by()
    zahlen = antraege.aggregate(
        eingegangen=Count("pk", filter=~Q(status=Antragsstatus.ENTWURF)),
        bewilligt_n=Count("pk", filter=Q(status__in=BINDEND | ABGERECHNET)),
        abgelehnt=Count("pk", filter=Q(status=Antragsstatus.ABGELEHNT)),
        bewilligt=_summe("bewilligt", filter=Q(status__in=BINDEND)),
    )
    zahlungen = Auszahlung.objects.filter(antrag__fonds__in=fonds).aggregate(
        netto=_summe("betrag"),
        zurueck_offen=_summe(
            "betrag",
            filter=Q(art=Auszahlung.Art.RUECKZAHLUNG, antrag__status__in=BINDEND),
        ),
        abgerechnet=_summe("betrag", filter=Q(antrag__status__in=ABGERECHNET)),
    )
    gebunden = euro(zahlen["bewilligt"] + zahlungen["zurueck_offen"] + zahlungen["abgerechnet"])
    budget = euro(mittel["budget"])
    ergebnis = Abschnitt(
        "verfuegungsfonds",
        gettext("Verfügungsfonds"),
        kennzahlen=[
            Kennzahl("antraege", gettext("Applications received"), zahlen["eingegangen"]),
            Kennzahl("bewilligt_n", gettext("Applications approved"), zahlen["bewilligt_n"]),
            Kennzahl("abgelehnt", gettext("Applications refused"), zahlen["abgelehnt"]),
            Kennzahl("budget", gettext("Budget of the funds"), budget, Art.BETRAG),
            Kennzahl("gebunden", gettext("Bound by approvals"), gebunden, Art.BETRAG),
            Kennzahl("ausgezahlt", gettext("Paid out"), euro(zahlungen["netto"]), Art.BETRAG),
            Kennzahl(
                "frei",
                gettext("Free"),
                euro(budget - gebunden - mittel["uebertragen"]),
                Art.BETRAG,
            ),
        ],
        beschreibung=gettext(
            "The funds of the period's years: applications sent (drafts not counted), "
            "approved and refused; the budget by the fund's rule with what was carried "
            "over; what approvals bind (less money returned), what was paid net of "
            "returns, and what is free."
        ),
    )
    if not vollstaendig:
        return ergebnis
    if len(quartiere) > 1:
        je_budget = dict(
            fonds.values("quartier_id")
            .annotate(s=_summe(fonds_budget()))
            .values_list("quartier_id", "s")
        )
        je_antraege = {
            z["fonds__quartier_id"]: z
            for z in antraege.values("fonds__quartier_id").annotate(
                n=Count("pk", filter=~Q(status=Antragsstatus.ENTWURF)),
                b=Count("pk", filter=Q(status__in=BINDEND | ABGERECHNET)),
            )
        }
        je_gezahlt = dict(
            Auszahlung.objects.filter(antrag__fonds__in=fonds)
            .order_by()
            .values("antrag__fonds__quartier_id")
            .annotate(s=_summe("betrag"))
            .values_list("antrag__fonds__quartier_id", "s")
        )
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [
                Spalte(gettext("Area"), Art.TEXT),
                Spalte(gettext("Applications")),
                Spalte(gettext("Approved")),
                Spalte(gettext("Budget"), Art.BETRAG),
                Spalte(gettext("Paid out"), Art.BETRAG),
            ],
            [
                [
                    name,
                    je_antraege.get(pk, {}).get("n", 0),
                    je_antraege.get(pk, {}).get("b", 0),
                    euro(je_budget.get(pk)),
                    euro(je_gezahlt.get(pk)),
                ]
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (3, 4)),
        )
    return ergebnis
