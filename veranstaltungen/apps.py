from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VeranstaltungenConfig(AppConfig):
    name = "veranstaltungen"
    verbose_name = _("Events")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    # The rooms' permissions are declared by `raeume`.
    role_permissions: dict[str, list[str]] = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": [
            "view_*",
            "add_veranstaltung",
            "change_veranstaltung",
            "change_anmeldung",
        ],
        # City staff: events and the figures; not participants' personal data
        # (registrations, with answers such as accessibility needs).
        "Stadtverwaltung": ["view_veranstaltung"],
    }
