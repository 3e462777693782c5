import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import druck
from .models import Zeitungsausgabe

logger = logging.getLogger(__name__)

# The thumbnails of the page plan: the printed page as PNG, this wide in pixels.
MINIATUR_BREITE = 240


@task()
def pdf_erzeugen(ausgabe_id: int) -> bool:
    """Render an issue's print PDF and keep it with the issue (private storage), keyed by
    the hash of what it is made from, with what it measured for each planned page and that
    page's thumbnail. Idempotent: a request already answered is not rendered again, and an
    unchanged issue reuses its stored file. True when rendered."""
    ausgabe = Zeitungsausgabe.objects.select_related("quartier").filter(pk=ausgabe_id).first()
    if ausgabe is None or not ausgabe.pdf_in_arbeit:
        return False
    daten = druck.daten(ausgabe)
    schluessel = daten.schluessel
    wiederverwendet = (
        schluessel == ausgabe.pdf_schluessel
        and ausgabe.pdf
        and ausgabe.pdf.storage.exists(ausgabe.pdf.name)
    )
    inhalt, seiten = None, ausgabe.pdf_seiten
    if not wiederverwendet:
        dokument = druck.dokument(daten)
        inhalt = dokument.write_pdf()
        seiten = druck.messen(dokument)
        _miniaturen(ausgabe, inhalt, seiten, schluessel)
    with transaction.atomic():
        gesperrt = Zeitungsausgabe.objects.select_for_update().get(pk=ausgabe_id)
        alt, alte_bilder = gesperrt.pdf.name, {s.get("bild") for s in gesperrt.pdf_seiten}
        if inhalt is not None:
            gesperrt.pdf.save(
                f"{druck.dateiname(ausgabe)}-{schluessel[:16]}.pdf",
                ContentFile(inhalt),
                save=False,
            )
            gesperrt.pdf_schluessel = schluessel
            gesperrt.pdf_seiten = seiten
        gesperrt.pdf_fertig_at = timezone.now()
        gesperrt.save(update_fields=["pdf", "pdf_schluessel", "pdf_seiten", "pdf_fertig_at"])
    storage = gesperrt.pdf.storage
    if alt and alt != gesperrt.pdf.name:
        storage.delete(alt)
    for bild in alte_bilder - {s.get("bild") for s in gesperrt.pdf_seiten}:
        if bild:
            storage.delete(bild)
    return inhalt is not None


def _miniaturen(ausgabe, pdf: bytes, seiten: list[dict], schluessel: str) -> None:
    """Each planned page's first printed page as a small PNG (poppler's `pdftoppm`), stored
    privately beside the PDF; `bild` is set on the page's entry. Without pdftoppm the page
    plan shows no thumbnails, the PDF is made all the same."""
    programm = shutil.which("pdftoppm")
    if programm is None:
        logger.warning("pdftoppm is missing: no thumbnails for the page plan")
        return
    storage = ausgabe.pdf.storage
    with tempfile.TemporaryDirectory() as ordner:
        quelle = Path(ordner) / "ausgabe.pdf"
        quelle.write_bytes(pdf)
        # One run draws every page (one process parsing the PDF once); the files are named
        # `s-<page>.png`, the page number zero-padded to the width of the last one.
        subprocess.run(  # noqa: S603 - poppler's pdftoppm on the PDF we just made
            [
                programm,
                "-png",
                "-scale-to-x",
                str(MINIATUR_BREITE),
                "-scale-to-y",
                "-1",
                str(quelle),
                str(Path(ordner) / "s"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        bilder = {int(p.stem.rsplit("-", 1)[1]): p for p in Path(ordner).glob("s-*.png")}
        for seite in seiten:
            if (bild := bilder.get(seite["von"])) is None:
                continue
            name = f"zeitung/seiten/{ausgabe.pk}-{schluessel[:16]}-{seite['seite']}.png"
            if storage.exists(name):
                storage.delete(name)
            seite["bild"] = storage.save(name, ContentFile(bild.read_bytes()))


@task()
def web_pdf_erzeugen(ausgabe_id: int) -> bool:
    """The web edition of a published issue: PDF/UA, tagged, lighter photos, from the same
    HTML as the print. Made once when the issue appears (it is frozen from then on)."""
    ausgabe = Zeitungsausgabe.objects.select_related("quartier").filter(pk=ausgabe_id).first()
    if ausgabe is None or ausgabe.status != Zeitungsausgabe.Status.ERSCHIENEN or ausgabe.web_pdf:
        return False
    inhalt = druck.rendern(druck.daten(ausgabe), web=True)
    with transaction.atomic():
        gesperrt = Zeitungsausgabe.objects.select_for_update().get(pk=ausgabe_id)
        if gesperrt.web_pdf:
            return False
        gesperrt.web_pdf.save(
            f"{druck.dateiname(ausgabe)}-barrierefrei.pdf", ContentFile(inhalt), save=False
        )
        gesperrt.save(update_fields=["web_pdf"])
    return True
