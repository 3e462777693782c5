# ruff: noqa: E501 - data tables read better one entry per line
"""Demo events of the Brunnenviertel, dated from today: a few past ones with their attendance,
the coming weeks well filled (one fully booked with a waiting list), the annual Brunnenfest
on its summer Saturday, and the weekly Sprachcafé as one series (its room bookings come from
raeume/demo.py). Every title appears once, except the occurrences of the series.

Organisers and places are the network's actors and their addresses (netzwerk/demo.py).
Idempotent: the events are created once per area.
"""

import secrets
from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from raeume.demo import SPRACHCAFE
from raeume.models import Buchung, Serie, lokal

from .models import Anmeldung, Veranstaltung

BUERO = "Stadtteilbüro, Brunnenstraße 14"

# days from today, hour, duration (hours), title, kind, target groups, organiser (slug of a
# network actor; None: the office), place, cost, places (None: no registration), attendance
# of a past event (None: registrations are still on file)
VERANSTALTUNGEN = [
    (
        -45,
        15,
        2,
        "Stadtteilspaziergang: Geschichte der Färberei",
        "spaziergang",
        ["alle"],
        None,
        "Treffpunkt Brunnen am Lindenplatz",
        0,
        25,
        21,
    ),
    (
        -31,
        18,
        2,
        "Vortrag: Energie sparen im Haushalt",
        "vortrag",
        ["alle"],
        "caritas-lindenau",
        "Gemeindehaus der Evangelischen Kirchengemeinde, Schillerstraße 2",
        0,
        30,
        17,
    ),
    (
        -17,
        16,
        2,
        "Lesung: Geschichten aus dem Brunnenviertel",
        "lesung",
        ["senioren", "alle"],
        "stadtbibliothek-zweigstelle",
        "Stadtbibliothek – Zweigstelle Lindenau, Schillerstraße 12",
        0,
        40,
        None,
    ),
    (
        -6,
        10,
        3,
        "Nähworkshop: Taschen aus Stoffresten",
        "kurs",
        ["migration", "alle"],
        "frauencafe-amal",
        "Frauencafé Amal, Weberstraße 5",
        5,
        8,
        None,
    ),
    (
        2,
        15,
        2,
        "Mieterberatung mit dem Arbeitskreis Wohnen",
        "beratung",
        ["alle"],
        "arbeitskreis-wohnen",
        BUERO,
        0,
        None,
        None,
    ),
    (
        5,
        15,
        2,
        "Familien-Bastelnachmittag",
        "kurs",
        ["familien", "kinder"],
        "kita-regenbogen",
        "Kita Regenbogen, Färberweg 8",
        0,
        20,
        None,
    ),
    (
        9,
        18,
        2,
        "Vortrag: Sicher wohnen im Alter",
        "vortrag",
        ["senioren"],
        "awo-begegnungsstaette",
        "AWO Begegnungsstätte, Lindenplatz 3",
        0,
        25,
        None,
    ),
    (
        12,
        14,
        3,
        "Fahrrad-Reparaturtreff",
        "treffen",
        ["jugendliche", "alle"],
        "repair-cafe",
        "Hof der Brunnenstraße 22",
        0,
        None,
        None,
    ),
    (
        16,
        16,
        1,
        "Bilderbuchkino für Kinder ab 4",
        "lesung",
        ["kinder", "familien"],
        "stadtbibliothek-zweigstelle",
        "Stadtbibliothek – Zweigstelle Lindenau, Schillerstraße 12",
        0,
        30,
        None,
    ),
    (
        20,
        17,
        2,
        "Sprechstunde Verfügungsfonds: Ihre Idee für das Viertel",
        "beratung",
        ["alle"],
        None,
        BUERO,
        0,
        None,
        None,
    ),
    (
        26,
        18,
        2,
        "Infoabend: Neugestaltung Spielplatz Färberweg",
        "vortrag",
        ["familien", "alle"],
        "elterninitiative-spielplatz",
        "Grundschule Am Wasserturm, Am Wasserturm 1",
        0,
        None,
        None,
    ),
    (
        38,
        15,
        2,
        "Stadtteilspaziergang: Grüne Höfe entdecken",
        "spaziergang",
        ["alle"],
        "initiative-gruene-hoefe",
        "Treffpunkt Gartenfeldweg 4",
        0,
        20,
        None,
    ),
    (
        55,
        18,
        2,
        "Erzählcafé: Wie das Viertel wurde, was es ist",
        "treffen",
        ["senioren", "alle"],
        "nachbarschaftsverein-brunnenviertel",
        "Nachbarschaftstreff, Brunnenstraße 22",
        0,
        None,
        None,
    ),
]
# The festival of the year, on the last Saturday in August.
BRUNNENFEST = (
    "Brunnenfest {jahr}",
    "fest",
    ["familien", "alle"],
    "nachbarschaftsverein-brunnenviertel",
    "Lindenplatz",
)

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
    "Gül Aydın",
    "Klaus Richter",
    "Irina Sokolova",
    "Mehmet Şahin",
    "Birgit Krause",
    "Yusuf Haddad",
    "Anna Schneider",
    "Dariusz Kowalski",
    "Elke Baumann",
    "Samira Mansour",
    "Uwe Zimmermann",
    "Natalia Bondarenko",
    "Sevgi Çelik",
    "Thomas Braun",
    "Leonie Wagner",
    "Emre Koç",
    "Maria Schäfer",
    "Ivan Horvat",
    "Renate Fuchs",
    "Nour Khalil",
    "Jürgen Keller",
    "Hatice Arslan",
    "Katrin Wolf",
    "Oleksandr Melnyk",
    "Ingrid Neumann",
    "Can Öztürk",
    "Sabine Hartmann",
    "Tarek Saleh",
    "Monika Schwarz",
    "Lukas Meyer",
    "Elif Güneş",
    "Gerd Krüger",
    "Paula Roth",
    "Dilara Yıldırım",
]


