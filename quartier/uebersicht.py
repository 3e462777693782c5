"""The office's overview, the back office's start page (`/admin/`): what needs attention
today, each a number that leads to the list showing exactly those items, and this month's
figures at a glance. Only the viewer's areas, only what the viewer may see.

A "today" item is a changelist with filter parameters. It is counted with the changelist's
own queryset and conditions (`QuartierScopedAdmin._bedingung`, as its shortcuts are), so
the number on the start page is the number of rows the link shows; one aggregate query per
list. This month's figures are the report's sections (`quartier.reporting`) for the month
so far, their headline figures only."""

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import reporting
from .models import Quartier
from .report_files import anzeige


@dataclass(frozen=True, eq=False)
class Punkt:
    """One thing to do: a list (`app_label.model`) with filter parameters."""

    modell: str
    params: dict[str, str]
    titel: str
    hinweis: str


HEUTE = [
    Punkt(
        "anliegen.anliegen",
        {"status__exact": "eingegangen"},
        _("New concerns"),
        _("received, not yet looked at"),
    ),
    Punkt(
        "anliegen.anliegen",
        {"ueberfaellig": "frist"},
        _("Overdue concerns"),
        _("open past their category's deadline"),
    ),
    Punkt(
        "anliegen.anliegen",
        {"ueberfaellig": "weiterleitung"},
        _("Forwardings without an answer"),
        _("forwarded, the answer is late"),
    ),
    Punkt(
        "raeume.buchung",
        {"status__exact": "angefragt"},
        _("Booking requests"),
        _("from today on, waiting for a decision"),
    ),
    Punkt(
        "veranstaltungen.veranstaltung",
        {"freigegeben__exact": "0"},
        _("Event submissions"),
        _("from today on, not yet published"),
    ),
    Punkt(
        "zeitung.artikel",
        {"status__exact": "in_pruefung"},
        _("Articles to review"),
        _("for the newspaper, in review"),
    ),
    Punkt(
        "projekte.antrag",
        {"status__exact": "eingereicht"},
        _("Fund applications to pre-check"),
        _("sent, not yet checked"),
    ),
    Punkt(
        "projekte.antrag",
        {"verwendungsnachweis": "ueberfaellig"},
        _("Proofs of use overdue"),
        _("past the fund's deadline"),
    ),
    Punkt(
        "projekte.bewilligung",
        {"nachweis": "bald", "zeitraum": "alle"},
        _("Grant reports due"),
        _("within the next 30 days, not submitted"),
    ),
    Punkt(
        "quartier.outgoingmail",
        {"zustellung": "fehlgeschlagen"},
        _("Mails that failed"),
        _("not sent, the last attempt failed"),
    ),
]

# This month's figures: (section, its figures' keys). Only sections that count by date (the
# fund's figures are the fund year's, the newspaper's subscribers a stock).
MONAT = [
    ("anliegen", ["eingegangen", "geloest"]),
    ("raeume", ["buchungen", "stunden"]),
    ("veranstaltungen", ["veranstaltungen", "teilnahme"]),
]


def heute(request) -> list[dict]:
    """The items the viewer may see, in the order above, each with its count and link."""
    nach_modell: dict[str, list[Punkt]] = {}
    for punkt in HEUTE:
        nach_modell.setdefault(punkt.modell, []).append(punkt)
    gezaehlt: dict[int, int] = {}  # by the item's place in HEUTE
    for label, punkte in nach_modell.items():
        model = apps.get_model(label)
        model_admin = admin.site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            continue
        bedingungen = [model_admin._bedingung(request, p.params) for p in punkte]
        zahlen = (
            model_admin.get_queryset(request)
            .filter(reduce(operator.or_, bedingungen))
            .aggregate(**{f"p{i}": Count("pk", filter=b) for i, b in enumerate(bedingungen)})
        )
        for i, punkt in enumerate(punkte):
            gezaehlt[id(punkt)] = zahlen[f"p{i}"]
    return [
        {
            "titel": p.titel,
            "hinweis": p.hinweis,
            "anzahl": gezaehlt[id(p)],
            "url": reverse(f"admin:{p.modell.replace('.', '_')}_changelist")
            + "?"
            + urlencode(p.params),
        }
        for p in HEUTE
        if id(p) in gezaehlt
    ]


def monat(request) -> dict | None:
    """This month so far in the viewer's areas: the report's headline figures. Who may not
    see residents' records (city staff) gets them as the report shows them ("< 5")."""
    user = request.user
    if not user.has_perm("quartier.view_berichtsdatei"):
        return None
    ids = list(Quartier.objects.fuer(user).values_list("pk", flat=True))
    heute_ = timezone.localdate()
    zeitraum = reporting.Zeitraum(date(heute_.year, heute_.month, 1), heute_)
    roh = user.has_perm("anliegen.view_anliegen")
    zahlen = []
    for schluessel, welche in MONAT:
        eintrag = reporting.ABSCHNITTE.get(schluessel)
        if eintrag is None or not ids:
            continue
        abschnitt = eintrag.funktion(quartiere=ids, zeitraum=zeitraum, vollstaendig=False)
        if not roh:
            abschnitt = abschnitt.unterdrueckt()
        for kennzahl in abschnitt.kennzahlen:
            if kennzahl.schluessel in welche:
                zahlen.append(
                    {"titel": kennzahl.titel, "wert": anzeige(kennzahl.wert, kennzahl.art)}
                )
    return {"zeitraum": zeitraum, "zahlen": zahlen}
