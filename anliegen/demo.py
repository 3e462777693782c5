"""Demo data of concerns: categories with answer templates, forwarded to the city offices and
the housing company of the network's demo data, and 150 concerns over 18 months in every
status, with answers and forwardings.

Idempotent: categories are updated in place; the concerns are created once.
Everything is written with bulk_create (a few queries, not thousands).
"""

import random
from datetime import timedelta

from django.utils import timezone

from netzwerk.models import Akteur, Handlungsfeld
from quartier import audit
from quartier.demo import STRASSEN, DemoContext

from .models import (
    ABSCHLUSS,
    GESCHLOSSEN,
    Anliegen,
    Fallzaehler,
    Kategorie,
    Status,
    Statuswechsel,
    Textbaustein,
    Weiterleitung,
    neues_token,
    pin_hash_erzeugen,
)
from .services import BEWOHNER

DEMO_PIN = "123456"

# The offices concerns are forwarded to are the network's (netzwerk/demo.py, loaded first):
# one name per office across the portal.
ZUSTAENDIG = {
    "tiefbau": "tiefbauamt",
    "gruen": "gruenflaechenamt",
    "ordnung": "ordnungsamt",
    "wohnen": "gbl-wohnungsbau",
}

# The answering office's file reference prefix and its reply (week number filled in).
ANTWORT_DER_STELLE = {
    "tiefbauamt": ("TB", "Auftrag an den Bauhof erteilt, erledigt in KW {kw}."),
    "gruenflaechenamt": ("GA", "Die Grünpflege ist beauftragt und kommt in KW {kw}."),
    "ordnungsamt": ("OA", "Die Stadtreinigung räumt die Stelle in KW {kw}."),
    "gbl-wohnungsbau": ("GBL", "Unser Hausmeisterdienst kümmert sich in KW {kw} darum."),
}

# name, actor slug, field of action slug, deadline days, sample texts
KATEGORIEN = [
    (
        "Straßenbeleuchtung",
        "tiefbau",
        "umwelt-gruen-und-verkehr",
        10,
        [
            "Die Straßenlaterne vor dem Haus ist seit einer Woche dunkel.",
            "Zwei Laternen flackern abends ständig, der Gehweg ist kaum beleuchtet.",
            "Laterne an der Ecke ist defekt, abends sehr dunkel auf dem Schulweg.",
        ],
    ),
    (
        "Straßen und Gehwege",
        "tiefbau",
        "umwelt-gruen-und-verkehr",
        21,
        [
            "Großes Schlagloch auf der Fahrbahn, Radfahrer müssen ausweichen.",
            "Gehwegplatten sind angehoben, Stolpergefahr für ältere Menschen.",
            "Der Bordstein ist abgesenkt nötig, mit Rollator kommt man nicht hinüber.",
        ],
    ),
    (
        "Grünflächen und Spielplätze",
        "gruen",
        "umwelt-gruen-und-verkehr",
        21,
        [
            "Die Schaukel auf dem Spielplatz ist kaputt.",
            "Hecke wächst über den Gehweg, Kinderwagen passen nicht vorbei.",
            "Idee: mehr Bänke im Park, damit Ältere eine Pause machen können.",
        ],
    ),
    (
        "Müll und Sauberkeit",
        "ordnung",
        "sicherheit-und-sauberkeit",
        7,
        [
            "Sperrmüll liegt seit Tagen neben den Containern.",
            "Der Glascontainer ist überfüllt, Scherben liegen herum.",
            "Wilder Müll im Gebüsch hinter dem Parkplatz.",
        ],
    ),
    (
        "Wohnen und Hausverwaltung",
        "wohnen",
        "wohnen-und-wohnumfeld",
        14,
        [
            "Die Haustür schließt nicht mehr richtig.",
            "Im Treppenhaus ist das Licht seit Wochen defekt.",
            "Frage: Wann wird der Hof wie angekündigt neu gestaltet?",
        ],
    ),
    (
        "Nachbarschaft und Angebote",
        None,
        "nachbarschaft-und-beteiligung",
        14,
        [
            "Gibt es im Viertel ein Sprachcafé für Erwachsene?",
            "Lob: Das Brunnenfest war wunderbar organisiert!",
            "Idee: ein Tauschregal im Stadtteilbüro.",
        ],
    ),
]

