"""Demo rooms of the Stadtteilbüro Brunnenviertel: office, two conference rooms, the hall
with its community kitchen; six months of bookings (three back, three ahead) and four
weekly series. Idempotent; bookings are bulk-inserted."""

import random
import secrets
import zlib
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from netzwerk.models import Akteur
from quartier import recurrence

from .models import (
    Belegung,
    Buchung,
    Buchungszeit,
    Kalenderzugang,
    Nutzungsvereinbarung,
    Raum,
    Serie,
    Sperrzeit,
    Uebergabe,
    lokal,
)
from .services import belegungsbereich

NUTZUNGSVEREINBARUNG = "\n".join(
    [
        "1. Die Räume werden für nicht-kommerzielle Zwecke im Stadtteil überlassen.",
        "2. Die nutzende Organisation benennt eine verantwortliche Person, die den Schlüssel "
        "abholt und zurückgibt.",
        "3. Die Räume werden aufgeräumt und besenrein zurückgegeben; die Küche wird gereinigt, "
        "das Geschirr gespült.",
        "4. Schäden werden sofort dem Stadtteilbüro gemeldet.",
        "5. Ab 22 Uhr ist Ruhe im Haus; Rauchen ist im ganzen Gebäude untersagt.",
    ]
)

RAEUME = [
    # slug, name, capacity, size, equipment, set-up, clean-up, step-free, toilet, loop
    (
        "stadtteilbuero",
        "Stadtteilbüro (Besprechungstisch)",
        8,
        25,
        {"tische": 2, "stuehle": 8},
        0,
        0,
        True,
        True,
        False,
    ),
    (
        "konferenzraum-1",
        "Konferenzraum 1",
        16,
        40,
        {"beamer": 1, "leinwand": 1, "tische": 8, "stuehle": 16, "wlan": 1},
        0,
        15,
        True,
        True,
        True,
    ),
    (
        "konferenzraum-2",
        "Konferenzraum 2",
        12,
        30,
        {"flipchart": 1, "tische": 6, "stuehle": 12},
        0,
        15,
        False,
        False,
        False,
    ),
    (
        "saal",
        "Saal",
        80,
        120,
        {"stuehle": 80, "tische": 20, "beamer": 1, "mikrofon": 2, "wlan": 1},
        30,
        30,
        True,
        True,
        True,
    ),
]

# Who books, and for what: every organisation books for what it does (an Arbeitskreis for its
# meeting, a club for its general meeting), private people for private occasions. The
# organisations are the network's (netzwerk/demo.py): one name per organisation.
ZWECKE = {
    # slug: (how often, relative to the others; what for). What an organisation does every
    # week at its own address (netzwerk's offers) it does not book here: these are the
    # occasions it needs a room for.
    "nachbarschaftsverein-brunnenviertel": (
        3,
        [
            ("gremium", "Vorstandssitzung des Nachbarschaftsvereins"),
            ("veranstaltung", "Nachbarschaftsfrühstück"),
            ("veranstaltung", "Workshop: Balkonkästen bepflanzen"),
            ("arbeitskreis", "Helfertreffen Brunnenfest"),
        ],
    ),
    "tuerkischer-elternverein": (
        2,
        [
            ("veranstaltung", "Infoabend: Übergang auf die weiterführende Schule"),
            ("arbeitskreis", "Treffen der Lernpatinnen und Lernpaten"),
            ("gremium", "Vorstandssitzung des Elternvereins"),
        ],
    ),
    "awo-begegnungsstaette": (
        2,
        [
            ("veranstaltung", "Gedächtnistraining für Ältere"),
            ("veranstaltung", "Infonachmittag: Vorsorgevollmacht"),
        ],
    ),
    "caritas-lindenau": (
        1,
        [
            ("arbeitskreis", "Teamsitzung Migrationsberatung"),
            ("veranstaltung", "Schulung für den Besuchsdienst"),
        ],
    ),
    "frauencafe-amal": (
        1,
        [("veranstaltung", "Nähtreff"), ("veranstaltung", "Workshop: Bewerben in Deutschland")],
    ),
    "repair-cafe": (1, [("arbeitskreis", "Schulung für ehrenamtliche Reparateure")]),
    "initiative-gruene-hoefe": (1, [("arbeitskreis", "Planungstreffen Grüne Höfe")]),
    "elterninitiative-spielplatz": (1, [("arbeitskreis", "Planungstreffen Spielplatz Färberweg")]),
    "sv-blau-weiss-lindenau": (
        1,
        [
            ("gremium", "Vorstandssitzung des SV Blau-Weiß"),
            ("veranstaltung", "Elternabend der Jugendabteilung"),
        ],
    ),
}
# Residents who book the hall (with the kitchen) for a private occasion, by phone.
PRIVAT = [
    "Geburtstagsfeier",
    "Kindergeburtstag",
    "Familienfeier zur Taufe",
    "Trauerkaffee",
    "Verlobungsfeier",
    "Goldene Hochzeit",
]
PRIVATPERSONEN = [
    "Familie Özdemir",
    "Heike Brandt",
    "Familie Nowak",
    "Reinhard Vogel",
    "Familie Haddad",
    "Sandra Lehmann",
    "Familie Popescu",
    "Dieter Kühn",
    "Familie Aksoy",
    "Ute Schröder",
    "Familie Marković",
    "Karin Engel",
    "Familie Jung",
    "Volker Seidel",
    "Familie Demirci",
    "Martina Franke",
]

