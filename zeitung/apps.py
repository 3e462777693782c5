from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZeitungConfig(AppConfig):
    name = "zeitung"
    verbose_name = _("Newspaper")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    role_permissions: dict[str, list[str]] = {}
