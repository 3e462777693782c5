"""Daily clean-up of the room bookings (cron): delete residents' contact data on bookings
BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN days after the booking ended (the booking stays for
the use figures). Running it twice, or after a missed day, does no harm."""

from django.core.management.base import BaseCommand

from raeume.services import buchungskontakte_loeschen


class Command(BaseCommand):
    help = "Delete the contact data of bookings that ended longer ago than the retention period."

    def handle(self, *args, **options):
        count = buchungskontakte_loeschen()
        self.stdout.write(f"{count} bookings' contact data deleted")
