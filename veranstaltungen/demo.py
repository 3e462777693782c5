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
