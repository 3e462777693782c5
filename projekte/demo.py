"""Demo data of projects: the real funding programmes (historic ones included), a dozen
projects of the Brunnenviertel over three years with grants, financing plans and expenses,
and the area's budget years. Idempotent: `manage.py demo` may run again."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from netzwerk.models import Gremium, Handlungsfeld, Sitzung

from .models import (
    ENTSCHEIDUNGEN,
    Antrag,
    Antragskosten,
    Antragsrunde,
    Antragsstatus,
    Ausgabe,
    Auszahlung,
    Beratung,
    Bewilligung,
    Budgetjahr,
    Finanzierungsposition,
    Foerderprogramm,
    Fonds,
    Indikator,
    Kostenposition,
    Meilenstein,
    Mittelabruf,
    Nachweis,
    Phase,
    Projekt,
    Sachbericht,
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
            "fruehjahrsputz",
            "Frühjahrsputz im Brunnenviertel",
            "projekt",
            Status.ABGESCHLOSSEN,
            "Nachbarinnen, Schulen und Vereine sammeln an einem Samstag im März gemeinsam Müll "
            "in Parks und auf Spielplätzen.",
            None,
            [],
            ["sicherheit-und-sauberkeit", "nachbarschaft-und-beteiligung"],
            ["alle"],
            "Treffpunkt Brunnenplatz",
            date(j - 2, 3, 18),
            date(j - 2, 3, 18),
            [
                (K.SACHKOSTEN, "Handschuhe, Zangen, Säcke", Decimal("450.00")),
                (K.SACHKOSTEN, "Imbiss für die Helfenden", Decimal("300.00")),
            ],
            [(F.SACHKOSTEN, "Sachkosten des Büros", Decimal("750.00"), None)],
        ),
        (
            "brunnenplatz",
            "Umgestaltung Brunnenplatz",
            "baumassnahme",
            Status.ABGESCHLOSSEN,
            "Der Brunnenplatz bekam neue Bänke, Bäume und einen Trinkbrunnen – geplant in zwei "
            "Bürgerwerkstätten.",
            None,
            [],
            ["wohnen-und-wohnumfeld", "umwelt-gruen-und-verkehr"],
            ["alle"],
            "Brunnenplatz",
            date(j - 3, 4, 1),
            date(j - 2, 6, 30),
            [(K.INVESTITION, "Bau, Bäume, Trinkbrunnen", Decimal("240000.00"))],
            [
                (
                    F.FOERDERMITTEL,
                    "Sozialer Zusammenhalt",
                    Decimal("160000.00"),
                    "Sozialer Zusammenhalt",
                ),
                (F.DRITTMITTEL, "Haushalt der Stadt", Decimal("80000.00"), None),
            ],
        ),
        (
            "bewerbungswerkstatt",
            "Bewerbungswerkstatt für junge Leute",
            "projekt",
            Status.LAUFEND,
            "Lebenslauf, Anschreiben, Vorstellungsgespräch: Jugendliche und junge Erwachsene "
            "üben mit Coaches aus dem Viertel, jeden Dienstag im Jugendtreff.",
            None,
            [],
            ["lokale-okonomie-und-beschaeftigung", "kinder-jugend-und-familie"],
            ["jugendliche"],
            "Jugendtreff Kastanienallee",
            date(j, 2, 1),
            date(j + 1, 1, 31),
            [
                (K.HONORARE, "Coaching", Decimal("9600.00")),
                (K.SACHKOSTEN, "Bewerbungsfotos und Mappen", Decimal("800.00")),
            ],
            [
                (F.FOERDERMITTEL, "ESF Plus", Decimal("8320.00"), "ESF Plus"),
                (F.PROJEKTMITTEL, "Projektmittel des Quartiers", Decimal("2080.00"), None),
            ],
        ),
        (
            "lesepaten",
            "Lesepatinnen und Lesepaten an der Grundschule",
            "projekt",
            Status.ABGESCHLOSSEN,
            "Ehrenamtliche lesen einmal in der Woche mit Kindern der ersten und zweiten Klassen.",
            None,
            [],
            ["bildung-und-ausbildung"],
            ["kinder"],
            "Grundschule am Brunnen",
            date(j - 2, 9, 1),
            date(j - 1, 7, 15),
            [(K.SACHKOSTEN, "Bücher und Leseecke", Decimal("1800.00"))],
            [
                (F.FOERDERMITTEL, "Bürgerstiftung", Decimal("1500.00"), "Bürgerstiftung"),
                (F.EIGENANTEIL, "Förderverein der Schule", Decimal("300.00"), None),
            ],
        ),
        (
            "nachbarschaftsgarten",
            "Nachbarschaftsgarten am Bahndamm",
            "projekt",
            Status.BEWILLIGT,
            "Auf der Brache am Bahndamm entsteht ein Garten, den alle nutzen können – barrierefrei "
            "mit unterfahrbaren Hochbeeten.",
            None,
            [],
            ["umwelt-gruen-und-verkehr", "nachbarschaft-und-beteiligung"],
            ["alle", "behinderung"],
            "Brache am Bahndamm, Zugang Gleisstraße",
            date(j + 1, 3, 1),
            date(j + 1, 10, 31),
            [
                (K.INVESTITION, "Hochbeete, Zaun, Wasseranschluss", Decimal("12000.00")),
                (K.SACHKOSTEN, "Erde, Pflanzen, Werkzeug", Decimal("3000.00")),
            ],
            [
                (F.FOERDERMITTEL, "Aktion Mensch", Decimal("10000.00"), "Aktion Mensch"),
                (F.PROJEKTMITTEL, "Projektmittel des Quartiers", Decimal("5000.00"), None),
            ],
        ),
        (
            "stadtteilzeitung-werkstatt",
            "Schreibwerkstatt für die Stadtteilzeitung",
            "projekt",
            Status.ZURUECKGESTELLT,
            "Bewohnerinnen und Bewohner lernen, Beiträge für die Stadtteilzeitung zu schreiben.",
            None,
            [],
            ["image-und-offentlichkeitsarbeit"],
            ["alle"],
            "Stadtteilbüro",
            None,
            None,
            [(K.HONORARE, "Schreibcoach", Decimal("1200.00"))],
            [],
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


# The long descriptions of some projects (the others say all in their short text).
BESCHREIBUNGEN = {
    "hausaufgabenhilfe": (
        "Montags bis donnerstags von 14 bis 17 Uhr im Nachbarschaftstreff. Eine pädagogische "
        "Fachkraft und Ehrenamtliche helfen beim Lesen, Rechnen und bei Referaten.\n\n"
        "Die Teilnahme ist kostenlos; Eltern melden ihr Kind im Stadtteilbüro an."
    ),
    "spielplatz-am-wasserturm": (
        "Der Spielplatz Am Wasserturm ist über 30 Jahre alt. Die Stadt gestaltet ihn neu: "
        "mit Geräten für kleine und größere Kinder, Schatten, Bänken und einem Trinkbrunnen.\n\n"
        "Was gebaut wird, entscheiden Kinder und Eltern in der Beteiligungsphase mit."
    ),
    "innenhof-lindenstrasse": (
        "Die Wohnungsgesellschaft und die Mieterinnen und Mieter machen aus dem grauen Hof "
        "einen Garten: Hochbeete, Sträucher, ein Sitzplatz. Die Pflege übernimmt eine "
        "Hofgemeinschaft."
    ),
}


# The Träger's narrative reports: text, status of the office's check, its remark.
SACHBERICHTE = {
    "stadtteilfest": (
        "Rund 1.200 Besucherinnen und Besucher kamen auf den Lindenplatz. 14 Vereine und "
        "Initiativen hatten Stände, 40 Helferinnen und Helfer bauten auf und ab. Das "
        "Kinderprogramm war voll; nächstes Jahr brauchen wir mehr Schatten.",
        Sachbericht.Status.ANGENOMMEN,
        "",
    ),
    "hausaufgabenhilfe": (
        "Die Hausaufgabenhilfe findet an vier Nachmittagen pro Woche statt. Im Schnitt "
        "kommen 18 Kinder der Klassen 3 bis 7, betreut von zwei Honorarkräften und "
        "sechs Ehrenamtlichen.",
        Sachbericht.Status.NACHBESSERN,
        "Danke! Für BIWAQ brauchen wir noch die Zahl der Termine und wie viele Kinder "
        "regelmäßig kamen (mindestens zehnmal).",
    ),
}


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
                "beschreibung": BESCHREIBUNGEN.get(slug, ""),
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
        Sachbericht.objects.filter(projekt=projekt).delete()
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
        if slug in SACHBERICHTE and von and von <= heute:
            text, status, rueckmeldung = SACHBERICHTE[slug]
            Sachbericht.objects.create(
                projekt=projekt,
                von=von,
                bis=min(bis or heute, heute),
                text=text,
                status=status,
                rueckmeldung=rueckmeldung,
                eingereicht_von=projekt.traeger.mitglieder.first() if projekt.traeger else None,
                geprueft_von=qm if status != Sachbericht.Status.EINGEREICHT else None,
                geprueft_at=timezone.now() if status != Sachbericht.Status.EINGEREICHT else None,
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

    _fonds(context, heute)


AS = Antragsstatus

# The Verfügungsfonds: applications of the year in every state (title, applicant, amount
# applied for, cost lines, what happens to it, published).
DEMO_ZIELGRUPPEN = [
    ["familien", "alle"],
    ["alle"],
    ["kinder", "familien"],
    ["migration", "senioren"],
    ["jugendliche"],
]

ANTRAEGE = [
    (
        "Straßenfest Körnerstraße",
        "initiative",
        "Nachbarschaft Körnerstraße",
        "480.00",
        [
            ("miete", "Bierzeltgarnituren und Pavillons", "260.00"),
            ("material", "Deko und Kreide", "120.00"),
            ("oeffentlichkeitsarbeit", "Plakate", "100.00"),
        ],
        "abgeschlossen",
        True,
    ),
    (
        "Bücherschrank am Lindenplatz",
        "verein",
        "Leseratten e. V.",
        "1200.00",
        [("material", "Bücherschrank aus Eiche", "1200.00")],
        "teilbewilligt",
        True,
    ),
    (
        "Hochbeete im Hof Brunnenstraße 14",
        "person",
        "",
        "350.00",
        [("material", "Holz und Erde", "350.00")],
        "in_durchfuehrung",
        True,
    ),
    (
        "Nähcafé für Nachbarinnen",
        "initiative",
        "Nähcafé Brunnenviertel",
        "420.00",
        [("material", "Zwei Nähmaschinen", "420.00")],
        "bewilligt",
        True,
    ),
    (
        "Fußballturnier der Jugend",
        "verein",
        "SV Blau-Weiß Lindenau",
        "900.00",
        [("miete", "Platzmiete", "300.00"), ("material", "Pokale und Trikots", "600.00")],
        "zur_entscheidung",
        False,
    ),
    (
        "Laternenumzug",
        "person",
        "",
        "250.00",
        [("material", "Laternen und Stäbe", "250.00")],
        "vorpruefung",
        False,
    ),
    (
        "Kochabend international",
        "initiative",
        "Tafelrunde",
        "300.00",
        [("verpflegung", "Lebensmittel", "300.00")],
        "abgelehnt",
        False,
    ),
    (
        "Graffiti-Workshop Unterführung",
        "verein",
        "Jugendkunst e. V.",
        "1400.00",
        [("material", "Farben", "600.00"), ("honorare", "Künstlerin", "800.00")],
        "rueckfrage",
        False,
    ),
    (
        "Repair-Café",
        "initiative",
        "Reparieren statt wegwerfen",
        "380.00",
        [("material", "Werkzeug", "380.00")],
        "eingereicht",
        False,
    ),
]


def _stimmen(sitzung) -> tuple[int, int, int, list]:
    """A believable vote of the committee: most members yes, one no, one member not voting
    for a conflict of interest (a small committee: what it has)."""
    mitglieder = list(sitzung.gremium.mitglieder.order_by("pk"))
    if len(mitglieder) < 5:
        return 6, 1, 1, []
    befangen = mitglieder[:1]
    return len(mitglieder) - 3, 1, 1, befangen


def _fonds(context, heute: date) -> None:
    """A fund for the year with its applications, built anew through the use cases (so the
    figures, numbers and history are what the office would have)."""
    from . import services

    quartier = context.quartier
    qm = context.users.get("qm")
    gremium = Gremium.objects.filter(quartier=quartier, art=Gremium.Art.BUERGERGREMIUM).first()
    fonds, _ = Fonds.objects.update_or_create(
        quartier=quartier,
        jahr=heute.year,
        defaults={
            "einwohner": quartier.einwohner,
            "gremium": gremium,
            "beschreibung": (
                "Aus dem Verfügungsfonds bekommen Nachbarinnen und Nachbarn, Initiativen und "
                "Vereine Geld für eigene Ideen im Brunnenviertel: ein Fest, eine Bank, ein "
                "Kurs, ein Beet. Bis 500 € entscheidet das Stadtteilbüro, darüber das "
                "Bürgergremium."
            ),
            "ausgeschlossen": ["eigenhonorar", "verpflegung"],
            "nachweisfrist": date(heute.year + 1, 1, 31),
        },
    )
    sitzung = (
        Sitzung.objects.filter(gremium=gremium, beginn__lt=timezone.now())
        .order_by("-beginn")
        .first()
        if gremium
        else None
    )
    naechste = (
        Sitzung.objects.filter(gremium=gremium, beginn__gte=timezone.now())
        .order_by("beginn")
        .first()
        if gremium
        else None
    )
    # Two weeks before the committee's next meeting is the deadline of its round.
    fonds.runden.all().delete()
    if naechste is not None:
        frist = timezone.localtime(naechste.beginn).date() - timedelta(days=14)
        if frist >= heute:
            Antragsrunde.objects.create(fonds=fonds, antragsschluss=frist, sitzung=naechste)
    if fonds.antraege.exists():
        # Loaded before: the committee's meetings were made anew by the network's demo (and
        # their lists with them): the decided applications go back on the last one's list.
        fonds.antraege.filter(entscheidungsweg="gremium", sitzung=None).update(sitzung=sitzung)
        if sitzung is not None:
            for antrag in fonds.antraege.filter(sitzung=sitzung).exclude(
                beratungen__sitzung=sitzung
            ):
                ja, nein, enthaltung, _befangen = _stimmen(sitzung)
                Beratung.objects.create(
                    sitzung=sitzung,
                    antrag=antrag,
                    ja=ja,
                    nein=nein,
                    enthaltung=enthaltung,
                    ergebnis=antrag.status if antrag.status in ENTSCHEIDUNGEN else AS.BEWILLIGT,
                    beraten_at=antrag.entschieden_at,
                )
        if naechste is not None:
            for antrag in fonds.antraege.filter(
                status=AS.ZUR_ENTSCHEIDUNG, beantragt__gt=fonds.grenze_buero
            ):
                Beratung.objects.get_or_create(sitzung=naechste, antrag=antrag)
        return
    if qm is None:
        return
    felder = list(Handlungsfeld.objects.order_by("reihenfolge", "name"))
    begonnen = {AS.ABGESCHLOSSEN, AS.IN_DURCHFUEHRUNG, AS.RUECKFORDERUNG}
    for n, (titel, wer, organisation, betrag, kosten, ziel, oeffentlich) in enumerate(ANTRAEGE):
        # Target groups, fields of action and dates, for the figures the city asks for.
        von = (
            heute - timedelta(days=90 - 10 * n)
            if ziel in begonnen
            else heute + timedelta(days=21 + 7 * n)
        )
        antrag = services.antrag_erfassen(
            antrag=Antrag(
                fonds=fonds,
                antragsteller=wer,
                organisation=organisation,
                name="Demo Antragstellerin",
                email="antrag@example.org",
                titel=titel,
                beschreibung=f"{titel}: von Nachbarinnen und Nachbarn für die Nachbarschaft.",
                ort="Brunnenviertel",
                zielgruppen=DEMO_ZIELGRUPPEN[n % len(DEMO_ZIELGRUPPEN)],
                von=von,
                bis=von + timedelta(days=n % 3),
                beantragt=Decimal(betrag),
                ehrenamt_stunden=Decimal("12"),
                einwilligung_veroeffentlichung=oeffentlich,
            ),
            kosten=[Antragskosten(art=k, bezeichnung=b, betrag=Decimal(x)) for k, b, x in kosten],
            user=qm,
        )
        if felder:
            antrag.handlungsfelder.set([felder[n % len(felder)], felder[(n + 3) % len(felder)]])
        if ziel == AS.EINGEREICHT:
            continue
        services.antrag_status_setzen(antrag=antrag, status=AS.VORPRUEFUNG, user=qm)
        if ziel == AS.VORPRUEFUNG:
            continue
        if ziel == AS.RUECKFRAGE:
            services.antrag_status_setzen(
                antrag=antrag,
                status=AS.RUECKFRAGE,
                user=qm,
                notiz="Wer ist die Künstlerin, und liegt ein Angebot vor?",
            )
            continue
        services.antrag_status_setzen(antrag=antrag, status=AS.ZUR_ENTSCHEIDUNG, user=qm)
        if ziel == AS.ZUR_ENTSCHEIDUNG:
            if naechste is not None and antrag.beantragt > fonds.grenze_buero:
                services.auf_die_liste(sitzung=naechste, antraege=[antrag], user=qm)
            continue
        ergebnis = {AS.ABGELEHNT: AS.ABGELEHNT, AS.TEILBEWILLIGT: AS.TEILBEWILLIGT}.get(
            ziel, AS.BEWILLIGT
        )
        if antrag.beantragt > fonds.grenze_buero and sitzung is not None:
            # Above the office's limit: from the committee's list, with its vote.
            services.auf_die_liste(sitzung=sitzung, antraege=[antrag], user=qm)
            ja, nein, enthaltung, befangen = _stimmen(sitzung)
            services.beratung_entscheiden(
                beratung=Beratung.objects.get(sitzung=sitzung, antrag=antrag),
                ja=ja,
                nein=nein,
                enthaltung=enthaltung,
                befangen=befangen,
                ergebnis=ergebnis,
                betrag=Decimal("800.00") if ergebnis == AS.TEILBEWILLIGT else None,
                auflagen="Bitte das Logo des Fonds auf die Plakate.",
                user=qm,
            )
            antrag.refresh_from_db()
        else:
            services.antrag_entscheiden(
                antrag=antrag,
                ergebnis=ergebnis,
                betrag=Decimal("800.00") if ergebnis == AS.TEILBEWILLIGT else None,
                sitzung=sitzung if antrag.beantragt > fonds.grenze_buero else None,
                auflagen="Bitte das Logo des Fonds auf die Plakate."
                if ergebnis != AS.ABGELEHNT
                else "Verpflegung wird aus dem Fonds nicht bezahlt.",
                user=qm,
            )
        if ziel in (AS.BEWILLIGT, AS.TEILBEWILLIGT, AS.ABGELEHNT):
            continue
        services.antrag_status_setzen(antrag=antrag, status=AS.VEREINBARUNG, user=qm)
        antrag.refresh_from_db()
        services.auszahlen(
            antrag=antrag,
            art=Auszahlung.Art.ABSCHLAG,
            betrag=(antrag.bewilligt / 2).quantize(Decimal("0.01")),
            user=qm,
        )
        services.antrag_status_setzen(antrag=antrag, status=AS.IN_DURCHFUEHRUNG, user=qm)
        if ziel == AS.IN_DURCHFUEHRUNG:
            continue
        for schritt in (AS.NACHWEIS_EINGEREICHT, AS.NACHWEIS_GEPRUEFT):
            services.antrag_status_setzen(antrag=antrag, status=schritt, user=qm)
        antrag.refresh_from_db()
        services.auszahlen(
            antrag=antrag,
            art=Auszahlung.Art.REST,
            betrag=antrag.bewilligt - antrag.ausgezahlt_summe() - Decimal("20.00"),
            user=qm,
        )
        services.antrag_status_setzen(antrag=antrag, status=AS.ABGESCHLOSSEN, user=qm)


# --- the city data set -------------------------------------------------------------------------

# title, kind, fields of action, cost kind, participation phase
STADT_VORHABEN = [
    ("Stadtteilfest {q}", Projekt.Art.PROJEKT, ["kultur-und-freizeit"], Kostenposition.Art.MIETE),
    (
        "Hausaufgabenhilfe {s}",
        Projekt.Art.PROJEKT,
        ["bildung-und-ausbildung"],
        Kostenposition.Art.HONORARE,
    ),
    (
        "Hofbegrünung {s}",
        Projekt.Art.PROJEKT,
        ["wohnen-und-wohnumfeld"],
        Kostenposition.Art.SACHKOSTEN,
    ),
    (
        "Sprachcafé {q}",
        Projekt.Art.PROJEKT,
        ["integration-und-zusammenleben"],
        Kostenposition.Art.HONORARE,
    ),
    (
        "Spielplatz {s}",
        Projekt.Art.BAUMASSNAHME,
        ["wohnen-und-wohnumfeld"],
        Kostenposition.Art.INVESTITION,
    ),
    (
        "Umgestaltung {s}",
        Projekt.Art.BAUMASSNAHME,
        ["wohnen-und-wohnumfeld"],
        Kostenposition.Art.INVESTITION,
    ),
    (
        "Nachbarschaftsgarten {q}",
        Projekt.Art.PROJEKT,
        ["umwelt-gruen-und-verkehr"],
        Kostenposition.Art.SACHKOSTEN,
    ),
    (
        "Bewerbungstraining {q}",
        Projekt.Art.PROJEKT,
        ["lokale-okonomie-und-beschaeftigung"],
        Kostenposition.Art.PERSONAL,
    ),
]
STADT_STATUS = [
    (Status.LAUFEND, 30),
    (Status.ABGESCHLOSSEN, 35),
    (Status.BEWILLIGT, 8),
    (Status.IDEE, 12),
    (Status.IN_ABSTIMMUNG, 8),
    (Status.BEANTRAGT, 5),
    (Status.ABGELEHNT, 2),
]


def load_stadt(stadt) -> None:
    """3,000 projects over five years across the city's areas (times `faktor`), each with a
    cost and a financing line, half with a grant of a real programme, building measures with
    their phases, and 15,000 expenses."""
    from django.utils.text import slugify

    from quartier import demo_stadt as ds

    if Projekt.objects.filter(slug__startswith=ds.PRAEFIX).exists():
        return
    rng = ds.zufall("projekte")
    programme = list(_programme().values())
    felder = {h.slug: h.pk for h in Handlungsfeld.objects.all()}
    akteure = stadt.extra.get("akteure", {})
    heute = stadt.heute
    n = stadt.anzahl(3_000)
    gewichte = stadt.gewichte()
    stati, status_gewichte = zip(*STADT_STATUS, strict=True)
    projekte, feld_zeilen, vorhaben_je = [], [], {}
    for pk in ds.ids(Projekt, n):
        quartier = rng.choices(stadt.quartiere, weights=gewichte)[0]
        titel, art, feld_slugs, kostenart = rng.choice(STADT_VORHABEN)
        titel = titel.format(q=quartier.name, s=rng.choice(ds.STRASSEN))
        von = heute - timedelta(days=rng.randint(-120, 5 * 365))
        status = rng.choices(stati, weights=status_gewichte)[0]
        kandidaten = akteure.get(quartier.pk) or []
        projekte.append(
            Projekt(
                pk=pk,
                quartier=quartier,
                titel=titel,
                slug=f"{ds.PRAEFIX}{slugify(titel.replace('ß', 'ss'))[:150]}-{pk}",
                art=art,
                status=status,
                kurzbeschreibung=f"{titel}: gemeinsam mit der Nachbarschaft geplant.",
                traeger_id=rng.choice(kandidaten) if kandidaten and rng.random() < 0.7 else None,
                adresse=f"{rng.choice(ds.STRASSEN)} {rng.randint(1, 80)}",
                von=von,
                bis=von + timedelta(days=rng.choice([1, 90, 180, 365, 730])),
            )
        )
        feld_zeilen += [(pk, felder[s]) for s in feld_slugs if s in felder]
        vorhaben_je[pk] = (kostenart, Decimal(rng.randrange(800, 60_000, 50)))
    Projekt.objects.bulk_create(projekte, batch_size=1000)
    Projekt.handlungsfelder.through.objects.bulk_create(
        (Projekt.handlungsfelder.through(projekt_id=p, handlungsfeld_id=f) for p, f in feld_zeilen),
        batch_size=2000,
    )
    kosten, bewilligungen, finanzierung, phasen = [], [], [], []
    for projekt in projekte:
        kostenart, betrag = vorhaben_je[projekt.pk]
        kosten.append(
            Kostenposition(
                projekt=projekt, art=kostenart, bezeichnung=kostenart.label, betrag=betrag
            )
        )
        if rng.random() < 0.5:
            programm = rng.choice(programme)
            bewilligungen.append(
                Bewilligung(
                    projekt=projekt,
                    programm=programm,
                    aktenzeichen=f"{programm.kurzname[:6].upper()}-{projekt.pk}",
                    von=projekt.von,
                    bis=projekt.bis,
                    betrag=betrag,
                )
            )
        else:
            finanzierung.append(
                Finanzierungsposition(
                    projekt=projekt,
                    art=Finanzierungsposition.Art.PROJEKTMITTEL,
                    bezeichnung="Projektmittel",
                    haushaltsjahr=projekt.von.year,
                    betrag=betrag,
                )
            )
        if projekt.art == Projekt.Art.BAUMASSNAHME:
            dauer = (projekt.bis - projekt.von) // 3
            phasen += [
                Phase(projekt=projekt, name="Planung", von=projekt.von, bis=projekt.von + dauer),
                Phase(
                    projekt=projekt,
                    name="Beteiligung",
                    von=projekt.von + dauer,
                    bis=projekt.von + 2 * dauer,
                    beteiligung_moeglich=True,
                ),
                Phase(projekt=projekt, name="Bau", von=projekt.von + 2 * dauer, bis=projekt.bis),
            ]
    Kostenposition.objects.bulk_create(kosten, batch_size=2000)
    Bewilligung.objects.bulk_create(bewilligungen, batch_size=2000)
    finanzierung += [
        Finanzierungsposition(
            projekt_id=b.projekt_id,
            art=Finanzierungsposition.Art.FOERDERMITTEL,
            bezeichnung=str(b.programm),
            bewilligung=b,
            betrag=b.betrag,
        )
        for b in bewilligungen
    ]
    Finanzierungsposition.objects.bulk_create(finanzierung, batch_size=2000)
    Phase.objects.bulk_create(phasen, batch_size=2000)
    ausgaben = []
    for position in kosten:
        projekt = position.projekt
        if projekt.status not in (Status.LAUFEND, Status.ABGESCHLOSSEN):
            continue
        for k in range(rng.randint(3, 9)):
            ausgaben.append(
                Ausgabe(
                    kostenposition=position,
                    datum=min(projekt.von + timedelta(days=20 * k), heute),
                    betrag=(position.betrag / 10).quantize(Decimal("0.01")),
                    bezeichnung=f"{position.bezeichnung} {k + 1}",
                    belegnummer=f"{projekt.pk}-{k + 1}",
                )
            )
    Ausgabe.objects.bulk_create(ausgaben, batch_size=2000)
    # A narrative report of every finished project its Träger ran, most of them accepted.
    berichte = [
        Sachbericht(
            projekt=projekt,
            von=projekt.von,
            bis=max(projekt.von, min(projekt.bis, heute)),
            text=f"{projekt.titel}: durchgeführt wie geplant.",
            status=rng.choices(
                [Sachbericht.Status.ANGENOMMEN, Sachbericht.Status.EINGEREICHT],
                weights=[4, 1],
            )[0],
        )
        for projekt in projekte
        if projekt.traeger_id and projekt.status == Status.ABGESCHLOSSEN
    ]
    Sachbericht.objects.bulk_create(berichte, batch_size=2000)
    antraege = _stadt_fonds(stadt, rng)
    for model, anzahl in [
        (Projekt, len(projekte)),
        (Kostenposition, len(kosten)),
        (Bewilligung, len(bewilligungen)),
        (Finanzierungsposition, len(finanzierung)),
        (Phase, len(phasen)),
        (Ausgabe, len(ausgaben)),
        (Sachbericht, len(berichte)),
        (Antrag, len(antraege)),
    ]:
        stadt.zaehle(model, anzahl)


def _stadt_fonds(stadt, rng) -> list[Antrag]:
    """A Verfügungsfonds per area this year and 6,000 applications across them; approvals
    only while the fund has room (the rule the database's users keep)."""
    from quartier import demo_stadt as ds

    from . import services

    jahr = stadt.heute.year
    antraege = []
    stati = [AS.EINGEREICHT, AS.VORPRUEFUNG, AS.ZUR_ENTSCHEIDUNG, AS.ABGELEHNT, AS.BEWILLIGT]
    gewichte = stadt.gewichte()
    fonds_je = {}
    for quartier in stadt.quartiere:
        fonds_je[quartier.pk], _ = Fonds.objects.get_or_create(
            quartier=quartier, jahr=jahr, defaults={"einwohner": quartier.einwohner}
        )
    frei = {pk: services.fonds_zahlen(f).frei for pk, f in fonds_je.items()}
    nummern = {pk: f.antraege.count() for pk, f in fonds_je.items()}
    for i in range(stadt.anzahl(6_000)):
        quartier = rng.choices(stadt.quartiere, weights=gewichte)[0]
        fonds = fonds_je[quartier.pk]
        betrag = Decimal(rng.randrange(100, 1500, 10))
        status = rng.choices(stati, weights=[2, 2, 2, 2, 4])[0]
        if status == AS.BEWILLIGT and betrag > frei[quartier.pk]:
            status = AS.ABGELEHNT
        if status == AS.BEWILLIGT:
            frei[quartier.pk] -= betrag
        nummern[quartier.pk] += 1
        antraege.append(
            Antrag(
                fonds=fonds,
                nummer=f"VF-{jahr}-{nummern[quartier.pk]:04d}",
                token=f"{ds.PRAEFIX}{i}-{rng.getrandbits(64):x}",
                name="Nachbarschaftsinitiative",
                titel=f"Nachbarschaftsidee {rng.choice(ds.STRASSEN)}",
                beschreibung="Eine Idee aus der Nachbarschaft für die Nachbarschaft.",
                beantragt=betrag,
                bewilligt=betrag if status == AS.BEWILLIGT else None,
                entscheidungsweg="buero" if status in (AS.BEWILLIGT, AS.ABGELEHNT) else "",
                status=status,
                einwilligung_veroeffentlichung=rng.random() < 0.6,
            )
        )
    Antrag.objects.bulk_create(antraege, batch_size=2000)
    return antraege
