from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from quartier import cache as quartier_cache
from quartier import demo, demo_stadt
from quartier.demo import DEMO_PASSWORD, DEMO_USERS
from quartier.models import Quartier


class Command(BaseCommand):
    help = (
        "Fill a believable German neighbourhood with demo data (idempotent). "
        "Each app adds its own part from <app>/demo.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["quartier", "city"],
            default="quartier",
            help="'city' fills a city-sized data set for benchmarks (where apps provide one).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing if an area exists already (used by `make run`: keeps your data).",
        )
        parser.add_argument(
            "--faktor",
            type=float,
            default=1.0,
            help="With --scale city: every count times this (e.g. 0.001 for a quick look).",
        )

    def handle(self, *args, scale, once, faktor, **options):
        if once and Quartier.objects.exists():
            self.stdout.write("Demo data present, left as it is.")
            self.print_logins()
            return
        with transaction.atomic():
            context = demo.load(scale=scale)
            modules = []
            for config in apps.get_app_configs():
                if config.name == "quartier" or not config.name.isidentifier():
                    continue
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name == f"{config.name}.demo":
                        continue
                    raise
                module.load(context)
                modules.append(module)
                self.stdout.write(f"Demo data: {config.verbose_name} ✓")
            if scale == "city":
                self.load_stadt(context, modules, faktor)
            # COPY and bulk_create send no signals: no cached public page shows the old data.
            for app in quartier_cache.APPS:
                quartier_cache.bump(app)
        self.stdout.write(self.style.SUCCESS(f"Demo area: {context.quartier.name}"))
        self.print_logins()

    def load_stadt(self, context, modules, faktor):
        """The city-sized data set: each app's `load_stadt` (quartier.demo_stadt)."""
        stadt = demo_stadt.load(context, faktor=faktor)
        for module in modules:
            if hasattr(module, "load_stadt"):
                with demo_stadt.Uhr(stadt, module.__name__):
                    module.load_stadt(stadt)
        if stadt.gemacht:
            with demo_stadt.Uhr(stadt, "ANALYZE"):
                demo_stadt.statistiken()
        self.stdout.write(f"City data set ({demo_stadt.STADT}, factor {faktor:g}), made now:")
        if not stadt.gemacht:
            self.stdout.write("  nothing: it is loaded already.")
        for name, n in stadt.gemacht.items():
            self.stdout.write(f"  {n:>10,} {name}")
        for name, sekunden in stadt.dauer.items():
            self.stdout.write(f"  {name}: {sekunden:.0f} s")

    def print_logins(self):
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for _key, email, name, rolle, _staff in DEMO_USERS:
            self.stdout.write(f"  {email:<30} {rolle or 'Betrieb (Superuser)'} – {name}")
