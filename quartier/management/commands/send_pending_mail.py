from django.core.management.base import BaseCommand

from quartier.mail import send_pending


class Command(BaseCommand):
    help = "Enqueue every stored mail that is not sent yet and due again (run by cron)."

    def handle(self, *args, **options):
        count = send_pending()
        self.stdout.write(f"{count} mail(s) enqueued.")