TEXTBAUSTEINE = [
    (
        Status.ERLEDIGT,
        "Mangel behoben",
        "Guten Tag, Ihr Anliegen {nummer} ({kategorie}) vom {datum} ist erledigt: Der Mangel "
        "wurde behoben. Vielen Dank für Ihren Hinweis!",
    ),
    (
        Status.WEITERGELEITET,
        "An das Fachamt gegeben",
        "Wir haben Ihr Anliegen {nummer} an die zuständige Stelle weitergeleitet und melden "
        "uns, sobald eine Antwort vorliegt.",
    ),
    (
        Status.BEANTWORTET,
        "Frage beantwortet",
        "Guten Tag, zu Ihrer Frage vom {datum}: ",
    ),
    (
        Status.NICHT_ZUSTAENDIG,
        "Private Fläche",
        "Die Stelle ({adresse}) ist eine private Fläche; zuständig ist die Eigentümerin. Wir haben "
        "ihr Ihren Hinweis ohne Ihre Daten weitergegeben.",
    ),
    (
        Status.NICHT_UMSETZBAR,
        "Nicht umsetzbar",
        "Ihr Vorschlag {nummer} lässt sich derzeit leider nicht umsetzen, weil ",
    ),
]

ANTWORTEN = {
    Status.ERLEDIGT: "Der Mangel wurde behoben. Vielen Dank für Ihren Hinweis!",
    Status.BEANTWORTET: "Vielen Dank für Ihre Frage. Die Antwort finden Sie hier: Das "
    "Stadtteilbüro informiert in der nächsten Quartierszeitung ausführlich.",
    Status.NICHT_ZUSTAENDIG: "Die Fläche gehört einem privaten Eigentümer. Wir haben den "
    "Hinweis ohne Ihre Daten weitergegeben.",
    Status.NICHT_UMSETZBAR: "Der Vorschlag lässt sich an dieser Stelle leider nicht umsetzen, "
    "weil dort Leitungen im Boden liegen.",
    Status.DUPLIKAT: "Dieses Anliegen wurde bereits gemeldet; wir bearbeiten es dort.",
}

VERTEILUNG = [
    (Status.ERLEDIGT, 45),
    (Status.BEANTWORTET, 20),
    (Status.NICHT_ZUSTAENDIG, 8),
    (Status.NICHT_UMSETZBAR, 8),
    (Status.DUPLIKAT, 6),
    (Status.ZURUECKGEZOGEN, 4),
    (Status.WEITERGELEITET, 20),
    (Status.IN_BEARBEITUNG, 15),
    (Status.IN_PRUEFUNG, 12),
    (Status.EINGEGANGEN, 12),
]

WEG = {
    Status.EINGEGANGEN: [],
    Status.IN_PRUEFUNG: [Status.IN_PRUEFUNG],
    Status.IN_BEARBEITUNG: [Status.IN_PRUEFUNG, Status.IN_BEARBEITUNG],
    Status.WEITERGELEITET: [Status.IN_PRUEFUNG, Status.WEITERGELEITET],
}


def load(context: DemoContext) -> None:
    quartier = context.quartier
    netzwerk = context.extra["akteure"]
    akteure = {key: netzwerk[slug] for key, slug in ZUSTAENDIG.items()}
    felder = {h.slug: h for h in Handlungsfeld.objects.all()}
    kategorien = []
    for index, (name, akteur_slug, feld, frist, texte) in enumerate(KATEGORIEN):
        kategorie, _ = Kategorie.objects.update_or_create(
            quartier=quartier,
            name=name,
            defaults={
                "zustaendig": akteure.get(akteur_slug),
                "handlungsfeld": felder.get(feld),
                "frist_tage": frist,
                "reihenfolge": index,
            },
        )
        kategorien.append((kategorie, texte))
    for status, titel, text in TEXTBAUSTEINE:
        Textbaustein.objects.update_or_create(
            quartier=quartier,
            kategorie=None,
            titel=titel,
            defaults={"status": status, "text": text},
        )
    licht = kategorien[0][0]
    Textbaustein.objects.update_or_create(
        quartier=quartier,
        kategorie=licht,
        titel="Laterne repariert",
        defaults={
            "status": Status.ERLEDIGT,
            "text": "Guten Tag, die Straßenlaterne ({adresse}) aus Ihrer Meldung {nummer} vom "
            "{datum} brennt wieder: Das Tiefbauamt hat sie repariert. Danke für den Hinweis!",
        },
    )
    if Anliegen.objects.filter(quartier=quartier).exists():
        return
    _anliegen(context, kategorien)


