"""The proof of use (*Verwendungsnachweis*) of a grant, as a funder asks for it: the cost
lines planned against spent in the grant's period, the financing, the payments requested,
and the list of receipts. One set of figures (`daten`) for the XLSX and the PDF."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.exports import Table
from quartier.pdf import kein_abruf

from .models import Ausgabe, Bewilligung, Mittelabruf, euro, summe


@dataclass
class Nachweisdaten:
    bewilligung: Bewilligung
    zeilen: list[dict]
    belege: list[Ausgabe]
    geplant: Decimal
    ausgegeben: Decimal
    abgerufen: Decimal
    erstellt: date


def daten(bewilligung: Bewilligung) -> Nachweisdaten:
    """The figures of the proof: the project's expenses dated within the grant's period."""
    projekt = bewilligung.projekt
    im_zeitraum = Q(ausgaben__datum__gte=bewilligung.von, ausgaben__datum__lte=bewilligung.bis)
    zeilen = []
    for position in projekt.kostenpositionen.annotate(
        ausgegeben=Sum("ausgaben__betrag", filter=im_zeitraum)
    ).order_by("reihenfolge", "pk"):
        ausgegeben = euro(position.ausgegeben or 0)
        zeilen.append(
            {
                "position": position,
                "geplant": position.betrag,
                "ausgegeben": ausgegeben,
                "differenz": position.betrag - ausgegeben,
            }
        )
    belege = list(
        Ausgabe.objects.filter(
            kostenposition__projekt=projekt,
            datum__gte=bewilligung.von,
            datum__lte=bewilligung.bis,
        )
        .select_related("kostenposition")
        .order_by("datum", "pk")
    )
    return Nachweisdaten(
        bewilligung=bewilligung,
        zeilen=zeilen,
        belege=belege,
        geplant=sum((z["geplant"] for z in zeilen), Decimal("0.00")),
        ausgegeben=sum((z["ausgegeben"] for z in zeilen), Decimal("0.00")),
        abgerufen=summe(bewilligung.mittelabrufe.filter(status=Mittelabruf.Status.EINGEGANGEN)),
        erstellt=timezone.localdate(),
    )


def dateiname(bewilligung: Bewilligung) -> str:
    return f"verwendungsnachweis-{bewilligung.projekt.slug}-{bewilligung.pk}"


def tabellen(nachweis: Nachweisdaten) -> list[Table]:
    """The two sheets of the XLSX: planned against spent per line, and the receipts."""
    name = dateiname(nachweis.bewilligung)
    plan = Table(
        filename=name,
        title=_("Planned and spent"),
        header=[_("Cost line"), _("kind"), _("planned"), _("spent"), _("difference")],
        rows=[
            [
                z["position"].bezeichnung,
                z["position"].get_art_display(),
                z["geplant"],
                z["ausgegeben"],
                z["differenz"],
            ]
            for z in nachweis.zeilen
        ]
        + [
            [
                _("Total"),
                "",
                nachweis.geplant,
                nachweis.ausgegeben,
                nachweis.geplant - nachweis.ausgegeben,
            ]
        ],
    )
    belege = Table(
        filename=name,
        title=_("Receipts"),
        header=[
            _("No."),
            _("date paid"),
            _("receipt number"),
            _("paid to"),
            _("what for"),
            _("Cost line"),
            _("amount"),
        ],
        rows=[
            [
                nummer,
                a.datum,
                a.belegnummer,
                a.empfaenger,
                a.bezeichnung,
                a.kostenposition.bezeichnung,
                a.betrag,
            ]
            for nummer, a in enumerate(nachweis.belege, start=1)
        ],
    )
    return [plan, belege]


def pdf(bewilligung: Bewilligung) -> bytes:
    """The proof as PDF, rendered by WeasyPrint from our own template (no outside URL)."""
    from weasyprint import HTML

    html = render_to_string("projekte/verwendungsnachweis.html", {"n": daten(bewilligung)})
    return HTML(string=html, url_fetcher=kein_abruf()).write_pdf()
