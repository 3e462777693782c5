# ruff: noqa: E501 - data tables read better one entry per line
"""Demo data of the network: the district's actors with their offers and contacts, and the
three committees of the office with past and upcoming meetings. Idempotent."""

import zlib
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from quartier.demo import DemoContext
from quartier.models import Wochentag

from .models import (
    Akteur,
    Angebot,
    Ansprechperson,
    Gremium,
    GremiumMitglied,
    Handlungsfeld,
    Sitzung,
    Sprache,
    Zielgruppe,
)

A = Akteur.Art
Z = Zielgruppe
S = Sprache
B = Akteur.Barrierefreiheit

# slug, name, kind, street, fields of action (slugs), target groups, languages, description,
# opening hours, accessibility
AKTEURE = [
    (
        "nachbarschaftsverein-brunnenviertel",
        "Nachbarschaftsverein Brunnenviertel e. V.",
        A.VEREIN,
        "Brunnenstraße 22",
        ["nachbarschaft-und-beteiligung", "kultur-und-freizeit"],
        [Z.ALLE],
        [S.DE, S.TR],
        "Der Verein organisiert das Brunnenfest, den Nachbarschaftsgarten am Wasserturm und das Erzählcafé. Neue Nachbarinnen und Nachbarn sind jederzeit willkommen.",
        "Di 15–18 Uhr\nDo 10–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "sv-blau-weiss-lindenau",
        "SV Blau-Weiß Lindenau 1921 e. V.",
        A.VEREIN,
        "Am Bahndamm 5",
        ["gesundheit-und-sport", "kinder-jugend-und-familie"],
        [Z.KINDER, Z.JUGENDLICHE, Z.ALLE],
        [S.DE],
        "Fußball, Turnen und Seniorengymnastik für alle Generationen. Kinder aus Familien mit wenig Geld spielen beitragsfrei.",
        "Geschäftsstelle: Mo und Mi 17–19 Uhr",
        B.TEILWEISE,
    ),
    (
        "caritas-lindenau",
        "Caritasverband Lindenau e. V.",
        A.FREIER_TRAEGER,
        "Brunnenstraße 14",
        ["integration-und-zusammenleben", "aeltere-menschen"],
        [Z.FAMILIEN, Z.SENIOREN, Z.MIGRATION],
        [S.DE, S.TR, S.AR, S.RU],
        "Sozialberatung, Migrationsberatung und Seniorenarbeit. Träger des Quartiersmanagements im Brunnenviertel.",
        "Mo–Fr 9–12 Uhr\nDo 14–17 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "awo-begegnungsstaette",
        "AWO Begegnungsstätte Lindenplatz",
        A.FREIER_TRAEGER,
        "Lindenplatz 3",
        ["aeltere-menschen", "kultur-und-freizeit"],
        [Z.SENIOREN],
        [S.DE, S.TR],
        "Mittagstisch, Spielenachmittage und Ausflüge für ältere Menschen. Ein Ort zum Ankommen und Reden.",
        "Mo–Fr 10–16 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "diakonie-familienzentrum",
        "Familienzentrum Kastanienallee (Diakonie)",
        A.FREIER_TRAEGER,
        "Kastanienallee 40",
        ["kinder-jugend-und-familie", "bildung-und-ausbildung"],
        [Z.FAMILIEN, Z.KINDER],
        [S.DE, S.AR, S.UK],
        "Eltern-Kind-Gruppen, Hebammensprechstunde und Familienberatung unter einem Dach.",
        "Mo–Do 8–16 Uhr\nFr 8–13 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "jugendtreff-bahndamm",
        "Jugendtreff Am Bahndamm",
        A.FREIER_TRAEGER,
        "Am Bahndamm 12",
        ["kinder-jugend-und-familie", "kultur-und-freizeit"],
        [Z.JUGENDLICHE],
        [S.DE, S.TR, S.AR],
        "Offener Treff für Jugendliche ab 12: Kicker, Musikstudio, Bewerbungshilfe und einfach abhängen.",
        "Di–Fr 14–20 Uhr",
        B.TEILWEISE,
    ),
    (
        "grundschule-am-wasserturm",
        "Grundschule Am Wasserturm",
        A.SCHULE_KITA,
        "Am Wasserturm 1",
        ["bildung-und-ausbildung", "kinder-jugend-und-familie"],
        [Z.KINDER, Z.FAMILIEN],
        [S.DE],
        "Zweizügige Grundschule mit offenem Ganztag. Mit Hausaufgabenhilfe, Schulgarten und Elterncafé.",
        "Sekretariat: Mo–Fr 7:30–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "kita-regenbogen",
        "Kita Regenbogen",
        A.SCHULE_KITA,
        "Färberweg 8",
        ["kinder-jugend-und-familie"],
        [Z.KINDER, Z.FAMILIEN],
        [S.DE, S.TR, S.PL],
        "Städtische Kita mit 80 Plätzen, Sprachkita im Bundesprogramm.",
        "Mo–Fr 7–17 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "gesamtschule-lindenau",
        "Gesamtschule Lindenau",
        A.SCHULE_KITA,
        "Schillerstraße 30",
        ["bildung-und-ausbildung"],
        [Z.JUGENDLICHE],
        [S.DE],
        "Gesamtschule mit gymnasialer Oberstufe und Berufsorientierung ab Klasse 8.",
        "Sekretariat: Mo–Fr 7:30–14 Uhr",
        B.TEILWEISE,
    ),
    (
        "ditib-moschee-lindenau",
        "DITIB Moscheegemeinde Lindenau",
        A.RELIGION,
        "Weberstraße 17",
        ["integration-und-zusammenleben"],
        [Z.ALLE, Z.SENIOREN],
        [S.DE, S.TR],
        "Moscheegemeinde mit Teestube. Am Tag der offenen Moschee laden wir alle Nachbarn ein.",
        "Teestube täglich 10–20 Uhr",
        B.NICHT,
    ),
    (
        "st-marien",
        "Katholische Pfarrei St. Marien",
        A.RELIGION,
        "Lindenplatz 1",
        ["nachbarschaft-und-beteiligung", "aeltere-menschen"],
        [Z.ALLE],
        [S.DE, S.PL],
        "Pfarrei mit Kleiderkammer, Besuchsdienst und Gemeindesaal.",
        "Pfarrbüro: Di und Fr 9–12 Uhr",
        B.TEILWEISE,
    ),
    (
        "ev-kirchengemeinde",
        "Evangelische Kirchengemeinde Lindenau",
        A.RELIGION,
        "Schillerstraße 2",
        ["nachbarschaft-und-beteiligung", "kultur-und-freizeit"],
        [Z.ALLE],
        [S.DE],
        "Gemeinde mit Tafel-Ausgabestelle, Chor und offenem Kirchencafé.",
        "Gemeindebüro: Mo–Do 9–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "gbl-wohnungsbau",
        "GBL Gemeinnützige Baugesellschaft Lindenau",
        A.WOHNUNGSUNTERNEHMEN,
        "Mühlengasse 9",
        ["wohnen-und-wohnumfeld"],
        [Z.ALLE],
        [S.DE, S.TR, S.RU],
        "Größte Vermieterin im Quartier mit 1.200 Wohnungen. Mieterbüro vor Ort.",
        "Mieterbüro: Mo 14–18 Uhr, Mi 9–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "wohnen-am-hafen",
        "Wohnen am Hafen eG",
        A.WOHNUNGSUNTERNEHMEN,
        "Kaistraße 20",
        ["wohnen-und-wohnumfeld"],
        [Z.ALLE],
        [S.DE],
        "Wohnungsgenossenschaft mit Gemeinschaftsraum und Mieterfesten.",
        "Do 15–18 Uhr",
        B.TEILWEISE,
    ),
    (
        "amt-fuer-soziales",
        "Stadt Lindenau – Amt für Soziales",
        A.FACHAMT,
        "Rathausplatz 1",
        ["integration-und-zusammenleben", "aeltere-menschen"],
        [Z.ALLE],
        [S.DE],
        "Wohngeld, Grundsicherung, Hilfe in besonderen Lebenslagen.",
        "Mo–Fr 8–12 Uhr\nDo 14–18 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "tiefbauamt",
        "Stadt Lindenau – Tiefbauamt",
        A.FACHAMT,
        "Rathausplatz 1",
        ["umwelt-gruen-und-verkehr", "sicherheit-und-sauberkeit"],
        [Z.ALLE],
        [S.DE],
        "Zuständig für Straßen, Gehwege, Beleuchtung und Spielplätze.",
        "Mo–Fr 8–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "gruenflaechenamt",
        "Stadt Lindenau – Grünflächenamt",
        A.FACHAMT,
        "Rathausplatz 1",
        ["umwelt-gruen-und-verkehr"],
        [Z.ALLE],
        [S.DE],
        "Parks, Straßenbäume und Grünanlagen im Stadtgebiet.",
        "Mo–Fr 8–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "ordnungsamt",
        "Stadt Lindenau – Ordnungsamt",
        A.FACHAMT,
        "Rathausplatz 1",
        ["sicherheit-und-sauberkeit"],
        [Z.ALLE],
        [S.DE],
        "Sauberkeit im öffentlichen Raum, wilder Müll, Sperrmüll, Falschparker.",
        "Mo–Fr 8–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "jugendamt",
        "Stadt Lindenau – Jugendamt",
        A.FACHAMT,
        "Schillerstraße 50",
        ["kinder-jugend-und-familie"],
        [Z.KINDER, Z.JUGENDLICHE, Z.FAMILIEN],
        [S.DE],
        "Allgemeiner Sozialer Dienst, Kita-Plätze, Jugendarbeit.",
        "Mo–Fr 8–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "jobcenter",
        "Jobcenter Lindenau",
        A.FACHAMT,
        "Am Bahndamm 30",
        ["lokale-oekonomie-und-beschaeftigung"],
        [Z.ALLE],
        [S.DE, S.EN],
        "Grundsicherung für Arbeitsuchende, Vermittlung und Förderung.",
        "Mo–Fr 8–12:30 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "ortsbeirat",
        "Ortsbeirat Lindenau-Mitte",
        A.POLITIK,
        "Rathausplatz 1",
        ["nachbarschaft-und-beteiligung"],
        [Z.ALLE],
        [S.DE],
        "Der Ortsbeirat berät über alles, was den Stadtteil betrifft, und tagt öffentlich.",
        "",
        B.UNBEKANNT,
    ),
    (
        "baeckerei-yildiz",
        "Bäckerei Yıldız",
        A.LOKALE_OEKONOMIE,
        "Brunnenstraße 31",
        ["lokale-oekonomie-und-beschaeftigung"],
        [Z.ALLE],
        [S.DE, S.TR],
        "Familienbäckerei seit 1998, Ausbildungsbetrieb.",
        "Mo–Sa 6–18 Uhr\nSo 7–11 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "fahrradwerkstatt-speiche",
        "Fahrradladen Speiche",
        A.LOKALE_OEKONOMIE,
        "Färberweg 2",
        ["lokale-oekonomie-und-beschaeftigung", "umwelt-gruen-und-verkehr"],
        [Z.ALLE],
        [S.DE, S.EN],
        "Fahrradladen mit Werkstatt; Partner der Selbsthilfewerkstatt.",
        "Di–Fr 10–18 Uhr\nSa 10–14 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "apotheke-am-lindenplatz",
        "Apotheke am Lindenplatz",
        A.LOKALE_OEKONOMIE,
        "Lindenplatz 7",
        ["gesundheit-und-sport"],
        [Z.ALLE],
        [S.DE, S.RU, S.AR],
        "Apotheke mit Beratung in mehreren Sprachen.",
        "Mo–Fr 8–18:30 Uhr\nSa 8–13 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "gewerbeverein",
        "Gewerbeverein Brunnenviertel",
        A.VEREIN,
        "Brunnenstraße 31",
        ["lokale-oekonomie-und-beschaeftigung", "image-und-oeffentlichkeitsarbeit"],
        [Z.ALLE],
        [S.DE, S.TR],
        "Zusammenschluss der Geschäfte im Viertel; lädt zum Gewerbestammtisch ein.",
        "",
        B.UNBEKANNT,
    ),
    (
        "initiative-gruene-hoefe",
        "Initiative Grüne Höfe",
        A.INITIATIVE,
        "Gartenfeldweg 4",
        ["umwelt-gruen-und-verkehr", "nachbarschaft-und-beteiligung"],
        [Z.ALLE],
        [S.DE],
        "Nachbarinnen und Nachbarn begrünen Hinterhöfe und pflegen Baumscheiben.",
        "",
        B.UNBEKANNT,
    ),
    (
        "arbeitskreis-wohnen",
        "Arbeitskreis Wohnen im Brunnenviertel",
        A.INITIATIVE,
        "Brunnenstraße 14",
        ["wohnen-und-wohnumfeld", "nachbarschaft-und-beteiligung"],
        [Z.ALLE],
        [S.DE],
        "Mieterinnen und Mieter aus dem Viertel beraten sich gegenseitig zu Nebenkosten, Sanierungen und Mieterhöhungen und sprechen mit den Vermietern.",
        "Di 18–21 Uhr (Treffen im Stadtteilbüro)",
        B.BARRIEREFREI,
    ),
    (
        "repair-cafe",
        "Repair-Café Brunnenviertel",
        A.INITIATIVE,
        "Brunnenstraße 22",
        ["umwelt-gruen-und-verkehr", "nachbarschaft-und-beteiligung"],
        [Z.ALLE],
        [S.DE, S.RU],
        "Ehrenamtliche reparieren gemeinsam mit Ihnen Toaster, Lampen und Fahrräder.",
        "",
        B.BARRIEREFREI,
    ),
    (
        "elterninitiative-spielplatz",
        "Elterninitiative Spielplatz Färberweg",
        A.INITIATIVE,
        "Färberweg 10",
        ["kinder-jugend-und-familie", "wohnen-und-wohnumfeld"],
        [Z.FAMILIEN, Z.KINDER],
        [S.DE, S.AR],
        "Eltern setzen sich für die Erneuerung des Spielplatzes am Färberweg ein.",
        "",
        B.UNBEKANNT,
    ),
    (
        "frauencafe-amal",
        "Frauencafé Amal",
        A.INITIATIVE,
        "Weberstraße 5",
        ["integration-und-zusammenleben"],
        [Z.MIGRATION],
        [S.DE, S.AR, S.FA, S.KU],
        "Treffpunkt für Frauen aus aller Welt: Deutsch üben, Kinderbetreuung, Austausch.",
        "Mi 9:30–12 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "lebenshilfe",
        "Lebenshilfe Lindenau e. V.",
        A.VEREIN,
        "Kastanienallee 12",
        ["gesundheit-und-sport", "kultur-und-freizeit"],
        [Z.BEHINDERUNG, Z.FAMILIEN],
        [S.DE, S.SGS],
        "Freizeitangebote und Beratung für Menschen mit Behinderung und ihre Angehörigen.",
        "Mo–Fr 9–15 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "stadtbibliothek-zweigstelle",
        "Stadtbibliothek – Zweigstelle Lindenau",
        A.FACHAMT,
        "Schillerstraße 12",
        ["bildung-und-ausbildung", "kultur-und-freizeit"],
        [Z.ALLE, Z.KINDER],
        [S.DE, S.TR, S.AR, S.UK],
        "Medien in zwölf Sprachen, Vorlesestunden und Lernplätze mit WLAN.",
        "Di–Fr 11–18 Uhr\nSa 10–13 Uhr",
        B.BARRIEREFREI,
    ),
    (
        "tuerkischer-elternverein",
        "Türkischer Elternverein Lindenau e. V.",
        A.VEREIN,
        "Weberstraße 17",
        ["bildung-und-ausbildung", "integration-und-zusammenleben"],
        [Z.FAMILIEN, Z.MIGRATION],
        [S.DE, S.TR],
        "Eltern unterstützen Eltern: Schulfragen, Elternabende auf Türkisch, Lernpaten.",
        "Sa 10–13 Uhr",
        B.NICHT,
    ),
    (
        "seniorenbeirat",
        "Seniorenbeirat Lindenau",
        A.POLITIK,
        "Rathausplatz 1",
        ["aeltere-menschen", "nachbarschaft-und-beteiligung"],
        [Z.SENIOREN],
        [S.DE],
        "Vertritt die Interessen älterer Menschen gegenüber Rat und Verwaltung.",
        "",
        B.UNBEKANNT,
    ),
    (
        "hafenkneipe-kulturverein",
        "Kulturverein Hafenkneipe e. V.",
        A.VEREIN,
        "Kaistraße 8",
        ["kultur-und-freizeit"],
        [Z.ALLE],
        [S.DE],
        "Konzerte, Lesungen und Quiz-Abende im alten Hafenspeicher.",
        "Fr und Sa ab 19 Uhr",
        B.TEILWEISE,
    ),
]

