from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.listen import gefilterte_liste
from quartier.storage import private_file_response

from . import services
from .filters import AkteurFilter, AngebotFilter
from .forms import AkteurPartnerForm, AngebotForm, AnsprechpersonForm
from .models import Akteur, Angebot, Ansprechperson, Gremium, GremiumMitglied, Sitzung


@cached_public("quartier", "netzwerk")
@require_GET
def akteur_list(request):
    """Public: the directory of the area's actors, with search and filters."""
    queryset = (
        Akteur.objects.oeffentlich()
        .filter(quartiere=quartier_von(request))
        .prefetch_related("handlungsfelder")
    )
    filterset = AkteurFilter(request.GET or None, queryset=queryset)
    return gefilterte_liste(request, "netzwerk/akteur_list.html", filterset, {})


@cached_public("quartier", "netzwerk")
@require_GET
def angebot_list(request):
    """Public: the offers of the area's public actors, with search and filters."""
    queryset = (
        Angebot.objects.oeffentlich()
        .filter(akteur__quartiere=quartier_von(request))
        .select_related("akteur")
    )
    filterset = AngebotFilter(request.GET or None, queryset=queryset)
    return gefilterte_liste(request, "netzwerk/angebot_list.html", filterset, {})


@cached_public("quartier", "netzwerk")
@require_GET
def akteur_detail(request, slug):
    """Public: one actor of the area with its public offers and consented contact persons."""
    akteur = im_quartier_oder_404(
        request,
        Akteur.objects.oeffentlich().prefetch_related(
            "handlungsfelder",
            "quartiere",
            Prefetch("angebote", queryset=Angebot.objects.filter(oeffentlich=True)),
            Prefetch(
                "ansprechpersonen",
                queryset=Ansprechperson.objects.filter(einwilligung_oeffentlich=True),
            ),
            Prefetch(
                "gremium_mitgliedschaften",
                queryset=GremiumMitglied.objects.filter(gremium__oeffentlich=True).select_related(
                    "gremium"
                ),
            ),
        ),
        feld="quartiere",
        slug=slug,
    )
    return render(request, "netzwerk/akteur_detail.html", {"akteur": akteur})


@cached_public("quartier", "netzwerk")
@require_GET
def gremium_list(request):
    """Public: the area's committees with their next public meeting."""
    jetzt = timezone.now()
    gremien = Gremium.objects.filter(
        oeffentlich=True, quartier=quartier_von(request)
    ).prefetch_related(
        Prefetch(
            "sitzungen",
            queryset=Sitzung.objects.filter(oeffentlich=True, beginn__gte=jetzt).order_by("beginn"),
            to_attr="kommende",
        )
    )
    return render(request, "netzwerk/gremium_list.html", {"gremien": gremien})


@cached_public("quartier", "netzwerk")
@require_GET
def gremium_detail(request, slug):
    """Public: a committee, its member actors, public meetings and published minutes."""
    jetzt = timezone.now()
    gremium = im_quartier_oder_404(
        request,
        Gremium.objects.filter(oeffentlich=True).prefetch_related(
            Prefetch(
                "mitglieder",
                queryset=GremiumMitglied.objects.select_related("akteur"),
            ),
            Prefetch(
                "sitzungen",
                queryset=Sitzung.objects.filter(oeffentlich=True, beginn__gte=jetzt).order_by(
                    "beginn"
                ),
                to_attr="kommende",
            ),
            Prefetch(
                "sitzungen",
                queryset=Sitzung.objects.filter(oeffentlich=True, beginn__lt=jetzt).order_by(
                    "-beginn"
                )[:20],
                to_attr="vergangene",
            ),
        ),
        slug=slug,
    )
    mitglieder = list(gremium.mitglieder.all())
    akteur_mitglieder = [
        m for m in mitglieder if m.akteur_id and m.akteur.oeffentlich and m.typ != m.Typ.BEWOHNER
    ]
    anzahl_bewohner = sum(1 for m in mitglieder if m.typ == m.Typ.BEWOHNER)
    return render(
        request,
        "netzwerk/gremium_detail.html",
        {
            "gremium": gremium,
            "akteur_mitglieder": akteur_mitglieder,
            "anzahl_bewohner": anzahl_bewohner,
            "anzahl_mitglieder": len(mitglieder),
        },
    )


