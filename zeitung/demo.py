"""Demo newspaper of both demo areas: issue 1 (12 pages, published two months ago) and
issue 2 (16 pages, in editing), with sections, articles about life in the area, photos
drawn here with Pillow (no people on them, so no consent is needed), a page plan that
places the articles and the blocks the portal fills, and in the Brunnenviertel one
partner's article waiting in the editorial queue (*in Prüfung*).

Everything goes through the app's own rules: photos through `ArtikelfotoForm` (cleaned and
scaled to print size), the partner's article through `services.artikel_einreichen`, review,
release and the issue's steps through `zeitung.services`. Idempotent: an area that has
issues already gets nothing. No print PDF is rendered here (that is the worker's job and
takes seconds); the office presses "PDF erzeugen".
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from . import services
from .forms import ArtikelfotoForm, ArtikelPartnerForm, PartnerFotoFormSet
from .models import Artikel, Artikelfoto, Platzierung, Rubrik, Zeitungsausgabe

Art = Platzierung.Art
S = Artikel.Status

RUBRIKEN = ["Aus dem Quartier", "Porträt", "Vereine und Initiativen", "Service", "Rückblick"]

# The articles: issue, section, kicker, headline, teaser, text ({q}: the area's name),
# columns, photo (its description, caption) or None, status
ARTIKEL = [
    (
        1,
        "Aus dem Quartier",
        "Grüne Höfe",
        "Wo früher Mülltonnen standen, wachsen jetzt Tomaten",
        "Drei Hausgemeinschaften im {q} haben ihre Hinterhöfe in Gärten verwandelt. Das "
        "Quartiersbüro hat Erde, Hochbeete und einen Wasseranschluss vermittelt.",
        "<p>Noch im Frühjahr war der Hof hinter den Häusern eine graue Fläche aus Beton, "
        "Fahrradständern und Mülltonnen. Heute stehen dort sechs Hochbeete aus Lärchenholz, "
        "eine Bank im Schatten und ein kleiner Kräuterhügel, an dem sich alle bedienen "
        "dürfen.</p><h3>Gemeinsam geplant</h3><p>Die Idee kam bei einem Treffen im "
        "Stadtteilbüro auf. Eine Mieterin erzählte, dass sie seit Jahren Tomaten auf dem "
        "Balkon zieht und gern mehr Platz hätte. Schnell fanden sich Nachbarinnen und "
        "Nachbarn, die mitmachen wollten. Die Wohnungsgesellschaft stimmte zu, das "
        "Quartiersbüro half beim Antrag an den Verfügungsfonds.</p><p>„Am schönsten ist, "
        "dass man sich jetzt kennt“, sagt eine Bewohnerin aus dem zweiten Stock. "
        "<em>Wer gießt, bekommt auch etwas ab</em> – so lautet die einzige Regel im Hof.</p>"
        "<ul><li>Gießplan: hängt im Hausflur aus</li><li>Werkzeug: im Schuppen, Schlüssel "
        "beim Hausmeister</li></ul>",
        2,
        (
            "Hochbeete aus Holz in einem Hinterhof, dahinter eine Hauswand",
            "Die neuen Hochbeete im Hof",
        ),
        S.FREIGEGEBEN,
    ),
    (
        1,
        "Porträt",
        "Menschen im Viertel",
        "Seit 30 Jahren hinter dem Tresen",
        "Der Kiosk an der Ecke ist mehr als ein Laden: Hier werden Pakete angenommen, "
        "Schlüssel hinterlegt und Neuigkeiten ausgetauscht.",
        "<p>Morgens um sechs geht das Licht an, abends um zehn wieder aus. Dazwischen "
        "kommen Schulkinder, die sich ein Brötchen holen, Rentner mit der Zeitung unter dem "
        "Arm und Handwerker, die nur schnell einen Kaffee brauchen.</p><p>Der Inhaber kennt "
        "die meisten beim Vornamen. „Wenn jemand zwei Tage nicht kommt, frage ich nach“, "
        "sagt er. Für viele Ältere im {q} ist der Kiosk der erste Ort, an dem sie "
        "erfahren, was im Viertel los ist.</p><h3>Was sich verändert hat</h3><p>Früher "
        "verkaufte er vor allem Zigaretten und Zeitschriften. Heute nimmt er täglich "
        "Dutzende Pakete an und hat eine Ecke mit Büchern zum Tauschen eingerichtet.</p>",
        2,
        ("Ein kleiner Kiosk mit Markise an einer Straßenecke", "Der Kiosk an der Ecke"),
        S.FREIGEGEBEN,
    ),
    (
        1,
        "Vereine und Initiativen",
        "Ehrenamt",
        "Das Repair-Café sucht Verstärkung",
        "Jeden zweiten Samstag werden im Nachbarschaftstreff Toaster, Fahrräder und "
        "Kleidung repariert. Gesucht werden Menschen, die gern schrauben oder nähen.",
        "<p>Ein wackeliger Stuhl, eine Nähmaschine, die nicht mehr näht, ein Radio aus den "
        "Sechzigern: Was zum Repair-Café gebracht wird, ist so verschieden wie die "
        "Menschen, die es bringen. Rund zwei Drittel der Geräte verlassen den Treff "
        "wieder funktionstüchtig.</p><p>Das Team besteht aus acht Ehrenamtlichen. „Wir "
        "könnten doppelt so viele sein“, sagt die Organisatorin. Vorkenntnisse sind nicht "
        "nötig, Neugier reicht. Wer mitmachen möchte, meldet sich im Stadtteilbüro.</p>",
        3,
        (
            "Werkzeug auf einem Tisch: Schraubenzieher, Zange und ein altes Radio",
            "Werkzeug im Repair-Café",
        ),
        S.FREIGEGEBEN,
    ),
    (
        1,
        "Service",
        "Nachgefragt",
        "Sperrmüll: So geht es richtig",
        "Immer wieder stehen Möbel tagelang auf dem Gehweg. Dabei holt die Stadt sie "
        "zweimal im Jahr kostenlos ab.",
        "<p>Sperrmüll kann telefonisch oder online beim Entsorgungsbetrieb angemeldet "
        "werden. Zwei Abholungen im Jahr sind für jeden Haushalt kostenlos. Die Sachen "
        "dürfen erst am Vorabend an die Straße gestellt werden.</p><ol><li>Termin "
        "anmelden</li><li>Liste der Gegenstände angeben</li><li>Am Vorabend "
        "bereitstellen</li></ol><p>Elektrogeräte gehören nicht zum Sperrmüll. Sie können "
        "beim Wertstoffhof abgegeben werden. Fragen beantwortet auch das Stadtteilbüro.</p>",
        1,
        None,
        S.FREIGEGEBEN,
    ),
    (
        1,
        "Rückblick",
        "Nachbarschaftsfest",
        "Ein Sonntag auf dem Platz",
        "Über 400 Gäste kamen zum Fest, es gab Musik aus fünf Ländern und einen Flohmarkt "
        "mit mehr als 50 Ständen.",
        "<p>Schon am Vormittag bauten die ersten Vereine ihre Stände auf. Die Kita hatte "
        "eine Malstraße vorbereitet, der Sportverein ein Torwandschießen, und die "
        "Frauengruppe verkaufte selbst gebackenen Kuchen.</p><p>Am Nachmittag spielte eine "
        "Band aus dem {q}, am Abend tanzten Jung und Alt zu Musik aus der Türkei, aus Polen "
        "und aus Syrien. Der Erlös des Kuchenverkaufs geht an die Hausaufgabenhilfe.</p>",
        2,
        ("Bunte Wimpelketten über einem Platz mit Bäumen", "Wimpel über dem Festplatz"),
        S.FREIGEGEBEN,
    ),
    (
        2,
        "Aus dem Quartier",
        "Verkehr",
        "Mehr Platz für Kinder vor der Grundschule",
        "Die Straße vor der Schule wird morgens für eine halbe Stunde gesperrt. Eltern, "
        "Schule und Stadt haben das gemeinsam beschlossen.",
        "<p>Zwischen 7.30 und 8.00 Uhr dürfen vor der Grundschule keine Autos mehr fahren. "
        "Die Kinder sollen zu Fuß, mit dem Roller oder dem Rad kommen. Die Elternvertretung "
        "hatte sich seit zwei Jahren dafür eingesetzt.</p><p>In den ersten Wochen helfen "
        "Ehrenamtliche mit Warnwesten an den Absperrungen. Wer mitmachen möchte, meldet "
        "sich bei der Schulleitung oder im Stadtteilbüro.</p><h3>Wie geht es weiter?</h3>"
        "<p>Nach den Herbstferien wird ausgewertet, ob die Sperrung bleibt.</p>",
        2,
        ("Eine leere Straße mit einer rot-weißen Absperrung", "Die Schulstraße am Morgen"),
        S.FREIGEGEBEN,
    ),
    (
        2,
        "Porträt",
        "Menschen im Viertel",
        "Die Frau, die allen das Lesen beibringt",
        "Seit zwölf Jahren gibt eine pensionierte Lehrerin im {q} ehrenamtlich "
        "Lesestunden für Kinder und Erwachsene.",
        "<p>Zweimal in der Woche sitzt sie in der Stadtteilbibliothek an einem großen Tisch "
        "und wartet. Mal kommen drei Kinder, mal zehn, manchmal eine Mutter, die Deutsch "
        "lernt und ihrem Sohn vorlesen möchte.</p><p>„Lesen ist der Schlüssel zu allem“, "
        "sagt sie. Bücher bringt sie selbst mit, viele davon aus Spenden aus dem Viertel.</p>",
        2,
        ("Ein Stapel Bücher auf einem Holztisch neben einer Lampe", "Bücher für die Lesestunde"),
        S.FREIGEGEBEN,
    ),
    (
        2,
        "Service",
        "Energie",
        "Heizkosten sparen ohne zu frieren",
        "Die Energieberatung kommt kostenlos ins Haus. Oft helfen schon kleine Dinge.",
        "<p>Heizkörper nicht zustellen, Stoßlüften statt Kippfenster, die Temperatur "
        "nachts um ein paar Grad senken: Schon diese Tipps sparen in vielen Haushalten "
        "spürbar Geld.</p><p>Die Energieberatung der Verbraucherzentrale bietet im "
        "Stadtteilbüro eine offene Sprechstunde an. Bitte bringen Sie Ihre letzte "
        "Heizkostenabrechnung mit.</p>",
        1,
        None,
        S.FREIGEGEBEN,
    ),
    (
        2,
        "Vereine und Initiativen",
        "Sport",
        "Fußball für alle Mädchen",
        "Der Sportverein gründet eine Mädchenmannschaft. Das Training ist kostenlos.",
        "<p>Bisher spielten im Verein fast nur Jungen. Das soll sich ändern: Ab dem "
        "nächsten Monat trainieren Mädchen zwischen acht und zwölf Jahren jeden Mittwoch "
        "auf dem Platz hinter der Schule.</p><p>Schuhe und Trikots stellt der Verein.</p>",
        2,
        None,
        S.IN_PRUEFUNG,
    ),
    (
        2,
        "Rückblick",
        "Stadtteilgeschichte",
        "Als hier noch Stoffe gefärbt wurden",
        "Ein Spaziergang auf den Spuren der alten Färberei.",
        "<p>Wo heute Wohnhäuser stehen, arbeiteten vor hundert Jahren über zweihundert "
        "Menschen. Die Straßennamen erinnern noch daran.</p>",
        2,
        None,
        S.ENTWURF,
    ),
]

# The partner's article, submitted in the partner area (Brunnenviertel only).
PARTNERARTIKEL = {
    "dachzeile": "Aus dem Verein",
    "titel": "Nachbarschaftsverein lädt zum Erzählcafé",
    "vorspann": "Ältere Menschen erzählen, wie das Viertel früher war. Jüngere hören zu "
    "und fragen nach.",
    "text": "Einmal im Monat öffnet der Nachbarschaftsverein seinen Treff für ein "
    "Erzählcafé. Bei Kaffee und Kuchen berichten Menschen, die seit Jahrzehnten hier "
    "wohnen, von der alten Färberei, vom ersten Supermarkt und von den Festen auf dem "
    "Platz.\n\nDie Gespräche werden mit dem Einverständnis aller aufgeschrieben. Daraus "
    "soll im nächsten Jahr ein kleines Buch über das Viertel entstehen.\n\nJede und jeder "
    "ist willkommen, eine Anmeldung ist nicht nötig.",
    "autor": "Elif Demir",
    "nachweis": "Text und Foto: Nachbarschaftsverein",
}

# Issue, pages, title, days from today; issue 1 is out, issue 2 is being edited.
AUSGABEN = [
    (1, 12, "Grüne Höfe und offene Türen", -60),
    (2, 16, "Sicher zur Schule", 30),
]

# The page plan: page → entries (an article by its headline, or a block)
SEITENPLAN = {
    1: {
        1: ["Wo früher Mülltonnen standen, wachsen jetzt Tomaten"],
        2: ["Seit 30 Jahren hinter dem Tresen"],
        3: ["Das Repair-Café sucht Verstärkung"],
        4: [Art.ANLIEGEN],
        5: ["Sperrmüll: So geht es richtig"],
        6: [Art.TERMINE],
        8: [Art.GREMIEN],
        9: [Art.VERFUEGUNGSFONDS],
        10: ["Ein Sonntag auf dem Platz"],
        11: [Art.SPRECHZEITEN],
        12: [Art.IMPRESSUM],
    },
    2: {
        1: ["Mehr Platz für Kinder vor der Grundschule"],
        3: ["Die Frau, die allen das Lesen beibringt"],
        5: ["Heizkosten sparen ohne zu frieren"],
        6: [Art.ANLIEGEN],
        7: ["Fußball für alle Mädchen"],
        8: [Art.TERMINE],
        11: [Art.GREMIEN],
        12: [Art.VERFUEGUNGSFONDS],
        13: ["Als hier noch Stoffe gefärbt wurden"],
        15: [Art.SPRECHZEITEN],
        16: [Art.IMPRESSUM],
    },
}


def load(context) -> None:
    redaktion = context.users["redaktion"]
    for quartier in (context.quartier, context.nachbar_quartier):
        if Zeitungsausgabe.objects.filter(quartier=quartier).exists():
            continue
        with transaction.atomic():
            _zeitung(quartier, redaktion)
    if not Artikel.objects.filter(quartier=context.quartier, akteur__isnull=False).exists():
        with transaction.atomic():
            _partnerartikel(context)


def foto(seed: int, breite: int = 1200, hoehe: int = 800) -> bytes:
    """A drawn picture (sky, a row of houses, a tree, a street): a JPEG without people."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    bild = Image.new("RGB", (breite, hoehe), (rng.randint(120, 190), rng.randint(170, 210), 235))
    zeichnen = ImageDraw.Draw(bild)
    boden = int(hoehe * 0.75)
    x = 0
    while x < breite:
        w, h = rng.randint(140, 260), rng.randint(220, 420)
        farbe = tuple(rng.randint(120, 230) for _ in range(3))
        zeichnen.rectangle((x, boden - h, x + w, boden), fill=farbe)
        for fx in range(x + 20, x + w - 30, 50):
            for fy in range(boden - h + 25, boden - 40, 60):
                zeichnen.rectangle((fx, fy, fx + 22, fy + 30), fill=(250, 245, 210))
        x += w + rng.randint(0, 20)
    zeichnen.rectangle((0, boden, breite, hoehe), fill=(110, 110, 115))
    baum = rng.randint(100, breite - 200)
    zeichnen.rectangle((baum + 45, boden - 160, baum + 65, boden), fill=(100, 70, 40))
    zeichnen.ellipse((baum, boden - 300, baum + 110, boden - 140), fill=(60, 140, 60))
    puffer = io.BytesIO()
    bild.save(puffer, "JPEG", quality=82)
    return puffer.getvalue()


