from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Network")

    role_permissions = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": ["view_*", "add_*", "change_*"],
        "Stadtverwaltung": ["view_*"],
    }
