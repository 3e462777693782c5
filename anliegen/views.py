"""Residents' pages (public, no account) and the forwarding recipient's page (private link)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public, gespeichert
from quartier.ratelimit import hit, ratelimit, too_many
from quartier.storage import private_file_response

from . import services
from .filters import AnliegenFilter
from .forms import (
    AnliegenForm,
    ErgaenzungForm,
    NichtGeloestForm,
    PinForm,
    WeiterleitungAntwortForm,
)
from .models import Anliegen, Foto, Weiterleitung

QUITTUNG = "anliegen_quittung"
QUITTUNG_GUELTIG = timedelta(minutes=15)


def _quartier(request):
    """The area of the page (quartier.bereich); 404 while no area is set up."""
    quartier = quartier_von(request)
    if quartier is None:
        raise Http404
    return quartier


def quittung_zeigen(request, anliegen: Anliegen, pin: str):
    """Keep the new concern's number, tracking link and PIN in the session for a short
    while and send the resident to the receipt (also used for ideas on a project)."""
    request.session[QUITTUNG] = {
        "nummer": anliegen.nummer,
        "token": anliegen.token,
        "pin": pin,
        "email": bool(anliegen.email),
        # On a shared computer the next person must not find the PIN.
        "bis": (timezone.now() + QUITTUNG_GUELTIG).isoformat(),
    }
    return redirect("anliegen:anliegen_quittung")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("anliegen-neu", limit=lambda: settings.ANLIEGEN_LIMIT_PRO_STUNDE, window=3600)
def anliegen_create(request):
    """Public: report a concern."""
    quartier = _quartier(request)
    if request.method == "POST":
        form = AnliegenForm(request.POST, request.FILES, quartier=quartier)
        if form.is_valid():
            try:
                anliegen, pin = services.melden(
                    quartier=quartier,
                    kategorie=form.cleaned_data["kategorie"],
                    art=form.cleaned_data["art"],
                    beschreibung=form.cleaned_data["beschreibung"],
                    fotos=form.fotos(),
                    formular_token=form.cleaned_data["formular_token"],
                    **form.anliegen_daten(),
                )
            except services.FormularSchonVerwendet:
                return redirect("anliegen:anliegen_quittung")
            return quittung_zeigen(request, anliegen, pin)
        fotos_verloren = any(request.FILES.get(f"foto_{n}") for n in range(1, 4))
    else:
        form = AnliegenForm(quartier=quartier)
        fotos_verloren = False
    return render(
        request,
        "anliegen/anliegen_form.html",
        {"form": form, "quartier": quartier, "fotos_verloren": fotos_verloren},
    )


@never_cache
@require_GET
def anliegen_quittung(request):
    """Public, own session only: the receipt with case number, tracking link and PIN."""
    quittung = request.session.get(QUITTUNG)
    if quittung and timezone.now().isoformat() > quittung.get("bis", ""):
        del request.session[QUITTUNG]
        quittung = None
    if not quittung:
        messages.info(request, _("Your concern has been received."))
        return redirect("anliegen:anliegen_list")
    return render(request, "anliegen/anliegen_quittung.html", {"quittung": quittung})


@cached_public("quartier", "anliegen")
@require_GET
def anliegen_list(request):
    """Public: the documentation of consented, moderated concerns, with figures."""
    quartier = _quartier(request)
    basis = Anliegen.objects.filter(quartier=quartier)
    filterset = AnliegenFilter(
        request.GET or None,
        queryset=basis.oeffentlich().select_related("kategorie").order_by("-eingegangen_at"),
        quartier=quartier,
    )
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(qs, 20).get_page(request.GET.get("seite"))
    # The same for every filter and page: computed once per write (quartier.cache).
    kennzahlen = gespeichert("anliegen", quartier.pk, "kennzahlen", basis.kennzahlen)
    pro_monat = gespeichert("anliegen", quartier.pk, "pro_monat", basis.pro_monat)
    return render(
        request,
        "anliegen/anliegen_list.html",
        {
            "filter": filterset,
            "page": page,
            "kennzahlen": kennzahlen,
            "pro_monat": pro_monat,
            "quartier": quartier,
        },
    )


@cached_public("quartier", "anliegen")
@require_GET
def anliegen_detail(request, nummer):
    """Public: one published concern; unpublished ones do not exist here (404)."""
    anliegen = im_quartier_oder_404(
        request, Anliegen.objects.oeffentlich().select_related("kategorie"), nummer=nummer
    )
    return render(
        request,
        "anliegen/anliegen_detail.html",
        {
            "anliegen": anliegen,
            "fotos": [f for f in anliegen.fotos.all() if f.freigegeben],
            "verlauf": anliegen.verlauf.all(),
        },
    )


@require_GET
def foto(request, pk):
    """Released photos of published concerns for everyone; the rest for staff of the area."""
    foto = im_quartier_oder_404(
        request, Foto.objects.select_related("anliegen"), feld="anliegen__quartier", pk=pk
    )
    if not foto.ist_oeffentlich and not (
        Anliegen.objects.fuer(request.user).filter(pk=foto.anliegen_id).exists()
        and request.user.has_perm("anliegen.view_anliegen")
    ):
        raise Http404
    return private_file_response(
        foto.datei,
        cache_control="public, max-age=3600" if foto.ist_oeffentlich else "private, no-store",
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("anliegen-pin", limit=lambda: settings.ANLIEGEN_PIN_LIMIT, window=900)
def anliegen_pin(request):
    """Public: case number and PIN lead to the tracking page (rate limited)."""
    form = PinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nummer = form.cleaned_data["nummer"]
        # Besides the limit per address: at most a few tries per case and day from anywhere,
        # so a PIN cannot be guessed from many addresses.
        if not hit("anliegen-pin-nummer", nummer, limit=settings.ANLIEGEN_PIN_LIMIT, window=86400):
            return too_many(request)
        anliegen = Anliegen.objects.filter(nummer=nummer).first()
        if anliegen is not None and anliegen.check_pin(form.cleaned_data["pin"]):
            return redirect(anliegen.get_verfolgen_url())
        form.add_error(None, _("Case number and PIN do not match. Please check both."))
    return render(request, "anliegen/anliegen_pin.html", {"form": form})


def _per_token(request, token) -> Anliegen:
    return im_quartier_oder_404(
        request,
        Anliegen.objects.select_related("kategorie", "quartier", "duplikat_von"),
        token=token,
        spam=False,
    )


@never_cache
@require_GET
def anliegen_verfolgen(request, token):
    """Public with the private link: where the concern stands and what the resident can do.

    Reading changes nothing: mail systems' link scanners open every link. Status mails and
    everything else the resident chooses here are POSTs."""
    return _verfolgen_seite(request, _per_token(request, token))


def _verfolgen_seite(request, anliegen, **forms):
    context = {
        "anliegen": anliegen,
        "verlauf": anliegen.verlauf.all(),
        "weiterleitungen": anliegen.weiterleitungen.select_related("akteur"),
        "ergaenzungen": anliegen.ergaenzungen.all(),
        "fotos": anliegen.fotos.all(),
        "ergaenzung_form": forms.get("ergaenzung_form") or ErgaenzungForm(),
        "nicht_geloest_form": forms.get("nicht_geloest_form") or NichtGeloestForm(),
        "fotos_verloren": forms.get("fotos_verloren", False),
    }
    status = 400 if forms else 200
    return render(request, "anliegen/anliegen_verfolgen.html", context, status=status)


@require_GET
def anliegen_foto(request, token, pk):
    """The resident, by their private link: their own photos, released or not."""
    foto = im_quartier_oder_404(
        request,
        Foto.objects.all(),
        feld="anliegen__quartier",
        pk=pk,
        anliegen__token=token,
        anliegen__spam=False,
    )
    return private_file_response(foto.datei)


@require_POST
@ratelimit("anliegen-ergaenzen", limit=20, window=3600)
def anliegen_ergaenzen(request, token):
    anliegen = _per_token(request, token)
    if anliegen.ist_geschlossen:
        raise Http404
    form = ErgaenzungForm(request.POST, request.FILES, vorhandene_fotos=anliegen.fotos.count())
    if not form.is_valid():
        fotos_verloren = any(request.FILES.get(f"foto_{n}") for n in range(1, 4))
        return _verfolgen_seite(
            request, anliegen, ergaenzung_form=form, fotos_verloren=fotos_verloren
        )
    services.ergaenzen(anliegen=anliegen, text=form.cleaned_data["text"], fotos=form.fotos())
    messages.success(request, _("Thank you, your addition has been saved."))
    return redirect(anliegen.get_verfolgen_url())


def _schritt(request, anliegen, erfolg, service, **daten):
    """One step of the resident on the tracking page: the service, then its message."""
    try:
        service(anliegen=anliegen, **daten)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, erfolg)
    return redirect(anliegen.get_verfolgen_url())


# The resident's steps on the tracking page: public with the private link, POST only.


@require_POST
def anliegen_nicht_geloest(request, token):
    anliegen = _per_token(request, token)
    form = NichtGeloestForm(request.POST)
    if not form.is_valid():
        return _verfolgen_seite(request, anliegen, nicht_geloest_form=form)
    return _schritt(
        request,
        anliegen,
        _("Your concern is open again. The office will look at it."),
        services.nicht_geloest,
        begruendung=form.cleaned_data["begruendung"],
    )


@require_POST
def anliegen_zurueckziehen(request, token):
    return _schritt(
        request,
        _per_token(request, token),
        _("You have withdrawn your concern."),
        services.zurueckziehen,
    )


@require_POST
def anliegen_statusmails(request, token):
    return _schritt(
        request,
        _per_token(request, token),
        _("We will tell you by e-mail when the status of this concern changes."),
        services.statusmails_bestellen,
    )


@require_POST
def anliegen_abbestellen(request, token):
    return _schritt(
        request,
        _per_token(request, token),
        _("You will get no more e-mails about this concern."),
        services.abbestellen,
    )


@require_POST
def anliegen_einwilligung_widerrufen(request, token):
    return _schritt(
        request,
        _per_token(request, token),
        _("Your concern is no longer published."),
        services.einwilligung_widerrufen,
    )


@require_GET
def weiterleitung_foto(request, token, pk):
    """The forwarding recipient, by private link: the concern's photos (metadata-free)."""
    foto = im_quartier_oder_404(
        request,
        Foto.objects.all(),
        feld="anliegen__quartier",
        pk=pk,
        anliegen__weiterleitungen__in=Weiterleitung.objects.aktiv().filter(token=token),
    )
    return private_file_response(foto.datei)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("weiterleitung-antwort", limit=20, window=3600)
def weiterleitung_antwort(request, token):
    """The forwarding recipient, by private link: read the concern and reply."""
    weiterleitung = im_quartier_oder_404(
        request,
        Weiterleitung.objects.select_related("anliegen__kategorie", "akteur").aktiv(),
        feld="anliegen__quartier",
        token=token,
    )
    anliegen = weiterleitung.anliegen
    form = WeiterleitungAntwortForm(
        request.POST or None, initial={"aktenzeichen": weiterleitung.aktenzeichen}
    )
    if request.method == "POST" and form.is_valid():
        services.weiterleitung_beantworten(weiterleitung=weiterleitung, **form.cleaned_data)
        messages.success(request, _("Thank you, your reply has been passed on to the office."))
        return redirect(weiterleitung.get_absolute_url())
    return render(
        request,
        "anliegen/weiterleitung_antwort.html",
        {
            "weiterleitung": weiterleitung,
            "anliegen": anliegen,
            "form": form,
            "fotos": list(anliegen.fotos.all()),
        },
        status=400 if form.errors else 200,
    )