def _foto_speichern(artikel: Artikel, alt: str, unterschrift: str, seed: int) -> None:
    form = ArtikelfotoForm(
        data={
            "alt": alt,
            "bildunterschrift": unterschrift,
            "urheber": "Quartiersbüro",
            "lizenz": "frei für die Quartierszeitung",
            "reihenfolge": 0,
        },
        files={"bild": SimpleUploadedFile(f"foto-{seed}.jpg", foto(seed), "image/jpeg")},
        instance=Artikelfoto(artikel=artikel),
    )
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    form.save()


def _zeitung(quartier, redaktion) -> None:
    heute = timezone.localdate()
    rubriken = {}
    for reihenfolge, name in enumerate(RUBRIKEN):
        rubriken[name], _ = Rubrik.objects.get_or_create(
            quartier=quartier, name=name, defaults={"reihenfolge": reihenfolge}
        )
    ausgaben = {}
    for nummer, seiten, titel, tage in AUSGABEN:
        ausgaben[nummer] = Zeitungsausgabe.objects.create(
            quartier=quartier,
            nummer=nummer,
            titel=titel,
            erscheinungsdatum=heute + timedelta(days=tage),
            auflage=round(quartier.einwohner / 2.5, -2),
            seitenzahl=seiten,
        )
    artikel = {}
    for n, (nummer, rubrik, dach, titel, vorspann, text, spalten, bild, status) in enumerate(
        ARTIKEL
    ):
        a = Artikel(
            quartier=quartier,
            ausgabe=ausgaben[nummer],
            rubrik=rubriken[rubrik],
            dachzeile=dach,
            titel=titel,
            vorspann=vorspann.format(q=quartier.name),
            text=text.format(q=quartier.name),
            autor="Redaktion " + quartier.buero_name,
            nachweis="Text: Redaktion, Foto: Quartiersbüro" if bild else "Text: Redaktion",
            spalten=spalten,
        )
        a.full_clean()
        a.save()
        if bild:
            _foto_speichern(a, *bild, seed=quartier.pk * 100 + n)
        if status != S.ENTWURF:
            services.artikel_zur_pruefung(artikel=a, user=redaktion)
        if status == S.FREIGEGEBEN:
            services.artikel_freigeben(artikel=a, user=redaktion)
        artikel[titel] = a
    for nummer, plan in SEITENPLAN.items():
        for seite, eintraege in plan.items():
            for reihenfolge, eintrag in enumerate(eintraege):
                if eintrag in artikel:
                    p = Platzierung(ausgabe=ausgaben[nummer], artikel=artikel[eintrag], seite=seite)
                else:
                    p = Platzierung(ausgabe=ausgaben[nummer], art=eintrag, seite=seite)
                p.reihenfolge = reihenfolge
                p.full_clean()
                p.save()
        services.seitenplan_uebernehmen(ausgabe=ausgaben[nummer], user=redaktion)
    # Issue 1 went all the way to the readers, issue 2 is being edited.
    for status in Zeitungsausgabe.REIHENFOLGE[1:]:
        services.ausgabe_status_setzen(ausgabe=ausgaben[1], status=status, user=redaktion)
    services.ausgabe_status_setzen(
        ausgabe=ausgaben[2], status=Zeitungsausgabe.Status.REDAKTION, user=redaktion
    )