NACHBAR = {"wohnen-am-hafen", "hafenkneipe-kulturverein"}
NICHT_OEFFENTLICH = {"seniorenbeirat"}

# slug of the actor, title, description, target groups, languages, when (text), weekday,
# from, until, address, cost, registration
ANGEBOTE = [
    (
        "awo-begegnungsstaette",
        "Seniorenfrühstück auf Türkisch – Türkçe kahvaltı",
        "Gemeinsam frühstücken, erzählen und Neuigkeiten aus dem Viertel hören. Mit Hilfe bei Briefen von Ämtern.",
        [Z.SENIOREN, Z.MIGRATION],
        [S.TR, S.DE],
        "jeden Mittwoch 9:30–11:30 Uhr",
        Wochentag.MITTWOCH,
        time(9, 30),
        time(11, 30),
        "Begegnungsstätte, Lindenplatz 3",
        Decimal("2.50"),
        False,
    ),
    (
        "awo-begegnungsstaette",
        "Mittagstisch",
        "Warmes Mittagessen in Gesellschaft, auch vegetarisch.",
        [Z.SENIOREN],
        [S.DE],
        "Mo–Fr 12–13:30 Uhr",
        None,
        time(12),
        time(13, 30),
        "Lindenplatz 3",
        Decimal("4.50"),
        True,
    ),
    (
        "caritas-lindenau",
        "Formularhilfe auf Türkisch und Arabisch",
        "Wir helfen beim Ausfüllen von Anträgen (Wohngeld, Rente, Jobcenter) – vertraulich und kostenlos.",
        [Z.SENIOREN, Z.MIGRATION, Z.FAMILIEN],
        [S.TR, S.AR, S.DE],
        "dienstags 14–16 Uhr",
        Wochentag.DIENSTAG,
        time(14),
        time(16),
        "Stadtteilbüro, Brunnenstraße 14",
        None,
        False,
    ),
    (
        "caritas-lindenau",
        "Migrationsberatung für Erwachsene",
        "Beratung zu Aufenthalt, Sprachkursen, Arbeit und Anerkennung.",
        [Z.MIGRATION],
        [S.DE, S.RU, S.AR],
        "nach Terminvereinbarung",
        None,
        None,
        None,
        "Brunnenstraße 14",
        None,
        True,
    ),
    (
        "caritas-lindenau",
        "Besuchsdienst für Ältere",
        "Ehrenamtliche besuchen alleinlebende ältere Menschen zu Hause.",
        [Z.SENIOREN],
        [S.DE, S.RU],
        "nach Absprache",
        None,
        None,
        None,
        "bei Ihnen zu Hause",
        None,
        True,
    ),
    (
        "grundschule-am-wasserturm",
        "Hausaufgabenhilfe",
        "Ehrenamtliche Lernpatinnen und -paten helfen Kindern der Klassen 1–4 bei den Hausaufgaben.",
        [Z.KINDER],
        [S.DE],
        "Mo–Do 13:30–15 Uhr",
        None,
        time(13, 30),
        time(15),
        "Schulbibliothek",
        None,
        True,
    ),
    (
        "grundschule-am-wasserturm",
        "Elterncafé",
        "Eltern treffen sich, Lehrkräfte schauen vorbei.",
        [Z.FAMILIEN],
        [S.DE, S.TR, S.AR],
        "freitags 8–9:30 Uhr",
        Wochentag.FREITAG,
        time(8),
        time(9, 30),
        "Pausenhalle",
        None,
        False,
    ),
    (
        "jugendtreff-bahndamm",
        "Bewerbungswerkstatt",
        "Lebenslauf, Anschreiben, Vorstellungsgespräch üben.",
        [Z.JUGENDLICHE],
        [S.DE, S.TR, S.AR],
        "donnerstags 16–18 Uhr",
        Wochentag.DONNERSTAG,
        time(16),
        time(18),
        "Jugendtreff",
        None,
        False,
    ),
    (
        "jugendtreff-bahndamm",
        "Musikstudio",
        "Beats bauen, rappen, aufnehmen – mit Anleitung.",
        [Z.JUGENDLICHE],
        [S.DE],
        "Di und Fr 17–20 Uhr",
        None,
        time(17),
        time(20),
        "Jugendtreff, Keller",
        None,
        True,
    ),
    (
        "diakonie-familienzentrum",
        "Eltern-Kind-Gruppe „Krabbelkäfer“",
        "Für Eltern mit Kindern bis 3 Jahren.",
        [Z.FAMILIEN, Z.KINDER],
        [S.DE, S.UK],
        "montags 9:30–11 Uhr",
        Wochentag.MONTAG,
        time(9, 30),
        time(11),
        "Familienzentrum",
        None,
        True,
    ),
    (
        "diakonie-familienzentrum",
        "Familienberatung",
        "Beratung bei Erziehungsfragen, Trennung und Konflikten.",
        [Z.FAMILIEN],
        [S.DE, S.AR],
        "nach Terminvereinbarung",
        None,
        None,
        None,
        "Kastanienallee 40",
        None,
        True,
    ),
    (
        "sv-blau-weiss-lindenau",
        "Seniorengymnastik",
        "Sanfte Bewegung für Menschen ab 60, auch mit Rollator.",
        [Z.SENIOREN],
        [S.DE],
        "dienstags 10–11 Uhr",
        Wochentag.DIENSTAG,
        time(10),
        time(11),
        "Turnhalle Am Bahndamm",
        Decimal("3.00"),
        False,
    ),
    (
        "sv-blau-weiss-lindenau",
        "Mädchenfußball",
        "Training für Mädchen von 8 bis 14 Jahren.",
        [Z.KINDER, Z.JUGENDLICHE],
        [S.DE],
        "mittwochs 16:30–18 Uhr",
        Wochentag.MITTWOCH,
        time(16, 30),
        time(18),
        "Sportplatz Am Bahndamm",
        None,
        False,
    ),
    (
        "nachbarschaftsverein-brunnenviertel",
        "Erzählcafé",
        "Ältere Nachbarinnen und Nachbarn erzählen vom Viertel früher – bei Kaffee und Kuchen.",
        [Z.SENIOREN, Z.ALLE],
        [S.DE, S.TR],
        "jeden ersten Sonntag im Monat, 15 Uhr",
        Wochentag.SONNTAG,
        time(15),
        time(17),
        "Nachbarschaftstreff, Brunnenstraße 22",
        None,
        False,
    ),
    (
        "nachbarschaftsverein-brunnenviertel",
        "Gemeinschaftsgarten am Wasserturm",
        "Gärtnern, ernten, zusammensitzen. Beete für Familien frei.",
        [Z.ALLE],
        [S.DE],
        "April–Oktober samstags ab 10 Uhr",
        Wochentag.SAMSTAG,
        time(10),
        None,
        "Am Wasserturm",
        None,
        False,
    ),
    (
        "frauencafe-amal",
        "Deutsch-Sprechcafé für Frauen",
        "Deutsch üben in entspannter Runde, Kinderbetreuung inklusive.",
        [Z.MIGRATION],
        [S.DE, S.AR, S.FA, S.KU],
        "mittwochs 9:30–12 Uhr",
        Wochentag.MITTWOCH,
        time(9, 30),
        time(12),
        "Weberstraße 5",
        None,
        False,
    ),
    (
        "repair-cafe",
        "Repair-Café",
        "Kaputtes mitbringen, gemeinsam reparieren.",
        [Z.ALLE],
        [S.DE, S.RU],
        "jeden dritten Samstag, 14–17 Uhr",
        Wochentag.SAMSTAG,
        time(14),
        time(17),
        "Nachbarschaftstreff, Brunnenstraße 22",
        None,
        False,
    ),
    (
        "stadtbibliothek-zweigstelle",
        "Vorlesestunde in vielen Sprachen",
        "Geschichten auf Deutsch, Türkisch, Arabisch und Ukrainisch für Kinder ab 4.",
        [Z.KINDER, Z.FAMILIEN],
        [S.DE, S.TR, S.AR, S.UK],
        "donnerstags 16 Uhr",
        Wochentag.DONNERSTAG,
        time(16),
        time(17),
        "Stadtbibliothek, Kinderecke",
        None,
        False,
    ),
    (
        "ditib-moschee-lindenau",
        "Teestube für Ältere",
        "Tee, Gespräche und Hilfe bei Behördenpost.",
        [Z.SENIOREN],
        [S.TR],
        "täglich ab 14 Uhr",
        None,
        time(14),
        None,
        "Weberstraße 17",
        None,
        False,
    ),
    (
        "tuerkischer-elternverein",
        "Elternabend auf Türkisch",
        "Fragen zu Schule und Ausbildung – Okul ve meslek eğitimi hakkında bilgi.",
        [Z.FAMILIEN, Z.MIGRATION],
        [S.TR, S.DE],
        "jeden zweiten Samstag im Monat, 11 Uhr",
        Wochentag.SAMSTAG,
        time(11),
        time(13),
        "Weberstraße 17",
        None,
        False,
    ),
    (
        "lebenshilfe",
        "Inklusiver Kochtreff",
        "Gemeinsam kochen und essen, für Menschen mit und ohne Behinderung.",
        [Z.BEHINDERUNG, Z.ALLE],
        [S.DE, S.SGS],
        "alle zwei Wochen freitags 17 Uhr",
        Wochentag.FREITAG,
        time(17),
        time(19),
        "Kastanienallee 12",
        Decimal("5.00"),
        True,
    ),
    (
        "gbl-wohnungsbau",
        "Mietersprechstunde",
        "Fragen zu Miete, Nebenkosten und Reparaturen.",
        [Z.ALLE],
        [S.DE, S.TR, S.RU],
        "montags 14–18 Uhr",
        Wochentag.MONTAG,
        time(14),
        time(18),
        "Mieterbüro, Mühlengasse 9",
        None,
        False,
    ),
    (
        "apotheke-am-lindenplatz",
        "Medikamenten-Check für Ältere",
        "Wir schauen Ihre Medikamente gemeinsam durch – auf Russisch und Arabisch möglich.",
        [Z.SENIOREN],
        [S.DE, S.RU, S.AR],
        "nach Terminvereinbarung",
        None,
        None,
        None,
        "Lindenplatz 7",
        None,
        True,
    ),
]

