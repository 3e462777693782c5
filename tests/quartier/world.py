"""The back office's own objects in the shared test world: a finished report PDF of area A
and one of area B (for the report pages of the permission matrix)."""

from datetime import date

from django.core.files.base import ContentFile

from quartier.models import Berichtsdatei


def extend(world) -> None:
    world.extra["berichtsdateien"] = {}
    for key, quartier in (("a", world.quartier_a), ("b", world.quartier_b)):
        datei = Berichtsdatei.objects.create(
            schluessel=f"welt-{key}", von=date(2025, 1, 1), bis=date(2025, 12, 31), daten=[]
        )
        datei.quartiere.add(quartier)
        datei.datei.save(f"welt-{key}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        world.extra["berichtsdateien"][key] = datei
