"""Every PDF is rendered without fetching anything, and a reference to an outside resource
is skipped rather than crashing the page (found: four PDF modules passed a plain function
as WeasyPrint's url fetcher, which WeasyPrint 70 cannot use)."""

import re
import socket
from pathlib import Path

from django.conf import settings

from quartier.pdf import kein_abruf

AUSSEN = (
    "<style>@font-face{font-family:x;src:url(http://192.0.2.1/f.woff)} p{font-family:x}</style>"
    '<p>Text<img src="http://192.0.2.1/x.png" alt=""><img src="file:///etc/passwd" alt="">'
    '<a href="https://192.0.2.1/">Link</a></p>'
)


def test_outside_references_are_skipped_and_nothing_is_fetched(monkeypatch):
    from weasyprint import HTML

    def kein_netz(*args, **kwargs):
        raise AssertionError("a PDF tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", kein_netz)
    monkeypatch.setattr(socket.socket, "connect", kein_netz)
    pdf = HTML(string=AUSSEN, url_fetcher=kein_abruf()).write_pdf()
    assert pdf.startswith(b"%PDF")


def test_every_pdf_of_the_project_uses_a_fetcher_object():
    """Each WeasyPrint `HTML(...)` of our code names its url fetcher, and none is a plain
    function (a `def ...(url, ...)` handed over as `url_fetcher=name`)."""
    base = Path(settings.BASE_DIR)
    falsch = []
    for path in sorted(base.glob("*/*.py")):
        if ".venv" in path.parts or path.parts[-2] in {"tests", "node_modules"}:
            continue
        quelle = path.read_text()
        for aufruf in re.finditer(r"\bHTML\((?:[^()]|\([^()]*\))*\)", quelle):
            if "url_fetcher=" not in aufruf.group(0):
                falsch.append(f"{path.relative_to(base)}: {aufruf.group(0)[:60]} has no fetcher")
        for name in re.findall(r"url_fetcher=(\w+)[,)]", quelle):
            if re.search(rf"^def {name}\(url", quelle, re.M):
                falsch.append(f"{path.relative_to(base)}: {name} is a plain function")
    assert not falsch, "\n".join(falsch)