# slug of the actor, name, function, e-mail, phone, consented to be public
KONTAKTE = [
    (
        "nachbarschaftsverein-brunnenviertel",
        "Elif Demir",
        "Vorsitzende",
        "vorstand@nachbarschaftsverein.example",
        "06541 22 31 0",
        True,
    ),
    ("nachbarschaftsverein-brunnenviertel", "Horst Lemke", "Kassenwart", "", "", False),
    (
        "sv-blau-weiss-lindenau",
        "Thomas Krüger",
        "Jugendleiter",
        "jugend@blau-weiss-lindenau.example",
        "06541 55 12 3",
        True,
    ),
    (
        "caritas-lindenau",
        "Sabine Wolters",
        "Quartiersmanagerin",
        "s.wolters@caritas-lindenau.example",
        "06541 123 45-0",
        True,
    ),
    (
        "caritas-lindenau",
        "Aylin Kaya",
        "Migrationsberatung",
        "a.kaya@caritas-lindenau.example",
        "06541 123 45-12",
        True,
    ),
    (
        "awo-begegnungsstaette",
        "Gisela Brandt",
        "Leiterin",
        "begegnung@awo-lindenau.example",
        "06541 33 40 1",
        True,
    ),
    ("awo-begegnungsstaette", "Mehmet Öztürk", "Ehrenamtlicher", "", "0151 2345678", False),
    (
        "grundschule-am-wasserturm",
        "Dr. Petra Sommer",
        "Schulleiterin",
        "sekretariat@gs-wasserturm.example",
        "06541 66 70 0",
        True,
    ),
    (
        "jugendtreff-bahndamm",
        "Kevin Schulz",
        "Sozialarbeiter",
        "treff@jugend-bahndamm.example",
        "06541 77 88 9",
        True,
    ),
    (
        "diakonie-familienzentrum",
        "Maria Nowak",
        "Koordinatorin",
        "familienzentrum@diakonie-lindenau.example",
        "06541 44 55 6",
        True,
    ),
    (
        "gbl-wohnungsbau",
        "Jörg Hansen",
        "Quartiersbetreuer",
        "mieterbuero@gbl.example",
        "06541 98 76 5",
        True,
    ),
    (
        "amt-fuer-soziales",
        "Andrea Vogt",
        "Sachgebietsleitung",
        "soziales@lindenau.example",
        "06541 100-300",
        True,
    ),
    (
        "tiefbauamt",
        "Frank Meier",
        "Straßenunterhaltung",
        "tiefbau@lindenau.example",
        "06541 100-660",
        True,
    ),
    ("frauencafe-amal", "Samira Haddad", "Initiatorin", "", "", False),
    (
        "ditib-moschee-lindenau",
        "Hasan Çelik",
        "Vorsitzender",
        "info@ditib-lindenau.example",
        "06541 87 65 4",
        True,
    ),
    ("initiative-gruene-hoefe", "Lena Fischer", "Sprecherin", "", "0176 9876543", False),
]

