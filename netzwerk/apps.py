from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Network")

    role_permissions = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": ["view_*", "add_*", "change_*"],
        # Not contact persons and committee members: personal data (names, phones), some
        # without consent to be shown.
        "Stadtverwaltung": [
            "view_akteur",
            "view_angebot",
            "view_gremium",
            "view_sitzung",
            "view_handlungsfeld",
        ],
    }
