"""Remind the responsible staff of reports due (run daily, e.g. by cron)."""

from django.core.management.base import BaseCommand

from projekte.services import NACHWEIS_VORLAUF_TAGE, nachweise_erinnern


class Command(BaseCommand):
    help = "Mail the staff responsible for a grant before each report falls due (once each)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tage", type=int, default=NACHWEIS_VORLAUF_TAGE, help="days before the due date"
        )

    def handle(self, *args, tage, **options):
        count = nachweise_erinnern(vorlauf_tage=tage)
        self.stdout.write(f"{count} reports due reminded")
