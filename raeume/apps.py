from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaeumeConfig(AppConfig):
    name = "raeume"
    label = "raeume"
    verbose_name = _("Rooms")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    # Mitarbeitende take bookings, decide them and record handovers; rooms, terms of use and
    # deposits' money decisions (`kaution_entscheiden`) stay with the Quartiersmanagement.
    role_permissions: dict[str, list[str]] = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": [
            "view_*",
            "add_buchung",
            "change_buchung",
            "add_uebergabe",
            "change_uebergabe",
            "add_schadensfoto",
            "change_schadensfoto",
            "add_sperrzeit",
            "change_sperrzeit",
        ],
        # City staff: rooms and bookings and the figures; not handovers (deposits, damage)
        # or calendar tokens.
        "Stadtverwaltung": [
            "view_raum",
            "view_buchungszeit",
            "view_sperrzeit",
            "view_nutzungsvereinbarung",
            "view_serie",
            "view_buchung",
            "view_belegung",
        ],
    }
