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


# --- the city-sized data set (`demo --scale city`, quartier.demo_stadt) ------------------

STADT_VERANSTALTUNGEN = [
    # title (with {q} the area, {s} a street), kind, season, target groups, hour, hours,
    # registration places (None: no registration), cost
    ("Stadtteilspaziergang durch {q}", "spaziergang", "uebergang", ["alle"], 15, 2, None, 0),
    (
        "Kiezführung: Geschichte der {s}",
        "spaziergang",
        "uebergang",
        ["alle", "senioren"],
        11,
        2,
        25,
        0,
    ),
    ("Lesung: Geschichten aus {q}", "lesung", "winter", ["alle", "senioren"], 19, 2, 40, 0),
    ("Vorlesestunde für Kinder", "lesung", "winter", ["kinder", "familien"], 16, 1, 20, 0),
    ("Vortrag: Energie sparen im Haushalt", "vortrag", "winter", ["alle"], 18, 2, 60, 0),
    ("Vortrag: Mietrecht verständlich", "vortrag", "ganzjahr", ["alle"], 18, 2, 50, 0),
    ("Sommerfest {q}", "fest", "sommer", ["familien", "alle"], 14, 5, None, 0),
    ("Hoffest in der {s}", "fest", "sommer", ["alle"], 15, 4, None, 0),
    ("Laternenumzug {q}", "fest", "winter", ["kinder", "familien"], 17, 2, None, 0),
    ("Nähkurs für Anfängerinnen", "kurs", "schuljahr", ["migration", "alle"], 10, 2, 10, 5),
    ("Deutschkurs am Vormittag", "kurs", "schuljahr", ["migration"], 9, 2, 16, 0),
    ("Erste Hilfe am Kind", "kurs", "schuljahr", ["familien"], 10, 4, 15, 10),
    ("Smartphone-Kurs für Ältere", "kurs", "schuljahr", ["senioren"], 14, 2, 12, 0),
    ("Mieterberatung", "beratung", "ganzjahr", ["alle"], 16, 2, None, 0),
    ("Rentenberatung", "beratung", "ganzjahr", ["senioren"], 10, 2, 8, 0),
    ("Bürgergremium {q}", "sitzung", "ganzjahr", ["alle"], 18, 2, None, 0),
    ("Stadtteilkonferenz {q}", "sitzung", "ganzjahr", ["alle"], 10, 2, None, 0),
    ("Sprachcafé Deutsch–Türkisch", "treffen", "ganzjahr", ["migration"], 17, 2, None, 0),
    ("Nachbarschaftsfrühstück", "treffen", "ganzjahr", ["alle"], 10, 2, 30, 2),
    ("Fahrrad-Reparaturtreff", "treffen", "sommer", ["jugendliche", "alle"], 15, 3, None, 0),
    ("Familien-Bastelnachmittag", "kurs", "winter", ["familien", "kinder"], 15, 2, 20, 0),
    ("Kinoabend im Stadtteilbüro", "sonstiges", "winter", ["alle"], 19, 2, 40, 0),
    ("Flohmarkt {q}", "sonstiges", "sommer", ["alle"], 10, 5, None, 0),
]


def load_stadt(stadt) -> None:
    """40,000 events over four years (three back, one ahead) and 300,000 registrations of
    the coming and just-held ones (times `faktor`); older events keep only their number of
    participants, as the retention rule leaves them."""
    from quartier import demo_stadt as ds

    if Veranstaltung.objects.filter(quartier=stadt.quartiere[0]).exists():
        return
    _stadt_veranstaltungen(stadt, ds)


