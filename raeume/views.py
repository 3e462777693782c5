"""Public room pages (occupancy without names, iCal) and the partners' booking pages."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier import ical, kalender, parameter
from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.storage import private_file_response

from . import kalender as raeume_kalender
from . import services
from .forms import AenderungForm, BuchungForm, StornoForm, SucheForm
from .models import (
    Belegung,
    Buchung,
    Kalenderzugang,
    Nutzungsvereinbarung,
    Raum,
    Schadensfoto,
    Umfang,
)
from .verfuegbarkeit import verfuegbarkeit

# --- public ---------------------------------------------------------------------------


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def raum_list(request):
    """Public: the area's rooms, with capacity, equipment and accessibility."""
    raeume = Raum.objects.filter(aktiv=True, quartier=quartier_von(request)).select_related(
        "quartier", "nur_mit"
    )
    return render(request, "raeume/raum_list.html", {"raeume": raeume})


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def raum_detail(request, slug):
    """Public: a room and its occupancy by week or month ("belegt", never who)."""
    raum = im_quartier_oder_404(
        request,
        Raum.objects.select_related("quartier", "nur_mit")
        .prefetch_related("fotos")
        .filter(aktiv=True),
        slug=slug,
    )
    tag = parameter.datum(request.GET.get("datum", ""))
    ansicht = "monat" if request.GET.get("ansicht") == "monat" else "woche"
    blatt = kalender.monat(tag) if ansicht == "monat" else kalender.woche(tag)
    return render(
        request,
        "raeume/raum_detail.html",
        {
            "raum": raum,
            "ansicht": ansicht,
            "tag": tag,
            "blatt": blatt,
            "wochen": raeume_kalender.belegungsplan(raum, blatt, monat=ansicht == "monat"),
        },
    )


FEED_VERGANGENHEIT = timedelta(days=60)
FEED_ZUKUNFT = timedelta(days=400)


