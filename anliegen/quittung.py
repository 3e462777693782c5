"""The printable receipt for concerns staff take by phone or at the office hours."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from quartier.pdf import kein_abruf


def quittung_html(*, anliegen, pin: str, request, pdf: bool = False) -> str:
    return render_to_string(
        "anliegen/quittung_druck.html",
        {
            "anliegen": anliegen,
            "pin": pin,
            "link": settings.SITE_URL + anliegen.get_verfolgen_url(),
            "pin_url": settings.SITE_URL + reverse("anliegen:anliegen_pin"),
            "pdf": pdf,
        },
        request=request,
    )


# A6 is the size of a postcard: handed over at the office hours, it fits in a wallet.
GROESSEN = {
    "a4": "",
    "a6": "@page { size: A6; margin: 7mm; } body.quittung { font-size: 8pt; } "
    ".quittung h1 { font-size: 12pt; margin-bottom: 2mm; } .quittung .gross { font-size: 12pt; } "
    ".quittung dt { margin-top: 1.5mm; } .quittung .klein { font-size: 7pt; }",
}


def quittung_pdf(*, anliegen, pin: str, request, groesse: str = "a4") -> bytes:
    """A4 or A6 PDF rendered by WeasyPrint from our own template and stylesheet (no outside
    URL is fetched)."""
    from weasyprint import CSS, HTML

    stylesheets = [CSS(filename=finders.find("anliegen/quittung.css"))]
    if GROESSEN[groesse]:
        stylesheets.append(CSS(string=GROESSEN[groesse]))
    html = quittung_html(anliegen=anliegen, pin=pin, request=request, pdf=True)
    return HTML(string=html, url_fetcher=kein_abruf()).write_pdf(stylesheets=stylesheets)
