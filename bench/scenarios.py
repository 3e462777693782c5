"""What `make bench` measures: one line per scenario, in the order they run.

A later issue adds its pages with one `Scenario(...)` each. A scenario names its URL (or a
function that finds URLs in the data: several are cycled through), who is logged in (a demo
account, see `quartier.demo.DEMO_USERS`), the status every answer must have (anything else
counts as an error) and its kind, which decides the target it is held to (see
`bench.report.TARGETS`).

A POST scenario sends each of its submissions once, on a form of its own that a GET
scenario (`Post.form_from`) fetched earlier: the harness keeps the hidden fields of every
answer of that GET (CSRF token, the time trap's timestamp, the one-time form token), and
sends a form only when it is older than the form's minimum time. So the spam guard is
passed the way a person passes it, and the POST's latency is measured apart from the GET's.

The URL functions query the benchmark database (Django is set up for it by the harness).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from itertools import islice, zip_longest

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from anliegen.models import Anliegen, Kategorie
from netzwerk.models import Akteur, Handlungsfeld
from projekte.models import Antrag, Projekt
from quartier.models import User
from quartier.services import default_quartier
from raeume.models import Belegung, Nutzungsart, Raum, Sperrzeit, lokal
from raeume.services import belegungsbereich, regelverstoesse
from veranstaltungen.models import Veranstaltung
from zeitung.models import Artikel, Zeitungsausgabe

from .bericht import url as bericht_url
from .report import Kind


@dataclass(frozen=True)
class Post:
    """How a POST scenario fills in its forms."""

    # The GET scenario whose answers carry the forms (their hidden fields are kept).
    form_from: str
    # The fields of the n-th submission, given the hidden fields of its form.
    fields: Callable[[int, dict[str, str]], dict[str, str]]
    # The setting with the form's minimum time in seconds (the time trap), if it has one.
    time_trap: str | None = None
    # Sent as a browser sends a form with a file field.
    multipart: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: Kind
    # One path, or a function returning the paths to cycle through (found in the data).
    url: str | Callable[[], list[str]]
    persona: str | None = None
    method: str = "GET"
    expect: int = 200
    # Hidden form fields kept from each answer, for the POST scenario that uses them.
    harvest: tuple[str, ...] = ()
    post: Post | None = None
    description: str = ""

    def paths(self) -> list[str]:
        return [self.url] if isinstance(self.url, str) else self.url()


CSRF = "csrfmiddlewaretoken"


# --- the data the URLs come from -------------------------------------------------------


def _quartier():
    quartier = default_quartier()
    if quartier is None:
        raise LookupError("The benchmark database has no area: did `manage.py demo` run?")
    return quartier


def _user(persona: str) -> User:
    return User.objects.get(email=f"{persona}@quartier.example")


def anliegen_gefiltert() -> list[str]:
    """The public documentation filtered by its most used category and status."""
    basis = Anliegen.objects.filter(quartier=_quartier()).oeffentlich()
    top = basis.values("kategorie", "status").annotate(n=Count("pk")).order_by("-n").first()
    if top is None:
        raise LookupError("No published concern in the benchmark data.")
    seit = timezone.localdate() - timedelta(days=365)
    url = reverse("anliegen:anliegen_list")
    return [f"{url}?kategorie={top['kategorie']}&status={top['status']}&von={seit:%Y-%m-%d}"]


def anliegen_verfolgen() -> list[str]:
    """Tracking pages of up to 200 concerns (each resident opens their own)."""
    tokens = (
        Anliegen.objects.filter(quartier=_quartier(), spam=False)
        .order_by("-eingegangen_at")
        .values_list("token", flat=True)[:200]
    )
    return [reverse("anliegen:anliegen_verfolgen", args=[token]) for token in tokens]


def fonds_verfolgen() -> list[str]:
    """Tracking pages of up to 200 fund applications (each applicant opens their own)."""
    tokens = (
        Antrag.objects.filter(fonds__quartier=_quartier())
        .order_by("-erstellt_at")
        .values_list("token", flat=True)[:200]
    )
    return [reverse("verfuegungsfonds:antrag_verfolgen", args=[token]) for token in tokens]


def netzwerk_gefiltert() -> list[str]:
    """The directory filtered by the most used field of action and kind of actor."""
    feld = (
        Handlungsfeld.objects.annotate(
            n=Count("akteure", filter=Q(akteure__in=Akteur.objects.oeffentlich()))
        )
        .order_by("-n")
        .first()
    )
    art = (
        Akteur.objects.oeffentlich()
        .filter(handlungsfelder=feld)
        .values("art")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if feld is None or art is None:
        raise LookupError("No public actor with a field of action in the benchmark data.")
    return [f"{reverse('netzwerk:akteur_list')}?art={art['art']}&handlungsfeld={feld.slug}"]


def akteur_seiten() -> list[str]:
    """Pages of the default area's actors (the paths without prefix serve that area; another
    area's actor would be a redirect to its `/q/<slug>/` page)."""
    slugs = (
        Akteur.objects.oeffentlich()
        .filter(quartiere=_quartier())
        .order_by("name")
        .values_list("slug", flat=True)[:100]
    )
    return [reverse("netzwerk:akteur_detail", args=[slug]) for slug in slugs]


