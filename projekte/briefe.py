"""The decision letter (*Bescheid*) and the funding agreement (*Zuwendungsvereinbarung*) of
a fund application, as PDFs to print and sign: the office downloads them in the admin, the
applicant through their private link. WeasyPrint from our own templates, no outside URL.
One or two pages each: rendered while the request waits (a fraction of a second)."""

from django.template.loader import render_to_string
from django.utils import timezone

from quartier.pdf import kein_abruf

from .models import ABGERECHNET, BINDEND, NULL_EURO, Antrag, euro

BESCHEID = "bescheid"
VEREINBARUNG = "vereinbarung"
ARTEN = (BESCHEID, VEREINBARUNG)


def verfuegbar(antrag: Antrag) -> list[str]:
    """The letters an application has: the decision once decided; the agreement once
    approved (and while the approval stands or was settled)."""
    arten = []
    if antrag.entschieden_at is not None:
        arten.append(BESCHEID)
    if antrag.bewilligt is not None and antrag.status in BINDEND | ABGERECHNET:
        arten.append(VEREINBARUNG)
    return arten


def dateiname(antrag: Antrag, art: str) -> str:
    return f"{art}-{antrag.nummer.lower()}.pdf"


def pdf(antrag: Antrag, art: str) -> bytes:
    from weasyprint import HTML

    kosten = list(antrag.kosten.all())
    html = render_to_string(
        f"projekte/{art}.html",
        {
            "antrag": antrag,
            "kosten": kosten,
            "summe": euro(sum((k.betrag for k in kosten), NULL_EURO)) + antrag.pauschale,
            "heute": timezone.localdate(),
            "titel": antrag.nummer,
        },
    )
    return HTML(string=html, url_fetcher=kein_abruf()).write_pdf()
