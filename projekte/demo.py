"""Demo data of projects: the real funding programmes (historic ones included), a dozen
projects of the Brunnenviertel over three years with grants, financing plans and expenses,
and the area's budget years. Idempotent: `manage.py demo` may run again."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from netzwerk.models import Handlungsfeld

from .models import (
    Ausgabe,
    Bewilligung,
    Budgetjahr,
    Finanzierungsposition,
    Foerderprogramm,
    Indikator,
    Kostenposition,
    Meilenstein,
    Mittelabruf,
    Nachweis,
    Phase,
    Projekt,
    Status,
)

E = Foerderprogramm.Ebene
A = Foerderprogramm.Anforderung

# name, short name, level, funder, rate, co-funding, requirements, from, until, description
PROGRAMME = [
    (
        "Sozialer Zusammenhalt – Zusammenleben im Quartier gemeinsam gestalten",
        "Sozialer Zusammenhalt",
        E.BUND,
        "Bund und Länder (Städtebauförderung)",
        None,
        "Bund, Land und Kommune tragen die Kosten gemeinsam; in der Regel je ein Drittel.",
        [A.ZWISCHENNACHWEIS, A.VERWENDUNGSNACHWEIS, A.SACHBERICHT, A.LOGO],
        date(2020, 1, 1),
        None,
        "Programm der Städtebauförderung seit 2020, Nachfolger der „Sozialen Stadt“; trägt "
        "das Quartiersmanagement, die Projektmittel und den Verfügungsfonds.",
    ),
    (
        "Soziale Stadt – Stadtteile mit besonderem Entwicklungsbedarf",
        "Soziale Stadt",
        E.BUND,
        "Bund und Länder (Städtebauförderung)",
        None,
        "Bund, Land und Kommune tragen die Kosten gemeinsam.",
        [A.VERWENDUNGSNACHWEIS, A.SACHBERICHT],
        date(1999, 1, 1),
        date(2019, 12, 31),
        "Städtebauförderung 1999–2019; 2020 im Programm Sozialer Zusammenhalt aufgegangen.",
    ),
    (
        "BIWAQ – Bildung, Wirtschaft, Arbeit im Quartier",
        "BIWAQ",
        E.BUND,
        "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen",
        Decimal("90.00"),
        "Kofinanzierung durch die Kommune oder Dritte.",
        [A.ZWISCHENNACHWEIS, A.VERWENDUNGSNACHWEIS, A.TEILNEHMENDENLISTEN, A.LOGO, A.BELEGLISTE],
        date(2022, 1, 1),
        date(2026, 12, 31),
        "ESF-Plus-Programm des Bundes für Arbeit und Bildung in Gebieten des Programms "
        "Sozialer Zusammenhalt.",
    ),
    (
        "Europäischer Sozialfonds Plus (ESF Plus)",
        "ESF Plus",
        E.EU,
        "Europäische Union, über Bund und Länder",
        None,
        "Nationale Kofinanzierung nach der jeweiligen Förderrichtlinie.",
        [A.ZWISCHENNACHWEIS, A.VERWENDUNGSNACHWEIS, A.TEILNEHMENDENLISTEN, A.LOGO],
        date(2021, 1, 1),
        date(2027, 12, 31),
        "Förderperiode 2021–2027; Vorgänger ESF 2014–2020.",
    ),
    (
        "STÄRKEN vor Ort",
        "STÄRKEN vor Ort",
        E.BUND,
        "Bundesministerium für Familie, Senioren, Frauen und Jugend (ESF)",
        Decimal("100.00"),
        "Keine; Mikroprojekte bis 10.000 €.",
        [A.SACHBERICHT, A.TEILNEHMENDENLISTEN, A.LOGO],
        date(2009, 1, 1),
        date(2011, 12, 31),
        "ESF-Programm für Mikroprojekte junger Menschen und Frauen in Gebieten der Sozialen Stadt.",
    ),
    (
        "ExWoSt – Experimenteller Wohnungs- und Städtebau",
        "ExWoSt",
        E.BUND,
        "Bundesinstitut für Bau-, Stadt- und Raumforschung",
        None,
        "Nach dem jeweiligen Forschungsfeld.",
        [A.ZWISCHENNACHWEIS, A.SACHBERICHT],
        None,
        None,
        "Forschungsprogramm des Bundes mit Modellvorhaben in Städten.",
    ),
    (
        "Haushaltsmittel der Stadt Lindenau",
        "Stadt Lindenau",
        E.KOMMUNE,
        "Stadt Lindenau",
        Decimal("100.00"),
        "",
        [A.VERWENDUNGSNACHWEIS],
        None,
        None,
        "Eigene Mittel der Stadt, z. B. für Stadtteilfeste und Baumaßnahmen.",
    ),
    (
        "Aktion Mensch – Projektförderung",
        "Aktion Mensch",
        E.PRIVAT,
        "Aktion Mensch e. V.",
        None,
        "Eigenanteil nach den Förderrichtlinien.",
        [A.VERWENDUNGSNACHWEIS, A.SACHBERICHT, A.LOGO],
        None,
        None,
        "Förderung inklusiver Projekte freier gemeinnütziger Träger.",
    ),
    (
        "Bürgerstiftung Lindenau",
        "Bürgerstiftung",
        E.STIFTUNG,
        "Bürgerstiftung Lindenau",
        None,
        "",
        [A.SACHBERICHT, A.FOTOS],
        None,
        None,
        "Kleine Zuschüsse für Nachbarschaftsprojekte.",
    ),
]

K = Kostenposition.Art
F = Finanzierungsposition.Art


def _programme() -> dict[str, Foerderprogramm]:
    programme = {}
    for name, kurz, ebene, geber, satz, kofi, anf, von, bis, text in PROGRAMME:
        programm, _ = Foerderprogramm.objects.update_or_create(
            name=name,
            defaults={
                "kurzname": kurz,
                "ebene": ebene,
                "geber": geber,
                "foerdersatz": satz,
                "kofinanzierung": kofi,
                "anforderungen": list(anf),
                "von": von,
                "bis": bis,
                "beschreibung": text,
            },
        )
        programme[kurz] = programm
    return programme


# slug, title, kind, status, summary, Träger slug, partners, fields, target groups, address,
# from, until, costs [(kind, item, amount)], financing [(kind, source, amount, programme)]
def _projekte(heute: date):
    j = heute.year
    return [
        (
            "stadtteilfest",
            f"Stadtteilfest Brunnenviertel {j}",
            "projekt",
            Status.ABGESCHLOSSEN if heute > date(j, 6, 30) else Status.LAUFEND,
            "Ein Fest für alle Nachbarinnen und Nachbarn auf dem Lindenplatz, mit Bühne, "
            "Ständen der Vereine und Kinderprogramm.",
            "nachbarschaftsverein-brunnenviertel",
            ["sv-blau-weiss-lindenau"],
            ["kultur-und-freizeit", "nachbarschaft-und-beteiligung"],
            ["alle"],
            "Lindenplatz",
            date(j, 3, 1),
            date(j, 6, 30),
            [
                (K.MIETE, "Bühne und Technik", Decimal("1800.00")),
                (K.HONORARE, "Künstlerinnen und Künstler", Decimal("1200.00")),
                (K.OEFFENTLICHKEITSARBEIT, "Plakate und Flyer", Decimal("400.00")),
            ],
            [
                (F.PROJEKTMITTEL, "Projektmittel des Quartiers", Decimal("2400.00"), None),
                (F.DRITTMITTEL, "Spende der Sparkasse", Decimal("500.00"), None),
                (F.EHRENAMT, "Helferinnen und Helfer", None, None),
            ],
        ),
        (
            "hausaufgabenhilfe",
            "Hausaufgabenhilfe im Quartier",
            "projekt",
            Status.LAUFEND,
            "Schülerinnen und Schüler der Klassen 3 bis 7 bekommen an vier Nachmittagen in der "
            "Woche Hilfe bei den Hausaufgaben.",
            "nachbarschaftsverein-brunnenviertel",
            [],
            ["bildung-und-ausbildung"],
            ["kinder", "jugendliche"],
            "Nachbarschaftstreff Brunnenstraße",
            date(j - 1, 1, 1),
            date(j + 1, 12, 31),
            [
                (K.PERSONAL, "Pädagogische Fachkraft (0,5 Stelle)", Decimal("48000.00")),
                (K.SACHKOSTEN, "Lernmaterial", Decimal("2000.00")),
            ],
            [
                (F.FOERDERMITTEL, "BIWAQ", Decimal("45000.00"), "BIWAQ"),
                (F.EIGENANTEIL, "Eigenmittel des Vereins", Decimal("5000.00"), None),
            ],
        ),
        (
            "innenhof-lindenstrasse",
            "Grüner Innenhof Kastanienallee",
            "projekt",
            Status.BEWILLIGT,
            "Mieterinnen und Mieter begrünen mit der Wohnungsgesellschaft ihren Innenhof: "
            "Hochbeete, Bänke und eine Wildblumenwiese.",
            None,
            [],
            ["wohnen-und-wohnumfeld", "umwelt-gruen-und-verkehr"],
            ["alle"],
            "Innenhof Kastanienallee 12–18",
            date(j, 4, 1),
            date(j + 1, 9, 30),
            [
                (K.INVESTITION, "Hochbeete und Bänke", Decimal("6500.00")),
                (K.SACHKOSTEN, "Pflanzen und Saatgut", Decimal("1500.00")),
            ],
            [
                (F.PROJEKTMITTEL, "Projektmittel des Quartiers", Decimal("4000.00"), None),
                (F.DRITTMITTEL, "Wohnungsgesellschaft", Decimal("4000.00"), None),
            ],
        ),
        (
            "spielplatz-am-wasserturm",
            "Neugestaltung Spielplatz Am Wasserturm",
            "baumassnahme",
            Status.LAUFEND,
            "Die Stadt gestaltet den Spielplatz Am Wasserturm neu. Kinder und Eltern planen "
            "mit: Was soll es geben, was fehlt?",
            None,
            [],
            ["wohnen-und-wohnumfeld", "umwelt-gruen-und-verkehr"],
            ["kinder", "familien"],
            "Spielplatz Am Wasserturm",
            date(j, 1, 15),
            date(j + 1, 10, 31),
            [(K.INVESTITION, "Bau und Spielgeräte", Decimal("180000.00"))],
            [
                (
                    F.FOERDERMITTEL,
                    "Sozialer Zusammenhalt",
                    Decimal("120000.00"),
                    "Sozialer Zusammenhalt",
                ),
                (F.DRITTMITTEL, "Haushalt der Stadt", Decimal("60000.00"), None),
            ],
        ),
        (
            "sprachcafe",
            "Sprachcafé für Neuzugewanderte",
            "projekt",
            Status.IN_ABSTIMMUNG,
            "Jeden Donnerstag Deutsch üben bei Kaffee und Tee, mit Ehrenamtlichen aus dem Viertel.",
            None,
            [],
            ["integration-und-zusammenleben"],
            ["migration"],
            "Stadtteilbüro",
            date(j + 1, 1, 1),
            date(j + 1, 12, 31),
            [(K.SACHKOSTEN, "Material und Getränke", Decimal("900.00"))],
            [(F.PROJEKTMITTEL, "Projektmittel des Quartiers", Decimal("900.00"), None)],
        ),
        (
            "seniorenmittagstisch",
            "Mittagstisch für Ältere",
            "projekt",
            Status.IDEE,
            "Einmal in der Woche gemeinsam kochen und essen: gegen Einsamkeit im Alter.",
            None,
            [],
            ["altere-menschen"],
            ["senioren"],
            "",
            None,
            None,
            [],
            [],
        ),
    ]


def load(context) -> None:
    programme = _programme()
    quartier = context.quartier
    heute = timezone.localdate()
    felder = {h.slug: h for h in Handlungsfeld.objects.all()}
    akteure = context.extra.get("akteure", {})
    qm = context.users.get("qm")
    for jahr in (heute.year - 1, heute.year, heute.year + 1):
        Budgetjahr.objects.update_or_create(
            quartier=quartier,
            jahr=jahr,
            defaults={"einwohner": quartier.einwohner, "vollzeitstellen": quartier.vollzeitstellen},
        )
    for (
        slug,
        titel,
        art,
        status,
        kurz,
        traeger,
        partner,
        feld_slugs,
        zielgruppen,
        adresse,
        von,
        bis,
        kosten,
        finanzierung,
    ) in _projekte(heute):
        projekt, _ = Projekt.objects.update_or_create(
            quartier=quartier,
            slug=slug,
            defaults={
                "titel": titel,
                "art": art,
                "status": status,
                "kurzbeschreibung": kurz,
                "beschreibung": kurz,
                "traeger": akteure.get(traeger) if traeger else None,
                "zielgruppen": zielgruppen,
                "adresse": adresse,
                "von": von,
                "bis": bis,
            },
        )
        projekt.handlungsfelder.set([felder[s] for s in feld_slugs if s in felder])
        projekt.kooperationspartner.set([akteure[s] for s in partner if s in akteure])
        Ausgabe.objects.filter(kostenposition__projekt=projekt).delete()
        for model in (Kostenposition, Finanzierungsposition, Bewilligung, Meilenstein, Phase):
            model.objects.filter(projekt=projekt).delete()
        Indikator.objects.filter(projekt=projekt).delete()
        positionen = [
            Kostenposition.objects.create(projekt=projekt, art=k, bezeichnung=b, betrag=betrag)
            for k, b, betrag in kosten
        ]
        ehrenamt = projekt.kosten_summe() - sum(
            (betrag for _k, _b, betrag, _p in finanzierung if betrag), Decimal(0)
        )
        for f_art, quelle, betrag, programm in finanzierung:
            bewilligung = None
            if programm:
                bewilligung = Bewilligung.objects.create(
                    projekt=projekt,
                    programm=programme[programm],
                    aktenzeichen=f"{programme[programm].kurzname[:4].upper()}-{von:%Y}-{projekt.pk:04d}",
                    bescheid_datum=von - timedelta(days=30),
                    von=von,
                    bis=bis,
                    betrag=betrag,
                    zustaendig=qm,
                )
                Mittelabruf.objects.create(
                    bewilligung=bewilligung,
                    betrag=(betrag / 2).quantize(Decimal("0.01")),
                    status=Mittelabruf.Status.EINGEGANGEN,
                    angefordert_am=von + timedelta(days=14),
                    eingegangen_am=von + timedelta(days=40),
                )
                Nachweis.objects.create(
                    bewilligung=bewilligung,
                    art=Nachweis.Art.ZWISCHENNACHWEIS,
                    faellig_am=min(bis, heute + timedelta(days=10)),
                )
                Nachweis.objects.create(
                    bewilligung=bewilligung,
                    art=Nachweis.Art.VERWENDUNGSNACHWEIS,
                    faellig_am=bis + timedelta(days=180),
                )
            if f_art == F.EHRENAMT:
                Finanzierungsposition.objects.create(
                    projekt=projekt,
                    art=f_art,
                    bezeichnung=quelle,
                    stunden=(ehrenamt / 15).quantize(Decimal("0.1")),
                    stundensatz=Decimal("15.00"),
                    betrag=ehrenamt,
                )
                continue
            Finanzierungsposition.objects.create(
                projekt=projekt,
                art=f_art,
                bezeichnung=quelle,
                bewilligung=bewilligung,
                betrag=betrag,
                haushaltsjahr=(von or heute).year
                if f_art in Finanzierungsposition.AUS_DEM_BUDGET
                else None,
            )
        if status in (Status.LAUFEND, Status.ABGESCHLOSSEN):
            for position in positionen:
                anteil = Decimal("1.00") if status == Status.ABGESCHLOSSEN else Decimal("0.40")
                Ausgabe.objects.create(
                    kostenposition=position,
                    datum=min(heute, von + timedelta(days=60)),
                    betrag=(position.betrag * anteil).quantize(Decimal("0.01")),
                    bezeichnung=position.bezeichnung,
                    belegnummer=f"B-{position.pk:05d}",
                    erfasst_von=qm,
                )
        if von:
            Meilenstein.objects.create(
                projekt=projekt, titel="Start", datum=von, erreicht=von <= heute
            )
        if bis:
            Meilenstein.objects.create(
                projekt=projekt, titel="Abschluss", datum=bis, erreicht=bis <= heute
            )
        if slug == "spielplatz-am-wasserturm":
            projekt.beteiligung = (
                "Beteiligungswerkstatt für Kinder und Eltern im Stadtteilbüro; die Entwürfe "
                "hängen vier Wochen im Schaufenster aus. Ideen nehmen wir gern entgegen."
            )
            projekt.kontakt_stelle = "Grünflächenamt der Stadt Lindenau, Abteilung Spielplätze"
            projekt.kontakt_email = "spielplaetze@lindenau.example"
            projekt.save()
            Phase.objects.create(
                projekt=projekt, name="Planung", von=von, bis=heute - timedelta(days=20)
            )
            Phase.objects.create(
                projekt=projekt,
                name="Beteiligung",
                von=heute - timedelta(days=19),
                bis=heute + timedelta(days=40),
                beteiligung_moeglich=True,
                beschreibung="Kinder und Eltern sagen, was der Spielplatz braucht.",
            )
            Phase.objects.create(
                projekt=projekt, name="Bau", von=heute + timedelta(days=41), bis=bis
            )
            Indikator.objects.create(
                projekt=projekt,
                name="Teilnehmende der Beteiligung",
                einheit="Personen",
                zielwert=80,
                istwert=35,
            )
        if slug == "innenhof-lindenstrasse":
            Indikator.objects.create(
                projekt=projekt, name="Begrünte Fläche", einheit="m²", zielwert=400, istwert=0
            )