GREMIEN = [
    (
        "buergergremium-brunnenviertel",
        "Bürgergremium Brunnenviertel",
        Gremium.Art.BUERGERGREMIUM,
        "Bewohnerinnen und Bewohner beraten das Quartiersmanagement, bringen Anliegen ein und entscheiden über Anträge an den Verfügungsfonds.",
    ),
    (
        "stadtteilkonferenz-brunnenviertel",
        "Stadtteilkonferenz Brunnenviertel",
        Gremium.Art.STADTTEILKONFERENZ,
        "Alle Einrichtungen, Vereine und Initiativen des Viertels treffen sich mit Verwaltung und Politik, um sich abzustimmen und gemeinsame Projekte zu planen.",
    ),
    (
        "ak-kinder-jugend-familie",
        "AK Kinder-Jugend-Familie",
        Gremium.Art.ARBEITSKREIS,
        "Fachkräfte aus Schulen, Kitas, Jugendhilfe und Familienberatung vernetzen sich und planen Angebote für Kinder, Jugendliche und Familien.",
    ),
]


def load(context: DemoContext) -> None:
    felder = {h.slug: h for h in Handlungsfeld.objects.all()}
    akteure = {}
    for slug, name, art, strasse, feld_slugs, zielgruppen, sprachen, text, zeiten, bf in AKTEURE:
        domain = slug.replace("-", "")[:20]
        akteur, _ = Akteur.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "art": art,
                "beschreibung": text,
                "strasse": strasse,
                "plz": "54323" if slug in NACHBAR else "54321",
                "ort": "Lindenau",
                "oeffnungszeiten": zeiten,
                "email": f"info@{domain}.example",
                "telefon": f"06541 {zlib.crc32(slug.encode()) % 90000 + 10000}",
                "website": f"https://www.{domain}.example",
                "zielgruppen": zielgruppen,
                "sprachen": sprachen,
                "barrierefreiheit": bf,
                "oeffentlich": slug not in NICHT_OEFFENTLICH,
            },
        )
        akteur.quartiere.add(context.nachbar_quartier if slug in NACHBAR else context.quartier)
        akteur.handlungsfelder.set([felder[s] for s in feld_slugs if s in felder])
        akteure[slug] = akteur
    akteure["caritas-lindenau"].quartiere.add(context.nachbar_quartier)
    akteure["nachbarschaftsverein-brunnenviertel"].mitglieder.add(context.users["partner"])
    akteure["sv-blau-weiss-lindenau"].mitglieder.add(context.users["partner2"])
    context.extra["akteur_a"] = akteure["nachbarschaftsverein-brunnenviertel"]
    context.extra["akteur_b"] = akteure["sv-blau-weiss-lindenau"]
    context.extra["akteure"] = akteure

    Angebot.objects.filter(akteur__in=akteure.values()).delete()
    Angebot.objects.bulk_create(
        Angebot(
            akteur=akteure[slug],
            titel=titel,
            beschreibung=text,
            zielgruppen=zielgruppen,
            sprachen=sprachen,
            zeit=zeit,
            wochentag=tag,
            beginn=beginn,
            ende=ende,
            adresse=adresse,
            kostenlos=kosten is None,
            kosten=kosten,
            anmeldung_noetig=anmeldung,
        )
        for slug, titel, text, zielgruppen, sprachen, zeit, tag, beginn, ende, adresse, kosten, anmeldung in ANGEBOTE
    )
    Ansprechperson.objects.filter(akteur__in=akteure.values()).delete()
    Ansprechperson.objects.bulk_create(
        Ansprechperson(
            akteur=akteure[slug],
            name=name,
            funktion=funktion,
            email=email,
            telefon=telefon,
            einwilligung_oeffentlich=einwilligung,
        )
        for slug, name, funktion, email, telefon, einwilligung in KONTAKTE
    )
    for akteur in akteure.values():
        akteur.aktualisiere_suchvektor()

    _gremien(context, akteure)


