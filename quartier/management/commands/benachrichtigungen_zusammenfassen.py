from django.core.management.base import BaseCommand

from quartier.benachrichtigungen import zusammenfassen


class Command(BaseCommand):
    help = (
        "Daily digest of notifications: one mail per person with everything that waits for "
        "them and that they chose to get daily; run twice, it sends nothing new."
    )

    def handle(self, *args, **options):
        n = zusammenfassen()
        self.stdout.write(f"{n} Zusammenfassung(en) verschickt.")