def _anliegen(context: DemoContext, kategorien) -> None:
    rng = random.Random(4)  # the same district every time
    quartier = context.quartier
    staff = [context.users["qm"], context.users["mitarbeit"]]
    pin_hash = pin_hash_erzeugen(DEMO_PIN)
    jetzt = timezone.now()
    statusliste = [s for s, n in VERTEILUNG for _ in range(n)]
    rng.shuffle(statusliste)
    # Open concerns are recent; closed ones spread over 18 months.
    daten = []
    for status in statusliste:
        tage = rng.randint(1, 40) if status not in GESCHLOSSEN else rng.randint(20, 540)
        daten.append((jetzt - timedelta(days=tage, minutes=rng.randint(0, 600)), status))
    daten.sort()
    zaehler: dict[int, int] = {}
    objekte = []
    for eingegangen, status in daten:
        kategorie, texte = rng.choice(kategorien)
        jahr = timezone.localtime(eingegangen).year
        if jahr not in zaehler:
            zaehler[jahr] = (
                Fallzaehler.objects.filter(jahr=jahr)
                .values_list("letzte_nummer", flat=True)
                .first()
                or 0
            )
        zaehler[jahr] += 1
        art = Anliegen.Art.MANGEL
        text = rng.choice(texte)
        if text.startswith("Idee"):
            art = Anliegen.Art.IDEE
        elif text.startswith(("Frage", "Gibt es")):
            art = Anliegen.Art.FRAGE
        elif text.startswith("Lob"):
            art = Anliegen.Art.LOB_KRITIK
        geschlossen = status in GESCHLOSSEN
        erste_antwort = min(
            eingegangen + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8)),
            jetzt - timedelta(hours=2),
        )
        mit_email = rng.random() < 0.6
        einwilligung = rng.random() < 0.7
        objekte.append(
            Anliegen(
                quartier=quartier,
                nummer=f"A-{jahr}-{zaehler[jahr]:05d}",
                token=neues_token(),
                pin_hash=pin_hash,
                kanal=rng.choice([Anliegen.Kanal.WEB] * 4 + [Anliegen.Kanal.TELEFON]),
                art=art,
                kategorie=kategorie,
                status=status,
                beschreibung=text,
                strasse=rng.choice(STRASSEN),
                hausnummer=str(rng.randint(1, 60)),
                name=rng.choice(["", "A. Schmidt", "M. Öztürk", "K. Nowak"]),
                email=f"bewohner{len(objekte)}@example.org" if mit_email else "",
                einwilligung_veroeffentlichung=einwilligung,
                text_freigegeben=einwilligung and (geschlossen or rng.random() < 0.5),
                oeffentlicher_text=text if einwilligung else "",
                bestaetigt_at=eingegangen + timedelta(hours=1) if mit_email else None,
                benachrichtigen=mit_email,
                zustaendig=rng.choice(staff) if status != Status.EINGEGANGEN else None,
                antwort="Ihre Idee wurde umgesetzt. Vielen Dank!"
                if status == Status.ERLEDIGT and art != Anliegen.Art.MANGEL
                else ANTWORTEN.get(status, ""),
                eingegangen_at=eingegangen,
                frist=(eingegangen + timedelta(days=kategorie.frist_tage)).date(),
                erste_antwort_at=erste_antwort if status in ABSCHLUSS else None,
                abgeschlossen_at=min(
                    erste_antwort + timedelta(days=rng.randint(0, 20)), jetzt - timedelta(hours=1)
                )
                if geschlossen
                else None,
            )
        )
    Anliegen.objects.bulk_create(objekte)
    duplikate = []
    for index, anliegen in enumerate(objekte):
        if anliegen.status == Status.DUPLIKAT:
            frueher = [o for o in objekte[:index] if o.kategorie_id == anliegen.kategorie_id]
            if frueher:
                anliegen.duplikat_von = frueher[-1]
                anliegen.antwort = (
                    f"Dieses Anliegen wurde bereits als {frueher[-1].nummer} gemeldet; "
                    "wir bearbeiten es dort."
                )
                duplikate.append(anliegen)
    Anliegen.objects.bulk_update(duplikate, ["duplikat_von", "antwort"])
    for jahr, letzte in zaehler.items():
        Fallzaehler.objects.update_or_create(jahr=jahr, defaults={"letzte_nummer": letzte})
    verlauf, weiterleitungen = [], []
    for anliegen in objekte:
        schritte = [Status.EINGEGANGEN]
        schritte += WEG.get(anliegen.status, [Status.IN_PRUEFUNG, Status.IN_BEARBEITUNG])
        if anliegen.status in GESCHLOSSEN:
            schritte.append(anliegen.status)
        zeit = anliegen.eingegangen_at
        for von, nach in zip([""] + schritte[:-1], schritte, strict=True):
            if nach in GESCHLOSSEN:
                zeit = anliegen.abgeschlossen_at
            verlauf.append(
                Statuswechsel(
                    anliegen=anliegen,
                    created_at=zeit,
                    user=None if not von else anliegen.zustaendig,
                    actor="" if von else audit.in_office_language(BEWOHNER),
                    von=von,
                    nach=nach,
                    antwort=anliegen.antwort if nach in ABSCHLUSS else "",
                )
            )
            zeit = min(zeit + timedelta(days=rng.randint(1, 4)), anliegen.abgeschlossen_at or jetzt)
        akteur = anliegen.kategorie.zustaendig
        if akteur and (
            anliegen.status == Status.WEITERGELEITET
            or (anliegen.status == Status.ERLEDIGT and rng.random() < 0.6)
        ):
            beantwortet = anliegen.status == Status.ERLEDIGT or rng.random() < 0.3
            kuerzel, erledigung = ANTWORT_DER_STELLE[akteur.slug]
            weiterleitungen.append(
                Weiterleitung(
                    anliegen=anliegen,
                    akteur=akteur,
                    created_at=anliegen.eingegangen_at + timedelta(days=2),
                    user=anliegen.zustaendig,
                    aktenzeichen=f"{kuerzel}-{rng.randint(100, 999)}/{anliegen.eingegangen_at:%y}",
                    antwort_bis=(anliegen.eingegangen_at + timedelta(days=16)).date(),
                    token=neues_token(),
                    antwort=erledigung.format(
                        kw=(anliegen.eingegangen_at + timedelta(days=9)).isocalendar().week
                    )
                    if beantwortet
                    else "",
                    beantwortet_at=anliegen.eingegangen_at + timedelta(days=9)
                    if beantwortet
                    else None,
                )
            )
    Statuswechsel.objects.bulk_create(verlauf)
    Weiterleitung.objects.bulk_create(weiterleitungen)