def _gremien(context: DemoContext, akteure: dict) -> None:
    jetzt = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    gremien = {}
    for slug, name, art, zweck in GREMIEN:
        gremium, _ = Gremium.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "art": art, "zweck": zweck, "quartier": context.quartier},
        )
        gremien[slug] = gremium
    GremiumMitglied.objects.filter(gremium__in=gremien.values()).delete()
    Sitzung.objects.filter(gremium__in=gremien.values()).delete()
    T = GremiumMitglied.Typ
    mitglieder = {
        "buergergremium-brunnenviertel": [
            (None, "Ursula Becker", "Sprecherin", T.BEWOHNER),
            (None, "Ali Yılmaz", "Stellv. Sprecher", T.BEWOHNER),
            (None, "Jana Lorenz", "", T.BEWOHNER),
            (None, "Stefan Wagner", "", T.BEWOHNER),
            (None, "Fatma Arslan", "", T.BEWOHNER),
            ("caritas-lindenau", "", "Geschäftsführung (Quartiersmanagement)", T.INSTITUTION),
            ("amt-fuer-soziales", "", "beratend", T.VERWALTUNG),
        ],
        "stadtteilkonferenz-brunnenviertel": [
            (
                slug,
                "",
                "",
                T.VERWALTUNG if akteure[slug].art == Akteur.Art.FACHAMT else T.INSTITUTION,
            )
            for slug in (
                "caritas-lindenau",
                "awo-begegnungsstaette",
                "diakonie-familienzentrum",
                "grundschule-am-wasserturm",
                "gbl-wohnungsbau",
                "st-marien",
                "ditib-moschee-lindenau",
                "nachbarschaftsverein-brunnenviertel",
                "amt-fuer-soziales",
                "tiefbauamt",
            )
        ]
        + [("ortsbeirat", "", "Ortsvorsteherin", T.POLITIK)],
        "ak-kinder-jugend-familie": [
            ("jugendtreff-bahndamm", "", "Sprecher", T.INSTITUTION),
            ("grundschule-am-wasserturm", "", "", T.INSTITUTION),
            ("kita-regenbogen", "", "", T.INSTITUTION),
            ("diakonie-familienzentrum", "", "", T.INSTITUTION),
            ("jugendamt", "", "", T.VERWALTUNG),
            ("sv-blau-weiss-lindenau", "", "", T.INSTITUTION),
        ],
    }
    GremiumMitglied.objects.bulk_create(
        GremiumMitglied(
            gremium=gremien[g], akteur=akteure.get(a) if a else None, name=n, rolle=r, typ=t
        )
        for g, rows in mitglieder.items()
        for a, n, r, t in rows
    )
    sitzungen = []
    plan = {
        "buergergremium-brunnenviertel": (
            "Nachbarschaftstreff, Brunnenstraße 22",
            18,
            [
                "Begrüßung und Protokoll der letzten Sitzung",
                "Anträge an den Verfügungsfonds",
                "Bericht aus dem Stadtteilbüro",
                "Verschiedenes",
            ],
        ),
        "stadtteilkonferenz-brunnenviertel": (
            "Gemeindesaal St. Marien, Lindenplatz 1",
            10,
            [
                "Neues aus den Einrichtungen",
                "Planung Brunnenfest",
                "Sanierung Spielplatz Färberweg (Tiefbauamt)",
            ],
        ),
        "ak-kinder-jugend-familie": (
            "Familienzentrum Kastanienallee 40",
            14,
            [
                "Ferienprogramm Sommer",
                "Übergang Kita–Grundschule",
                "Jugendbeteiligung",
            ],
        ),
    }
    for slug, (adresse, stunde, punkte) in plan.items():
        for wochen in (-16, -8, -3, 2, 8):
            beginn = (jetzt + timedelta(weeks=wochen)).replace(hour=stunde)
            # Committees meet on weekdays: Bürgergremium Tuesday, the others Wednesday.
            tag = 1 if slug.startswith("buerger") else 2
            beginn += timedelta(days=(tag - beginn.weekday()) % 7)
            vergangen = wochen < 0
            sitzungen.append(
                Sitzung(
                    gremium=gremien[slug],
                    beginn=beginn,
                    adresse=adresse,
                    tagesordnung="\n".join(punkte),
                    protokoll=(
                        "Anwesend: siehe Teilnehmendenliste.\n\n"
                        f"TOP 1: {punkte[0]} – besprochen.\n"
                        f"TOP 2: {punkte[1]} – einstimmig befürwortet.\n"
                        "Nächste Sitzung wie geplant."
                    )
                    if vergangen
                    else "",
                    protokoll_veroeffentlicht=vergangen and wochen != -3,
                    teilnehmende=12 + abs(wochen) if vergangen else None,
                    oeffentlich=True,
                )
            )
    Sitzung.objects.bulk_create(sitzungen)


# --- the city-sized data set (`demo --scale city`, quartier.demo_stadt) ------------------

STADT_ARTEN = [
    # kind, weight, fields of action (slugs), target groups
    (
        A.VEREIN,
        30,
        ["kultur-und-freizeit", "gesundheit-und-sport", "nachbarschaft-und-beteiligung"],
        [Z.ALLE, Z.KINDER, Z.JUGENDLICHE],
    ),
    (
        A.FREIER_TRAEGER,
        15,
        ["kinder-jugend-und-familie", "integration-und-zusammenleben", "aeltere-menschen"],
        [Z.FAMILIEN, Z.SENIOREN, Z.MIGRATION],
    ),
    (
        A.INITIATIVE,
        14,
        ["nachbarschaft-und-beteiligung", "umwelt-gruen-und-verkehr", "sicherheit-und-sauberkeit"],
        [Z.ALLE],
    ),
    (A.LOKALE_OEKONOMIE, 15, ["lokale-oekonomie-und-beschaeftigung"], [Z.ALLE]),
    (
        A.SCHULE_KITA,
        12,
        ["bildung-und-ausbildung", "kinder-jugend-und-familie"],
        [Z.KINDER, Z.FAMILIEN, Z.JUGENDLICHE],
    ),
    (
        A.RELIGION,
        6,
        ["integration-und-zusammenleben", "nachbarschaft-und-beteiligung"],
        [Z.ALLE, Z.SENIOREN],
    ),
    (A.WOHNUNGSUNTERNEHMEN, 3, ["wohnen-und-wohnumfeld"], [Z.ALLE]),
    (A.POLITIK, 2, ["nachbarschaft-und-beteiligung"], [Z.ALLE]),
    (
        A.FACHAMT,
        3,
        ["wohnen-und-wohnumfeld", "umwelt-gruen-und-verkehr", "bildung-und-ausbildung"],
        [Z.ALLE],
    ),
]