def load(context) -> None:
    quartier = context.quartier
    if not Veranstaltung.objects.filter(quartier=quartier).exists():
        with transaction.atomic():
            _veranstaltungen(context, quartier)


def brunnenfest_tag(heute: date) -> date:
    """The last Saturday in August nearest to today (this year's, last year's or next)."""

    def letzter_samstag(jahr: int) -> date:
        tag = date(jahr, 8, 31)
        return tag - timedelta(days=(tag.weekday() - 5) % 7)

    return min(
        (letzter_samstag(jahr) for jahr in (heute.year - 1, heute.year, heute.year + 1)),
        key=lambda tag: abs(tag - heute),
    )


def _veranstaltung(quartier, akteure, tag, stunde, dauer, titel, art, ziel, veranstalter, ort, **f):
    beginn = lokal(tag, time(stunde))
    return Veranstaltung(
        quartier=quartier,
        titel=titel,
        art=art,
        zielgruppen=ziel,
        sprachen=["de", "tr"] if "Türkisch" in titel else ["de"],
        veranstalter=akteure[veranstalter] if veranstalter else None,
        beginn=beginn,
        ende=beginn + timedelta(hours=dauer),
        adresse=ort,
        stufenlos=f.pop("stufenlos", True),
        uid=f"veranstaltung-{secrets.token_hex(12)}@quartier",
        **f,
    )