# --- the city-sized data set (`demo --scale city`, quartier.demo_stadt) ------------------

# The categories of every area: the six above, plus three of the city. Season of the
# concerns, weight, and the texts (the kind follows from the first word, as above).
STADT_KATEGORIEN = {
    "Straßenbeleuchtung": ("winter", 14, []),
    "Straßen und Gehwege": ("winter", 16, ["Nach dem Frost ist die Fahrbahn voller Schlaglöcher."]),
    "Grünflächen und Spielplätze": (
        "sommer",
        16,
        ["Der Rasen im Park wurde seit Wochen nicht gemäht."],
    ),
    "Müll und Sauberkeit": (
        "sommer",
        20,
        ["Nach dem Wochenende liegt Müll rund um die Grillwiese."],
    ),
    "Wohnen und Hausverwaltung": ("ganzjahr", 10, ["Die Heizung im Haus fällt immer wieder aus."]),
    "Nachbarschaft und Angebote": (
        "schuljahr",
        8,
        ["Frage: Gibt es im Viertel eine Hausaufgabenhilfe?"],
    ),
    "Winterdienst": (
        "winter",
        5,
        [
            "Der Gehweg ist seit Tagen nicht geräumt, es ist spiegelglatt.",
            "An der Haltestelle wurde nicht gestreut.",
        ],
    ),
    "Lärm": (
        "sommer",
        5,
        [
            "Jede Nacht laute Musik auf dem Platz bis nach Mitternacht.",
            "Die Baustelle beginnt schon um sechs Uhr morgens.",
        ],
    ),
    "Verkehr und Parken": (
        "ganzjahr",
        6,
        [
            "Autos parken ständig auf dem Radweg vor der Schule.",
            "Idee: ein Zebrastreifen vor dem Kindergarten.",
            "Die Ampelschaltung ist für Fußgänger viel zu kurz.",
        ],
    ),
}
STADT_KATEGORIE_AMT = {
    "Winterdienst": ("tiefbau", "umwelt-gruen-und-verkehr", 3),
    "Lärm": ("ordnung", "sicherheit-und-sauberkeit", 14),
    "Verkehr und Parken": ("ordnung", "umwelt-gruen-und-verkehr", 21),
}
STADT_OFFEN = [
    (Status.EINGEGANGEN, 30),
    (Status.IN_PRUEFUNG, 25),
    (Status.IN_BEARBEITUNG, 25),
    (Status.WEITERGELEITET, 20),
]
STADT_GESCHLOSSEN = [(s, n) for s, n in VERTEILUNG if s in GESCHLOSSEN]


