from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anliegen.services import FormularSchonVerwendet
from anliegen.views import QUITTUNG_GUELTIG, quittung_zeigen
from netzwerk.models import Sitzung
from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.listen import gefilterte_liste
from quartier.ratelimit import ratelimit
from quartier.storage import private_file_response

from . import briefe, services
from .filters import ProjektFilter
from .forms import (
    AntragForm,
    AntragskostenFormSet,
    AntwortForm,
    IdeeForm,
    NachweisForm,
    kostenzeilen,
)
from .models import (
    Antrag,
    Antragsdatei,
    Antragsstatus,
    Bewilligung,
    Foerderprogramm,
    Fonds,
    Projekt,
    Projektfoto,
)


def _oeffentliche():
    return Projekt.objects.oeffentlich().select_related("traeger", "quartier")


@cached_public("projekte", "netzwerk")
@require_GET
def projekt_list(request):
    """Public: the area's approved, running and completed projects, filtered by field of
    action, status, kind and year."""
    queryset = (
        _oeffentliche()
        .filter(quartier=quartier_von(request))
        .prefetch_related(
            "handlungsfelder",
            Prefetch("fotos", queryset=Projektfoto.objects.all(), to_attr="fotoliste"),
        )
    )
    filterset = ProjektFilter(request.GET or None, queryset=queryset)
    return gefilterte_liste(request, "projekte/projekt_list.html", filterset, {})


def _projekt(request, slug, *related):
    return im_quartier_oder_404(request, _oeffentliche().prefetch_related(*related), slug=slug)