SPRACHCAFE = "Sprachcafé Deutsch–Türkisch"
AK_WOHNEN = "Treffen des Arbeitskreises Wohnen"

SLOTS = [(time(9), time(11)), (time(14), time(16)), (time(18), time(21))]


def load(context) -> None:
    quartier = context.quartier
    if not Raum.objects.filter(quartier=quartier, slug="saal").exists():
        with transaction.atomic():
            _load(context, quartier)


def _load(context, quartier) -> None:
    rng = random.Random(5)  # noqa: S311 - demo data
    raeume = {}
    for i, (slug, name, cap, size, ausst, vor, nach, stufenlos, wc, loop) in enumerate(RAEUME):
        raeume[slug] = Raum.objects.create(
            quartier=quartier,
            slug=slug,
            name=name,
            kapazitaet=cap,
            flaeche=size,
            ausstattung=ausst,
            vorbereitung=timedelta(minutes=vor),
            nachbereitung=timedelta(minutes=nach),
            stufenlos=stufenlos,
            barrierefreies_wc=wc,
            hoeranlage=loop,
            adresse=quartier.anschrift,
            reihenfolge=i,
            beschreibung=f"{name} im {quartier.buero_name}.",
            hausordnung="Bitte Stühle hochstellen, Fenster schließen und das Licht ausmachen.",
            vorlauf_min=timedelta(days=1),
        )
    saal = raeume["saal"]
    saal.beschreibung = (
        "Der große Saal im Erdgeschoss für Versammlungen, Feste und Kurse; "
        "mit der Gemeinschaftsküche nebenan buchbar."
    )
    saal.save(update_fields=["beschreibung"])
    raeume["kueche"] = kueche = Raum.objects.create(
        quartier=quartier,
        slug="gemeinschaftskueche",
        name="Gemeinschaftsküche",
        kapazitaet=12,
        flaeche=35,
        ausstattung={"kueche": 1, "tische": 2},
        nur_mit=saal,
        nachbereitung=timedelta(hours=1),
        stufenlos=True,
        adresse=quartier.anschrift,
        reihenfolge=9,
        beschreibung="Voll ausgestattete Küche neben dem Saal, nur zusammen mit dem Saal buchbar.",
        hausordnung="Geschirr spülen, Kühlschrank leeren, Müll trennen.",
        vorlauf_min=timedelta(days=1),
    )
    Buchungszeit.objects.bulk_create(
        [
            Buchungszeit(raum=r, wochentag=t, von=time(8), bis=time(22))
            for r in raeume.values()
            for t in range(7)
        ]
    )
    jahr = timezone.localdate().year
    Sperrzeit.objects.create(
        quartier=quartier,
        von=timezone.localdate().replace(year=jahr, month=12, day=24),
        bis=timezone.localdate().replace(year=jahr, month=12, day=31),
        grund="Weihnachtsschließung des Stadtteilbüros",
    )
    vereinbarung = Nutzungsvereinbarung.objects.create(
        quartier=quartier,
        version=1,
        text=NUTZUNGSVEREINBARUNG,
        gueltig_ab=timezone.now() - timedelta(days=400),
    )

    netzwerk = context.extra["akteure"]
    akteure = [netzwerk[slug] for slug, (anteil, _z) in ZWECKE.items() for _ in range(anteil)]
    raeume["konferenzraum-1"].vertraute_akteure.add(netzwerk["arbeitskreis-wohnen"])

    heute = timezone.localdate()
    erster_tag = heute - timedelta(days=91)
    letzter_tag = heute + timedelta(days=91)
    buchungen: list[Buchung] = []
    zusatz: list[Buchung] = []
    belegt: set[tuple[str, object, int]] = set()

    def neu(raum, tag, slot, akteur, art, zweck, serie=None, mit_kueche=False, privat=None):
        von, bis = SLOTS[slot]
        beginn, ende = lokal(tag, von), lokal(tag, bis)
        if tag < heute:
            status = Buchung.Status.STORNIERT if rng.random() < 0.05 else Buchung.Status.BESTAETIGT
        elif serie is not None:
            status = Buchung.Status.BESTAETIGT  # a series is confirmed as a whole
        else:
            status = Buchung.Status.ANGEFRAGT if rng.random() < 0.2 else Buchung.Status.BESTAETIGT
        name, telefon = (
            (privat, f"0151 {zlib.crc32(privat.encode()) % 9000000 + 1000000}")
            if privat
            else ("", "")
        )
        b = Buchung(
            raum=raum,
            akteur=akteur,
            name=privat or "",
            telefon=telefon,
            beginn=beginn,
            ende=ende,
            zweck=zweck,
            art=art,
            personen=min(
                raum.kapazitaet, rng.randint(5, 60) if not privat else rng.randint(20, 50)
            ),
            status=status,
            grund="Abgesagt wegen Krankheit" if status == Buchung.Status.STORNIERT else "",
            serie=serie,
            email=akteur.email if akteur else "",
            nutzungsvereinbarung=vereinbarung,
            akzeptiert_at=beginn - timedelta(days=14),
            uid=f"buchung-{secrets.token_hex(12)}@quartier",
        )
        buchungen.append(b)
        belegt.add((raum.slug, tag, slot))
        if mit_kueche:
            zusatz.append(b)

    # Four weekly series: (room, weekday, slot, actor, kind, purpose, kitchen). The
    # Sprachcafé is also a public event (veranstaltungen/demo.py links it to this series).
    serien = [
        ("konferenzraum-1", 1, 2, "arbeitskreis-wohnen", "arbeitskreis", AK_WOHNEN, False),
        ("saal", 2, 1, "awo-begegnungsstaette", "veranstaltung", "Seniorentreff", True),
        ("konferenzraum-2", 3, 1, "tuerkischer-elternverein", "veranstaltung", SPRACHCAFE, False),
        ("stadtteilbuero", 4, 0, "frauencafe-amal", "veranstaltung", "Frauenfrühstück", False),
    ]
    for slug, wochentag, slot, akteur_slug, art, zweck, mit_kueche in serien:
        akteur = netzwerk[akteur_slug]
        start = erster_tag + timedelta(days=(wochentag - erster_tag.weekday()) % 7)
        serie = Serie.objects.create(
            regel=Serie.Regel.WOECHENTLICH,
            rrule=recurrence.regel("woechentlich", start, letzter_tag),
            bis=letzter_tag,
        )
        tag = start
        while tag <= letzter_tag:
            neu(raeume[slug], tag, slot, akteur, art, zweck, serie, mit_kueche)
            tag += timedelta(days=7)

    tag = erster_tag
    privat_gebucht = 0
    while tag <= letzter_tag:
        if not (tag.month == 12 and tag.day >= 24):
            for slug in ("stadtteilbuero", "konferenzraum-1", "konferenzraum-2", "saal"):
                for slot in range(3):
                    if (slug, tag, slot) in belegt:
                        continue
                    if slug == "saal" and slot == 2 and tag.weekday() >= 4:
                        # Friday to Sunday evenings: now and then the hall with its kitchen
                        # for a resident's party.
                        if rng.random() < 0.2:
                            # Each resident once: nobody has four birthdays in a season.
                            name = PRIVATPERSONEN[privat_gebucht % len(PRIVATPERSONEN)]
                            privat_gebucht += 1
                            zweck = rng.choice(PRIVAT)
                            neu(raeume[slug], tag, slot, None, "privat", zweck, None, True, name)
                        continue
                    if rng.random() > 0.06:
                        continue
                    akteur = rng.choice(akteure)
                    art, zweck = rng.choice(ZWECKE[akteur.slug][1])
                    mit_kueche = slug == "saal" and art == "veranstaltung"
                    neu(raeume[slug], tag, slot, akteur, art, zweck, None, mit_kueche)
        tag += timedelta(days=1)

    Buchung.objects.bulk_create(buchungen)
    Buchung.zusatzraeume.through.objects.bulk_create(
        [Buchung.zusatzraeume.through(buchung_id=b.pk, raum_id=kueche.pk) for b in zusatz]
    )
    mit_kueche = {b.pk for b in zusatz}
    rows = []
    for b in buchungen:
        for r in [b.raum, kueche] if b.pk in mit_kueche else [b.raum]:
            rows.append(
                Belegung(
                    buchung=b,
                    raum=r,
                    zeitraum=belegungsbereich(r, b.beginn, b.ende),
                    aktiv=b.status in Buchung.AKTIV,
                )
            )
    Belegung.objects.bulk_create(rows)
    # Each actor with bookings has its private feed (made with the first booking).
    Kalenderzugang.objects.bulk_create(
        [
            Kalenderzugang(akteur=netzwerk[slug], token=secrets.token_urlsafe(32))
            for slug in {*ZWECKE, *(serie[3] for serie in serien)}
        ],
        ignore_conflicts=True,
    )

    vergangen = [b for b in buchungen if b.beginn.date() < heute and b.raum_id == saal.pk][-6:]
    Uebergabe.objects.bulk_create(
        [
            Uebergabe(
                buchung=b,
                schluessel_ausgegeben=b.beginn - timedelta(hours=1),
                schluessel_zurueck=b.ende + timedelta(hours=1),
                checkliste={p.value: i % 3 != 0 for p in Uebergabe.Checkpunkt},
                schaeden="Ein Stuhl wackelt." if i == 2 else "",
                kaution=Uebergabe.Kaution.ZURUECK if i % 2 else Uebergabe.Kaution.KEINE,
            )
            for i, b in enumerate(vergangen)
        ]
    )