def _stadt_veranstaltungen(stadt, ds) -> None:
    from django.conf import settings

    rng = ds.zufall("veranstaltungen")
    jetzt = stadt.jetzt
    von, bis = jetzt - timedelta(days=3 * 365), jetzt + timedelta(days=365)
    loeschgrenze = jetzt - timedelta(days=settings.ANMELDUNGEN_LOESCHEN_NACH_TAGEN)
    akteure = stadt.extra.get("akteure", {})
    n = stadt.anzahl(40_000)
    pks = ds.ids(Veranstaltung, n)
    events, mit_anmeldungen = [], []
    zaehler = iter(pks)
    for quartier, anzahl in zip(stadt.quartiere, ds.anteile(n, stadt.gewichte()), strict=True):
        eigene = akteure.get(quartier.pk, [])
        for _ in range(anzahl):
            titel, art, saison, ziel, stunde, dauer, plaetze, kosten = rng.choice(
                STADT_VERANSTALTUNGEN
            )
            tag = ds.zeitpunkt(rng, von=von, bis=bis, saison=saison)
            beginn = lokal(timezone.localtime(tag).date(), time(stunde))
            ende = beginn + timedelta(hours=dauer)
            strasse = rng.choice(ds.STRASSEN)
            abgesagt = rng.random() < 0.03
            anmeldung = plaetze is not None
            kapazitaet = max(5, round(plaetze * rng.uniform(0.6, 1.6))) if anmeldung else None
            pk = next(zaehler)
            vergangen = ende < loeschgrenze
            events.append(
                [
                    pk,
                    quartier.pk,
                    titel.format(q=quartier.name, s=strasse),
                    f"{titel.format(q=quartier.name, s=strasse)} – offen für alle "
                    f"im {quartier.name}.",
                    art,
                    ziel,
                    ["de", "tr"] if art == "treffen" else ["de"],
                    rng.choice(eigene) if eigene and rng.random() < 0.6 else None,
                    beginn,
                    ende,
                    f"{strasse} {rng.randint(1, 80)}",
                    "Stufenloser Zugang über den Hof." if rng.random() < 0.4 else "",
                    rng.random() < 0.5,
                    Decimal(kosten),
                    rng.random() < 0.95,
                    beginn < jetzt or rng.random() < 0.95,
                    "abgesagt" if abgesagt else "geplant",
                    "Leider krankheitsbedingt abgesagt." if abgesagt else "",
                    anmeldung,
                    kapazitaet,
                    beginn - timedelta(days=1) if anmeldung and rng.random() < 0.5 else None,
                    rng.randint(0, kapazitaet // 4) if anmeldung and rng.random() < 0.2 else 0,
                    "Brauchen Sie Kinderbetreuung?" if anmeldung and rng.random() < 0.2 else "",
                    rng.randint(3, kapazitaet)
                    if anmeldung and vergangen and not abgesagt
                    else None,
                    f"veranstaltung-{secrets.token_hex(12)}@quartier",
                    beginn - timedelta(days=rng.randint(14, 90)),
                ]
            )
            if anmeldung and not vergangen and not abgesagt:
                mit_anmeldungen.append(events[-1])
    # Registrations: the coming and just-held events share them by their places.
    n_anmeldungen = stadt.anzahl(300_000)
    gewichte = [e[19] * rng.uniform(0.5, 1.5) for e in mit_anmeldungen]
    anteile = ds.anteile(n_anmeldungen, gewichte) if mit_anmeldungen else []
    anmeldungen = []
    for event, anzahl in zip(mit_anmeldungen, anteile, strict=True):
        # The places follow the demand: most events fill up to 60–110 %.
        event[19] = max(event[19], round(anzahl / rng.uniform(0.6, 1.1)))
        platz = event[19]
        belegt = 0
        for k in range(anzahl):
            vorname, nachname = ds.person(rng)
            personen = rng.choices([1, 2, 3], weights=[75, 20, 5])[0]
            storniert = rng.random() < 0.05
            if storniert:
                status = Anmeldung.Status.STORNIERT
            elif belegt + personen <= platz:
                status = Anmeldung.Status.ANGEMELDET
                belegt += personen
            else:
                status = Anmeldung.Status.WARTELISTE
            angemeldet_at = event[8] - timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 12))
            anmeldungen.append(
                (
                    event[0],
                    f"{vorname} {nachname}",
                    ds.email_von(vorname, nachname, k),
                    "",
                    personen,
                    status,
                    secrets.token_urlsafe(24),
                    min(angemeldet_at, jetzt),
                    rng.random() < 0.4,
                    status == Anmeldung.Status.ANGEMELDET
                    and event[9] < jetzt
                    and rng.random() < 0.85,
                )
            )
    stadt.zaehle(Veranstaltung, ds.kopiere(Veranstaltung, [
        "id", "quartier_id", "titel", "beschreibung", "art", "zielgruppen", "sprachen",
        "veranstalter_id", "beginn", "ende", "adresse", "barrierefreiheit_hinweis",
        "stufenlos", "kosten", "oeffentlich", "freigegeben", "status", "absage_notiz",
        "anmeldung", "kapazitaet", "anmeldeschluss", "reservierte_plaetze", "fragen",
        "teilnehmende", "uid", "created_at",
    ], events))  # fmt: skip
    del events
    stadt.zaehle(Anmeldung, ds.kopiere(Anmeldung, [
        "veranstaltung_id", "name", "email", "telefon", "personen", "status", "token",
        "created_at", "aus_dem_quartier", "anwesend",
    ], anmeldungen))  # fmt: skip