def projekt_seiten() -> list[str]:
    """Pages of the default area's public projects, building measures among them."""
    slugs = (
        Projekt.objects.oeffentlich()
        .filter(quartier=_quartier())
        .order_by("-art", "titel")
        .values_list("slug", flat=True)[:100]
    )
    if not slugs:
        raise LookupError("No public project of the default area in the benchmark data.")
    return [reverse("projekte:projekt_detail", args=[slug]) for slug in slugs]


def zeitung_artikel() -> list[str]:
    """The released articles of the default area's published newspaper issues."""
    artikel = (
        Artikel.objects.freigegeben()
        .filter(quartier=_quartier(), ausgabe__status=Zeitungsausgabe.Status.ERSCHIENEN)
        .order_by("-ausgabe__nummer", "pk")
        .values_list("ausgabe__nummer", "pk")[:100]
    )
    if not artikel:
        raise LookupError("No published newspaper article of the default area in the data.")
    return [reverse("zeitung:artikel_detail", args=[nummer, pk]) for nummer, pk in artikel]


def projekte_gefiltert() -> list[str]:
    """The list of running projects of this year in the most used field of action."""
    feld = (
        Handlungsfeld.objects.annotate(
            n=Count("projekte", filter=Q(projekte__quartier=_quartier()))
        )
        .order_by("-n")
        .first()
    )
    jahr = timezone.localdate().year
    return [f"/projekte/?handlungsfeld={feld.slug}&status=laufend&jahr={jahr}"]


def veranstaltung_mit_anmeldung() -> list[str]:
    """The coming public event with open registration and the most places."""
    kandidaten = (
        Veranstaltung.objects.base_queryset()
        .oeffentlich()
        .kommend()
        .filter(anmeldung=True)
        .order_by("-kapazitaet", "beginn")
    )
    for veranstaltung in kandidaten:
        if veranstaltung.anmeldung_offen():
            return [veranstaltung.get_absolute_url()]
    raise LookupError("No public event with open registration in the benchmark data.")


def raum_wochen() -> list[str]:
    """Each room's page in its own area (`/q/<slug>/…` outside the default area)."""
    return [
        raum.get_absolute_url()
        for raum in Raum.objects.fuer(_user("partner"))
        .filter(aktiv=True)
        .select_related("quartier")
        .order_by("pk")
    ]


# --- filling in the forms ----------------------------------------------------------------

