"""Public calendar and event pages, registrations by private link, partners' submissions."""

from datetime import time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netzwerk.models import Sprache, Zielgruppe
from quartier import ical, parameter
from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.kalender import monat
from quartier.ratelimit import ratelimit
from raeume.models import Nutzungsvereinbarung, lokal
from raeume.services import BuchungNichtMoeglich

from . import kalender, services
from .filters import VeranstaltungFilter
from .forms import AnmeldungForm, EinreichungForm
from .models import Anmeldestatus, Anmeldung, Veranstaltung

SEITE = 20
FEED_MAX = 500
FEED_ZUKUNFT = timedelta(days=365)


def _oeffentliche(request=None):
    """Public events; of the request's area (quartier.bereich) when a request is given."""
    qs = Veranstaltung.objects.base_queryset().oeffentlich()
    return qs.filter(quartier=quartier_von(request)) if request is not None else qs


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def veranstaltung_list(request):
    """Public: coming events, filtered by time, kind, target group, organiser, cost, access."""
    qs = _oeffentliche(request).kommend().order_by("beginn", "pk")
    filterset = VeranstaltungFilter(request.GET or None, queryset=qs, request=request)
    sitzungen = filterset.sitzungen(
        kalender.kommend(kalender.oeffentliche_sitzungen(quartier_von(request)))
    )
    zeilen = kalender.seiten_zeilen(filterset.qs, sitzungen)
    seite = Paginator(zeilen, SEITE).get_page(request.GET.get("seite"))
    seite.object_list = kalender.eintraege(
        seite.object_list,
        _oeffentliche(request).mit_belegung(),
        kalender.oeffentliche_sitzungen(quartier_von(request)),
    )
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request,
        "veranstaltungen/veranstaltung_list.html",
        {"filter": filterset, "seite": seite, "params": params.urlencode()},
    )


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def veranstaltung_monat(request):
    """Public: the month as a calendar grid (server-rendered)."""
    blatt = monat(parameter.datum(request.GET.get("monat", "") + "-01"))
    zeitraum = {
        "beginn__gte": lokal(blatt.start, time(0)),
        "beginn__lt": lokal(blatt.stop, time(0)),
    }
    # Title, time and places only: not the organiser (joining it walked the whole table).
    events = Veranstaltung.objects.select_related("quartier", "raum").oeffentlich()
    events = events.filter(quartier=quartier_von(request)).mit_belegung()
    events = list(events.filter(**zeitraum).order_by("beginn")[:1000])
    sitzungen = (
        kalender.oeffentliche_sitzungen(quartier_von(request))
        .filter(**zeitraum)
        .order_by("beginn")[:1000]
    )
    events += [kalender.Kalendersitzung(s) for s in sitzungen]
    events.sort(key=lambda e: e.beginn)
    tage = {}
    for v in events:
        tage.setdefault(timezone.localtime(v.beginn).date(), []).append(v)
    wochen = [
        [{"datum": t, "im_monat": blatt.im_monat(t), "events": tage.get(t, [])} for t in woche]
        for woche in blatt.wochen()
    ]
    return render(
        request,
        "veranstaltungen/veranstaltung_monat.html",
        {"blatt": blatt, "wochen": wochen},
    )


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@ratelimit("anmeldung", limit=lambda: settings.ANMELDUNG_LIMIT_PRO_STUNDE, window=3600)
def veranstaltung_detail(request, pk):
    """Public: an event; registration without an account where the event needs it."""
    v = im_quartier_oder_404(request, _oeffentliche().mit_belegung(), pk=pk)
    form = None
    if v.anmeldung_offen():
        form = AnmeldungForm(request.POST or None, veranstaltung=v)
        if request.method == "POST" and form.is_valid():
            try:
                anmeldung = services.anmelden(veranstaltung=v, **_anmeldedaten(form))
            except services.SchonAngemeldet as exc:
                form.add_error("email", exc)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(anmeldung.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, _("Registration for this event is closed."))
        return redirect(v.get_absolute_url())
    return render(
        request,
        "veranstaltungen/veranstaltung_detail.html",
        {
            "veranstaltung": v,
            "form": form,
            "frei": v.freie_plaetze(),
            "warteliste": v.anmeldestatus() == Anmeldestatus.WARTELISTE,
            "zielgruppen": [str(dict(Zielgruppe.choices).get(z, z)) for z in v.zielgruppen],
            "sprachen": [str(dict(Sprache.choices).get(s, s)) for s in v.sprachen],
        },
    )


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def veranstaltung_ics(request, pk):
    """Public: one event as a calendar file."""
    v = im_quartier_oder_404(request, _oeffentliche().mit_belegung(), pk=pk)
    return ical.ics_response(
        [services.veranstaltung_termin(v, mit_anmeldestatus=True)],
        filename=f"veranstaltung-{v.pk}.ics",
    )


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def veranstaltung_feed(request):
    """Public iCal feed of the calendar; the list's filters work as query parameters.

    It holds the last 30 days and the coming 12 months (`FEED_ZUKUNFT`): calendar clients
    poll it, and at city scale "everything coming" was 9,000 events serialised per poll.
    Served from the cache with ETag and Last-Modified, an unchanged feed costs a 304."""
    jetzt = timezone.now()
    zeitraum = {"beginn__lt": jetzt + FEED_ZUKUNFT}
    qs = (
        _oeffentliche(request)
        .filter(ende__gte=jetzt - timedelta(days=30), **zeitraum)
        .order_by("beginn", "pk")
    )
    filterset = VeranstaltungFilter(request.GET or None, queryset=qs, request=request)
    events = (filterset.qs if filterset.is_valid() else qs).mit_belegung()[:FEED_MAX]
    sitzungen = kalender.oeffentliche_sitzungen(quartier_von(request)).filter(
        beginn__gte=jetzt - timedelta(days=30), **zeitraum
    )
    if filterset.is_valid():
        sitzungen = filterset.sitzungen(sitzungen)
    termine = [services.veranstaltung_termin(v, mit_anmeldestatus=True) for v in events]
    termine += [
        kalender.Kalendersitzung(s).termin() for s in sitzungen.order_by("beginn")[:FEED_MAX]
    ]
    return ical.ics_response(
        sorted(termine, key=lambda t: t.beginn),
        filename="veranstaltungen.ics",
        name=_("Events"),
    )