def _partnerartikel(context) -> None:
    """The partner's article, as the partner area submits it: through its form, its photo
    formset and `services.artikel_einreichen`, into the queue as *in Prüfung*."""
    partner = context.users["partner"]
    akteur = context.extra["akteur_a"]
    form = ArtikelPartnerForm(data={"akteur": akteur.pk, **PARTNERARTIKEL}, user=partner)
    fotos = PartnerFotoFormSet(
        data={
            "fotos-TOTAL_FORMS": "1",
            "fotos-INITIAL_FORMS": "0",
            "fotos-MIN_NUM_FORMS": "0",
            "fotos-MAX_NUM_FORMS": "3",
            "fotos-0-alt": "Kaffeetassen und ein Kuchen auf einem langen Tisch",
            "fotos-0-bildunterschrift": "Gedeckter Tisch im Nachbarschaftstreff",
            "fotos-0-urheber": "Nachbarschaftsverein",
            "fotos-0-lizenz": "frei für die Quartierszeitung",
        },
        files={
            "fotos-0-bild": SimpleUploadedFile("erzaehlcafe.jpg", foto(7), "image/jpeg"),
        },
        instance=Artikel(),
        prefix="fotos",
    )
    if not (form.is_valid() and fotos.is_valid()):
        raise ValueError(f"{form.errors.as_text()} {fotos.errors}")
    services.artikel_einreichen(form=form, fotos=fotos, user=partner)