@cached_public("quartier", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def raum_feed(request, slug):
    """Public iCal feed of a room: "belegt" only, cancelled ones marked CANCELLED."""
    raum = im_quartier_oder_404(request, Raum.objects.all(), slug=slug, aktiv=True)
    jetzt = timezone.now()
    bereich = DateTimeTZRange(jetzt - FEED_VERGANGENHEIT, jetzt + FEED_ZUKUNFT, "[)")
    belegungen = (
        Belegung.objects.filter(raum=raum, zeitraum__overlap=bereich)
        .select_related("buchung")
        .only("zeitraum", "aktiv", "buchung__uid", "buchung__updated_at")
        .order_by("zeitraum")
    )
    termine = [
        ical.Termin(
            uid=f"{b.buchung.uid.split('@')[0]}-{raum.slug}@quartier",
            beginn=b.zeitraum.lower,
            ende=b.zeitraum.upper,
            titel=_("booked"),
            abgesagt=not b.aktiv,
            geaendert=b.buchung.updated_at,
        )
        for b in belegungen
    ]
    return ical.ics_response(
        termine, filename=f"{raum.slug}.ics", name=_("%(raum)s: occupancy") % {"raum": raum.name}
    )


@require_GET
def akteur_feed(request, token):
    """Private iCal feed (token URL) of an actor's bookings, with details."""
    zugang = get_object_or_404(Kalenderzugang.objects.select_related("akteur"), token=token)
    jetzt = timezone.now()
    buchungen = (
        Buchung.objects.base_queryset()
        .filter(
            akteur=zugang.akteur,
            beginn__gte=jetzt - FEED_VERGANGENHEIT,
            beginn__lte=jetzt + FEED_ZUKUNFT,
        )
        .order_by("beginn")
    )
    return ical.ics_response(
        (services.termin(b) for b in buchungen),
        filename="raumbuchungen.ics",
        name=_("Room bookings: %(akteur)s") % {"akteur": zugang.akteur.name},
    )


@require_GET
def schadensfoto(request, pk):
    """A handover's damage photo (private storage): staff of the room's area who may see
    handovers, or members of the booking's actor; 404 for everyone else."""
    foto = get_object_or_404(Schadensfoto.objects.select_related("uebergabe"), pk=pk)
    buchungen = Buchung.objects.fuer(request.user).filter(pk=foto.uebergabe.buchung_id)
    if request.user.is_staff and not request.user.has_perm("raeume.view_uebergabe"):
        raise Http404
    if not buchungen.exists():
        raise Http404
    return private_file_response(foto.bild)


# --- partner area ---------------------------------------------------------------------


def _eigene(request):
    return Buchung.objects.fuer(request.user).filter(akteur__mitglieder=request.user).distinct()


@login_required
@require_GET
def buchung_list(request):
    """Partners: the bookings of their actors, coming and recent."""
    akteure = list(request.user.akteure.order_by("name"))
    buchungen = (
        Buchung.objects.base_queryset()
        .filter(akteur__in=akteure, ende__gte=timezone.now() - timedelta(days=30))
        .select_related("uebergabe")
        .order_by("beginn", "pk")
    )
    page_obj = Paginator(buchungen, 25).get_page(request.GET.get("seite"))
    # Read only: the private feed token is made with the actor's first booking.
    zugaenge = {z.akteur_id: z for z in Kalenderzugang.objects.filter(akteur__in=akteure)}
    feeds = [(a, zugaenge.get(a.pk)) for a in akteure]
    return render(
        request,
        "raeume/buchung_list.html",
        {"buchungen": page_obj, "page_obj": page_obj, "feeds": feeds, "akteure": akteure},
    )


@login_required
@require_POST
def buchung_feed_erneuern(request, akteur_pk):
    """Partners: replace their actor's private feed link (the old one then 404s)."""
    akteur = get_object_or_404(request.user.akteure.all(), pk=akteur_pk)
    services.kalenderzugang_erneuern(akteur=akteur, user=request.user)
    messages.success(
        request,
        _("There is a new subscription link for %(akteur)s; the old one no longer works.")
        % {"akteur": akteur.name},
    )
    return redirect("partner:buchung_list")


@login_required
@require_GET
def buchung_suche(request):
    """Partners: which rooms are free for a date, time, number of people and equipment."""
    form = SucheForm(request.GET or None)
    ergebnis = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        ergebnis = _frei(request, d)
    return render(request, "raeume/buchung_suche.html", {"form": form, "ergebnis": ergebnis})


def _frei(request, d: dict, **extra):
    """Free rooms (and alternatives) the partner may book for a wish of a form."""
    return verfuegbarkeit(
        raeume=Raum.objects.fuer(request.user),
        datum=d["datum"],
        von=d["von"],
        bis=d["bis"],
        personen=d["personen"],
        ausstattung=d["ausstattung"],
        **extra,
    )


def _initial(request) -> dict:
    initial = {}
    for key in ("raum", "datum", "von", "bis", "personen", "art", "zweck"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    if request.GET.getlist("zusatz"):
        initial["zusatzraeume"] = request.GET.getlist("zusatz")
    if request.GET.getlist("ausstattung"):
        initial["ausstattung"] = request.GET.getlist("ausstattung")
    return initial


def _gebucht_melden(request, ergebnis: services.SerienErgebnis) -> None:
    if ergebnis.serie is not None:
        messages.success(
            request,
            _("%(n)s dates of the series were requested.") % {"n": len(ergebnis.gebucht)},
        )
        for tag, gruende in ergebnis.konflikte:
            messages.warning(
                request,
                _("Not booked on %(datum)s: %(gruende)s")
                % {"datum": f"{tag:%d.%m.%Y}", "gruende": " ".join(gruende)},
            )
    elif ergebnis.gebucht[0].status == Buchung.Status.BESTAETIGT:
        messages.success(request, _("Your booking is confirmed."))
    else:
        messages.success(
            request,
            _("Your request has been sent. The room is held for you until the office decides."),
        )


@login_required
def buchung_create(request):
    """Partners: request a room for one date or a series; clashes are explained with free
    alternatives."""
    akteure = list(request.user.akteure.order_by("name"))
    if not akteure:
        raise Http404
    initial = _initial(request)
    if len(akteure) == 1:
        initial["akteur"] = akteure[0].pk
    form = BuchungForm(request.POST or None, user=request.user, initial=initial)
    alternativen = None
    raum = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        raum = d["raum"]
        try:
            ergebnis = services.wunsch_buchen(
                wunsch=form.wunsch(
                    nutzungsvereinbarung=Nutzungsvereinbarung.aktuelle(raum.quartier)
                ),
                user=request.user,
                alles_oder_nichts=d["bei_konflikt"] == BuchungForm.BeiKonflikt.NICHTS,
                **form.serie_angaben(),
            )
        except services.BuchungNichtMoeglich as exc:
            for meldung in exc.messages:
                form.add_error(None, meldung)
            alternativen = _frei(request, d, zusatz_gewuenscht=[z.pk for z in d["zusatzraeume"]])
        else:
            _gebucht_melden(request, ergebnis)
            return redirect("partner:buchung_detail", pk=ergebnis.gebucht[0].pk)
    quartier = raum.quartier if raum else None
    if quartier is None:
        quartier = akteure[0].quartiere.order_by("pk").first()
    vereinbarung = Nutzungsvereinbarung.aktuelle(quartier) if quartier else None
    return render(
        request,
        "raeume/buchung_form.html",
        {"form": form, "alternativen": alternativen, "vereinbarung": vereinbarung},
    )


@login_required
@require_GET
def buchung_detail(request, pk):
    """Partners: one booking of their actors (404 for other actors')."""
    buchung = get_object_or_404(
        _eigene(request).select_related(
            "raum", "akteur", "serie", "nutzungsvereinbarung", "uebergabe"
        ),
        pk=pk,
    )
    uebergabe = getattr(buchung, "uebergabe", None)
    serie = buchung.serie_id is not None
    initial = {
        "von": timezone.localtime(buchung.beginn).time(),
        "bis": timezone.localtime(buchung.ende).time(),
        "zweck": buchung.zweck,
        "personen": buchung.personen,
    }
    termine = (
        list(buchung.serie.buchungen.order_by("beginn").only("pk", "beginn", "ende", "status"))
        if serie
        else []
    )
    return render(
        request,
        "raeume/buchung_detail.html",
        {
            "buchung": buchung,
            "uebergabe": uebergabe,
            "termine": termine,
            "aenderung_form": AenderungForm(serie=serie, initial=initial),
            "zusatzraeume": list(buchung.zusatzraeume.all()),
            "vorbei": buchung.beginn <= timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def buchung_stornieren(request, pk):
    """Partners: cancel this / this and following / all dates, with a reason. A page says
    what happens first (GET); the cancellation is the POST. Cancelled already (a second
    click), nothing is done again."""
    buchung = get_object_or_404(_eigene(request).select_related("raum", "akteur"), pk=pk)
    serie = buchung.serie_id is not None
    if buchung.beginn <= timezone.now():
        hindernis = _("This booking has already begun and cannot be cancelled.")
    elif not buchung.ist_aktiv:
        hindernis = _("This booking is %(status)s: there is nothing to cancel.") % {
            "status": buchung.get_status_display()
        }
    else:
        hindernis = ""
    moeglich = not hindernis
    form = StornoForm(request.POST or None, serie=serie)
    if request.method == "POST" and moeglich and form.is_valid():
        try:
            betroffen = services.stornieren(
                buchung=buchung,
                user=request.user,
                grund=form.cleaned_data["grund"],
                umfang=form.cleaned_data.get("umfang") or Umfang.DIESE,
            )
        except services.BuchungNichtMoeglich as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(n)s date(s) cancelled.") % {"n": len(betroffen)})
            return redirect("partner:buchung_detail", pk=buchung.pk)
    elif request.method == "POST" and not moeglich:
        messages.info(request, hindernis)
        return redirect("partner:buchung_detail", pk=buchung.pk)
    return render(
        request,
        "raeume/buchung_stornieren.html",
        {
            "buchung": buchung,
            "form": form,
            "moeglich": moeglich,
            "hindernis": hindernis,
            "serie": serie,
        },
    )


@login_required
@require_POST
def buchung_aendern(request, pk):
    """Partners: change time, purpose and people of this / following / all dates."""
    buchung = get_object_or_404(_eigene(request).select_related("raum"), pk=pk)
    form = AenderungForm(request.POST, serie=buchung.serie_id is not None)
    if form.is_valid():
        d = form.cleaned_data
        try:
            betroffen = services.aendern(
                buchung=buchung,
                user=request.user,
                umfang=d.get("umfang") or Umfang.DIESE,
                von=d["von"],
                bis=d["bis"],
                zweck=d["zweck"],
                personen=d["personen"],
            )
        except services.BuchungNichtMoeglich as exc:
            for meldung in exc.messages:
                messages.error(request, meldung)
        else:
            messages.success(request, _("%(n)s date(s) changed.") % {"n": len(betroffen)})
            if any(b.status == Buchung.Status.ANGEFRAGT for b in betroffen):
                messages.info(request, _("The office reviews the changed date(s) again."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("partner:buchung_detail", pk=buchung.pk)
