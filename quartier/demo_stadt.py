"""The city-sized demo data set (`manage.py demo --scale city`, issue 12): 40 areas of the
Stadt Lindenau and, from each app's `load_stadt`, their concerns, actors, committees, rooms,
bookings and events, for the benchmark (`make bench`).

This module holds what the apps share: the areas and their staff, the word lists (streets,
first and last names), seasons, a seeded `random.Random` per app (the same city every run)
and the loading helpers. Big tables are written with PostgreSQL's COPY (`kopiere`), with
primary keys reserved from the table's sequence beforehand (`ids`), so that the rows that
point to them can be written in the same pass. Nothing is disabled: constraints, foreign
keys and indexes stay, so the data is what the app itself could have written.

`faktor` scales every count (1.0: the sizes of the issue; a test uses 0.002). Each app's
part is idempotent: it checks its own marker (rows in the first city area, or slugs with
the prefix `stadt-`) and adds nothing when they are there.
"""

import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from psycopg import sql

from . import demo
from .demo import DEMO_PASSWORD, DemoContext
from .models import Quartier, Stadtteildaten, User
from .roles import Rolle

STADT = "Stadt Lindenau"
PRAEFIX = "stadt-"  # slugs of the city data set's actors, committees and rooms

# The 38 areas beside the two of the small demo (Brunnenviertel, Hafenquartier).
QUARTIERE = [
    "Altstadt",
    "Nordstadt",
    "Südstadt",
    "Weststadt",
    "Oststadt",
    "Bahnhofsviertel",
    "Kanalviertel",
    "Gartenstadt",
    "Schlachthofviertel",
    "Rosenhöhe",
    "Auf der Heide",
    "Eichenkamp",
    "Mühlenberg",
    "Kirchfeld",
    "Sonnenhang",
    "Am Stadtpark",
    "Ziegelei",
    "Lindenhof",
    "Neue Mitte",
    "Birkenfeld",
    "Brückenviertel",
    "Fischerkiez",
    "Kasernenviertel",
    "Tuchmacherviertel",
    "Wiesengrund",
    "Hochfeld",
    "Am Güterbahnhof",
    "Marktviertel",
    "Uferviertel",
    "Dorf Lindenau",
    "Kolonie Eintracht",
    "Schwanenteich",
    "Hüttenviertel",
    "Zechensiedlung",
    "Am Wasserwerk",
    "Rathausviertel",
    "Glockenturm",
    "Papiermühle",
]

STRASSEN = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Gartenstraße",
    "Dorfstraße",
    "Bergstraße",
    "Kirchstraße",
    "Lindenstraße",
    "Waldstraße",
    "Ringstraße",
    "Goethestraße",
    "Schillerstraße",
    "Mozartstraße",
    "Beethovenstraße",
    "Friedrichstraße",
    "Wilhelmstraße",
    "Kastanienallee",
    "Eichendorffweg",
    "Am Markt",
    "Marktplatz",
    "Rosenweg",
    "Tulpenweg",
    "Nelkenstraße",
    "Birkenweg",
    "Ahornstraße",
    "Buchenweg",
    "Erlenweg",
    "Am Bach",
    "Mühlenweg",
    "Brunnenstraße",
    "Färberweg",
    "Weberstraße",
    "Tuchmacherstraße",
    "Gerberstraße",
    "Am Wasserturm",
    "Am Bahndamm",
    "Kanalstraße",
    "Hafenstraße",
    "Kaistraße",
    "Uferweg",
    "Brückenstraße",
    "Schlossstraße",
    "Parkstraße",
    "Am Stadtpark",
    "Feldstraße",
    "Wiesenweg",
    "Heideweg",
    "Sonnenstraße",
    "Mondweg",
    "Sternstraße",
    "Ringofenstraße",
    "Ziegeleiweg",
    "Zechenstraße",
    "Glück-auf-Straße",
    "Hüttenstraße",
    "Industriestraße",
    "Rathausplatz",
    "Rathausstraße",
    "Kolpingstraße",
    "Bebelstraße",
    "Humboldtstraße",
    "Kantstraße",
    "Lessingstraße",
    "Heinestraße",
    "Uhlandstraße",
    "Körnerstraße",
    "Bismarckstraße",
    "Luisenstraße",
    "Charlottenstraße",
    "Marienstraße",
    "Annastraße",
    "Sophienstraße",
    "Am Glockenturm",
    "Papiermühlenweg",
    "Schwanenweg",
    "Fischerstraße",
    "Am Güterbahnhof",
    "Eintrachtstraße",
    "Hochfeldstraße",
    "Kirchfeldweg",
]

