"""The concerns' section of the report for the city (`quartier.reporting`): received and
solved, how long to the first answer and to closing, by kind, category and month, and to
whom they were forwarded. Aggregates only; spam and duplicates do not count."""

from datetime import timedelta

from django.db.models import Count, Exists, F, FloatField, Func, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext, gettext_lazy

from quartier.exports import Monat
from quartier.reporting import (
    Abschnitt,
    Art,
    Diagramm,
    Kennzahl,
    Median,
    Spalte,
    Tabelle,
    Zeitraum,
    abschnitt,
    quartiere_nach_name,
    tage,
)

from .models import GELOEST, Anliegen, Status, Weiterleitung


class Epoche(Func):
    """A duration in seconds (PostgreSQL's `EXTRACT(EPOCH FROM …)`)."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def _tage(median_sekunden, anzahl):
    if median_sekunden is None:
        return None
    return tage(timedelta(seconds=median_sekunden), anzahl=anzahl)


def gezaehlt(*, quartiere: list[int], zeitraum: Zeitraum):
    """The concerns the report counts: received in the period in the areas, not spam, not
    a duplicate of another."""
    return (
        Anliegen.objects.filter(
            quartier_id__in=quartiere,
            eingegangen_at__gte=zeitraum.beginn,
            eingegangen_at__lt=zeitraum.ende,
            spam=False,
        )
        .exclude(status=Status.DUPLIKAT)
        .order_by()
    )


@abschnitt("anliegen", reihenfolge=10, titel=gettext_lazy("Concerns"))
def anliegen(*, quartiere: list[int], zeitraum: Zeitraum, vollstaendig=True) -> Abschnitt:
    qs = gezaehlt(quartiere=quartiere, zeitraum=zeitraum)
    erste = Epoche(F("erste_antwort_at") - F("eingegangen_at"))
    schluss = Epoche(F("abgeschlossen_at") - F("eingegangen_at"))
    mit_antwort = Q(erste_antwort_at__isnull=False)
    geschlossen = Q(abgeschlossen_at__isnull=False)
    summen = qs.aggregate(
        eingegangen=Count("pk"),
        geloest=Count("pk", filter=Q(status__in=GELOEST)),
        beantwortet=Count("pk", filter=mit_antwort),
        abgeschlossen=Count("pk", filter=geschlossen),
        median_antwort=Median(erste, filter=mit_antwort),
        median_schluss=Median(schluss, filter=geschlossen),
        weitergeleitet=Count(
            "pk", filter=Exists(Weiterleitung.objects.filter(anliegen=OuterRef("pk")))
        ),
    )
    kennzahlen = [
        Kennzahl("eingegangen", gettext("Concerns received"), summen["eingegangen"]),
        Kennzahl("geloest", gettext("of them solved"), summen["geloest"]),
        Kennzahl(
            "median_antwort",
            gettext("Median days to the first answer"),
            _tage(summen["median_antwort"], summen["beantwortet"]),
            Art.TAGE,
        ),
        Kennzahl(
            "median_schluss",
            gettext("Median days to closing"),
            _tage(summen["median_schluss"], summen["abgeschlossen"]),
            Art.TAGE,
        ),
        Kennzahl("weitergeleitet", gettext("Forwarded"), summen["weitergeleitet"]),
    ]
    ergebnis = Abschnitt(
        "anliegen",
        gettext("Concerns"),
        kennzahlen=kennzahlen,
        beschreibung=gettext(
            "Concerns received in the period through every channel; spam and duplicates "
            "are not counted. Solved: done or answered. Days are counted from receipt."
        ),
    )
    if not vollstaendig:
        return ergebnis

    monate = {
        Monat.von(z["monat"]): z
        for z in qs.annotate(monat=TruncMonth("eingegangen_at"))
        .values("monat")
        .annotate(n=Count("pk"), geloest=Count("pk", filter=Q(status__in=GELOEST)))
    }
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Per month"),
            [
                Spalte(gettext("Month"), Art.MONAT),
                Spalte(gettext("Received")),
                Spalte(gettext("Solved")),
            ],
            [
                [
                    Monat.von(m),
                    monate.get(Monat.von(m), {}).get("n", 0),
                    monate.get(Monat.von(m), {}).get("geloest", 0),
                ]
                for m in zeitraum.monate()
            ],
            diagramm=Diagramm("linie", 0, (1, 2)),
        )
    )
    # One grouped pass for the tables by kind, by category and by area (a few hundred groups
    # at most: kinds × the areas' category names × areas), summed up here per table.
    gruppen = list(
        qs.values("art", "kategorie__name", "quartier_id").annotate(
            n=Count("pk"), geloest=_geloest()
        )
    )
    arten = dict(Anliegen.Art.choices)
    nach_art = _summiert(gruppen, "art")
    ergebnis.tabellen.append(
        Tabelle(
            gettext("By kind"),
            [Spalte(gettext("Kind"), Art.TEXT), Spalte(gettext("Received")), _spalte_geloest()],
            [
                [
                    str(label),
                    nach_art.get(art, {}).get("n", 0),
                    nach_art.get(art, {}).get("geloest", 0),
                ]
                for art, label in arten.items()
            ],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    )
    # Categories are the areas' own; those of the same name count together.
    kategorien = sorted(
        (
            {"kategorie__name": name, **z}
            for name, z in _summiert(gruppen, "kategorie__name").items()
        ),
        key=lambda z: (-z["n"], z["kategorie__name"]),
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("By category"),
            [
                Spalte(gettext("Category"), Art.TEXT),
                Spalte(gettext("Received")),
                _spalte_geloest(),
            ],
            [[z["kategorie__name"], z["n"], z["geloest"]] for z in kategorien],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    )
    stellen = list(
        Weiterleitung.objects.filter(anliegen__in=qs)
        .order_by()
        .values("akteur__name")
        .annotate(
            n=Count("pk"),
            beantwortet=Count("pk", filter=Q(beantwortet_at__isnull=False)),
        )
        .order_by("-n", "akteur__name")
    )
    ergebnis.tabellen.append(
        Tabelle(
            gettext("Forwarded to"),
            [
                Spalte(gettext("Office or company"), Art.TEXT),
                Spalte(gettext("Forwardings")),
                Spalte(gettext("Replied")),
            ],
            [[z["akteur__name"], z["n"], z["beantwortet"]] for z in stellen],
            hinweis=gettext("Forwardings of the concerns received in the period."),
        )
    )
    if len(quartiere) > 1:
        je = _summiert(gruppen, "quartier_id")
        ergebnis.je_quartier = Tabelle(
            gettext("Per area"),
            [Spalte(gettext("Area"), Art.TEXT), Spalte(gettext("Received")), _spalte_geloest()],
            [
                [name, je.get(pk, {}).get("n", 0), je.get(pk, {}).get("geloest", 0)]
                for pk, name in quartiere_nach_name(quartiere)
            ],
            diagramm=Diagramm("balken", 0, (1,)),
        )
    return ergebnis


def _summiert(gruppen: list[dict], feld: str) -> dict:
    """The grouped counts added up by one of the grouping's fields."""
    summen: dict = {}
    for z in gruppen:
        summe = summen.setdefault(z[feld], {"n": 0, "geloest": 0})
        summe["n"] += z["n"]
        summe["geloest"] += z["geloest"]
    return summen


def _geloest():
    return Count("pk", filter=Q(status__in=GELOEST))


def _spalte_geloest() -> Spalte:
    return Spalte(gettext("Solved"))