def _veranstaltungen(context, quartier) -> None:
    heute = timezone.localdate()
    akteure = context.extra["akteure"]
    loeschfrist = timedelta(days=settings.ANMELDUNGEN_LOESCHEN_NACH_TAGEN)
    events = []
    for (
        tage,
        stunde,
        dauer,
        titel,
        art,
        ziel,
        veranstalter,
        ort,
        kosten,
        plaetze,
        kamen,
    ) in VERANSTALTUNGEN:
        events.append(
            _veranstaltung(
                quartier,
                akteure,
                heute + timedelta(days=tage),
                stunde,
                dauer,
                titel,
                art,
                ziel,
                veranstalter,
                ort,
                kosten=Decimal(kosten),
                beschreibung=f"{titel}. Offen für alle im Brunnenviertel, "
                + ("bitte melden Sie sich an." if plaetze else "ohne Anmeldung."),
                anmeldung=plaetze is not None,
                kapazitaet=plaetze,
                # Past the deletion period only the numbers of people registered and of
                # those who came are left.
                teilnehmende=kamen if tage < 0 and -tage > loeschfrist.days else None,
                anwesende=kamen * 5 // 6 if tage < 0 and -tage > loeschfrist.days else None,
            )
        )
    fest = brunnenfest_tag(heute)
    titel, art, ziel, veranstalter, ort = BRUNNENFEST
    events.append(
        _veranstaltung(
            quartier,
            akteure,
            fest,
            14,
            8,
            titel.format(jahr=fest.year),
            art,
            ziel,
            veranstalter,
            ort,
            beschreibung="Das Fest des Viertels: Bühne, Flohmarkt, Essen aus aller Welt und "
            "ein Kinderprogramm rund um den Brunnen.",
        )
    )
    events += _sprachcafe(context, quartier, akteure)
    Veranstaltung.objects.bulk_create(events)
    _anmeldungen(events, heute)


def _sprachcafe(context, quartier, akteure) -> list[Veranstaltung]:
    """The weekly Sprachcafé: one event per occurrence of the room series, each on its
    booking."""
    serie = (
        Serie.objects.filter(buchungen__raum__quartier=quartier, buchungen__zweck=SPRACHCAFE)
        .distinct()
        .first()
    )
    if serie is None:
        return []
    buchungen = list(serie.buchungen.select_related("raum").order_by("beginn"))
    return [
        Veranstaltung(
            quartier=quartier,
            titel=f"{SPRACHCAFE} – jeden Donnerstag",  # a series says so in its title
            art="treffen",
            zielgruppen=["migration", "alle"],
            sprachen=["de", "tr"],
            veranstalter=akteure["tuerkischer-elternverein"],
            beginn=buchung.beginn,
            ende=buchung.ende,
            raum=buchung.raum,
            buchung=buchung,
            serie=serie,
            stufenlos=buchung.raum.stufenlos,
            **(
                {"status": Veranstaltung.Status.ABGESAGT, "absage_notiz": "Fällt heute aus."}
                if buchung.status == Buchung.Status.STORNIERT
                else {}
            ),
            beschreibung="Jeden Donnerstag: Deutsch und Türkisch üben bei Tee und Gebäck, "
            "ohne Anmeldung.",
            uid=f"veranstaltung-{secrets.token_hex(12)}@quartier",
        )
        for buchung in buchungen
    ]


def _anmeldungen(events, heute) -> None:
    """Registrations: the past events still on file with who came; the coming ones filling
    up, the first fully booked with a waiting list."""
    mit_anmeldung = [v for v in events if v.anmeldung and v.teilnehmende is None]
    vergangen = [v for v in mit_anmeldung if v.beginn.date() < heute]
    kommend = [v for v in mit_anmeldung if v.beginn.date() >= heute]
    zeilen = []
    for n, v in enumerate(vergangen + kommend):
        if v in vergangen:
            anzahl = v.kapazitaet * 3 // 4
        elif n == len(vergangen):  # the next one: fully booked, three waiting
            anzahl = v.kapazitaet + 3
        else:
            anzahl = v.kapazitaet // (2 + n % 3)
        for k in range(anzahl):
            name = NAMEN[(k + 7 * n) % len(NAMEN)]
            zeilen.append(
                Anmeldung(
                    veranstaltung=v,
                    name=name,
                    email=f"anmeldung{n}-{k}@beispiel.example",
                    personen=1,
                    status=Anmeldung.Status.ANGEMELDET
                    if k < v.kapazitaet
                    else Anmeldung.Status.WARTELISTE,
                    token=secrets.token_urlsafe(24),
                    anwesend=v in vergangen and k % 5 != 0,
                    created_at=min(v.beginn - timedelta(days=1 + k % 10), timezone.now()),
                )
            )
    Anmeldung.objects.bulk_create(zeilen)


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
