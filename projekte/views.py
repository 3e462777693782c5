from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from anliegen.services import FormularSchonVerwendet
from anliegen.views import quittung_zeigen
from netzwerk.models import Sitzung
from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.listen import gefilterte_liste
from quartier.ratelimit import ratelimit

from . import services
from .filters import ProjektFilter
from .forms import IdeeForm
from .models import Antrag, Bewilligung, Foerderprogramm, Fonds, Projekt, Projektfoto


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
    sitzung = None
    if fonds.gremium_id:
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
        .only("titel", "beschreibung", "bewilligt", "fonds__jahr", "ort", "status"),
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
            "abgelaufen": fonds.antragsfrist is not None and fonds.antragsfrist < heute,
        },
    )
