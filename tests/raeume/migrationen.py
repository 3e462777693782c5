"""Tests that run a database back to an old migration state must leave it at the newest
one, whatever happens: `alter_stand` migrates there, gives the historical models, and
migrates forward to the newest state on the way out."""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrieren(ziele) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(ziele)
    ContentType.objects.clear_cache()  # content types may have changed their app
    return MigrationExecutor(connection)  # a fresh loader that knows what is applied


def neuester_stand() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def historische_apps(executor: MigrationExecutor):
    """The models as the applied migrations left them (`(app, None)` targets included)."""
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


@contextmanager
def alter_stand(ziele):
    """Migrate to `ziele` (`(app, None)`: none of the app's migrations) and yield the
    historical models there; back to the newest state afterwards, whatever happens."""
    try:
        yield historische_apps(migrieren(ziele))
    finally:
        migrieren(neuester_stand())
