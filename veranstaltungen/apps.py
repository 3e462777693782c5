from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VeranstaltungenConfig(AppConfig):
    name = "veranstaltungen"
    verbose_name = _("Events and rooms")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    role_permissions: dict[str, list[str]] = {}
