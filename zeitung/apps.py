from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZeitungConfig(AppConfig):
    name = "zeitung"
    verbose_name = _("Newspaper")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    # The editorial team and the quartier management make the newspaper and release its
    # articles; other staff read along (and may suggest), city staff have no part in it.
    role_permissions: dict[str, list[str]] = {
        "Quartiersmanagement": ["*"],
        "Redaktion": [
            "view_*",
            "add_*",
            "change_*",
            "delete_artikel",
            "delete_artikelfoto",
            # a subscriber's wish to be removed, passed on to the office
            "delete_abonnement",
            "freigeben_artikel",
        ],
        "Mitarbeitende": ["view_*"],
    }

    def ready(self):
        from quartier.datenschutz import registrieren

        from .datenschutz import BEREICH

        registrieren(BEREICH)
