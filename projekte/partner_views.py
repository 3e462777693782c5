"""The partner area of projects: an organisation sees its projects (as Träger or
cooperation partner) with their plan and spending; the Träger records expenses with their
receipts. Another organisation's project answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.storage import private_file_response

from . import services
from .forms import AusgabePartnerForm
from .models import Ausgabe, Projekt


def _eigene(request):
    return Projekt.objects.der_organisationen(request.user)


def _als_traeger(request, pk) -> Projekt:
    """The project, if the user's organisation runs it (records its expenses); else 404."""
    return get_object_or_404(
        Projekt.objects.filter(traeger__mitglieder=request.user).select_related(
            "traeger", "quartier"
        ),
        pk=pk,
    )


@login_required
@require_GET
def projekt_list(request):
    """Partner: the projects of the user's organisations."""
    projekte = _eigene(request).select_related("traeger", "quartier").order_by("-von", "titel")
    return render(request, "projekte/partner/projekt_list.html", {"projekte": projekte})


@login_required
@require_GET
def projekt_detail(request, pk):
    """Partner: one project of the organisation, its cost lines planned against spent and
    its expenses; the Träger may add one."""
    projekt = get_object_or_404(_eigene(request).select_related("traeger", "quartier"), pk=pk)
    ist_traeger = (
        projekt.traeger_id is not None
        and projekt.traeger.mitglieder.filter(pk=request.user.pk).exists()
    )
    ausgaben = (
        Ausgabe.objects.filter(kostenposition__projekt=projekt)
        .select_related("kostenposition")
        .order_by("-datum", "-pk")
    )
    return render(
        request,
        "projekte/partner/projekt_detail.html",
        {
            "projekt": projekt,
            "zeilen": services.plan_gegen_ist(projekt),
            "ausgaben": ausgaben if ist_traeger else None,
            "ist_traeger": ist_traeger,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ausgabe_create(request, pk):
    """Träger: record an expense with its receipt; the office checks it."""
    projekt = _als_traeger(request, pk)
    form = AusgabePartnerForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        projekt=projekt,
    )
    if request.method == "POST" and form.is_valid():
        services.ausgabe_erfassen(ausgabe=form.save(commit=False), user=request.user)
        messages.success(request, _("The expense is recorded. The office will check it."))
        return redirect("partner:projekt_detail", pk=projekt.pk)
    beleg_verloren = request.method == "POST" and bool(request.FILES.get("beleg"))
    return render(
        request,
        "projekte/partner/ausgabe_form.html",
        {"projekt": projekt, "form": form, "beleg_verloren": beleg_verloren},
    )


@login_required
@require_GET
def beleg(request, pk):
    """Träger: the receipt of one of its project's expenses (private storage)."""
    ausgabe = get_object_or_404(
        Ausgabe.objects.filter(kostenposition__projekt__traeger__mitglieder=request.user), pk=pk
    )
    return private_file_response(ausgabe.beleg, filename=ausgabe.beleg.name.rsplit("/", 1)[-1])