@cached_public("projekte", "netzwerk")
@require_GET
def projekt_detail(request, slug):
    """Public: one project with its partners, photos, milestones, indicators, its funders'
    acknowledgement and, for a building measure, its phase and how to take part."""
    projekt = _projekt(
        request,
        slug,
        "handlungsfelder",
        "fotos",
        "meilensteine",
        "indikatoren",
        "phasen",
        "kooperationspartner",
    )
    # Funders: the programmes of the project's grants, each once ("gefördert durch").
    foerderer = Foerderprogramm.objects.filter(
        pk__in=Bewilligung.objects.filter(projekt=projekt).values("programm")
    ).order_by("ebene", "name")
    heute = timezone.localdate()
    phase = projekt.aktuelle_phase(heute=heute) if projekt.ist_baumassnahme else None
    return render(
        request,
        "projekte/projekt_detail.html",
        {
            "projekt": projekt,
            "foerderer": foerderer,
            "phase": phase,
            "heute": heute,
            "ideen_offen": services.idee_kategorie(projekt) is not None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("anliegen-neu", limit=lambda: settings.ANLIEGEN_LIMIT_PRO_STUNDE, window=3600)
def projekt_idee(request, slug):
    """Public: send an idea or a remark on a project; it arrives in the concern triage,
    linked to the project, and the resident gets the same receipt as for a concern."""
    projekt = _projekt(request, slug)
    form = IdeeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        try:
            anliegen, pin = services.idee_senden(
                projekt=projekt,
                beschreibung=daten["beschreibung"],
                formular_token=daten["formular_token"],
                name=daten["name"],
                email=daten["email"],
                einwilligung_veroeffentlichung=daten["einwilligung_veroeffentlichung"],
            )
        except FormularSchonVerwendet:
            return redirect("anliegen:anliegen_quittung")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return quittung_zeigen(request, anliegen, pin)
    return render(request, "projekte/projekt_idee.html", {"projekt": projekt, "form": form})


# How many funded micro-projects a page of the public list shows.
GEFOERDERTE_JE_SEITE = 12


@cached_public("projekte", "netzwerk")
@require_GET
def fonds(request):
    """Public: the area's Verfügungsfonds of this year (or the latest): what it is for, its
    rules, its budget with what is approved, paid and still free (live), the next deadline
    and committee meeting, how to apply, and the funded micro-projects of all years (with
    the applicants' consent), a page at a time."""
    quartier = quartier_von(request)
    heute = timezone.localdate()
    fonds = (
        Fonds.objects.filter(quartier=quartier, jahr__lte=heute.year)
        .select_related("gremium")
        .order_by("-jahr")
        .first()
    )
    if fonds is None:
        return render(request, "projekte/fonds.html", {"fonds": None})
    offen, runde = fonds.nimmt_antraege(heute)
    sitzung = runde.sitzung if runde is not None else None
    if sitzung is None and fonds.gremium_id:
        sitzung = (
            Sitzung.objects.filter(gremium_id=fonds.gremium_id, beginn__gte=timezone.now())
            .order_by("beginn")
            .first()
        )
    gefoerderte = Paginator(
        Antrag.objects.oeffentlich()
        .filter(fonds__quartier=quartier)
        .select_related("fonds")
        .order_by("-fonds__jahr", "-entschieden_at", "-pk")
        .only("titel", "beschreibung", "bewilligt", "fonds__jahr", "ort", "status")
        .prefetch_related(
            Prefetch(
                "dateien",
                queryset=Antragsdatei.objects.filter(
                    art=Antragsdatei.Art.FOTO, personen_einwilligung=True
                ).only("pk", "antrag_id"),
                to_attr="fotoliste",
            )
        ),
        GEFOERDERTE_JE_SEITE,
    ).get_page(request.GET.get("seite"))
    return render(
        request,
        "projekte/fonds.html",
        {
            "fonds": fonds,
            "zahlen": services.fonds_zahlen(fonds),
            "sitzung": sitzung,
            "gefoerderte": gefoerderte,
            "runde": runde,
            "offen": offen,
        },
    )


# --- the online application -------------------------------------------------------------------

ANTRAG_QUITTUNG = "antrag_quittung"


def _offener_fonds(request) -> Fonds | None:
    """The fund an application goes to: this year's of the area, while it takes
    applications (until the last round's deadline, if it has rounds)."""
    heute = timezone.localdate()
    fonds = Fonds.objects.filter(quartier=quartier_von(request), jahr=heute.year).first()
    if fonds is None or not fonds.nimmt_antraege(heute)[0]:
        return None
    return fonds


def _antrag_per_link(request, token, **lookup) -> Antrag:
    """The application of the private link, in the request's area; a guess is a 404."""
    return im_quartier_oder_404(
        request,
        Antrag.objects.select_related("fonds__quartier"),
        feld="fonds__quartier",
        token=token,
        **lookup,
    )


def _antrag_formular(request, *, fonds: Fonds, antrag: Antrag | None = None):
    """The application form, new or a draft finished from its link: save as a draft, or
    send it (the fund's rules are checked where the money is, in the service)."""
    entwurf = request.POST.get("aktion") == "entwurf"
    daten = (request.POST, request.FILES) if request.method == "POST" else ()
    initial_kosten = (
        [
            {"art": k.art, "bezeichnung": k.bezeichnung, "betrag": k.betrag}
            for k in antrag.kosten.all()
        ]
        if antrag is not None
        else None
    )
    form = AntragForm(*daten, instance=antrag, fonds=fonds, entwurf=entwurf)
    kosten = AntragskostenFormSet(
        *daten[:1], prefix="kosten", initial=initial_kosten, form_kwargs={"fonds": fonds}
    )
    kosten_fehler: list[str] = []
    if request.method == "POST":
        if form.is_valid() & kosten.is_valid():
            try:
                gesendet = services.antrag_senden(
                    antrag=form.save(commit=False),
                    kosten=kostenzeilen(kosten),
                    angebote=form.angebote(),
                    entwurf=entwurf,
                    formular_token=form.cleaned_data.get("formular_token"),
                )
            except services.AntragSchonGesendet as doppelt:
                return _antrag_quittung_zeigen(request, doppelt.antrag)
            except ValidationError as error:
                for feld, meldungen in error.message_dict.items():
                    if feld in form.fields:
                        form.add_error(feld, meldungen)
                    else:
                        kosten_fehler.extend(meldungen)
            else:
                return _antrag_quittung_zeigen(request, gesendet)
        elif not entwurf and kosten.is_valid():
            # All messages at once: the fund's rules too, beside the fields still free of one.
            try:
                services.antrag_pruefen(antrag=form.instance, kosten=kostenzeilen(kosten))
            except ValidationError as error:
                for feld, meldungen in error.message_dict.items():
                    if feld not in form.fields:
                        kosten_fehler.extend(meldungen)
                    elif feld not in form.errors:
                        form.add_error(feld, meldungen)
        kosten_fehler.extend(kosten.non_form_errors())
    vorhandene = list(antrag.dateien.all()) if antrag is not None else []
    return render(
        request,
        "projekte/antrag_form.html",
        {
            "form": form,
            "kosten": kosten,
            "kosten_fehler": kosten_fehler,
            "fonds": fonds,
            "antrag": antrag,
            "dateien": vorhandene,
            "dateien_verloren": request.method == "POST"
            and any(request.FILES.get(n) for n in ("angebot_1", "angebot_2")),
        },
        status=400 if request.method == "POST" else 200,
    )


def _antrag_quittung_zeigen(request, antrag: Antrag):
    """Keep the new application's number and link in the session for a short while and
    send the applicant to the receipt."""
    request.session[ANTRAG_QUITTUNG] = {
        "nummer": antrag.nummer,
        "token": antrag.token,
        "entwurf": antrag.status == Antragsstatus.ENTWURF,
        "email": bool(antrag.email),
        # On a shared computer the next person must not find the link.
        "bis": (timezone.now() + QUITTUNG_GUELTIG).isoformat(),
    }
    return redirect("verfuegungsfonds:antrag_quittung")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("antrag-neu", limit=lambda: settings.ANLIEGEN_LIMIT_PRO_STUNDE, window=3600)
def antrag_neu(request):
    """Public, no account: apply to this year's fund, or save a draft to finish later."""
    fonds = _offener_fonds(request)
    if fonds is None:
        return render(request, "projekte/antrag_form.html", {"fonds": None}, status=404)
    return _antrag_formular(request, fonds=fonds)


@never_cache
@require_GET
def antrag_quittung(request):
    """Public, own session only: the receipt with the number and the private link."""
    quittung = request.session.get(ANTRAG_QUITTUNG)
    if quittung and timezone.now().isoformat() > quittung.get("bis", ""):
        del request.session[ANTRAG_QUITTUNG]
        quittung = None
    if not quittung:
        messages.info(request, _("Your application has been received."))
        return redirect("verfuegungsfonds:fonds")
    return render(request, "projekte/antrag_quittung.html", {"quittung": quittung})


def _verfolgen_seite(request, antrag: Antrag, **forms):
    schritte = list(antrag.schritte.filter(fuer_antragsteller=True))
    frage = next(
        (s for s in reversed(schritte) if s.status == Antragsstatus.RUECKFRAGE and s.notiz),
        None,
    )
    context = {
        "antrag": antrag,
        "schritte": schritte,
        "frage": frage,
        "kosten": list(antrag.kosten.all()),
        "dateien": list(antrag.dateien.all()),
        "briefe": briefe.verfuegbar(antrag),
        "antwort_form": forms.get("antwort_form") or AntwortForm(),
        # Unbound and without the applicant's values: its fields' HTML is shared.
        "nachweis_form": forms.get("nachweis_form") or NachweisForm(),
        "dateien_verloren": forms.get("dateien_verloren", False),
    }
    return render(request, "projekte/antrag_verfolgen.html", context, status=400 if forms else 200)


@never_cache
@require_GET
def antrag_verfolgen(request, token):
    """Public with the private link: where the application stands, in plain words, and
    what the applicant can do. Reading changes nothing (link scanners open every link)."""
    return _verfolgen_seite(request, _antrag_per_link(request, token))


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("antrag-link", limit=60, window=3600)
def antrag_bearbeiten(request, token):
    """Public with the private link: finish a draft and send it (a sent application is
    the office's now: 404 here)."""
    antrag = _antrag_per_link(request, token, status=Antragsstatus.ENTWURF)
    return _antrag_formular(request, fonds=antrag.fonds, antrag=antrag)


def _link_schritt(request, antrag, erfolg, service, **daten):
    try:
        service(antrag=antrag, **daten)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, erfolg)
    return redirect(antrag.get_verfolgen_url())


@require_POST
@ratelimit("antrag-link", limit=60, window=3600)
def antrag_antworten(request, token):
    antrag = _antrag_per_link(request, token)
    form = AntwortForm(request.POST, request.FILES)
    if not form.is_valid():
        return _verfolgen_seite(
            request, antrag, antwort_form=form, dateien_verloren=bool(request.FILES)
        )
    return _link_schritt(
        request,
        antrag,
        _("Thank you, your answer has been passed on to the office."),
        services.antrag_beantworten,
        text=form.cleaned_data["text"],
        angebote=form.angebote(),
    )


@require_POST
@ratelimit("antrag-link", limit=60, window=3600)
def antrag_nachweis(request, token):
    antrag = _antrag_per_link(request, token)
    form = NachweisForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.nachweis_einreichen(
                antrag=antrag,
                bericht=form.cleaned_data["bericht"],
                ist_kosten=form.cleaned_data["ist_kosten"],
                belege=form.belege(),
                fotos=form.fotos(),
                einwilligung=form.cleaned_data["einwilligung"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect(antrag.get_verfolgen_url())
            for feld, meldungen in error.message_dict.items():
                form.add_error(feld if feld in form.fields else None, meldungen)
        else:
            messages.success(
                request, _("Thank you, your proof of use has been sent to the office.")
            )
            return redirect(antrag.get_verfolgen_url())
    return _verfolgen_seite(
        request, antrag, nachweis_form=form, dateien_verloren=bool(request.FILES)
    )


@require_POST
def antrag_zurueckziehen(request, token):
    antrag = _antrag_per_link(request, token)
    try:
        geblieben = services.antrag_zurueckziehen(antrag=antrag)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(antrag.get_verfolgen_url())
    if geblieben is None:
        messages.success(request, _("Your draft has been deleted."))
        return redirect("verfuegungsfonds:fonds")
    messages.success(request, _("You have withdrawn your application."))
    return redirect(antrag.get_verfolgen_url())


@require_GET
def antrag_datei(request, token, pk):
    """The applicant, by their private link: the files of their application."""
    datei = im_quartier_oder_404(
        request,
        Antragsdatei.objects.all(),
        feld="antrag__fonds__quartier",
        pk=pk,
        antrag__token=token,
    )
    return private_file_response(datei.datei, filename=datei.dateiname)


@require_GET
def fonds_foto(request, pk):
    """Public: a photo of a funded micro-project that its applicant released (the people
    shown agreed) and whose application is published."""
    foto = im_quartier_oder_404(
        request,
        Antragsdatei.objects.filter(
            art=Antragsdatei.Art.FOTO,
            personen_einwilligung=True,
            antrag__in=Antrag.objects.oeffentlich(),
        ),
        feld="antrag__fonds__quartier",
        pk=pk,
    )
    return private_file_response(foto.datei, cache_control="public, max-age=3600")


@never_cache
@require_GET
def antrag_brief(request, token, art):
    """The applicant, by their private link: the decision letter or the agreement to sign,
    once there is one (else 404)."""
    antrag = _antrag_per_link(request, token)
    if art not in briefe.verfuegbar(antrag):
        raise Http404
    antwort = HttpResponse(briefe.pdf(antrag, art), content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="{briefe.dateiname(antrag, art)}"'
    return antwort