def _anmeldedaten(form) -> dict:
    d = form.cleaned_data
    return {
        **{k: d[k] for k in ("name", "email", "telefon", "personen")},
        "aus_dem_quartier": d.get("aus_dem_quartier", False),
        "antworten": form.antworten(),
    }


def anmeldung_detail(request, token):
    """Private link of a registration: see its state and cancel it (POST)."""
    anmeldung = im_quartier_oder_404(
        request,
        Anmeldung.objects.select_related("veranstaltung__raum", "veranstaltung__quartier"),
        feld="veranstaltung__quartier",
        token=token,
    )
    if request.method == "POST":
        try:
            services.abmelden(anmeldung=anmeldung)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect(anmeldung.get_absolute_url())
    vorbei = anmeldung.veranstaltung.beginn <= timezone.now()
    return render(
        request,
        "veranstaltungen/anmeldung_detail.html",
        {"anmeldung": anmeldung, "vorbei": vorbei},
    )


@login_required
@require_GET
def veranstaltung_partner_list(request):
    """Partners: the events of their actors, with their review state."""
    veranstaltungen = (
        Veranstaltung.objects.base_queryset()
        .filter(veranstalter__mitglieder=request.user, ende__gte=timezone.now())
        .mit_belegung()
        .order_by("beginn")[:100]
    )
    return render(
        request, "veranstaltungen/partner_list.html", {"veranstaltungen": veranstaltungen}
    )


@login_required
@require_GET
def veranstaltung_partner_detail(request, pk):
    """Partners: one event of their actors with its review state and room booking
    (404 for other actors' events)."""
    v = get_object_or_404(
        Veranstaltung.objects.base_queryset()
        .select_related("buchung")
        .filter(veranstalter__in=request.user.akteure.all())
        .mit_belegung(),
        pk=pk,
    )
    return render(request, "veranstaltungen/partner_detail.html", {"veranstaltung": v})


@login_required
def veranstaltung_einreichen(request):
    """Partners: submit an event; the office reviews it before it is public."""
    if not request.user.akteure.exists():
        raise Http404
    form = EinreichungForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        v = form.save(commit=False)
        d = form.cleaned_data
        v.beginn, v.ende = lokal(d["datum"], d["von"]), lokal(d["datum"], d["bis"])
        try:
            services.veranstaltung_einreichen(veranstaltung=v, user=request.user)
        except BuchungNichtMoeglich as exc:
            form.add_error("raum", exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Thank you. The office reviews the event before it is published.")
            )
            return redirect("partner:veranstaltung_partner_detail", pk=v.pk)
    quartier = request.user.akteure.order_by("pk").first().quartiere.order_by("pk").first()
    vereinbarung = Nutzungsvereinbarung.aktuelle(quartier) if quartier else None
    return render(
        request,
        "veranstaltungen/einreichung_form.html",
        {"form": form, "vereinbarung": vereinbarung},
    )
