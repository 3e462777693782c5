from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnliegenConfig(AppConfig):
    name = "anliegen"
    verbose_name = _("Concerns")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    role_permissions = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": ["view_*", "add_*", "change_*"],
        # City staff read reports and aggregated figures, not residents' personal data:
        # the categories, and the public documentation with its figures at /anliegen/.
        "Stadtverwaltung": ["view_kategorie"],
    }