STADT_NAMEN = {
    A.VEREIN: [
        "Sportverein {q} e. V.",
        "Kulturverein {q} e. V.",
        "Heimatverein {q} e. V.",
        "Kleingartenverein {s} e. V.",
        "Bürgerverein {q} e. V.",
        "TuS {q} {j} e. V.",
        "SV {f}-{f2} {q} e. V.",
        "Chor {q} e. V.",
        "Schachclub {q} e. V.",
        "Förderverein Grundschule {s} e. V.",
    ],
    A.FREIER_TRAEGER: [
        "{t} Begegnungsstätte {q}",
        "{t} Familienzentrum {q}",
        "{t} Jugendtreff {s}",
        "{t} Beratungsstelle {q}",
        "{t} Seniorentreff {q}",
        "{t} Mehrgenerationenhaus {q}",
        "{t} Stadtteilladen {s}",
    ],
    A.INITIATIVE: [
        "Initiative Grüne Höfe {q}",
        "Nachbarschaftshilfe {q}",
        "Repair-Café {q}",
        "Foodsharing {q}",
        "Radentscheid {q}",
        "Willkommensinitiative {q}",
        "Spielplatzpaten {s}",
        "Lesepaten {q}",
    ],
    A.LOKALE_OEKONOMIE: [
        "Bäckerei {n}",
        "{q}-Apotheke",
        "Buchhandlung {n}",
        "Café {v}",
        "Friseursalon {v}",
        "Blumen {n}",
        "Fahrradladen {q}",
        "Kiosk {s}",
    ],
    A.SCHULE_KITA: [
        "Kita {b}",
        "Grundschule {s}",
        "Gesamtschule {q}",
        "Kita {s}",
        "Förderschule {q}",
        "Familienzentrum Kita {b}",
    ],
    A.RELIGION: [
        "Evangelische Kirchengemeinde {q}",
        "Pfarrei St. {h}",
        "Moscheegemeinde {q}",
        "Freie evangelische Gemeinde {q}",
        "Alevitische Gemeinde {q}",
    ],
    A.WOHNUNGSUNTERNEHMEN: [
        "Wohnungsgenossenschaft {q} eG",
        "{n} Immobilien GmbH",
        "Gemeinnützige Wohnungsbau {q}",
    ],
    A.POLITIK: ["Ortsbeirat {q}", "Seniorenbeirat {q}", "Jugendparlament {q}"],
    A.FACHAMT: [
        "Jugendamt Lindenau, Außenstelle {q}",
        "Sozialamt Lindenau, Bezirk {q}",
        "Bürgeramt {q}",
        "Stadtbibliothek {q}",
        "Volkshochschule Lindenau, Lernort {q}",
        "Jobcenter Lindenau, Team {q}",
        "Gesundheitsamt, Sprechstunde {q}",
        "Polizei, Bezirksdienst {q}",
    ],
}

STADT_TEXTE = {
    A.VEREIN: "Wir sind ein Verein im {q} und treffen uns regelmäßig. Neue Mitglieder aller Generationen sind willkommen; Kinder aus Familien mit wenig Geld zahlen keinen Beitrag.",
    A.FREIER_TRAEGER: "Beratung, Begleitung und offene Treffs im {q}: Sozialberatung, Hilfe bei Anträgen, Hausaufgabenhilfe und Angebote für Familien und Ältere.",
    A.INITIATIVE: "Nachbarinnen und Nachbarn, die sich ehrenamtlich für ein lebenswertes {q} einsetzen. Mitmachen kann jede und jeder.",
    A.LOKALE_OEKONOMIE: "Inhabergeführtes Geschäft im {q}, seit vielen Jahren im Viertel. Wir unterstützen Stadtteilfeste und Vereine.",
    A.SCHULE_KITA: "Bildung von Anfang an im {q}: Ganztag, Sprachförderung, Hausaufgabenhilfe und ein offenes Elterncafé.",
    A.RELIGION: "Gemeinde im {q} mit Gemeindesaal, Besuchsdienst und offenem Café. Alle Nachbarn sind eingeladen.",
    A.WOHNUNGSUNTERNEHMEN: "Vermieterin im {q} mit Mieterbüro vor Ort; Ansprechpartnerin für Reparaturen, Höfe und Nachbarschaftsräume.",
    A.POLITIK: "Das gewählte Gremium vertritt das {q} gegenüber Rat und Verwaltung und tagt öffentlich.",
    A.FACHAMT: "Dienststelle der Stadt Lindenau für das {q}: Anliegen, Anträge und Beratung.",
}

STADT_ANGEBOTE = [
    # title, description, target groups, languages, season of the wording (unused), weekday, hour, length
    (
        "Hausaufgabenhilfe",
        "Ehrenamtliche helfen bei den Hausaufgaben, in kleinen Gruppen.",
        [Z.KINDER],
        [S.DE],
        0,
        15,
        2,
    ),
    (
        "Hausaufgabenbetreuung für Jugendliche",
        "Lernen für Klassenarbeiten und Prüfungen, mit Bewerbungshilfe.",
        [Z.JUGENDLICHE],
        [S.DE, S.TR, S.AR],
        2,
        16,
        2,
    ),
    (
        "Sprachcafé Deutsch",
        "Deutsch sprechen üben bei Tee und Kuchen, ohne Anmeldung.",
        [Z.MIGRATION],
        [S.DE, S.AR, S.UK, S.TR],
        3,
        17,
        2,
    ),
    (
        "Seniorengymnastik",
        "Bewegung im Sitzen und Stehen, für alle ab 60.",
        [Z.SENIOREN],
        [S.DE],
        1,
        10,
        1,
    ),
    (
        "Mittagstisch",
        "Gemeinsam essen für kleines Geld, jeden Werktag frisch gekocht.",
        [Z.SENIOREN, Z.ALLE],
        [S.DE],
        2,
        12,
        2,
    ),
    (
        "Eltern-Kind-Gruppe",
        "Spielen, singen und austauschen für Eltern mit Kindern bis drei Jahre.",
        [Z.FAMILIEN, Z.KINDER],
        [S.DE, S.TR],
        1,
        9,
        2,
    ),
    (
        "Sozialberatung",
        "Hilfe bei Anträgen, Bescheiden und Schulden, vertraulich und kostenlos.",
        [Z.ALLE],
        [S.DE, S.TR, S.RU],
        0,
        10,
        3,
    ),
    (
        "Mieterberatung",
        "Fragen zu Miete, Nebenkosten und Reparaturen.",
        [Z.ALLE],
        [S.DE, S.TR],
        0,
        14,
        3,
    ),
    (
        "Repair-Café",
        "Wir reparieren gemeinsam Geräte, Fahrräder und Kleidung.",
        [Z.ALLE],
        [S.DE],
        5,
        11,
        3,
    ),
    (
        "Fußballtraining für Kinder",
        "Training für Mädchen und Jungen von 6 bis 12 Jahren.",
        [Z.KINDER],
        [S.DE],
        3,
        16,
        2,
    ),
    (
        "Offener Jugendtreff",
        "Kicker, Musik, Gespräche und Ausflüge ab 12 Jahren.",
        [Z.JUGENDLICHE],
        [S.DE, S.TR, S.AR],
        4,
        15,
        4,
    ),
    (
        "Nähwerkstatt",
        "Nähen lernen und gemeinsam Kleidung ändern.",
        [Z.MIGRATION, Z.ALLE],
        [S.DE, S.AR],
        2,
        10,
        2,
    ),
    (
        "Computer-Sprechstunde",
        "Hilfe mit Smartphone, Tablet und Online-Terminen.",
        [Z.SENIOREN],
        [S.DE, S.RU],
        3,
        14,
        2,
    ),
    (
        "Nachbarschaftsgarten",
        "Gemeinsam gärtnern, ernten und feiern.",
        [Z.ALLE, Z.FAMILIEN],
        [S.DE],
        5,
        10,
        3,
    ),
    ("Lesepaten", "Vorlesen und Lesen üben mit Grundschulkindern.", [Z.KINDER], [S.DE], 1, 14, 1),
    (
        "Frauenfrühstück",
        "Frühstück und Austausch für Frauen aus aller Welt.",
        [Z.MIGRATION],
        [S.DE, S.AR, S.FA, S.TR],
        4,
        9,
        2,
    ),
    (
        "Inklusiver Kochtreff",
        "Kochen und essen für Menschen mit und ohne Behinderung.",
        [Z.BEHINDERUNG, Z.ALLE],
        [S.DE, S.SGS],
        4,
        17,
        2,
    ),
    (
        "Chorprobe",
        "Singen im Stadtteilchor, keine Vorkenntnisse nötig.",
        [Z.ALLE],
        [S.DE],
        2,
        19,
        2,
    ),
    (
        "Schuldnerberatung",
        "Wege aus den Schulden, nach Terminvereinbarung.",
        [Z.ALLE],
        [S.DE, S.TR],
        None,
        None,
        None,
    ),
    (
        "Migrationsberatung",
        "Beratung zu Aufenthalt, Sprache, Arbeit und Familie.",
        [Z.MIGRATION],
        [S.DE, S.AR, S.UK, S.RU, S.FA],
        1,
        9,
        3,
    ),
]

