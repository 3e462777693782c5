"""Demo events of the Brunnenviertel: a year of them (six months back, six ahead), at
addresses in the district; one fully booked with a waiting list. Idempotent."""

import random
import secrets
from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from raeume.models import lokal

from .models import Anmeldung, Veranstaltung


def load(context) -> None:
    quartier = context.quartier
    if not Veranstaltung.objects.filter(quartier=quartier).exists():
        with transaction.atomic():
            _veranstaltungen(context, quartier)


VERANSTALTUNGEN = [
    # title, kind, target groups, place, cost, registration places
    (
        "Stadtteilspaziergang: Geschichte der Färberei",
        "spaziergang",
        ["alle"],
        "Treffpunkt Brunnen am Lindenplatz",
        0,
        None,
    ),
    (
        "Lesung: Geschichten aus dem Brunnenviertel",
        "lesung",
        ["senioren", "alle"],
        "Stadtteilbibliothek, Weberstraße 3",
        0,
        40,
    ),
    (
        "Vortrag: Energie sparen im Haushalt",
        "vortrag",
        ["alle"],
        "Gemeindehaus, Schillerstraße 12",
        0,
        30,
    ),
    ("Sommerfest am Wasserturm", "fest", ["familien", "alle"], "Am Wasserturm", 0, None),
    ("Nähkurs für Anfängerinnen", "kurs", ["migration", "alle"], "Nähwerkstatt, Färberweg 8", 5, 8),
    ("Mieterberatung", "beratung", ["alle"], "Stadtteilbüro, Brunnenstraße 14", 0, None),
    ("Stadtteilkonferenz", "sitzung", ["alle"], "Gemeindehaus, Schillerstraße 12", 0, None),
    ("Sprachcafé Deutsch–Türkisch", "treffen", ["migration"], "Café Linde, Lindenplatz 2", 0, None),
    ("Familien-Bastelnachmittag", "kurs", ["familien", "kinder"], "Kita Lindenplatz", 0, 20),
    (
        "Fahrrad-Reparaturtreff",
        "treffen",
        ["jugendliche", "alle"],
        "Hof der Weberstraße 10",
        0,
        None,
    ),
]

NAMEN = [
    "Aylin Kaya",
    "Jonas Weber",
    "Marta Nowak",
    "Olga Petrenko",
    "Hans Schulte",
    "Fatma Demir",
    "Lena Hoffmann",
    "Ahmad Karimi",
    "Sofia Rossi",
    "Peter Lange",
]


def _veranstaltungen(context, quartier) -> None:
    """A year of events, six months back and six ahead; one fully booked with a waiting list."""
    rng = random.Random(6)  # noqa: S311 - demo data
    heute = timezone.localdate()
    akteure = [context.extra["akteur_a"], context.extra["akteur_b"], None]
    events = []
    tag = heute - timedelta(days=182)
    i = 0
    while tag <= heute + timedelta(days=182):
        titel, art, ziel, ort, kosten, plaetze = VERANSTALTUNGEN[i % len(VERANSTALTUNGEN)]
        beginn = lokal(tag, time(rng.choice([10, 15, 18])))
        events.append(
            Veranstaltung(
                quartier=quartier,
                titel=titel,
                art=art,
                zielgruppen=ziel,
                sprachen=["de", "tr"] if art == "treffen" else ["de"],
                veranstalter=akteure[i % 3],
                beginn=beginn,
                ende=beginn + timedelta(hours=2),
                adresse=ort,
                stufenlos=i % 2 == 0,
                barrierefreiheit_hinweis="Stufenloser Zugang über den Hof." if i % 2 == 0 else "",
                kosten=Decimal(kosten),
                beschreibung=f"{titel} – offen für alle im Brunnenviertel.",
                anmeldung=plaetze is not None,
                kapazitaet=plaetze,
                uid=f"veranstaltung-{secrets.token_hex(12)}@quartier",
            )
        )
        tag += timedelta(days=rng.choice([2, 3, 4]))
        i += 1
    Veranstaltung.objects.bulk_create(events)
    kommende = [v for v in events if v.anmeldung and v.beginn.date() > heute][:4]
    for n, v in enumerate(kommende):
        voll = n == 0  # the first is fully booked, with a waiting list
        for k in range(v.kapazitaet + 3 if voll else v.kapazitaet // 2):
            name = f"{NAMEN[k % len(NAMEN)]} {k // len(NAMEN) or ''}".strip()
            Anmeldung.objects.create(
                veranstaltung=v,
                name=name,
                email=f"anmeldung{k}@beispiel.example",
                personen=1,
                status=Anmeldung.Status.ANGEMELDET
                if k < v.kapazitaet
                else Anmeldung.Status.WARTELISTE,
                token=secrets.token_urlsafe(24),
            )