# --- the city-sized data set (`demo --scale city`, quartier.demo_stadt) ------------------

STADT_RAEUME = [
    # name, capacity, size, equipment, clean-up minutes, step-free
    ("Saal", 80, 120, {"stuehle": 80, "tische": 20, "beamer": 1, "mikrofon": 2}, 30, True),
    ("Konferenzraum 1", 16, 40, {"beamer": 1, "tische": 8, "stuehle": 16, "wlan": 1}, 15, True),
    ("Konferenzraum 2", 12, 30, {"flipchart": 1, "tische": 6, "stuehle": 12}, 15, False),
    ("Gruppenraum", 20, 45, {"tische": 6, "stuehle": 20}, 15, True),
    ("Werkstatt", 10, 50, {"tische": 4}, 30, True),
    ("Bewegungsraum", 25, 70, {}, 15, True),
    ("Besprechungsraum", 8, 20, {"tische": 2, "stuehle": 8}, 0, False),
    ("Jugendraum", 30, 60, {"stuehle": 20, "wlan": 1}, 15, False),
    ("Stadtteilcafé", 40, 65, {"kueche": 1, "tische": 10, "stuehle": 40}, 30, True),
    ("Kursraum", 18, 40, {"beamer": 1, "leinwand": 1, "stuehle": 18}, 15, True),
]
# Six slots a day; the longest clean-up buffer (30 min) fits between them.
STADT_SLOTS = [
    (time(8), time(10)),
    (time(10, 30), time(12, 30)),
    (time(13), time(15)),
    (time(15, 30), time(17, 30)),
    (time(18), time(20)),
    (time(20, 30), time(22)),
]
STADT_ZWECKE = [
    ("gremium", "Bürgergremium", 1),
    ("gremium", "Stadtteilkonferenz", 1),
    ("gremium", "Vergabebeirat Verfügungsfonds", 1),
    ("arbeitskreis", "Arbeitskreis Verkehr", 3),
    ("arbeitskreis", "Arbeitskreis Kinder-Jugend-Familie", 3),
    ("arbeitskreis", "Vorbereitung Stadtteilfest", 2),
    ("arbeitskreis", "Sprachcafé", 4),
    ("arbeitskreis", "Hausaufgabenhilfe", 4),
    ("arbeitskreis", "Seniorengymnastik", 3),
    ("arbeitskreis", "Elterncafé", 3),
    ("veranstaltung", "Lesung", 2),
    ("veranstaltung", "Vortrag: Energie sparen", 1),
    ("veranstaltung", "Nachbarschaftsfrühstück", 2),
    ("veranstaltung", "Kursabend", 2),
    ("privat", "Geburtstagsfeier", 2),
    ("privat", "Familienfeier", 1),
]