STADT_TAGE = [
    "montags",
    "dienstags",
    "mittwochs",
    "donnerstags",
    "freitags",
    "samstags",
    "sonntags",
]


def load_stadt(stadt) -> None:
    """10,000 actors with 30,000 offers and a contact each, partner users, and 200
    committees with their members and 6,000 meetings over five years (times `faktor`)."""
    from django.contrib.auth.models import Group

    from quartier import demo_stadt as ds
    from quartier.models import User
    from quartier.roles import Rolle

    if not Akteur.objects.filter(slug__startswith=ds.PRAEFIX).exists():
        _stadt_akteure(stadt, ds, User, Group.objects.get(name=Rolle.PARTNER))
    if not Gremium.objects.filter(slug__startswith=ds.PRAEFIX).exists():
        _stadt_gremien(stadt, ds)
    # What the other apps' parts need (also when this part was loaded before).
    je_quartier: dict[int, list[int]] = {}
    fachaemter = []
    for akteur_id, quartier_id, art in Akteur.quartiere.through.objects.filter(
        akteur__slug__startswith=ds.PRAEFIX
    ).values_list("akteur_id", "quartier_id", "akteur__art"):
        if art == A.FACHAMT:
            fachaemter.append(akteur_id)
        else:
            je_quartier.setdefault(quartier_id, []).append(akteur_id)
    for ids in je_quartier.values():
        ids.sort()
    stadt.extra["akteure"] = je_quartier
    stadt.extra["fachaemter"] = sorted(set(fachaemter))


def _stadt_akteure(stadt, ds, User, partner_gruppe) -> None:
    rng = ds.zufall("netzwerk")
    felder = {h.slug: h.pk for h in Handlungsfeld.objects.all()}
    alle_felder = list(felder.values())
    n = stadt.anzahl(10_000)
    akteur_ids = ds.ids(Akteur, n)
    arten = [a for a, *_ in STADT_ARTEN]
    gewichte = [w for _a, w, *_ in STADT_ARTEN]
    info = {a: (f, z) for a, _w, f, z in STADT_ARTEN}
    quartier_gewichte = stadt.gewichte()
    farben = ["Blau", "Weiß", "Rot", "Grün", "Gelb", "Schwarz"]
    blumen = ["Regenbogen", "Sonnenblume", "Pusteblume", "Löwenzahn", "Kunterbunt", "Schatzkiste"]
    heilige = ["Marien", "Josef", "Elisabeth", "Michael", "Antonius", "Franziskus"]
    traeger = ["AWO", "Caritas", "Diakonie", "DRK", "Johanniter", "Malteser", "Der Paritätische"]
    akteure, in_quartieren, in_feldern, art_je = [], [], [], {}
    slugs: set[str] = set()
    for pk in akteur_ids:
        art = rng.choices(arten, weights=gewichte)[0]
        quartier = rng.choices(stadt.quartiere, weights=quartier_gewichte)[0]
        vorname, nachname = ds.person(rng)
        name = rng.choice(STADT_NAMEN[art]).format(
            q=quartier.name,
            s=rng.choice(ds.STRASSEN),
            j=rng.randint(1895, 1990),
            f=rng.choice(farben),
            f2=rng.choice(farben),
            t=rng.choice(traeger),
            n=nachname,
            v=vorname,
            b=rng.choice(blumen),
            h=rng.choice(heilige),
        )
        basis = ds.PRAEFIX + slugify(name.replace("ß", "ss"))[:150]
        slug, k = basis, 1
        while slug in slugs:
            k += 1
            slug = f"{basis}-{k}"
        slugs.add(slug)
        feld_slugs, zielgruppen = info[art]
        domain = slug.removeprefix(ds.PRAEFIX).replace("-", "")[:24]
        zeiten = rng.choice(
            [
                "Mo–Fr 9–12 Uhr",
                "Di 15–18 Uhr\nDo 10–12 Uhr",
                "Mo und Mi 17–19 Uhr",
                "nach Vereinbarung",
                "",
            ]
        )
        akteure.append(
            (
                pk,
                name[:200],
                slug,
                art,
                f"info@{domain}.example",
                f"06541 {rng.randint(10000, 99999)}",
                rng.random() < 0.95,
                STADT_TEXTE[art].format(q=quartier.name),
                f"{rng.choice(ds.STRASSEN)} {rng.randint(1, 120)}",
                quartier.plz,
                "Lindenau",
                zeiten,
                f"https://www.{domain}.example" if rng.random() < 0.6 else "",
                rng.sample(zielgruppen, k=rng.randint(1, len(zielgruppen))),
                ["de"]
                + rng.sample(["tr", "ar", "ru", "uk", "pl", "en"], k=rng.choice([0, 0, 1, 2])),
                rng.choice(["", "barrierefrei", "teilweise", "nicht"]),
            )
        )
        art_je[pk] = art
        if art == A.FACHAMT:
            bereich = stadt.quartiere
        else:
            bereich = [quartier]
            if rng.random() < 0.2:
                bereich.append(rng.choice(stadt.quartiere))
        for q in {q.pk for q in bereich}:
            in_quartieren.append((pk, q))
        eigene = [felder[s] for s in feld_slugs if s in felder] or alle_felder[:1]
        for f in set(rng.sample(eigene, k=rng.randint(1, len(eigene)))):
            in_feldern.append((pk, f))
    stadt.zaehle(Akteur, ds.kopiere(Akteur, [
        "id", "name", "slug", "art", "email", "telefon", "oeffentlich", "beschreibung",
        "strasse", "plz", "ort", "oeffnungszeiten", "website", "zielgruppen", "sprachen",
        "barrierefreiheit",
    ], akteure))  # fmt: skip
    del akteure
    ds.kopiere(Akteur.quartiere.through, ["akteur_id", "quartier_id"], in_quartieren)
    ds.kopiere(Akteur.handlungsfelder.through, ["akteur_id", "handlungsfeld_id"], in_feldern)

    # Offers: three per actor on average, none for city offices.
    traeger_ids = [pk for pk in akteur_ids if art_je[pk] != A.FACHAMT]
    angebote = []
    for _ in range(stadt.anzahl(30_000)):
        akteur = rng.choice(traeger_ids)
        titel, text, ziel, sprachen, tag, stunde, dauer = rng.choice(STADT_ANGEBOTE)
        if tag is not None:
            tag = (tag + rng.randint(0, 2)) % 6
            stunde += rng.choice([-1, 0, 0, 1])
            zeit = f"{STADT_TAGE[tag]} {stunde}–{stunde + dauer} Uhr"
        else:
            zeit = "nach Terminvereinbarung"
        kosten = (
            None if rng.random() < 0.85 else Decimal(rng.choice(["2.00", "3.50", "5.00", "10.00"]))
        )
        angebote.append(
            (
                akteur,
                titel,
                text,
                ziel,
                sprachen,
                zeit,
                tag,
                time(stunde) if tag is not None else None,
                time(stunde + dauer) if tag is not None else None,
                "",
                kosten is None,
                kosten,
                rng.random() < 0.3,
                rng.random() < 0.97,
            )
        )
    stadt.zaehle(Angebot, ds.kopiere(Angebot, [
        "akteur_id", "titel", "beschreibung", "zielgruppen", "sprachen", "zeit", "wochentag",
        "beginn", "ende", "adresse", "kostenlos", "kosten", "anmeldung_noetig", "oeffentlich",
    ], angebote))  # fmt: skip
    del angebote

    kontakte = []
    for pk in akteur_ids:
        vorname, nachname = ds.person(rng)
        kontakte.append(
            (
                pk,
                f"{vorname} {nachname}",
                rng.choice(["Vorsitz", "Leitung", "Koordination", "Ansprechpartnerin", "Sprecher"]),
                ds.email_von(vorname, nachname, pk % 100),
                f"06541 {rng.randint(10000, 99999)}" if rng.random() < 0.5 else "",
                rng.random() < 0.7,
            )
        )
    stadt.zaehle(Ansprechperson, ds.kopiere(Ansprechperson, [
        "akteur_id", "name", "funktion", "email", "telefon", "einwilligung_oeffentlich",
    ], kontakte))  # fmt: skip

    # Partner users keep an actor's entry current and book rooms for it.
    partner = []
    for k in range(stadt.anzahl(1_000)):
        vorname, nachname = ds.person(rng)
        partner.append(
            User(
                email=ds.email_von(vorname, nachname, k, "partner.stadt-lindenau.example"),
                name=f"{vorname} {nachname}",
                password=stadt.passwort,
            )
        )
    User.objects.bulk_create(partner, batch_size=2000)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=partner_gruppe.pk) for u in partner],
        batch_size=2000,
    )
    mitglieder = rng.sample(traeger_ids, k=min(len(partner), len(traeger_ids)))
    Akteur.mitglieder.through.objects.bulk_create(
        [
            Akteur.mitglieder.through(akteur_id=a, user_id=u.pk)
            for a, u in zip(mitglieder, partner, strict=False)
        ],
        batch_size=2000,
    )
    stadt.zaehle(User, len(partner))
    _stadt_suchvektoren(ds)


