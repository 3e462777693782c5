from django.core.management.base import BaseCommand

from anliegen.services import aufbewahrung


class Command(BaseCommand):
    help = (
        "Retention: anonymise residents' contact data and delete photos N months after "
        "closing (ANLIEGEN_AUFBEWAHRUNG_MONATE); delete spam and unconfirmed reports after "
        "30 days. Run daily."
    )

    def handle(self, *args, **options):
        anonymisiert, geloescht = aufbewahrung()
        self.stdout.write(f"{anonymisiert} anonymisiert, {geloescht} gelöscht.")