def load_stadt(stadt) -> None:
    """400 rooms (ten per area) with their hours and terms of use, and 400,000 bookings over
    three and a half years (times `faktor`), weekly series among them, slot by slot per room
    so that no two active bookings of a room overlap."""
    from quartier import demo_stadt as ds

    if not Raum.objects.filter(slug__startswith=ds.PRAEFIX).exists():
        _stadt_raeume(stadt, ds)
    raeume = list(Raum.objects.filter(slug__startswith=ds.PRAEFIX).order_by("pk"))
    if not Buchung.objects.filter(raum__in=raeume).exists():
        _stadt_buchungen(stadt, ds, raeume)


def _stadt_raeume(stadt, ds) -> None:
    from django.utils.text import slugify

    n = stadt.anzahl(400)
    je_quartier = ds.anteile(n, [1] * len(stadt.quartiere))
    raeume = []
    for quartier, anzahl in zip(stadt.quartiere, je_quartier, strict=True):
        for i in range(anzahl):
            name, cap, size, ausst, nach, stufenlos = STADT_RAEUME[i % len(STADT_RAEUME)]
            if i >= len(STADT_RAEUME):
                name = f"{name} ({i // len(STADT_RAEUME) + 1})"
            raeume.append(
                Raum(
                    quartier=quartier,
                    slug=f"{ds.PRAEFIX}{quartier.slug}-{slugify(name)}",
                    name=name,
                    kapazitaet=cap,
                    flaeche=size,
                    ausstattung=ausst,
                    nachbereitung=timedelta(minutes=nach),
                    stufenlos=stufenlos,
                    barrierefreies_wc=stufenlos,
                    adresse=quartier.anschrift,
                    reihenfolge=10 + i,
                    beschreibung=f"{name} im {quartier.buero_name}.",
                    hausordnung="Bitte Stühle hochstellen, Fenster schließen, Licht aus.",
                    vorlauf_min=timedelta(days=1),
                    automatisch_bestaetigen=i % 4 == 3,
                )
            )
    Raum.objects.bulk_create(raeume)
    stadt.zaehle(Raum, len(raeume))
    zeiten = [
        Buchungszeit(raum=r, wochentag=t, von=time(8), bis=time(22) if t < 6 else time(18))
        for r in raeume
        for t in range(7)
    ]
    Buchungszeit.objects.bulk_create(zeiten)
    stadt.zaehle(Buchungszeit, len(zeiten))
    mit_vereinbarung = set(
        Nutzungsvereinbarung.objects.filter(quartier__in=stadt.quartiere).values_list(
            "quartier_id", flat=True
        )
    )
    vereinbarungen = [
        Nutzungsvereinbarung(
            quartier=q,
            version=1,
            text=NUTZUNGSVEREINBARUNG,
            gueltig_ab=stadt.jetzt - timedelta(days=4 * 365),
        )
        for q in stadt.quartiere
        if q.pk not in mit_vereinbarung
    ]
    Nutzungsvereinbarung.objects.bulk_create(vereinbarungen)
    stadt.zaehle(Nutzungsvereinbarung, len(vereinbarungen))
    heute = stadt.heute
    sperren = [
        Sperrzeit(
            quartier=q,
            von=heute.replace(month=12, day=24),
            bis=heute.replace(month=12, day=31),
            grund="Weihnachtsschließung des Stadtteilbüros",
        )
        for q in stadt.quartiere
        if q.pk != stadt.demo.quartier.pk  # the small demo has its own
    ]
    Sperrzeit.objects.bulk_create(sperren)
    stadt.zaehle(Sperrzeit, len(sperren))


