from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


def _after_migrate(sender, app_config=None, using="default", verbosity=0, **kwargs):
    """Roles and legal pages after every `migrate`, and after every `flush` (which empties
    the tables the data migrations filled: the test suite flushes after each transactional
    test)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from .roles import sync_roles
    from .seiten import create_legal_pages

    # `migrate` passes the migrated state's apps; `flush` passes none (all models exist).
    apps = kwargs.get("apps") or global_apps
    try:
        apps.get_model("quartier", "Seite")
    except LookupError:  # quartier migrated back to zero
        return
    # post_migrate fires once per app; permissions for apps later in INSTALLED_APPS may not
    # exist yet, so create them all first (idempotent), then set every role's permissions.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles(verbosity=verbosity)
    create_legal_pages(apps=apps)


class QuartierConfig(AppConfig):
    default = True  # this module holds another AppConfig (TasksConfig)
    name = "quartier"
    verbose_name = _("Quartier")
    default_auto_field = "django.db.models.BigAutoField"

    role_permissions = {
        "Quartiersmanagement": [
            "view_quartier",
            "change_quartier",
            "*_quartiersstrasse",
            "*_user",
            "*_seite",
            "view_outgoingmail",
            "change_outgoingmail",
            "view_auditentry",
            "view_berichtsdatei",
            "*_stadtteildaten",
        ],
        "Mitarbeitende": [
            "view_quartier",
            "view_quartiersstrasse",
            "view_seite",
            "view_outgoingmail",
            "view_berichtsdatei",
            "view_stadtteildaten",
            "add_stadtteildaten",
            "change_stadtteildaten",
        ],
        "Redaktion": ["view_quartier"],
        "Stadtverwaltung": ["view_quartier", "view_berichtsdatei"],
    }

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .converters import register

        register()  # `<token:…>` and `<uidb64:…>` for every app's URLs

        from .cache import connect_signals

        connect_signals()  # every write a public page shows makes its cached copy obsolete

        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="quartier_after_migrate")

        from .reporting import autodiscover

        autodiscover()  # every app's `berichte` module: its sections of the city's report


def _task_result_str(result) -> str:
    return f"{result.task_path} ({str(result.pk)[:8]})"


class TasksConfig(TasksAppConfig):
    """django-tasks-db's app, named in German in the back office."""

    default = False

    def ready(self) -> None:
        super().ready()
        from django_tasks_db.models import DBTaskResult

        # Named by its task, not "DBTaskResult object (…)", in the operators' pages.
        DBTaskResult.__str__ = _task_result_str

    verbose_name = _("Background tasks")
