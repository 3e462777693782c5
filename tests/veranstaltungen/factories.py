"""Events for tests; the rooms they may book come from `tests.raeume.factories`."""

from datetime import timedelta

from veranstaltungen import services
from veranstaltungen.models import Veranstaltung

from ..raeume.factories import buchung, naechster, raeume, um, vereinbarung

__all__ = ["buchung", "naechster", "raeume", "um", "veranstaltung", "vereinbarung"]


def veranstaltung(quartier, beginn, **kwargs) -> Veranstaltung:
    defaults = {
        "titel": "Lesung im Stadtteilbüro",
        "art": Veranstaltung.Art.LESUNG,
        "ende": beginn + timedelta(hours=2),
        "adresse": "Brunnenstraße 14",
        "zielgruppen": ["alle"],
    }
    defaults.update(kwargs)
    return services.veranstaltung_speichern(
        veranstaltung=Veranstaltung(quartier=quartier, beginn=beginn, **defaults), user=None
    )
