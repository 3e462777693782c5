"""The public web edition: the archive of the area's published issues, each issue with its
released articles in the order of its page plan, every article at its own stable URL, and
an Atom feed. Nothing of an issue that is not published, no draft or unreleased article,
no photo or personal data beyond what the print shows. And the e-mail subscription: its
form, and the private links of its mails that confirm and unsubscribe."""

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.ratelimit import ratelimit
from quartier.storage import private_file_response

from . import druck, services
from .forms import AbonnementForm
from .models import Abonnement, Artikel, Artikelfoto, Platzierung, Zeitungsausgabe


def _ausgaben(request):
    """The published issues of the request's area (none while no area is set up)."""
    quartier = quartier_von(request)
    if quartier is None:
        return Zeitungsausgabe.objects.none()
    return Zeitungsausgabe.objects.erschienen().filter(quartier=quartier)


def _ausgabe(request, nummer) -> Zeitungsausgabe:
    """The published issue of this number in the request's area (under the old paths
    without prefix, another area's issue sends the reader there)."""
    return im_quartier_oder_404(request, Zeitungsausgabe.objects.erschienen(), nummer=nummer)


def _artikel_der_ausgabe(ausgabe) -> list[Artikel]:
    """The issue's released articles in the order of its page plan (placed and printed
    first, then the rest by headline)."""
    plaetze = {
        p.artikel_id: (p.seite, p.reihenfolge)
        for p in Platzierung.objects.filter(ausgabe=ausgabe, aktiv=True, artikel__isnull=False)
    }
    artikel = list(ausgabe.artikel.freigegeben().select_related("rubrik"))
    return sorted(artikel, key=lambda a: (plaetze.get(a.pk, (10_000, 0)), a.titel))


@cached_public("zeitung")
@require_GET
def ausgabe_list(request):
    """Public: the archive of the area's published issues, newest first."""
    ausgaben = _ausgaben(request).order_by("-erscheinungsdatum", "-nummer")[:200]
    return render(request, "zeitung/ausgabe_list.html", {"ausgaben": ausgaben})


@cached_public("zeitung")
@require_GET
def ausgabe_detail(request, nummer):
    """Public: one published issue with its released articles."""
    ausgabe = _ausgabe(request, nummer)
    return render(
        request,
        "zeitung/ausgabe_detail.html",
        {"ausgabe": ausgabe, "artikel_liste": _artikel_der_ausgabe(ausgabe)},
    )


@cached_public("zeitung")
@require_GET
def artikel_detail(request, nummer, pk):
    """Public: one released article of a published issue, at a stable URL."""
    ausgabe = _ausgabe(request, nummer)
    artikel = get_object_or_404(
        ausgabe.artikel.freigegeben()
        .select_related("rubrik")
        .prefetch_related(Prefetch("fotos", queryset=Artikelfoto.objects.zeigbar())),
        pk=pk,
    )
    return render(request, "zeitung/artikel_detail.html", {"ausgabe": ausgabe, "artikel": artikel})


