"""The newspaper's objects in the shared test world: an issue in editing and a published
one in area A with released, reviewed and draft articles, and an issue of area B; e-mail
subscriptions of both areas, confirmed and pending."""

from django.core.files.base import ContentFile
from django.utils import timezone

from zeitung.models import Abonnement

from .factories import (
    ArtikelFactory,
    ArtikelfotoFactory,
    RubrikFactory,
    ZeitungsausgabeFactory,
)


def extend(world) -> None:
    a, b = world.quartier_a, world.quartier_b
    rubrik = RubrikFactory(quartier=a, name="Aus dem Quartier")
    ausgabe = ZeitungsausgabeFactory(
        quartier=a, nummer=7, titel="Sommer im Hof", status="redaktion"
    )
    erschienen = ZeitungsausgabeFactory(quartier=a, nummer=6, titel="Frühling", status="erschienen")
    erschienen.web_pdf.save("fruehling.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    fremde = ZeitungsausgabeFactory(quartier=b, nummer=3, titel="Am Hafen")
    artikel = ArtikelFactory(quartier=a, ausgabe=ausgabe, rubrik=rubrik, titel="Hofgarten")
    partnerartikel = ArtikelFactory(
        quartier=a,
        titel="Unser Sommerfest",
        status="in_pruefung",
        akteur=world.akteur_a,
        eingereicht_von=world.users["partner_a"],
    )
    veroeffentlicht = ArtikelFactory(
        quartier=a, ausgabe=erschienen, rubrik=rubrik, titel="Frühjahrsputz", status="freigegeben"
    )
    fremder_artikel = ArtikelFactory(quartier=b, ausgabe=fremde, titel="Hafenfest")
    world.extra["zeitung"] = {
        "rubrik": rubrik,
        "fremde_rubrik": RubrikFactory(quartier=b, name="Vom Hafen"),
        "ausgabe": ausgabe,
        "erschienen": erschienen,
        "fremde_ausgabe": fremde,
        "artikel": artikel,
        "partnerartikel": partnerartikel,
        "veroeffentlicht": veroeffentlicht,
        "fremder_artikel": fremder_artikel,
        "foto": ArtikelfotoFactory(artikel=artikel),
        "entwurf_erschienen": ArtikelFactory(
            quartier=a, ausgabe=erschienen, titel="Unfertiger Entwurf"
        ),
        "foto_erschienen": ArtikelfotoFactory(artikel=veroeffentlicht, alt="Besen im Hof"),
        "foto_ohne_einwilligung": ArtikelfotoFactory(
            artikel=veroeffentlicht, alt="Gesichter", personen_erkennbar=True
        ),
        "fremdes_foto": ArtikelfotoFactory(artikel=fremder_artikel),
        "abonnement": Abonnement.objects.create(
            quartier=a, email="zeitungsleserin@example.org", bestaetigt_at=timezone.now()
        ),
        "offenes_abonnement": Abonnement.objects.create(
            quartier=a, email="unbestaetigt@example.org"
        ),
        "fremdes_abonnement": Abonnement.objects.create(
            quartier=b, email="hafenleser@example.org", bestaetigt_at=timezone.now()
        ),
    }
