"""Roles are Groups with model permissions.

Each app declares in its AppConfig which permissions each role gets (`role_permissions`,
codename patterns such as ``"view_*"``). `sync_roles` creates the groups and sets exactly
those permissions; it runs after every `migrate`, so roles stay in sync as apps add models.
Area scope (which Quartier) is not a permission: it is checked by querysets (`fuer(user)`).
"""

from fnmatch import fnmatch

from django.apps import apps as global_apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rolle(models.TextChoices):
    QUARTIERSMANAGEMENT = "Quartiersmanagement", _("Quartier management")
    MITARBEITENDE = "Mitarbeitende", _("Staff")
    REDAKTION = "Redaktion", _("Editorial team")
    PARTNER = "Partner", _("Partner")
    STADTVERWALTUNG = "Stadtverwaltung", _("City administration")


# Roles that work in the Django admin (is_staff); partners use the partner area only.
ADMIN_ROLES = {
    Rolle.QUARTIERSMANAGEMENT,
    Rolle.MITARBEITENDE,
    Rolle.REDAKTION,
    Rolle.STADTVERWALTUNG,
}


def permissions_for(rolle: str, *, apps=global_apps):
    """The Permission rows a role should have, gathered from every app's declaration."""
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for app_config in global_apps.get_app_configs():
        patterns = getattr(app_config, "role_permissions", {}).get(rolle, [])
        if not patterns:
            continue
        perms = Permission.objects.filter(content_type__app_label=app_config.label)
        for perm in perms:
            if any(fnmatch(perm.codename, pattern) for pattern in patterns):
                wanted.append(perm)
    return wanted


def sync_roles(*, apps=global_apps, verbosity: int = 0, **kwargs) -> None:
    Group = apps.get_model("auth", "Group")
    for rolle in Rolle:
        group, _created = Group.objects.get_or_create(name=rolle.value)
        group.permissions.set(permissions_for(rolle.value, apps=apps))
        if verbosity >= 2:
            print(f"Rolle {rolle.value}: {group.permissions.count()} Berechtigungen")
