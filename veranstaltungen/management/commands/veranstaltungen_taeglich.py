"""Daily work of the calendar (cron): remind tomorrow's participants and delete the
personal data of registrations N days after their event (only the counts stay)."""

from django.core.management.base import BaseCommand

from veranstaltungen.services import anmeldungen_loeschen, erinnern


class Command(BaseCommand):
    help = "Send tomorrow's reminders and delete old registrations' personal data."

    def handle(self, *args, **options):
        erinnert = erinnern()
        geloescht = anmeldungen_loeschen()
        self.stdout.write(f"{erinnert} reminders sent, {geloescht} events cleaned")
