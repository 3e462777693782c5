"""The partner area of the newspaper: an organisation submits an article with photos and
follows its review. Only the organisation's own articles are shown; any other is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import ArtikelPartnerForm, PartnerFotoFormSet
from .models import Artikel


def _eigene(request):
    return Artikel.objects.der_organisationen(request.user)


@login_required
@require_GET
def artikel_partner_list(request):
    """Partner: the articles the user's organisations submitted, newest first."""
    artikel = _eigene(request).select_related("akteur", "ausgabe").order_by("-created_at")[:100]
    return render(
        request,
        "zeitung/partner/artikel_list.html",
        {"artikel_liste": artikel, "darf_einreichen": request.user.akteure.exists()},
    )


@login_required
@require_GET
def artikel_partner_detail(request, pk):
    """Partner: one submitted article with its review state and photos."""
    artikel = get_object_or_404(_eigene(request).select_related("akteur", "ausgabe"), pk=pk)
    return render(
        request,
        "zeitung/partner/artikel_detail.html",
        {"artikel": artikel, "fotos": artikel.fotos.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def artikel_einreichen(request):
    """Partner: submit an article with up to three photos for the newspaper."""
    if not request.user.akteure.exists():
        raise Http404
    form = ArtikelPartnerForm(request.POST or None, user=request.user)
    fotos = PartnerFotoFormSet(
        request.POST or None, request.FILES or None, instance=Artikel(), prefix="fotos"
    )
    if request.method == "POST" and form.is_valid() and fotos.is_valid():
        try:
            artikel = services.artikel_einreichen(form=form, fotos=fotos, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you. The editorial team reviews the article before it is printed."),
            )
            return redirect("partner:artikel_partner_detail", pk=artikel.pk)
    return render(request, "zeitung/partner/artikel_form.html", {"form": form, "fotos": fotos})
