from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VeranstaltungenConfig(AppConfig):
    name = "veranstaltungen"
    verbose_name = _("Events and rooms")

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
            "add_veranstaltung",
            "change_veranstaltung",
            "change_anmeldung",
        ],
        # City staff: rooms, bookings, events and the figures; not participants' personal
        # data (registrations, with answers such as accessibility needs), handovers or
        # calendar tokens.
        "Stadtverwaltung": [
            "view_raum",
            "view_buchungszeit",
            "view_sperrzeit",
            "view_nutzungsvereinbarung",
            "view_serie",
            "view_buchung",
            "view_belegung",
            "view_veranstaltung",
        ],
    }
