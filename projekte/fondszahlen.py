"""The figures of a Verfügungsfonds for the city's annual proof: what came in and what was
decided, the money (budget, approved, paid, free), the funded micro-projects per field of
action and per target group, and the list of funded micro-projects. Aggregates only, in a
fixed number of queries whatever the number of applications; no applicant's name or
contact (the city gets figures and projects, not people). One set of figures (`daten`)
for the page, the XLSX and the PDF."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.models import Handlungsfeld, Zielgruppe
from quartier.exports import Table
from quartier.pdf import kein_abruf

from .models import ABGERECHNET, BINDEND, NULL_EURO, Antrag, Antragsstatus, Fonds, euro
from .services import FondsZahlen, fonds_zahlen

# Approved and not given back: bound, or settled.
GEFOERDERT = BINDEND | ABGERECHNET


@dataclass
class Fondsjahr:
    fonds: Fonds
    zahlen: FondsZahlen
    je_status: list[tuple[str, int, object]]
    je_handlungsfeld: list[tuple[str, int, object]]
    je_zielgruppe: list[tuple[str, int, object]]
    gefoerderte: list[Antrag]
    erstellt: date


def daten(fonds: Fonds) -> Fondsjahr:
    eingegangen = fonds.antraege.eingegangen()
    je_status = {
        z["status"]: (z["anzahl"], z["beantragt"])
        for z in eingegangen.values("status").annotate(
            anzahl=Count("pk"), beantragt=Sum("beantragt")
        )
    }
    gefoerdert = eingegangen.filter(status__in=GEFOERDERT)
    felder = (
        Handlungsfeld.objects.annotate(
            anzahl=Count(
                "fondsantraege",
                filter=Q(fondsantraege__fonds=fonds, fondsantraege__status__in=GEFOERDERT),
            ),
            bewilligt=Sum(
                "fondsantraege__bewilligt",
                filter=Q(fondsantraege__fonds=fonds, fondsantraege__status__in=GEFOERDERT),
            ),
        )
        .filter(anzahl__gt=0)
        .order_by("reihenfolge", "name")
    )
    ziel = gefoerdert.aggregate(
        **{
            f"n_{wert}": Count("pk", filter=Q(zielgruppen__contains=[wert]))
            for wert, _text in Zielgruppe.choices
        },
        **{
            f"s_{wert}": Sum("bewilligt", filter=Q(zielgruppen__contains=[wert]))
            for wert, _text in Zielgruppe.choices
        },
    )
    liste = list(
        gefoerdert.annotate(bezahlt=Sum("auszahlungen__betrag"))
        .prefetch_related(
            Prefetch("handlungsfelder", queryset=Handlungsfeld.objects.order_by("name"))
        )
        .order_by("nummer")
    )
    return Fondsjahr(
        fonds=fonds,
        zahlen=fonds_zahlen(fonds),
        je_status=[
            (status.label, *je_status[status.value])
            for status in Antragsstatus
            if status.value in je_status
        ],
        je_handlungsfeld=[(f.name, f.anzahl, euro(f.bewilligt or 0)) for f in felder],
        je_zielgruppe=[
            (text, ziel[f"n_{wert}"], euro(ziel[f"s_{wert}"] or 0))
            for wert, text in Zielgruppe.choices
            if ziel[f"n_{wert}"]
        ],
        gefoerderte=liste,
        erstellt=timezone.localdate(),
    )


def dateiname(fonds: Fonds) -> str:
    return f"verfuegungsfonds-{fonds.quartier.slug}-{fonds.jahr}"


def tabellen(jahr: Fondsjahr) -> list[Table]:
    """The sheets of the XLSX: the money, the applications by state, the funded ones by
    field of action and by target group, and the list of funded micro-projects."""
    name = dateiname(jahr.fonds)
    z = jahr.zahlen
    return [
        Table(
            filename=name,
            title=_("The money"),
            header=[_("Figure"), _("EUR")],
            rows=[
                [_("Budget of the year"), jahr.fonds.jahresbudget()],
                [_("Carried over from last year"), jahr.fonds.uebertrag or NULL_EURO],
                [_("Budget"), z.budget],
                [_("Approved"), z.gebunden],
                [_("Paid out"), z.ausgezahlt],
                [_("Carried over to next year"), jahr.fonds.uebertragen or NULL_EURO],
                [_("Still free"), z.frei],
            ],
        ),
        Table(
            filename=name,
            title=_("By state"),
            header=[_("State"), _("applications"), _("applied for (EUR)")],
            rows=[
                [text, anzahl, euro(summe or NULL_EURO)] for text, anzahl, summe in jahr.je_status
            ],
        ),
        Table(
            filename=name,
            title=_("By field of action"),
            header=[_("Field of action"), _("funded"), _("approved (EUR)")],
            rows=[list(zeile) for zeile in jahr.je_handlungsfeld],
        ),
        Table(
            filename=name,
            title=_("By target group"),
            header=[_("Target group"), _("funded"), _("approved (EUR)")],
            rows=[list(zeile) for zeile in jahr.je_zielgruppe],
        ),
        Table(
            filename=name,
            title=_("Funded micro-projects"),
            header=[
                _("Number"),
                _("Title"),
                _("Applicant"),
                _("Fields of action"),
                _("Target groups"),
                _("From"),
                _("Until"),
                _("approved (EUR)"),
                _("paid (EUR)"),
                _("State"),
                _("decided by"),
            ],
            rows=[
                [
                    a.nummer,
                    a.titel,
                    a.organisation or a.get_antragsteller_display(),
                    ", ".join(f.name for f in a.handlungsfelder.all()),
                    ", ".join(str(t) for t in a.zielgruppen_labels()),
                    a.von,
                    a.bis,
                    a.bewilligt,
                    euro(a.bezahlt or 0),
                    a.get_status_display(),
                    a.get_entscheidungsweg_display(),
                ]
                for a in jahr.gefoerderte
            ],
        ),
    ]


def pdf(fonds: Fonds) -> bytes:
    """The figures as a PDF for the city, rendered by WeasyPrint from our own template
    (no outside URL). A few pages: rendered while the request waits (well under a second
    for a year's applications)."""
    from weasyprint import HTML

    jahr = daten(fonds)
    html = render_to_string("projekte/fondszahlen.html", {"j": jahr, "tabellen": tabellen(jahr)})
    return HTML(string=html, url_fetcher=kein_abruf()).write_pdf()
