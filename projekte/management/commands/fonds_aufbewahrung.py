"""Daily clean-up of the Verfügungsfonds (cron): the contact data, receipts and own notes of
applications closed longer ago than the audit period are deleted (the public entry stays),
and drafts never sent are deleted after FONDS_ENTWURF_LOESCHEN_NACH_TAGEN days. Running it
twice, or after a missed day, does no harm."""

from django.core.management.base import BaseCommand

from projekte.services import fonds_aufbewahrung


class Command(BaseCommand):
    help = "Delete fund applicants' data after the audit period, and old unsent drafts."

    def handle(self, *args, **options):
        bereinigt, entwuerfe = fonds_aufbewahrung()
        self.stdout.write(
            f"{bereinigt} applications' contact data deleted, {entwuerfe} old drafts deleted"
        )
