"""The back office's own objects in the shared test world: a finished report PDF of area A
and one of area B (for the report pages of the permission matrix), and each area's
statistics of 2024."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from quartier.models import Berichtsdatei, Stadtteildaten


def extend(world) -> None:
    world.extra["berichtsdateien"] = {}
    for key, quartier in (("a", world.quartier_a), ("b", world.quartier_b)):
        datei = Berichtsdatei.objects.create(
            schluessel=f"welt-{key}", von=date(2025, 1, 1), bis=date(2025, 12, 31), daten=[]
        )
        datei.quartiere.add(quartier)
        datei.datei.save(f"welt-{key}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        world.extra["berichtsdateien"][key] = datei
    world.extra["stadtteildaten"] = {
        key: Stadtteildaten.objects.create(
            quartier=quartier,
            jahr=2024,
            stichtag=date(2024, 12, 31),
            einwohner=einwohner,
            unter_18=einwohner // 5,
            ab_65=einwohner // 4,
            haushalte=einwohner // 2,
            anteil_transferleistungen=transfer,
            quelle="Statistikstelle (Testwelt)",
        )
        for key, quartier, einwohner, transfer in (
            ("a", world.quartier_a, 4000, Decimal("20.0")),
            ("b", world.quartier_b, 6000, Decimal("10.0")),
        )
    }