VORNAMEN = [
    "Anna",
    "Maria",
    "Elif",
    "Fatma",
    "Lena",
    "Sophie",
    "Olga",
    "Marta",
    "Aylin",
    "Sabine",
    "Petra",
    "Ursula",
    "Jana",
    "Nadia",
    "Samira",
    "Hanna",
    "Emma",
    "Mia",
    "Zeynep",
    "Irina",
    "Thomas",
    "Michael",
    "Jonas",
    "Murat",
    "Ali",
    "Mehmet",
    "Peter",
    "Hans",
    "Stefan",
    "Jörg",
    "Ahmad",
    "Karim",
    "Piotr",
    "Andrzej",
    "Dmytro",
    "Lukas",
    "Paul",
    "Ben",
    "Yusuf",
    "Kevin",
]

NACHNAMEN = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Lehmann",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Arslan",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Petrenko",
    "Kovalenko",
    "Haddad",
    "Karimi",
    "Rossi",
    "Popescu",
]

# Weight of each month (January = index 0), per kind of season.
SAISON = {
    "sommer": [1, 1, 2, 4, 6, 8, 9, 8, 6, 3, 1, 1],
    "winter": [9, 8, 6, 3, 1, 1, 1, 1, 2, 5, 8, 9],
    "uebergang": [2, 3, 6, 7, 5, 3, 2, 3, 6, 7, 5, 2],
    "ganzjahr": [5, 5, 5, 5, 5, 5, 4, 4, 5, 5, 5, 5],
    "schuljahr": [6, 6, 6, 6, 5, 5, 1, 1, 6, 6, 6, 4],
}


def zufall(name: str) -> random.Random:
    """A random generator seeded by a name: every run makes the same city."""
    return random.Random(f"quartier-stadt-{name}")  # noqa: S311 - demo data, not secrets


def monat_gewichtet(rng: random.Random, saison: str) -> int:
    """A month (1–12) drawn by the weights of a season."""
    return rng.choices(range(1, 13), weights=SAISON[saison])[0]


def zeitpunkt(
    rng: random.Random, *, von: datetime, bis: datetime, saison: str = "ganzjahr", wachstum=1.0
) -> datetime:
    """A moment between `von` and `bis`, more often in the season's months and, with
    `wachstum` > 1, more often towards `bis` (a portal used more every year)."""
    gewichte = SAISON[saison]
    hoechst = max(gewichte) * max(1.0, wachstum)
    spanne = (bis - von).total_seconds()
    while True:
        anteil = rng.random()
        t = von + timedelta(seconds=anteil * spanne)
        w = gewichte[t.month - 1] * (1 + (wachstum - 1) * anteil)
        if rng.random() * hoechst <= w:
            return t


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(VORNAMEN), rng.choice(NACHNAMEN)


def email_von(vorname: str, nachname: str, nummer: int, domain: str = "beispiel.example") -> str:
    lokal = slugify(f"{vorname}.{nachname}".replace("ß", "ss")).replace("-", ".")
    return f"{lokal}{nummer}@{domain}"


def anteile(n: int, gewichte: Sequence[float]) -> list[int]:
    """`n` split by weights (largest remainder): the parts add up to `n` exactly, and the
    first part is never empty when n ≥ 1 (the apps' marker of a loaded city)."""
    if not gewichte:
        return []
    summe = sum(gewichte)
    roh = [n * g / summe for g in gewichte]
    teile = [int(r) for r in roh]
    rest = n - sum(teile)
    for i in sorted(range(len(roh)), key=lambda i: roh[i] - teile[i], reverse=True)[:rest]:
        teile[i] += 1
    if n >= 1 and teile[0] == 0:
        groesster = max(range(len(teile)), key=teile.__getitem__)
        teile[groesster] -= 1
        teile[0] += 1
    return teile


