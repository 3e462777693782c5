from django.core.management.base import BaseCommand

from quartier.mail import purge_old, send_pending


class Command(BaseCommand):
    help = (
        "Enqueue every stored mail that is not sent yet and due again, and delete mails "
        "older than MAIL_KEEP_DAYS that are done (run by cron)."
    )

    def handle(self, *args, **options):
        count = send_pending()
        purged = purge_old()
        self.stdout.write(f"{count} mail(s) enqueued, {purged} old mail(s) deleted.")