def _stadt_suchvektoren(ds) -> None:
    """The search vectors of the city's actors and offers, as `aktualisiere_suchvektor`
    writes them, in two statements for all rows."""
    from django.db import connection

    stadt_angebote = Angebot.objects.filter(akteur__slug__startswith=ds.PRAEFIX)
    stadt_angebote.aktualisiere_suchvektoren()
    labels = [(art.value, str(art.label)) for art in A]
    werte = ", ".join(["(%s, %s)"] * len(labels))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH labels(art, label) AS (VALUES {werte}),
            angebote AS (
                SELECT akteur_id, string_agg(titel || ' ' || beschreibung, ' ') AS text
                FROM netzwerk_angebot WHERE oeffentlich GROUP BY akteur_id
            ),
            felder AS (
                SELECT af.akteur_id, string_agg(h.name, ' ') AS text
                FROM netzwerk_akteur_handlungsfelder af
                JOIN netzwerk_handlungsfeld h ON h.id = af.handlungsfeld_id
                GROUP BY af.akteur_id
            )
            UPDATE netzwerk_akteur a SET suchvektor =
                setweight(to_tsvector('german', a.name), 'A')
                || setweight(to_tsvector('german',
                    coalesce(o.text, '') || ' ' || coalesce(f.text, '')), 'B')
                || setweight(to_tsvector('german',
                    a.beschreibung || ' ' || coalesce(l.label, a.art)), 'C')
            FROM netzwerk_akteur x
            LEFT JOIN angebote o ON o.akteur_id = x.id
            LEFT JOIN felder f ON f.akteur_id = x.id
            LEFT JOIN labels l ON l.art = x.art
            WHERE a.id = x.id AND x.slug LIKE %s
            """,  # noqa: S608 - only placeholders are formatted in
            [v for pair in labels for v in pair] + [ds.PRAEFIX + "%"],
        )


def _stadt_gremien(stadt, ds) -> None:
    rng = ds.zufall("gremien")
    G = Gremium.Art
    T = GremiumMitglied.Typ
    vorlagen = [
        (
            G.BUERGERGREMIUM,
            "Bürgergremium {q}",
            "Bewohnerinnen und Bewohner beraten das Quartiersmanagement und entscheiden über den Verfügungsfonds.",
        ),
        (
            G.STADTTEILKONFERENZ,
            "Stadtteilkonferenz {q}",
            "Einrichtungen, Vereine, Verwaltung und Politik stimmen sich ab und planen gemeinsame Projekte.",
        ),
        (
            G.ARBEITSKREIS,
            "AK Kinder-Jugend-Familie {q}",
            "Fachkräfte aus Schulen, Kitas und Jugendhilfe vernetzen sich.",
        ),
        (
            G.GEWERBESTAMMTISCH,
            "Gewerbestammtisch {q}",
            "Händler und Betriebe des Viertels tauschen sich aus.",
        ),
        (G.VERGABEBEIRAT, "Vergabebeirat {q}", "Entscheidet über Anträge an den Verfügungsfonds."),
    ]
    punkte = [
        "Begrüßung und Protokoll der letzten Sitzung", "Anträge an den Verfügungsfonds",
        "Bericht aus dem Stadtteilbüro", "Planung Stadtteilfest", "Verkehrsberuhigung",
        "Spielplatzsanierung", "Sauberkeit im Quartier", "Ferienprogramm", "Verschiedenes",
    ]  # fmt: skip
    n = stadt.anzahl(200)
    je_quartier = ds.anteile(n, [1] * len(stadt.quartiere))
    akteure: dict[int, list[int]] = {}
    for akteur_id, quartier_id in Akteur.quartiere.through.objects.filter(
        akteur__slug__startswith=ds.PRAEFIX
    ).values_list("akteur_id", "quartier_id"):
        akteure.setdefault(quartier_id, []).append(akteur_id)
    gremium_ids = iter(ds.ids(Gremium, n))
    gremien, mitglieder, plan = [], [], []
    for quartier, anzahl in zip(stadt.quartiere, je_quartier, strict=True):
        for k in range(anzahl):
            art, name, zweck = vorlagen[k % len(vorlagen)]
            pk = next(gremium_ids)
            gremien.append(
                (pk, quartier.pk, name.format(q=quartier.name) + (f" {k // 5 + 1}" if k >= 5 else ""),
                 f"{ds.PRAEFIX}{quartier.slug}-{slugify(art)}-{k + 1}", art, zweck, rng.random() < 0.9)
            )  # fmt: skip
            eigene = akteure.get(quartier.pk, [])
            for a in rng.sample(eigene, k=min(len(eigene), rng.randint(3, 8))):
                mitglieder.append((pk, a, "", "", T.INSTITUTION))
            for _ in range(rng.randint(2, 6)):
                vorname, nachname = ds.person(rng)
                mitglieder.append((pk, None, f"{vorname} {nachname}", "", T.BEWOHNER))
            plan.append((pk, quartier))
    stadt.zaehle(
        Gremium,
        ds.kopiere(
            Gremium, ["id", "quartier_id", "name", "slug", "art", "zweck", "oeffentlich"], gremien
        ),
    )
    stadt.zaehle(
        GremiumMitglied,
        ds.kopiere(
            GremiumMitglied, ["gremium_id", "akteur_id", "name", "rolle", "typ"], mitglieder
        ),
    )
    # Meetings: spread evenly from five years back to three months ahead, evenings on weekdays.
    jetzt = stadt.jetzt
    von, bis = jetzt - timedelta(days=5 * 365), jetzt + timedelta(days=90)
    sitzungen = []
    for (pk, quartier), anzahl in zip(
        plan, ds.anteile(stadt.anzahl(6_000), [1] * len(plan)), strict=True
    ):
        if not anzahl:
            continue
        abstand = (bis - von) / anzahl
        wochentag = rng.randint(0, 3)
        for i in range(anzahl):
            tag = timezone.localtime(von + abstand * i + timedelta(days=rng.randint(0, 6)))
            tag += timedelta(days=(wochentag - tag.weekday()) % 7)
            beginn = tag.replace(
                hour=rng.choice([10, 17, 18, 19]), minute=0, second=0, microsecond=0
            )
            vergangen = beginn < jetzt
            top = rng.sample(punkte[1:-1], k=3)
            sitzungen.append(
                (
                    pk,
                    beginn,
                    f"Stadtteilbüro, {quartier.strasse}",
                    "\n".join([punkte[0], *top, punkte[-1]]),
                    f"TOP 1: {top[0]} – besprochen.\nTOP 2: {top[1]} – einstimmig befürwortet."
                    if vergangen
                    else "",
                    vergangen and rng.random() < 0.85,
                    rng.randint(6, 40) if vergangen else None,
                    rng.random() < 0.9,
                )
            )
    stadt.zaehle(Sitzung, ds.kopiere(Sitzung, [
        "gremium_id", "beginn", "adresse", "tagesordnung", "protokoll",
        "protokoll_veroeffentlicht", "teilnehmende", "oeffentlich",
    ], sitzungen))  # fmt: skip
