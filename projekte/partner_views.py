"""The partner area of projects: an organisation sees its projects (as Träger or
cooperation partner) with their plan and spending; the Träger records expenses with their
receipts and writes its narrative reports. Another organisation's project answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.storage import private_file_response

from . import services
from .forms import AusgabePartnerForm, SachberichtPartnerForm
from .models import Ausgabe, Projekt, Sachbericht


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
            "sachberichte": projekt.sachberichte.all() if ist_traeger else None,
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


def _sachbericht_formular(request, projekt, sachbericht):
    """The Träger's form for a narrative report, new or corrected; submitting tells the
    office, which checks it."""
    post = request.method == "POST"
    form = SachberichtPartnerForm(
        request.POST if post else None,
        request.FILES if post else None,
        instance=sachbericht,
    )
    if post and form.is_valid():
        try:
            services.sachbericht_einreichen(sachbericht=form.save(commit=False), user=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The report is submitted. The office will check it."))
            return redirect("partner:projekt_detail", pk=projekt.pk)
    return render(
        request,
        "projekte/partner/sachbericht_form.html",
        {
            "projekt": projekt,
            "form": form,
            "sachbericht": sachbericht if sachbericht.pk else None,
            "datei_verloren": post and bool(request.FILES.get("datei")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sachbericht_create(request, pk):
    """Träger: write a narrative report on the project for a period."""
    projekt = _als_traeger(request, pk)
    return _sachbericht_formular(request, projekt, Sachbericht(projekt=projekt))


def _eigener_sachbericht(request, pk) -> Sachbericht:
    return get_object_or_404(
        Sachbericht.objects.filter(projekt__traeger__mitglieder=request.user).select_related(
            "projekt__traeger", "projekt__quartier"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sachbericht_update(request, pk):
    """Träger: correct a report the office has not accepted yet (or sent back)."""
    sachbericht = _eigener_sachbericht(request, pk)
    if not sachbericht.aenderbar:
        raise Http404
    return _sachbericht_formular(request, sachbericht.projekt, sachbericht)


@login_required
@require_GET
def sachbericht_datei(request, pk):
    """Träger: the attachment of one of its narrative reports (private storage)."""
    sachbericht = _eigener_sachbericht(request, pk)
    return private_file_response(
        sachbericht.datei, filename=sachbericht.datei.name.rsplit("/", 1)[-1]
    )
