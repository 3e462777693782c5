from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from anliegen.services import FormularSchonVerwendet
from anliegen.views import quittung_zeigen
from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.listen import gefilterte_liste
from quartier.ratelimit import ratelimit

from . import services
from .filters import ProjektFilter
from .forms import IdeeForm
from .models import Bewilligung, Foerderprogramm, Projekt, Projektfoto


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
