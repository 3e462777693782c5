from django.core.management.base import BaseCommand

from anliegen.services import tagesuebersicht


class Command(BaseCommand):
    help = "Daily digest: each assignee gets their overdue concerns and forwardings by mail."

    def handle(self, *args, **options):
        n = tagesuebersicht()
        self.stdout.write(f"{n} Übersicht(en) verschickt.")
