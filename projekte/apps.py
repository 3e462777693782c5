from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjekteConfig(AppConfig):
    name = "projekte"
    verbose_name = _("Projects")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    role_permissions: dict[str, list[str]] = {}
