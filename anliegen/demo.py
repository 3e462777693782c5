"""Demo data of concerns: categories with answer templates, forwarded to the city offices and
the housing company of the network's demo data, and 150 concerns over 18 months in every
status, with answers and forwardings.

Idempotent: categories are updated in place; the concerns are created once.
Everything is written with bulk_create (a few queries, not thousands).
"""

import random
from datetime import timedelta

from django.utils import timezone

from netzwerk.models import Handlungsfeld
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
