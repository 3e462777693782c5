"""The printable receipt for concerns staff take by phone or at the office hours."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse


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


def quittung_pdf(*, anliegen, pin: str, request) -> bytes:
    """A4 PDF rendered by WeasyPrint from our own template and stylesheet (no outside URL)."""
    from weasyprint import CSS, HTML

    css = CSS(filename=finders.find("anliegen/quittung.css"))
    html = quittung_html(anliegen=anliegen, pin=pin, request=request, pdf=True)
    return HTML(string=html, url_fetcher=_kein_abruf).write_pdf(stylesheets=[css])


def _kein_abruf(url, *args, **kwargs):
    raise ValueError(f"No external resources in receipts: {url}")