@require_GET
def sitzung_protokoll(request, slug, pk):
    """Public: the minutes PDF, only of a public meeting with published minutes."""
    sitzung = im_quartier_oder_404(
        request,
        Sitzung.objects.oeffentlich().filter(protokoll_veroeffentlicht=True),
        feld="gremium__quartier",
        gremium__slug=slug,
        pk=pk,
    )
    datum = timezone.localtime(sitzung.beginn).strftime("%Y-%m-%d")
    return private_file_response(
        sitzung.protokoll_pdf,
        content_type="application/pdf",
        filename=f"protokoll-{sitzung.gremium.slug}-{datum}.pdf",
    )


# --- partner area: an actor's partner users keep its entry current ----------------------


def _eigener_akteur(request, slug) -> Akteur:
    """The actor, if the logged-in user is one of its partner users; else 404."""
    return get_object_or_404(request.user.akteure.all(), slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def akteur_edit(request, slug):
    """Partner of this actor: edit the profile; see and manage offers and contacts."""
    akteur = _eigener_akteur(request, slug)
    form = AkteurPartnerForm(request.POST or None, request.FILES or None, instance=akteur)
    if request.method == "POST" and form.is_valid():
        services.partner_speichern(form=form, akteur=akteur, user=request.user)
        messages.success(request, _("Saved. The changes are visible on the website now."))
        return redirect(akteur.get_partner_url())
    context = {
        "akteur": akteur,
        "form": form,
        "angebote": akteur.angebote.all(),
        "ansprechpersonen": akteur.ansprechpersonen.all(),
    }
    return render(request, "netzwerk/partner/akteur_form.html", context)


def _unterobjekt_form(request, slug, model, form_class, template, pk=None):
    akteur = _eigener_akteur(request, slug)
    instance = get_object_or_404(model, akteur=akteur, pk=pk) if pk else model()
    instance.akteur = akteur
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.partner_speichern(form=form, akteur=akteur, user=request.user)
        messages.success(request, _("Saved. The changes are visible on the website now."))
        return redirect(akteur.get_partner_url())
    return render(request, template, {"akteur": akteur, "form": form, "objekt": instance})


def _unterobjekt_loeschen(request, slug, model, pk):
    """A page that names what will be deleted (GET); the deletion (POST). Sent again after
    the deletion (a second click), nothing more happens."""
    akteur = _eigener_akteur(request, slug)
    obj = model.objects.filter(akteur=akteur, pk=pk).first()
    if request.method == "GET":
        if obj is None:
            raise Http404
        return render(
            request,
            "netzwerk/partner/loeschen.html",
            {"akteur": akteur, "objekt": obj, "art": model._meta.verbose_name},
        )
    if obj is not None:
        obj.akteur = akteur
        services.partner_loeschen(obj=obj, user=request.user)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": obj})
    return redirect(akteur.get_partner_url())


@login_required
@require_http_methods(["GET", "POST"])
def angebot_create(request, slug):
    """Partner of this actor: add an offer."""
    return _unterobjekt_form(
        request, slug, Angebot, AngebotForm, "netzwerk/partner/angebot_form.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def angebot_edit(request, slug, pk):
    """Partner of this actor: change one of its offers."""
    return _unterobjekt_form(
        request, slug, Angebot, AngebotForm, "netzwerk/partner/angebot_form.html", pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def angebot_delete(request, slug, pk):
    """Partner of this actor: delete one of its offers."""
    return _unterobjekt_loeschen(request, slug, Angebot, pk)


@login_required
@require_http_methods(["GET", "POST"])
def ansprechperson_create(request, slug):
    """Partner of this actor: add a contact person."""
    return _unterobjekt_form(
        request,
        slug,
        Ansprechperson,
        AnsprechpersonForm,
        "netzwerk/partner/ansprechperson_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ansprechperson_edit(request, slug, pk):
    """Partner of this actor: change a contact person."""
    return _unterobjekt_form(
        request,
        slug,
        Ansprechperson,
        AnsprechpersonForm,
        "netzwerk/partner/ansprechperson_form.html",
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ansprechperson_delete(request, slug, pk):
    """Partner of this actor: remove a contact person."""
    return _unterobjekt_loeschen(request, slug, Ansprechperson, pk)