# --- the city-sized data set (`demo --scale city`, quartier.demo_stadt) ------------------

STADT_ARTIKEL = [
    ("Aus dem Quartier", "Neues aus {q}", "Was sich im {q} in diesem Quartal getan hat"),
    ("Vereine und Initiativen", "Ehrenamt", "Helfende Hände in der {s} gesucht"),
    ("Service", "Nachgefragt", "Sprechstunden und Beratung im Stadtteilbüro"),
]


def load_stadt(stadt) -> None:
    """A modest share for the benchmark: one published 12-page issue per city area with
    three released articles in its page plan and the imprint; no photos. Written with
    bulk_create (a few hundred rows), the rows the models' constraints accept."""
    from quartier import demo_stadt as ds

    if Zeitungsausgabe.objects.filter(quartier=stadt.quartiere[0]).exists():
        return
    rng = ds.zufall("zeitung")
    jetzt = stadt.jetzt
    quartiere = [
        q for q in stadt.quartiere if not Zeitungsausgabe.objects.filter(quartier=q).exists()
    ]
    rubriken = Rubrik.objects.bulk_create(
        [
            Rubrik(quartier=q, name=name, reihenfolge=n)
            for q in quartiere
            for n, (name, _dachzeile, _titel) in enumerate(STADT_ARTIKEL)
        ]
    )
    ausgaben = Zeitungsausgabe.objects.bulk_create(
        [
            Zeitungsausgabe(
                quartier=q,
                nummer=1,
                titel=f"Quartierszeitung {q.name}",
                erscheinungsdatum=stadt.heute - timedelta(days=rng.randint(10, 80)),
                auflage=round(q.einwohner / 2.5, -2),
                seitenzahl=12,
                status=Zeitungsausgabe.Status.ERSCHIENEN,
            )
            for q in quartiere
        ]
    )
    artikel = []
    for i, ausgabe in enumerate(ausgaben):
        q = quartiere[i]
        for n, (_rubrik, dach, titel) in enumerate(STADT_ARTIKEL):
            strasse = rng.choice(ds.STRASSEN)
            artikel.append(
                Artikel(
                    quartier=q,
                    ausgabe=ausgabe,
                    rubrik=rubriken[i * len(STADT_ARTIKEL) + n],
                    dachzeile=dach.format(q=q.name),
                    titel=titel.format(q=q.name, s=strasse),
                    vorspann=f"Aus dem {q.name}: Nachbarinnen und Nachbarn erzählen, was "
                    "sie bewegt.",
                    text=f"<p>Im {q.name} treffen sich jede Woche Menschen aus der {strasse}"
                    " und den Straßen ringsum. Das Stadtteilbüro hilft mit Räumen, Material "
                    "und Kontakten.</p><p>Wer mitmachen möchte, ist herzlich willkommen.</p>",
                    autor=f"Redaktion {q.buero_name}",
                    status=Artikel.Status.FREIGEGEBEN,
                    freigegeben_at=jetzt,
                )
            )
    Artikel.objects.bulk_create(artikel)
    plaetze = [
        Platzierung(ausgabe=a.ausgabe, artikel=a, seite=1 + 2 * (n % len(STADT_ARTIKEL)))
        for n, a in enumerate(artikel)
    ] + [Platzierung(ausgabe=a, art=Art.IMPRESSUM, seite=12) for a in ausgaben]
    Platzierung.objects.bulk_create(plaetze)
    for model, n in (
        (Rubrik, len(rubriken)),
        (Zeitungsausgabe, len(ausgaben)),
        (Artikel, len(artikel)),
        (Platzierung, len(plaetze)),
    ):
        stadt.zaehle(model, n)