ANLIEGEN_TEXTE = [
    "Die Straßenlaterne vor dem Haus ist seit einer Woche dunkel, abends ist es unheimlich.",
    "Am Spielplatz liegen Glasscherben unter der Schaukel. Bitte einmal aufräumen lassen.",
    "Könnte man vor dem Kindergarten einen Zebrastreifen einrichten? Die Autos fahren schnell.",
    "Der Mülleimer an der Bushaltestelle quillt seit Tagen über.",
    "Wir wünschen uns eine Bank im Schatten am Lindenplatz für ältere Nachbarinnen.",
]


def anliegen_felder(n: int, form: dict[str, str]) -> dict[str, str]:
    kategorien = _kategorien()
    return {
        **form,
        "website": "",  # the honeypot, left empty as people leave it
        "art": Anliegen.Art.MANGEL if n % 3 else Anliegen.Art.IDEE,
        "kategorie": str(kategorien[n % len(kategorien)]),
        "beschreibung": ANLIEGEN_TEXTE[n % len(ANLIEGEN_TEXTE)],
        "strasse": "Brunnenstraße",
        "hausnummer": str(1 + n % 60),
        "ortsbeschreibung": "",
        "name": "",
        "email": f"bewohnerin{n}@beispiel.example" if n % 2 else "",
        "telefon": "",
        "einwilligung_veroeffentlichung": "on",
    }


