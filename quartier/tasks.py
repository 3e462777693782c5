import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from . import benachrichtigungen, mail, report_files, reporting
from .models import Berichtsdatei

logger = logging.getLogger(__name__)


@task()
def deliver_mail(mail_id: int) -> bool:
    """Deliver one stored mail; idempotent (a sent mail is not sent again)."""
    return mail.deliver(mail_id)


@task()
def deliver_mails(mail_ids: list[int]) -> int:
    """Deliver many stored mails (a mailing); idempotent like `deliver_mail`. A mail that
    fails is retried on its own. Returns how many were sent."""
    return sum(mail.deliver(mail_id) for mail_id in mail_ids)


@task()
def benachrichtigungen_senden() -> int:
    """Mail the immediate notifications not sent yet; idempotent (rows are marked)."""
    return benachrichtigungen.sofort_senden()


@task()
def bericht_pdf_erzeugen(datei_id: int) -> bool:
    """The PDF of a report for the city, from the figures the request stored; idempotent (a
    file made is not made again). A failure is kept on the row, so the page says so and
    asking again tries anew."""
    datei = Berichtsdatei.objects.filter(pk=datei_id).prefetch_related("quartiere").first()
    if datei is None or datei.datei:
        return False
    namen = sorted(q.name for q in datei.quartiere.all())
    zeitraum = reporting.Zeitraum(datei.von, datei.bis, datei.zeitraum_art)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            inhalt = report_files.pdf(
                reporting.aus_daten(datei.daten), namen=namen, zeitraum=zeitraum
            )
    except Exception:
        logger.exception("Report PDF %s failed", datei_id)
        Berichtsdatei.objects.filter(pk=datei_id).update(fehler="render")
        raise
    with transaction.atomic():
        gesperrt = Berichtsdatei.objects.select_for_update().get(pk=datei_id)
        if gesperrt.datei:
            return False
        gesperrt.datei.save(
            f"{report_files.dateiname(namen=namen, zeitraum=zeitraum)}.pdf",
            ContentFile(inhalt),
            save=False,
        )
        gesperrt.fertig_at = timezone.now()
        gesperrt.fehler = ""
        gesperrt.save(update_fields=["datei", "fertig_at", "fehler"])
    return True
