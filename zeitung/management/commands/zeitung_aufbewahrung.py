"""Daily clean-up of the newspaper's subscriptions (cron): delete the addresses never
confirmed ZEITUNG_ABO_BESTAETIGEN_TAGE days after they were entered. Running it twice, or
after a missed day, does no harm."""

from django.core.management.base import BaseCommand

from zeitung.services import unbestaetigte_loeschen


class Command(BaseCommand):
    help = "Delete newspaper subscriptions that were not confirmed in time."

    def handle(self, *args, **options):
        count = unbestaetigte_loeschen()
        self.stdout.write(f"{count} unconfirmed subscriptions deleted")