def _stadt_buchungen(stadt, ds, raeume) -> None:
    import json

    rng = ds.zufall("raeume")
    jetzt, heute = stadt.jetzt, stadt.heute
    erster_tag = heute - timedelta(days=3 * 365)
    letzter_tag = heute + timedelta(days=182)
    alle_tage = (erster_tag + timedelta(days=i) for i in range((letzter_tag - erster_tag).days + 1))
    tage = [tag for tag in alle_tage if not (tag.month == 12 and tag.day >= 24)]
    loeschfrist = jetzt - timedelta(days=90)
    vereinbarung = dict(
        Nutzungsvereinbarung.objects.filter(quartier__in=stadt.quartiere, version=1).values_list(
            "quartier_id", "pk"
        )
    )
    zwecke = [(a, z) for a, z, _w in STADT_ZWECKE]
    zweck_gewichte = [w for _a, _z, w in STADT_ZWECKE]
    akteure = stadt.extra.get("akteure", {})
    emails = dict(Akteur.objects.filter(slug__startswith=ds.PRAEFIX).values_list("pk", "email"))
    je_raum = ds.anteile(stadt.anzahl(400_000), [1] * len(raeume))
    serien, buchungen, belegungen, uebergaben, gebucht = [], [], [], [], set()
    buchung_ids = iter(ds.ids(Buchung, sum(je_raum)))
    # Series: about two in five bookings belong to a weekly or fortnightly series.
    serien_plan = []
    for raum, anzahl in zip(raeume, je_raum, strict=True):
        frei = {(tag, slot) for tag in tage for slot in range(len(STADT_SLOTS))}
        eigene_akteure = akteure.get(raum.quartier_id) or [None]
        termine = []  # (tag, slot, serie index or None, akteur, zweck)
        serien_ziel = int(anzahl * 0.4)
        for _versuch in range(10 * serien_ziel):
            if serien_ziel - len(termine) < 2:
                break
            start = rng.choice(tage[: len(tage) - 60])
            slot = rng.randrange(len(STADT_SLOTS) - 1)
            schritt = rng.choice([7, 7, 14])
            laenge = rng.randint(10, 60)
            akteur = rng.choice(eigene_akteure)
            art, zweck = rng.choice([(a, z) for a, z in zwecke if a == "arbeitskreis"])
            tage_der_serie = []
            tag = start
            while len(tage_der_serie) < laenge and tag <= letzter_tag:
                if (tag, slot) in frei:
                    tage_der_serie.append(tag)
                tag += timedelta(days=schritt)
            tage_der_serie = tage_der_serie[: serien_ziel - len(termine)]
            if len(tage_der_serie) < 2:
                continue
            index = len(serien_plan)
            serien_plan.append((tage_der_serie[0], tage_der_serie[-1], schritt))
            for tag in tage_der_serie:
                frei.discard((tag, slot))
                termine.append((tag, slot, index, akteur, art, zweck))
        for tag, slot in rng.sample(sorted(frei), k=min(len(frei), anzahl - len(termine))):
            art, zweck = rng.choices(zwecke, weights=zweck_gewichte)[0]
            termine.append((tag, slot, None, rng.choice(eigene_akteure), art, zweck))
        for tag, slot, serie, akteur, art, zweck in termine:
            von, bis = STADT_SLOTS[slot]
            beginn, ende = lokal(tag, von), lokal(tag, bis)
            if tag < heute:
                status = rng.choices(["bestaetigt", "storniert", "abgelehnt"], weights=[95, 4, 1])[
                    0
                ]
            else:
                status = rng.choices(["bestaetigt", "angefragt", "storniert"], weights=[75, 20, 5])[
                    0
                ]
            grund = {
                "storniert": "Abgesagt wegen Krankheit",
                "abgelehnt": "Der Raum ist zu dieser Zeit für eine Sitzung vorgesehen.",
            }.get(status, "")
            privat = art == "privat" and ende > loeschfrist
            if akteur is None and not privat:
                privat = True  # an area without actors: residents book by phone
            vorname, nachname = ds.person(rng)
            kontakt = ende > loeschfrist
            pk = next(buchung_ids)
            buchungen.append(
                (
                    pk,
                    raum.pk,
                    None if privat else akteur,
                    f"{vorname} {nachname}" if privat else "",
                    f"0151 {rng.randint(1000000, 9999999)}" if privat else "",
                    (ds.email_von(vorname, nachname, pk) if privat else emails.get(akteur, ""))
                    if kontakt
                    else "",
                    beginn,
                    ende,
                    zweck,
                    art,
                    min(raum.kapazitaet, rng.randint(4, 60)),
                    json.dumps(["stuehle"] if rng.random() < 0.3 else []),
                    status,
                    grund,
                    serie,
                    vereinbarung.get(raum.quartier_id),
                    beginn - timedelta(days=rng.randint(2, 60)),
                    f"buchung-{secrets.token_hex(12)}@quartier",
                    beginn - timedelta(days=rng.randint(2, 60)),
                )
            )
            belegungen.append(
                (
                    pk,
                    raum.pk,
                    f"[{(beginn - raum.vorbereitung).isoformat()},"
                    f"{(ende + raum.nachbereitung).isoformat()})",
                    status in Buchung.AKTIV,
                )
            )
            if not privat and akteur:
                gebucht.add(akteur)
            if status == "bestaetigt" and tag < heute and rng.random() < 0.05:
                uebergaben.append((pk, beginn - timedelta(hours=1), ende + timedelta(hours=1)))
    # The series rows first (the bookings point to them), with their rules.
    serie_ids = ds.ids(Serie, len(serien_plan))
    for pk, (erster, letzter, schritt) in zip(serie_ids, serien_plan, strict=True):
        art = "woechentlich" if schritt == 7 else "zweiwoechentlich"
        serien.append((pk, art, recurrence.regel(art, erster, letzter), letzter))
    stadt.zaehle(Serie, ds.kopiere(Serie, ["id", "regel", "rrule", "bis"], serien))
    buchungen = [
        (*b[:14], serie_ids[b[14]] if b[14] is not None else None, *b[15:]) for b in buchungen
    ]
    stadt.zaehle(Buchung, ds.kopiere(Buchung, [
        "id", "raum_id", "akteur_id", "name", "telefon", "email", "beginn", "ende", "zweck",
        "art", "personen", "ausstattung", "status", "grund", "serie_id",
        "nutzungsvereinbarung_id", "akzeptiert_at", "uid", "created_at",
    ], buchungen))  # fmt: skip
    del buchungen
    stadt.zaehle(
        Belegung, ds.kopiere(Belegung, ["buchung_id", "raum_id", "zeitraum", "aktiv"], belegungen)
    )
    del belegungen
    checkliste = json.dumps({p.value: True for p in Uebergabe.Checkpunkt})
    stadt.zaehle(Uebergabe, ds.kopiere(Uebergabe, [
        "buchung_id", "schluessel_ausgegeben", "schluessel_zurueck", "checkliste", "kaution",
    ], ((b, aus, zurueck, checkliste, "keine") for b, aus, zurueck in uebergaben)))  # fmt: skip
    zugaenge = [
        Kalenderzugang(akteur_id=a, token=secrets.token_urlsafe(32)) for a in sorted(gebucht)
    ]
    Kalenderzugang.objects.bulk_create(zugaenge, ignore_conflicts=True, batch_size=2000)
    stadt.zaehle(Kalenderzugang, len(zugaenge))