class AusgabenFeed(Feed):
    """Atom feed of the area's published issues, one entry per released article."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        return quartier_von(request)

    def title(self, quartier):
        return _("Quartierszeitung %(name)s") % {"name": quartier.name if quartier else ""}

    def link(self, quartier):
        return reverse("zeitung:ausgabe_list")

    def subtitle(self, quartier):
        return _("The newest articles of the district newspaper")

    def items(self, quartier):
        if quartier is None:
            return []
        return (
            Artikel.objects.freigegeben()
            .filter(quartier=quartier, ausgabe__status=Zeitungsausgabe.Status.ERSCHIENEN)
            .select_related("ausgabe")
            .order_by("-ausgabe__erscheinungsdatum", "-pk")[:30]
        )

    def item_title(self, artikel):
        return artikel.titel

    def item_description(self, artikel):
        return artikel.vorspann

    def item_link(self, artikel):
        return reverse("zeitung:artikel_detail", args=[artikel.ausgabe.nummer, artikel.pk])

    def item_author_name(self, artikel):
        return artikel.autor or None


_feed = AusgabenFeed()


@cached_public("zeitung")
@require_GET
def feed(request):
    """Public: the Atom feed, from the page cache like the pages it points to."""
    return _feed(request)


@require_GET
def ausgabe_pdf(request, nummer):
    """Public: the accessible PDF of a published issue (PDF/UA, tagged, lighter photos),
    made once by the worker when the issue appeared; cached by browsers and proxies."""
    ausgabe = _ausgabe(request, nummer)
    return private_file_response(
        ausgabe.web_pdf,
        content_type="application/pdf",
        filename=f"{druck.dateiname(ausgabe)}.pdf",
        cache_control="public, max-age=86400",
    )


@require_GET
def artikel_foto(request, nummer, pk, foto):
    """Public: a photo of a released article of a published issue, only when it may be
    shown (no recognisable people, or their consent recorded)."""
    ausgabe = _ausgabe(request, nummer)
    foto = get_object_or_404(
        Artikelfoto.objects.zeigbar().filter(
            artikel__ausgabe=ausgabe, artikel__status=Artikel.Status.FREIGEGEBEN, artikel_id=pk
        ),
        pk=foto,
    )
    return private_file_response(foto.bild, cache_control="public, max-age=86400")


# --- e-mail subscriptions (never from the page cache: a form with a CSRF token, and
# private links) ---


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("zeitung-abo", limit=lambda: settings.ZEITUNG_ABO_LIMIT_PRO_STUNDE, window=3600)
def abonnieren(request):
    """Public: subscribe to the area's newspaper by e-mail. The answer is the same for a
    new, a pending and a confirmed address: "check your mail"."""
    quartier = quartier_von(request)
    if quartier is None:  # no area set up yet: nothing to subscribe to
        return render(request, "zeitung/abonnement_form.html", {"form": None})
    form = AbonnementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.abonnieren(quartier=quartier, email=form.cleaned_data["email"])
        return render(request, "zeitung/abonnement_angefragt.html", {"quartier": quartier})
    return render(request, "zeitung/abonnement_form.html", {"form": form, "quartier": quartier})


def _abonnement(request, token) -> Abonnement | None:
    """The subscription of this private link in the request's area; None when the link is
    unknown (never confirmed and cleared, unsubscribed, or mistyped)."""
    try:
        return im_quartier_oder_404(request, Abonnement.objects.all(), token=token)
    except Http404:
        return None


def _unbekannt(request):
    return render(request, "zeitung/abonnement_unbekannt.html", status=404)


@require_http_methods(["GET", "POST"])
@ratelimit("zeitung-abo-link", limit=60, window=3600)
def abonnement_bestaetigen(request, token):
    """Private link of the confirmation mail: GET shows a button, only its POST confirms
    (mail scanners follow links)."""
    abonnement = _abonnement(request, token)
    if abonnement is None:
        return _unbekannt(request)
    if request.method == "POST":
        services.abonnement_bestaetigen(abonnement=abonnement)
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect("zeitung:abonnement_bestaetigen", token=token)
    return render(request, "zeitung/abonnement_bestaetigen.html", {"abonnement": abonnement})


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no CSRF token
@require_http_methods(["GET", "POST"])
def abbestellen(request, token):
    """Private link of every issue's mail (and its List-Unsubscribe header): GET shows a
    button; a POST, the button's or the mail client's one-click, unsubscribes. Not rate
    limited: a mail provider sends its users' one-clicks from few addresses, and a
    random 32-character token is not guessed."""
    abonnement = _abonnement(request, token)
    if abonnement is None:
        return _unbekannt(request)
    if request.method == "POST":
        services.abbestellen(abonnement=abonnement)
        return render(request, "zeitung/abonnement_abbestellt.html")
    return render(request, "zeitung/abonnement_abbestellen.html", {"abonnement": abonnement})
