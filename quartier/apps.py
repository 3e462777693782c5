from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, app_config=None, using="default", verbosity=0, **kwargs):
    # post_migrate fires once per app; permissions for apps later in INSTALLED_APPS may not
    # exist yet, so create them all first (idempotent), then set every role's permissions.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .roles import sync_roles

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles(verbosity=verbosity)


class QuartierConfig(AppConfig):
    name = "quartier"
    verbose_name = _("Quartier")
    default_auto_field = "django.db.models.BigAutoField"

    role_permissions = {
        "Quartiersmanagement": [
            "view_quartier",
            "change_quartier",
            "*_user",
            "*_seite",
            "view_outgoingmail",
            "change_outgoingmail",
            "view_auditentry",
        ],
        "Mitarbeitende": ["view_quartier", "view_seite", "view_outgoingmail"],
        "Redaktion": ["view_quartier"],
        "Stadtverwaltung": ["view_quartier"],
    }

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .converters import register

        register()  # `<token:…>` and `<uidb64:…>` for every app's URLs

        # Connected once, to the last app migrated, so all content types exist by then.
        post_migrate.connect(_sync_roles_after_migrate, sender=self, dispatch_uid="quartier_roles")
