"""The public web edition: the archive of the area's published issues, each issue with its
released articles in the order of its page plan, every article at its own stable URL, and
an Atom feed. Nothing of an issue that is not published, no draft or unreleased article,
no photo or personal data beyond what the print shows."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.bereich import im_quartier_oder_404, quartier_von
from quartier.cache import cached_public
from quartier.storage import private_file_response

from . import druck
from .models import Artikel, Artikelfoto, Platzierung, Zeitungsausgabe


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
