"""Demo data of the core: one believable area, its office, and a log-in for every role.

Each app adds its own part in `<app>/demo.py` (a `load(context)` function); the `demo`
command runs them in the order of INSTALLED_APPS. Every part is idempotent.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group

from .models import Quartier, Quartiersstrasse, Stadtteildaten, User
from .roles import Rolle

DEMO_PASSWORD = "quartier-demo"  # noqa: S105 - printed for the demo log-ins, dev only

# Streets of the demo district, for places of concerns, events and addresses.
STRASSEN = [
    "Brunnenstraße",
    "Mühlengasse",
    "Am Wasserturm",
    "Lindenplatz",
    "Färberweg",
    "Kastanienallee",
    "Weberstraße",
    "Am Bahndamm",
    "Schillerstraße",
    "Gartenfeldweg",
]


# Streets of the neighbouring area (the chooser finds an area by its streets).
HAFEN_STRASSEN = [
    "Kaistraße",
    "Am Speicher",
    "Hafenstraße",
    "Werftweg",
    "Zollhof",
    "Lotsengasse",
    "Fischmarkt",
]


@dataclass
class DemoContext:
    quartier: Quartier
    nachbar_quartier: Quartier
    users: dict[str, User] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    scale: str = "quartier"


DEMO_USERS = [
    # key, e-mail, name, role, staff
    ("betrieb", "betrieb@quartier.example", "Betrieb (alle Rechte)", None, True),
    ("qm", "qm@quartier.example", "Sabine Wolters", Rolle.QUARTIERSMANAGEMENT, True),
    ("mitarbeit", "mitarbeit@quartier.example", "Murat Yılmaz", Rolle.MITARBEITENDE, True),
    ("redaktion", "redaktion@quartier.example", "Jana Petersen", Rolle.REDAKTION, True),
    ("stadt", "stadt@quartier.example", "Dr. Klaus Berger", Rolle.STADTVERWALTUNG, True),
    ("partner", "partner@quartier.example", "Elif Demir", Rolle.PARTNER, False),
    ("partner2", "partner2@quartier.example", "Thomas Krüger", Rolle.PARTNER, False),
]


def load(*, scale: str = "quartier") -> DemoContext:
    quartier, _ = Quartier.objects.update_or_create(
        slug="brunnenviertel",
        defaults={
            "name": "Brunnenviertel",
            "gemeinde": "Stadt Lindenau",
            "einwohner": 6840,
            "einwohner_stichtag": date(2025, 12, 31),
            "vollzeitstellen": Decimal("2.00"),
            "traeger": "Caritasverband Lindenau e. V.",
            "buero_name": "Stadtteilbüro Brunnenviertel",
            "strasse": "Brunnenstraße 14",
            "plz": "54321",
            "ort": "Lindenau",
            "sprechzeiten": "Montag 10–12 Uhr\nDienstag 15–18 Uhr\nDonnerstag 10–12 und 14–16 Uhr",
            "telefon": "06541 123 45-0",
            "email": "stadtteilbuero@brunnenviertel.example",
            "vertreten_durch": "Dr. Ulrike Brandt, Vorstand",
            "registereintrag": "Amtsgericht Lindenau, VR 1187",
            "verantwortlich_inhalt": "Sabine Wolters, Brunnenstraße 14, 54321 Lindenau",
            "datenschutz_kontakt": "datenschutz@caritas-lindenau.example, Tel. 06541 300-19",
        },
    )
    nachbar, _ = Quartier.objects.update_or_create(
        slug="hafenquartier",
        defaults={
            "name": "Hafenquartier",
            "gemeinde": "Stadt Lindenau",
            "einwohner": 3920,
            "einwohner_stichtag": date(2025, 12, 31),
            "vollzeitstellen": Decimal("1.50"),
            "traeger": "Stadt Lindenau – Amt für Soziales",
            "buero_name": "Quartiersbüro am Hafen",
            "strasse": "Kaistraße 3",
            "plz": "54323",
            "ort": "Lindenau",
            "sprechzeiten": "Mittwoch 9–12 Uhr\nFreitag 13–15 Uhr",
            "telefon": "06541 123 77-0",
            "email": "quartiersbuero@hafenquartier.example",
            "vertreten_durch": "Oberbürgermeisterin Petra Lenz",
            "registereintrag": "entfällt (Körperschaft des öffentlichen Rechts)",
            "verantwortlich_inhalt": "Jörg Albers, Amt für Soziales, Kaistraße 3, 54323 Lindenau",
            "datenschutz_kontakt": "Datenschutzbeauftragte der Stadt Lindenau, "
            "datenschutz@lindenau.example",
        },
    )
    for area, strassen in ((quartier, STRASSEN), (nachbar, HAFEN_STRASSEN)):
        for name in strassen:
            Quartiersstrasse.objects.get_or_create(quartier=area, name=name)
    stadtteildaten([quartier, nachbar])
    context = DemoContext(quartier=quartier, nachbar_quartier=nachbar, scale=scale)
    groups = {g.name: g for g in Group.objects.filter(name__in=Rolle.values)}
    for key, email, name, rolle, staff in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, name=name, is_staff=staff, is_superuser=rolle is None
            )
        if rolle is not None:
            user.groups.add(groups[rolle])
        if staff and rolle is not None:
            user.quartiere.add(quartier)
        context.users[key] = user
    return context


# The years of statistics the demo areas have: five, the last one the areas' current count.
STATISTIK_JAHRE = range(2021, 2026)
SPRACHEN = ["Türkisch", "Arabisch", "Russisch", "Polnisch", "Rumänisch", "Ukrainisch", "Kurdisch"]


def stadtteildaten(quartiere: list[Quartier]) -> int:
    """Five years of the statistics office's figures for each area, ending with the area's
    current residents' count; the same figures on every run (seeded by the area's slug).
    Years an area has already are left as they are. Returns how many rows were added."""
    vorhanden = set(
        Stadtteildaten.objects.filter(quartier__in=quartiere).values_list("quartier_id", "jahr")
    )
    neue = []
    for q in quartiere:
        rng = random.Random(f"stadtteildaten-{q.slug}")
        einwohner = q.einwohner or rng.randint(25, 140) * 100
        jung, alt = rng.uniform(0.15, 0.24), rng.uniform(0.14, 0.24)
        transfer, migration = rng.uniform(8, 32), rng.uniform(18, 55)
        sprachen = ", ".join(rng.sample(SPRACHEN, 3))
        haushaltsgroesse = rng.uniform(1.8, 2.3)
        for jahr in reversed(STATISTIK_JAHRE):
            if (q.pk, jahr) not in vorhanden:
                unter_18, ab_65 = round(einwohner * jung), round(einwohner * alt)
                neue.append(
                    Stadtteildaten(
                        quartier=q,
                        jahr=jahr,
                        stichtag=date(jahr, 12, 31),
                        einwohner=einwohner,
                        unter_18=unter_18,
                        von_18_bis_64=einwohner - unter_18 - ab_65,
                        ab_65=ab_65,
                        haushalte=round(einwohner / haushaltsgroesse),
                        anteil_transferleistungen=Decimal(f"{transfer:.1f}"),
                        anteil_migrationshintergrund=Decimal(f"{migration:.1f}"),
                        sprachen=sprachen,
                        quelle=f"Statistikstelle der Stadt Lindenau, Stand 31.12.{jahr}",
                    )
                )
            # The year before: a little fewer or more people, shares drifting slowly.
            einwohner = max(100, round(einwohner * rng.uniform(0.97, 1.02)))
            jung += rng.uniform(-0.004, 0.004)
            haushaltsgroesse += rng.uniform(-0.02, 0.02)
            alt += rng.uniform(-0.003, 0.004)
            transfer = min(60, max(2, transfer + rng.uniform(-1.2, 1.0)))
            migration = min(80, max(5, migration + rng.uniform(-1.5, 0.8)))
    Stadtteildaten.objects.bulk_create(neue)
    return len(neue)