# --- loading ---------------------------------------------------------------------------


def ids(model: type[Model], n: int) -> range:
    """Reserve `n` primary keys from the table's sequence (for COPY, which returns none)."""
    if n <= 0:
        return range(0)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, model._meta.pk.column])
        (sequenz,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequenz])
        (erste,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequenz, erste + n - 1])
    return range(erste, erste + n)


def _fester_wert(feld, jetzt):
    """The value COPY writes into a column the caller does not give: what Django would."""
    if getattr(feld, "auto_now", False) or getattr(feld, "auto_now_add", False):
        return jetzt
    if feld.has_default() and feld.unique:
        raise ValueError(f"{feld} is unique: give it per row")
    wert = feld.get_default()
    if isinstance(wert, dict | list) and feld.get_internal_type() == "JSONField":
        return json.dumps(wert)
    return wert


def kopiere(model: type[Model], spalten: Sequence[str], zeilen: Iterable[Sequence]) -> int:
    """Write rows with COPY. `spalten` are the model's column names in the order of each row;
    the other columns get what Django would write (defaults, `auto_now`, NULL, ""), an
    automatic primary key the database's next value.
    JSON values are given as `json.dumps` strings, arrays as lists."""
    jetzt = timezone.now()
    felder = [
        f
        for f in model._meta.concrete_fields
        if f.column not in spalten
        and not (f.primary_key and f.get_internal_type().endswith("AutoField"))
    ]
    fest = tuple(_fester_wert(f, jetzt) for f in felder)
    alle = [*spalten, *(f.column for f in felder)]
    befehl = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, alle))
    )
    n = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(befehl) as copy:
        for zeile in zeilen:
            copy.write_row((*zeile, *fest))
            n += 1
    return n


@dataclass
class Stadt:
    """What the apps' `load_stadt` share: the areas (the first is a new one, the apps'
    marker), their staff, the factor and what was made."""

    demo: DemoContext
    faktor: float
    quartiere: list[Quartier]
    staff: dict[int, list[int]] = field(default_factory=dict)  # area pk → user pks
    extra: dict = field(default_factory=dict)
    gemacht: Counter = field(default_factory=Counter)
    dauer: dict[str, float] = field(default_factory=dict)
    jetzt: datetime = field(default_factory=timezone.now)
    passwort: str = ""

    def anzahl(self, voll: int) -> int:
        """A count of the issue scaled by the factor (at least 1)."""
        return max(1, round(voll * self.faktor))

    def zaehle(self, model: type[Model], n: int) -> None:
        if n:
            self.gemacht[model._meta.label] += n

    @property
    def heute(self) -> date:
        return timezone.localdate(self.jetzt)

    def gewichte(self) -> list[int]:
        return [q.einwohner for q in self.quartiere]


