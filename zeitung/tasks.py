from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import druck
from .models import Zeitungsausgabe


@task()
def pdf_erzeugen(ausgabe_id: int) -> bool:
    """Render an issue's print PDF and keep it with the issue (private storage), keyed by
    the hash of what it is made from. Idempotent: a request already answered is not
    rendered again, and an unchanged issue reuses its stored file. True when rendered."""
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
    inhalt = None if wiederverwendet else druck.rendern(daten)
    with transaction.atomic():
        gesperrt = Zeitungsausgabe.objects.select_for_update().get(pk=ausgabe_id)
        alt = gesperrt.pdf.name
        if inhalt is not None:
            gesperrt.pdf.save(
                f"{druck.dateiname(ausgabe)}-{schluessel[:16]}.pdf",
                ContentFile(inhalt),
                save=False,
            )
            gesperrt.pdf_schluessel = schluessel
        gesperrt.pdf_fertig_at = timezone.now()
        gesperrt.save(update_fields=["pdf", "pdf_schluessel", "pdf_fertig_at"])
    if alt and alt != gesperrt.pdf.name:
        gesperrt.pdf.storage.delete(alt)
    return inhalt is not None