@cache
def _kategorien() -> list[int]:
    return list(
        Kategorie.objects.filter(quartier=_quartier(), aktiv=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def anmeldung_felder(n: int, form: dict[str, str]) -> dict[str, str]:
    return {
        **form,
        "website": "",
        "name": f"Nachbarin {n}",
        "email": f"besucherin{n}@beispiel.example",
        "telefon": "",
        "personen": "1",
        "einwilligung": "on",
    }


def buchung_felder(n: int, form: dict[str, str]) -> dict[str, str]:
    slots = freie_termine()
    if n >= len(slots):
        raise LookupError(f"Only {len(slots)} free slots for {n + 1} booking requests.")
    raum, beginn, ende = slots[n]
    return {
        **form,
        "akteur": str(_partner_akteur()),
        "raum": str(raum),
        "datum": f"{beginn:%Y-%m-%d}",
        "von": f"{beginn:%H:%M}",
        "bis": f"{ende:%H:%M}",
        "art": Nutzungsart.ARBEITSKREIS,
        "zweck": "Treffen des Arbeitskreises Nachbarschaftshilfe",
        "personen": "8",
        "wiederholung": "",
        "bei_konflikt": "rest",
        "nutzungsvereinbarung": "on",
    }


@cache
def _partner_akteur() -> int:
    return _user("partner").akteure.order_by("name").values_list("pk", flat=True)[0]


@cache
def freie_termine(limit: int = 4000) -> list[tuple[int, datetime, datetime]]:
    """Free one-hour slots the partner may book, by the rooms' own rules (bookable hours,
    closures, notice, buffers: the services' own checks), none clashing with another. They
    alternate between rooms: booking locks the room's row, and 8 partners booking the same
    room at once would measure that lock instead of a booking. Computed once per run."""
    raeume = list(
        Raum.objects.fuer(_user("partner"))
        .filter(aktiv=True, nur_mit__isnull=True)
        .prefetch_related("buchungszeiten")
        .order_by("pk")
    )
    jetzt = timezone.now()
    sperren = list(
        Sperrzeit.objects.filter(
            Q(raum__in=raeume) | Q(raum__isnull=True, quartier__in={r.quartier_id for r in raeume}),
            bis__gte=timezone.localdate(),
        )
    )
    # Occupied ranges per room and local day (a range is listed on every day it touches).
    belegt: dict[tuple[int, date], list] = defaultdict(list)
    for b in Belegung.objects.filter(
        raum__in=raeume, aktiv=True, zeitraum__overlap=DateTimeTZRange(jetzt, None)
    ).only("raum_id", "zeitraum"):
        tag = timezone.localdate(b.zeitraum.lower)
        while tag <= timezone.localdate(b.zeitraum.upper):
            belegt[(b.raum_id, tag)].append(b.zeitraum)
            tag += timedelta(days=1)
    per_raum = [
        list(islice(_freie_im_raum(raum, jetzt, belegt, sperren), limit)) for raum in raeume
    ]
    return [slot for runde in zip_longest(*per_raum) for slot in runde if slot][:limit]


def _freie_im_raum(raum, jetzt, belegt, sperren):
    zeiten = list(raum.buchungszeiten.all())
    sperren = [s for s in sperren if s.raum_id in (None, raum.pk)]
    # Slots one after another keep the room's set-up and clean-up buffers free between them.
    schritt = timedelta(hours=1) + raum.vorbereitung + raum.nachbereitung
    erster = timezone.localdate() + timedelta(days=raum.vorlauf_min.days + 1)
    for tag in (erster + timedelta(days=i) for i in range(180)):
        for zeit in (z for z in zeiten if z.wochentag == tag.weekday()):
            beginn = lokal(tag, zeit.von)
            beginn += timedelta(minutes=(60 - beginn.minute) % 60)  # on the full hour
            while (ende := beginn + timedelta(hours=1)) <= lokal(tag, zeit.bis):
                bereich = belegungsbereich(raum, beginn, ende)
                nahe = [r for d in (-1, 0, 1) for r in belegt[(raum.pk, tag + timedelta(days=d))]]
                if not any(bereich.lower < r.upper and r.lower < bereich.upper for r in nahe) and (
                    not regelverstoesse(
                        raum,
                        beginn,
                        ende,
                        personen=8,
                        durch_personal=False,
                        buchungszeiten=zeiten,
                        sperrzeiten=sperren,
                        jetzt=jetzt,
                    )
                ):
                    yield raum.pk, timezone.localtime(beginn), timezone.localtime(ende)
                beginn += schritt


# --- the list ----------------------------------------------------------------------------

FLOOR = Scenario("floor", Kind.FLOOR, "/bench-floor/", description="'ok' through the middleware")

SCENARIOS: list[Scenario] = [
    Scenario("home", Kind.PUBLIC, "/"),
    Scenario("anliegen_list", Kind.PUBLIC, "/anliegen/"),
    Scenario("anliegen_list_filter", Kind.PUBLIC, anliegen_gefiltert),
    Scenario("anliegen_verfolgen", Kind.PUBLIC, anliegen_verfolgen, description="tracking page"),
    Scenario(
        "anliegen_neu",
        Kind.PUBLIC,
        "/anliegen/neu/",
        harvest=(CSRF, "zeit", "formular_token"),
    ),
    Scenario(
        "anliegen_senden",
        Kind.WRITE,
        "/anliegen/neu/",
        method="POST",
        expect=302,
        post=Post(
            form_from="anliegen_neu",
            fields=anliegen_felder,
            time_trap="ANLIEGEN_MINDESTZEIT",
            multipart=True,
        ),
    ),
    Scenario("netzwerk_suche", Kind.PUBLIC, "/netzwerk/?q=Hausaufgabe"),
    Scenario("netzwerk_filter", Kind.PUBLIC, netzwerk_gefiltert),
    Scenario("akteur", Kind.PUBLIC, akteur_seiten),
    Scenario("projekte", Kind.PUBLIC, "/projekte/"),
    Scenario("projekte_filter", Kind.PUBLIC, projekte_gefiltert),
    Scenario("projekt", Kind.PUBLIC, projekt_seiten, description="a project's page"),
    Scenario(
        "projekt_idee",
        Kind.PUBLIC,
        lambda: [f"{p}idee/" for p in projekt_seiten()[:20]],
        description="the idea form of a project",
    ),
    Scenario("fonds", Kind.PUBLIC, "/verfuegungsfonds/", description="the Verfügungsfonds"),
    Scenario(
        "fonds_seite",
        Kind.PUBLIC,
        "/verfuegungsfonds/?seite=3",
        description="the Verfügungsfonds, a later page of funded ideas",
    ),
    Scenario(
        "fonds_antrag",
        Kind.PUBLIC,
        "/verfuegungsfonds/antrag/",
        harvest=(CSRF, "zeit", "formular_token"),
        description="the application form of the Verfügungsfonds",
    ),
    Scenario(
        "fonds_verfolgen",
        Kind.PUBLIC,
        fonds_verfolgen,
        description="an applicant's tracking page",
    ),
    Scenario("veranstaltungen", Kind.PUBLIC, "/veranstaltungen/"),
    Scenario("veranstaltungen_monat", Kind.PUBLIC, "/veranstaltungen/monat/"),
    Scenario("veranstaltungen_feed", Kind.PUBLIC, "/veranstaltungen/feed.ics"),
    Scenario(
        "veranstaltung",
        Kind.PUBLIC,
        veranstaltung_mit_anmeldung,
        harvest=(CSRF, "zeit"),
        description="event with its registration form",
    ),
    Scenario(
        "anmeldung_senden",
        Kind.WRITE,
        veranstaltung_mit_anmeldung,
        method="POST",
        expect=302,
        post=Post(
            form_from="veranstaltung", fields=anmeldung_felder, time_trap="ANMELDUNG_MINDESTZEIT"
        ),
    ),
    Scenario("raum_woche", Kind.PUBLIC, raum_wochen, description="a room's week"),
    Scenario("partner_buchungen", Kind.PUBLIC, "/partner/buchungen/", persona="partner"),
    Scenario(
        "partner_buchung_neu",
        Kind.PUBLIC,
        "/partner/buchungen/neu/",
        persona="partner",
        harvest=(CSRF,),
    ),
    Scenario(
        "buchung_senden",
        Kind.WRITE,
        "/partner/buchungen/neu/",
        persona="partner",
        method="POST",
        expect=302,
        post=Post(form_from="partner_buchung_neu", fields=buchung_felder),
    ),
    Scenario("zeitung", Kind.PUBLIC, "/zeitung/", description="the newspaper's archive"),
    Scenario("zeitung_artikel", Kind.PUBLIC, zeitung_artikel, description="a newspaper article"),
    Scenario("zeitung_feed", Kind.PUBLIC, "/zeitung/feed.atom"),
    Scenario(
        "bericht_stadt",
        Kind.REPORT,
        lambda: [bericht_url()],
        persona="betrieb",
        description="the city's yearly report, every area",
    ),
    Scenario("admin_anliegen_qm", Kind.ADMIN, "/admin/anliegen/anliegen/", persona="qm"),
    Scenario("admin_anliegen_alle", Kind.ADMIN, "/admin/anliegen/anliegen/", persona="betrieb"),
    Scenario(
        "admin_wochenplan_qm",
        Kind.ADMIN,
        lambda: [reverse("admin:raeume_buchung_wochenplan")],
        persona="qm",
        description="room grid",
    ),
    Scenario(
        "admin_wochenplan_alle",
        Kind.ADMIN,
        lambda: [reverse("admin:raeume_buchung_wochenplan")],
        persona="betrieb",
        description="room grid of the operator (one of 40 areas, chosen)",
    ),
]

BY_NAME = {s.name: s for s in [FLOOR, *SCENARIOS]}

# Not a page but the worker's job: the 16-page newspaper's render (`bench.druck`), measured
# after the pages with the server stopped, when no subset is asked for or it is named.
RENDER = "zeitung_druck"
# Likewise the city's yearly report, one request at a time, and its PDF (`bench.bericht`).
BERICHT = "bericht_pdf"


def select(names: list[str] | None) -> list[Scenario]:
    """The scenarios to run, in the list's order; a POST brings no GET along (the harness
    fetches its forms without measuring them)."""
    if not names:
        return list(SCENARIOS)
    unknown = sorted(set(names) - set(BY_NAME) - {"floor", RENDER, BERICHT})
    if unknown:
        raise SystemExit(f"Unknown scenarios: {', '.join(unknown)}. Known: {', '.join(BY_NAME)}")
    return [s for s in SCENARIOS if s.name in names]
