"""Remind of proofs due (run daily, e.g. by cron): the staff responsible for a grant before
each report falls due, and each Verfügungsfonds applicant before the fund's deadline for
the proof of use."""

from django.core.management.base import BaseCommand

from projekte.services import NACHWEIS_VORLAUF_TAGE, fonds_nachweise_erinnern, nachweise_erinnern


class Command(BaseCommand):
    help = "Mail reminders before reports and proofs of use fall due (once each)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tage", type=int, default=NACHWEIS_VORLAUF_TAGE, help="days before the due date"
        )

    def handle(self, *args, tage, **options):
        count = nachweise_erinnern(vorlauf_tage=tage)
        self.stdout.write(f"{count} reports due reminded")
        count = fonds_nachweise_erinnern(vorlauf_tage=tage)
        self.stdout.write(f"{count} fund applicants reminded of their proof of use")