def _art(text: str) -> str:
    if text.startswith("Idee"):
        return Anliegen.Art.IDEE
    if text.startswith(("Frage", "Gibt es")):
        return Anliegen.Art.FRAGE
    if text.startswith("Lob"):
        return Anliegen.Art.LOB_KRITIK
    return Anliegen.Art.MANGEL


def load_stadt(stadt) -> None:
    """400,000 concerns over five years in the 40 areas (times `faktor`): most closed,
    each with its history, answers, forwardings to the city offices, and photos."""
    from quartier import demo_stadt as ds

    kategorien = _stadt_kategorien(stadt)
    if Anliegen.objects.filter(quartier=stadt.quartiere[0]).exists():
        return
    _stadt_anliegen(stadt, ds, kategorien)


def _stadt_kategorien(stadt) -> dict[int, list]:
    """The categories and answer templates of every area (made where missing)."""
    nach_slug = {a.slug: a for a in Akteur.objects.filter(slug__in=ZUSTAENDIG.values())}
    akteure = {key: nach_slug[slug] for key, slug in ZUSTAENDIG.items() if slug in nach_slug}
    felder = {h.slug: h for h in Handlungsfeld.objects.all()}
    plan = {name: (akteur, feld, frist) for name, akteur, feld, frist, _t in KATEGORIEN}
    plan.update(STADT_KATEGORIE_AMT)
    texte = {name: t for name, _a, _f, _d, t in KATEGORIEN}
    for akteur in akteure.values():
        akteur.quartiere.add(*stadt.quartiere)
    vorhanden = set(
        Kategorie.objects.filter(quartier__in=stadt.quartiere).values_list("quartier_id", "name")
    )
    neue = [
        Kategorie(
            quartier=q,
            name=name,
            zustaendig=akteure.get(akteur),
            handlungsfeld=felder.get(feld),
            frist_tage=frist,
            reihenfolge=i,
        )
        for q in stadt.quartiere
        for i, (name, (akteur, feld, frist)) in enumerate(plan.items())
        if (q.pk, name) not in vorhanden
    ]
    Kategorie.objects.bulk_create(neue)
    stadt.zaehle(Kategorie, len(neue))
    mit_vorlagen = set(
        Textbaustein.objects.filter(quartier__in=stadt.quartiere).values_list(
            "quartier_id", flat=True
        )
    )
    vorlagen = [
        Textbaustein(quartier=q, kategorie=None, status=status, titel=titel, text=text)
        for q in stadt.quartiere
        if q.pk not in mit_vorlagen
        for status, titel, text in TEXTBAUSTEINE
    ]
    Textbaustein.objects.bulk_create(vorlagen)
    stadt.zaehle(Textbaustein, len(vorlagen))
    je_quartier: dict[int, list] = {}
    for k in Kategorie.objects.filter(quartier__in=stadt.quartiere, name__in=plan).order_by(
        "reihenfolge"
    ):
        saison, gewicht, extra = STADT_KATEGORIEN[k.name]
        je_quartier.setdefault(k.quartier_id, []).append(
            (k.pk, k.zustaendig_id, k.frist_tage, saison, gewicht, texte.get(k.name, []) + extra)
        )
    return je_quartier


