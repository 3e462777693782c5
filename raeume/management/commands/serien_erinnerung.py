"""Remind actors that a booked series runs out soon (run daily, e.g. by cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from raeume.services import serien_erinnern


class Command(BaseCommand):
    help = "Mail actors whose room series ends within the next days (once per series)."

    def add_arguments(self, parser):
        parser.add_argument("--tage", type=int, default=14, help="days before the last date")

    def handle(self, *args, tage, **options):
        count = serien_erinnern(vorlauf=timedelta(days=tage))
        self.stdout.write(f"{count} series reminded")
