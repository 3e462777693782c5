"""The city's yearly report over every area (issue 16): one request's time for the HTML
page, and the worker's time for its PDF. The bars: the page in under 2 s with a query count
that does not grow with the data, the PDF under 30 s.

The page is asked for in-process (Django's test client against the run's database, with
the server's settings) one request at a time, as a clerk asks for it: the wrk scenario
`bericht_stadt` measures the same page under load. The PDF is made as the worker makes it
(`quartier.tasks.bericht_pdf_erzeugen`), from the figures the request stored."""

import statistics
import time

RUNDEN = 3
HTML_SEKUNDEN = 2.0
PDF_SEKUNDEN = 30.0
PERSONA = "betrieb"  # every area of the city


def url() -> str:
    from django.urls import reverse
    from django.utils import timezone

    return reverse("berichte:bericht") + f"?art=jahr&jahr={timezone.localdate().year - 1}"


def measure() -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from quartier import reporting
    from quartier.models import Berichtsdatei, Quartier, User
    from quartier.tasks import bericht_pdf_erzeugen

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(email=f"{PERSONA}@quartier.example"))
    from quartier.cache import BERICHT

    # Every round computes every section anew (the report keeps computed sections until the
    # data changes: a new version is what a write does); then once more as kept.
    seiten, abfragen = [], 0
    for _ in range(RUNDEN):
        cache.set(BERICHT, time.time_ns(), timeout=None)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url())
            seiten.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"The report answered {response.status_code}")
        abfragen = len(queries)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        client.get(url())
        behalten = time.perf_counter() - start
    behalten_abfragen = len(queries)
    abschnitte = len(reporting.eintraege())

    pdfs = []
    for _ in range(RUNDEN):
        Berichtsdatei.objects.all().delete()  # the run's own copy of the data
        daten = {"art": "jahr", "jahr": str(timezone.localdate().year - 1)}
        client.post(reverse("berichte:pdf"), daten)
        datei = Berichtsdatei.objects.get()
        start = time.perf_counter()
        bericht_pdf_erzeugen.call(datei.pk)
        pdfs.append(time.perf_counter() - start)
    datei.refresh_from_db()
    if not datei.datei:
        raise RuntimeError(f"The report's PDF was not made: {datei.fehler}")
    html_s, pdf_s = statistics.median(seiten), statistics.median(pdfs)
    return {
        "areas": Quartier.objects.count(),
        "sections": abschnitte,
        "queries": abfragen,
        "html_kept_s": round(behalten, 3),
        "kept_queries": behalten_abfragen,
        "html_s": round(html_s, 2),
        "pdf_s": round(pdf_s, 2),
        "pdf_kb": round(datei.datei.size / 1024),
        "met": html_s < HTML_SEKUNDEN and pdf_s < PDF_SEKUNDEN,
        "targets": {"html_s": HTML_SEKUNDEN, "pdf_s": PDF_SEKUNDEN},
    }


def line(result: dict) -> str:
    return (
        f"city report ({result['areas']} areas, {result['sections']} sections): page "
        f"{result['html_s']:.2f} s with {result['queries']} queries "
        f"(target < {HTML_SEKUNDEN:g} s; kept sections: {result.get('html_kept_s', 0):.2f} s, "
        f"{result.get('kept_queries', 0)} queries), "
        f"PDF {result['pdf_s']:.2f} s, {result['pdf_kb']} KB (target < {PDF_SEKUNDEN:g} s): "
        + ("met" if result["met"] else "NOT MET")
    )