def load(context: DemoContext, *, faktor: float) -> Stadt:
    """The 40 areas of the city (the two of the small demo among them) and their staff: a
    quartier manager and a staff member per area. Idempotent."""
    rng = zufall("quartiere")
    vorhanden = {q.slug: q for q in Quartier.objects.all()}
    neue = []
    for i, name in enumerate(QUARTIERE):
        slug = slugify(name.replace("ß", "ss").replace("ü", "ue").replace("ö", "oe"))
        if slug in vorhanden:
            continue
        einwohner = rng.randint(25, 140) * 100
        strasse = rng.choice(STRASSEN)
        neue.append(
            Quartier(
                name=name,
                slug=slug,
                gemeinde=STADT,
                einwohner=einwohner,
                einwohner_stichtag=date(2025, 12, 31),
                vollzeitstellen=Decimal(rng.choice(["1.00", "1.50", "2.00", "2.50", "3.00"])),
                traeger=rng.choice(
                    [
                        "Caritasverband Lindenau e. V.",
                        "Diakonisches Werk Lindenau",
                        "AWO Kreisverband Lindenau",
                        "Stadt Lindenau, Amt für Soziales",
                        "Paritätischer Wohlfahrtsverband Lindenau",
                    ]
                ),
                buero_name=f"Stadtteilbüro {name}",
                strasse=f"{strasse} {rng.randint(1, 80)}",
                plz=f"{54330 + i:05d}",
                ort="Lindenau",
                sprechzeiten=rng.choice(
                    [
                        "Montag 10–12 Uhr\nDonnerstag 15–18 Uhr",
                        "Dienstag 9–12 Uhr\nMittwoch 14–17 Uhr",
                        "Mittwoch 10–13 Uhr\nFreitag 10–12 Uhr",
                    ]
                ),
                telefon=f"06541 {200 + i} 30-0",
                email=f"stadtteilbuero@{slug}.example",
            )
        )
    Quartier.objects.bulk_create(neue)
    slugs = [slugify(n.replace("ß", "ss").replace("ü", "ue").replace("ö", "oe")) for n in QUARTIERE]
    nach_slug = {q.slug: q for q in Quartier.objects.filter(slug__in=slugs)}
    # The new areas first: the first one is where the apps look for their marker.
    quartiere = [nach_slug[s] for s in slugs] + [context.quartier, context.nachbar_quartier]
    stadt = Stadt(demo=context, faktor=faktor, quartiere=quartiere)
    stadt.zaehle(Quartier, len(neue))
    stadt.zaehle(Stadtteildaten, demo.stadtteildaten(quartiere[:-2]))
    stadt.passwort = make_password(DEMO_PASSWORD)
    _staff(stadt, rng)
    # The demo's city clerk reads the reports of every area of the city.
    if clerk := context.users.get("stadt"):
        clerk.quartiere.add(*quartiere)
    return stadt


def _staff(stadt: Stadt, rng: random.Random) -> None:
    gruppen = {g.name: g for g in Group.objects.filter(name__in=Rolle.values)}
    neue, rollen = [], []
    vorhanden = set(
        User.objects.filter(email__endswith="@stadt-lindenau.example").values_list(
            "email", flat=True
        )
    )
    for quartier in stadt.quartiere:
        for kuerzel, rolle in (("qm", Rolle.QUARTIERSMANAGEMENT), ("team", Rolle.MITARBEITENDE)):
            email = f"{kuerzel}.{quartier.slug}@stadt-lindenau.example"
            if email in vorhanden:
                continue
            vorname, nachname = person(rng)
            neue.append(
                User(
                    email=email,
                    name=f"{vorname} {nachname}",
                    password=stadt.passwort,
                    is_staff=True,
                )
            )
            rollen.append((quartier, gruppen[rolle]))
    User.objects.bulk_create(neue)
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=u.pk, group_id=g.pk)
            for u, (_q, g) in zip(neue, rollen, strict=True)
        ]
    )
    User.quartiere.through.objects.bulk_create(
        [
            User.quartiere.through(user_id=u.pk, quartier_id=q.pk)
            for u, (q, _g) in zip(neue, rollen, strict=True)
        ]
    )
    stadt.zaehle(User, len(neue))
    for email, pk in User.objects.filter(email__endswith="@stadt-lindenau.example").values_list(
        "email", "pk"
    ):
        slug = email.split("@")[0].split(".", 1)[1]
        for q in stadt.quartiere:
            if q.slug == slug:
                stadt.staff.setdefault(q.pk, []).append(pk)


def statistiken() -> None:
    """ANALYZE after the load: with the statistics of an empty table the planner picks
    plans for a few rows (on /anliegen/ the page took 244 ms instead of 90 ms), and
    autovacuum would only catch up minutes later, after the benchmark has begun."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Uhr:
    """Measures how long each app's part took (printed with the counts)."""

    def __init__(self, stadt: Stadt, name: str):
        self.stadt, self.name = stadt, name

    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.stadt.dauer[self.name] = time.monotonic() - self.start
