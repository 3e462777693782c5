from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import verwendungsnachweis
from .models import Bewilligung


@task()
def verwendungsnachweis_erstellen(bewilligung_id: int) -> bool:
    """Render a grant's proof of use as PDF and keep it with the grant (private storage).
    Idempotent: a request already answered by a newer PDF is not rendered again."""
    bewilligung = (
        Bewilligung.objects.select_related("projekt__quartier", "programm")
        .filter(pk=bewilligung_id)
        .first()
    )
    if bewilligung is None or bewilligung.nachweis_pdf_angefordert_at is None:
        return False
    angefordert = bewilligung.nachweis_pdf_angefordert_at
    if bewilligung.nachweis_pdf_at and bewilligung.nachweis_pdf_at >= angefordert:
        return False
    inhalt = verwendungsnachweis.pdf(bewilligung)
    with transaction.atomic():
        gesperrt = Bewilligung.objects.select_for_update().get(pk=bewilligung_id)
        alt = gesperrt.nachweis_pdf.name
        gesperrt.nachweis_pdf.save(
            f"{verwendungsnachweis.dateiname(gesperrt)}.pdf", ContentFile(inhalt), save=False
        )
        gesperrt.nachweis_pdf_at = timezone.now()
        gesperrt.save(update_fields=["nachweis_pdf", "nachweis_pdf_at"])
    if alt and alt != gesperrt.nachweis_pdf.name:
        gesperrt.nachweis_pdf.storage.delete(alt)
    return True