def _stadt_foto_vorlagen(ds) -> list[bytes]:
    """A few small photos made once (a street lamp at dusk, a hole, a green …): their bytes
    are linked to many files (hard links: one copy on disk, yet each photo its own file, so
    deleting one photo deletes nothing else)."""
    import io

    from PIL import Image, ImageDraw

    rng = ds.zufall("fotos")
    vorlagen = []
    for _ in range(12):
        himmel = tuple(rng.randint(90, 200) for _ in range(3))
        bild = Image.new("RGB", (160, 120), himmel)
        zeichnen = ImageDraw.Draw(bild)
        zeichnen.rectangle((0, 80, 160, 120), fill=tuple(rng.randint(40, 120) for _ in range(3)))
        for _ in range(rng.randint(1, 4)):
            x, y = rng.randint(0, 140), rng.randint(20, 90)
            farbe = tuple(rng.randint(0, 255) for _ in range(3))
            zeichnen.ellipse((x, y, x + rng.randint(10, 40), y + rng.randint(10, 30)), fill=farbe)
        puffer = io.BytesIO()
        bild.save(puffer, "JPEG", quality=60)
        vorlagen.append(puffer.getvalue())
    return vorlagen


def _stadt_anliegen(stadt, ds, kategorien) -> None:
    import os
    import secrets
    from decimal import Decimal
    from pathlib import Path

    from django.conf import settings

    from quartier.storage import private_storage

    from .models import Foto

    rng = ds.zufall("anliegen")
    jetzt = stadt.jetzt
    von = jetzt - timedelta(days=5 * 365)
    pin_hash = pin_hash_erzeugen(DEMO_PIN)
    bewohner = audit.in_office_language(BEWOHNER)
    aufbewahrung = timedelta(days=30 * settings.ANLIEGEN_AUFBEWAHRUNG_MONATE)
    n = stadt.anzahl(400_000)
    je_quartier = ds.anteile(n, stadt.gewichte())
    # Case numbers continue each year's counter (the small demo's numbers come first).
    zaehler = dict(Fallzaehler.objects.values_list("jahr", "letzte_nummer"))
    # Photos: files under private storage, hard links to a dozen small JPEGs made once.
    foto_ordner = Path(private_storage.location) / "anliegen" / "stadt"
    foto_ordner.mkdir(parents=True, exist_ok=True)
    vorlagen = []
    for i, daten in enumerate(_stadt_foto_vorlagen(ds)):
        pfad = foto_ordner / f"vorlage-{i}.jpg"
        pfad.write_bytes(daten)
        vorlagen.append(pfad)
    for index, (quartier, anzahl) in enumerate(zip(stadt.quartiere, je_quartier, strict=True)):
        if not anzahl:
            continue
        eigene = kategorien[quartier.pk]
        staff = stadt.staff.get(quartier.pk) or [None]
        zeiten = []
        for _ in range(anzahl):
            k = rng.choices(eigene, weights=[k[4] for k in eigene])[0]
            zeiten.append((ds.zeitpunkt(rng, von=von, bis=jetzt, saison=k[3], wachstum=2.0), k))
        zeiten.sort(key=lambda z: z[0])
        pks = ds.ids(Anliegen, anzahl)
        anliegen, verlauf, weiterleitungen, fotos = [], [], [], []
        letzte_je_kategorie: dict[int, tuple[int, str]] = {}
        lat0, lon0 = 50.30 + (index % 7) * 0.012, 7.55 + (index // 7) * 0.018
        for pk, (eingegangen, (kat, akteur, frist, _s, _g, texte)) in zip(pks, zeiten, strict=True):
            jahr = timezone.localtime(eingegangen).year
            zaehler[jahr] = zaehler.get(jahr, 0) + 1
            nummer = f"A-{jahr}-{zaehler[jahr]:05d}"
            alter = (jetzt - eingegangen).days
            # Older concerns are closed; of the last weeks many are still open.
            offen = rng.random() < (
                0.9 if alter < 7 else 0.5 if alter < 30 else 0.12 if alter < 120 else 0.01
            )
            liste = STADT_OFFEN if offen else STADT_GESCHLOSSEN
            status = rng.choices([s for s, _ in liste], weights=[w for _, w in liste])[0]
            if status == Status.DUPLIKAT and kat not in letzte_je_kategorie:
                status = Status.ERLEDIGT
            text = rng.choice(texte)
            art = _art(text)
            spam = rng.random() < 0.004
            geschlossen = status in GESCHLOSSEN
            erste_antwort = min(
                eingegangen + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8)),
                jetzt - timedelta(hours=2),
            )
            abgeschlossen = (
                min(erste_antwort + timedelta(days=rng.randint(0, 30)), jetzt - timedelta(hours=1))
                if geschlossen
                else None
            )
            anonymisiert = (
                abgeschlossen + aufbewahrung
                if abgeschlossen and abgeschlossen + aufbewahrung < jetzt
                else None
            )
            vorname, nachname = ds.person(rng)
            mit_email = not anonymisiert and rng.random() < 0.6
            einwilligung = rng.random() < 0.7
            duplikat_von = None
            if status == Status.DUPLIKAT:
                duplikat_von, frueher = letzte_je_kategorie[kat]
                antwort = (
                    f"Dieses Anliegen wurde bereits als {frueher} gemeldet; wir bearbeiten es dort."
                )
            elif status == Status.ERLEDIGT and art != Anliegen.Art.MANGEL:
                antwort = "Ihre Idee wurde umgesetzt. Vielen Dank!"
            else:
                antwort = ANTWORTEN.get(status, "")
            letzte_je_kategorie[kat] = (pk, nummer)
            zustaendig = rng.choice(staff) if status != Status.EINGEGANGEN else None
            mit_ort = not anonymisiert and rng.random() < 0.6
            anliegen.append(
                (
                    pk,
                    quartier.pk,
                    nummer,
                    neues_token(),
                    pin_hash,
                    rng.choice(["web", "web", "web", "web", "telefon", "sprechstunde"]),
                    art,
                    kat,
                    status,
                    text,
                    rng.choice(ds.STRASSEN),
                    "" if anonymisiert else str(rng.randint(1, 90)),
                    Decimal(f"{lat0 + rng.uniform(0, 0.01):.6f}") if mit_ort else None,
                    Decimal(f"{lon0 + rng.uniform(0, 0.015):.6f}") if mit_ort else None,
                    "" if anonymisiert or rng.random() < 0.4 else f"{vorname[0]}. {nachname}",
                    ds.email_von(vorname, nachname, pk) if mit_email else "",
                    einwilligung,
                    rng.random() < 0.5,
                    eingegangen + timedelta(hours=1) if mit_email else None,
                    mit_email and rng.random() < 0.8,
                    zustaendig,
                    duplikat_von,
                    antwort,
                    einwilligung and not spam and (geschlossen or rng.random() < 0.5),
                    text if einwilligung else "",
                    spam,
                    eingegangen + timedelta(hours=3) if spam else None,
                    (eingegangen + timedelta(days=frist)).date(),
                    eingegangen,
                    erste_antwort if status in ABSCHLUSS else None,
                    abgeschlossen,
                    anonymisiert,
                    abgeschlossen or eingegangen,
                )
            )
            # The history: received, checked, in progress / forwarded, closed.
            schritte = [Status.EINGEGANGEN]
            schritte += WEG.get(status, [Status.IN_PRUEFUNG, Status.IN_BEARBEITUNG])
            if geschlossen:
                schritte.append(status)
            zeit = eingegangen
            for alt, neu in zip([""] + schritte[:-1], schritte, strict=True):
                if neu in GESCHLOSSEN:
                    zeit = abgeschlossen
                verlauf.append(
                    (
                        pk,
                        zeit,
                        zustaendig if alt else None,
                        "" if alt else bewohner,
                        alt,
                        neu,
                        antwort if neu in ABSCHLUSS else "",
                    )
                )
                zeit = min(zeit + timedelta(days=rng.randint(1, 4)), abgeschlossen or jetzt)
            if akteur and (
                status == Status.WEITERGELEITET
                or (status == Status.ERLEDIGT and rng.random() < 0.5)
            ):
                beantwortet = status == Status.ERLEDIGT or rng.random() < 0.3
                weitergeleitet = eingegangen + timedelta(days=2)
                weiterleitungen.append(
                    (
                        pk,
                        akteur,
                        weitergeleitet,
                        zustaendig,
                        f"{rng.choice(['TB', 'OA', 'GA'])}-{rng.randint(100, 9999)}"
                        f"/{eingegangen:%y}",
                        (weitergeleitet + timedelta(days=14)).date(),
                        "Bitte prüfen Sie den Hinweis und geben Sie uns Bescheid.",
                        rng.random() < 0.5,
                        neues_token(),
                        "Auftrag erteilt, wird in den nächsten Tagen erledigt."
                        if beantwortet
                        else "",
                        min(weitergeleitet + timedelta(days=rng.randint(2, 12)), jetzt)
                        if beantwortet
                        else None,
                    )
                )
            # A photo to one concern in twelve; after the retention period only the released.
            if rng.random() < 1 / 12:
                freigegeben = rng.random() < 0.5
                if not anonymisiert or (freigegeben and einwilligung):
                    name = f"anliegen/stadt/{eingegangen:%Y/%m}/{secrets.token_hex(12)}.jpg"
                    ziel = Path(private_storage.location) / name
                    ziel.parent.mkdir(parents=True, exist_ok=True)
                    vorlage = vorlagen[pk % len(vorlagen)]
                    try:
                        os.link(vorlage, ziel)
                    except OSError:  # a file system without hard links: a copy
                        ziel.write_bytes(vorlage.read_bytes())
                    fotos.append((pk, name, freigegeben, eingegangen))
        stadt.zaehle(Anliegen, ds.kopiere(Anliegen, [
            "id", "quartier_id", "nummer", "token", "pin_hash", "kanal", "art", "kategorie_id",
            "status", "beschreibung", "strasse", "hausnummer", "lat", "lon", "name", "email",
            "einwilligung_veroeffentlichung", "einwilligung_kontakt", "bestaetigt_at",
            "benachrichtigen", "zustaendig_id", "duplikat_von_id", "antwort", "text_freigegeben",
            "oeffentlicher_text", "spam", "spam_markiert_at", "frist", "eingegangen_at",
            "erste_antwort_at", "abgeschlossen_at", "anonymisiert_at", "updated_at",
        ], anliegen))  # fmt: skip
        stadt.zaehle(Statuswechsel, ds.kopiere(Statuswechsel, [
            "anliegen_id", "created_at", "user_id", "actor", "von", "nach", "antwort",
        ], verlauf))  # fmt: skip
        stadt.zaehle(Weiterleitung, ds.kopiere(Weiterleitung, [
            "anliegen_id", "akteur_id", "created_at", "user_id", "aktenzeichen", "antwort_bis",
            "nachricht", "kontakt_weitergeben", "token", "antwort", "beantwortet_at",
        ], weiterleitungen))  # fmt: skip
        stadt.zaehle(
            Foto, ds.kopiere(Foto, ["anliegen_id", "datei", "freigegeben", "created_at"], fotos)
        )
    for vorlage in vorlagen:  # the links keep the bytes
        vorlage.unlink()
    for jahr, letzte in zaehler.items():
        Fallzaehler.objects.update_or_create(jahr=jahr, defaults={"letzte_nummer": letzte})
