"""The rows every test starts from, kept aside once per session and put back fast.

Two layers, each copied into a PostgreSQL schema of its own in the test database:

- The migrated state (schema `test_migrated`): what `migrate` left, i.e. content types,
  permissions, roles, legal pages, the fields of action. Transactional tests (browser, race
  and parallel tests) end with a `flush` that empties every table, and `flush` recreates
  only part of it (with new primary keys). `MigratedState.restore` puts the whole state
  back with its old keys right after every flush, so whatever ran before, the next test
  finds the database as `migrate` left it.
- The shared world of `tests/personas.py` (schema `test_world`): built once per session in
  a transaction that is rolled back, after its rows were copied aside. A test that asks for
  the world gets them inserted again, in one statement, inside its own transaction (so they
  roll back with it), and its own copy of the `World` objects, with the same primary keys.
  Tests that do not ask for the world never see it.
"""

# The SQL here is built from table and column names read from PostgreSQL's catalogue and
# quoted with quote_name; no value from outside ever goes into it.
# ruff: noqa: S608

import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_migrate
from django.test import override_settings

from quartier.storage import private_storage

MIGRATED = "test_migrated"
WORLD = "test_world"
APPLIED = "applied_migrations__"  # no Django table is named so


@dataclass(frozen=True)
class Table:
    name: str
    columns: str  # the stored (not generated) columns, quoted, comma-separated
    key: str  # the primary key column(s), quoted, as a row constructor

    def rows_outside(self, schema: str) -> str:
        """The rows of the table that are not in `schema`'s copy of it."""
        return (
            f"SELECT {self.columns} FROM {_q(self.name)} "
            f"WHERE ({self.key}) NOT IN (SELECT {self.key} FROM {schema}.{_q(self.name)})"
        )

    def insert_from(self, schema: str) -> str:
        return (
            f"INSERT INTO {_q(self.name)} ({self.columns}) "
            f"SELECT {self.columns} FROM {schema}.{_q(self.name)}"
        )


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _columns_by_table(cursor, sql: str, names: list[str]) -> dict[str, str]:
    """(table, column) rows of a catalogue query as {table: quoted, comma-separated columns}."""
    cursor.execute(sql, [names])
    columns: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        columns.setdefault(table, []).append(_q(column))
    return {table: ", ".join(names) for table, names in columns.items()}


def _tables(cursor) -> list[Table]:
    names = sorted(connection.introspection.django_table_names(only_existing=True))
    columns = _columns_by_table(
        cursor,
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = ANY(%s)"
        " AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position",
        names,
    )
    keys = _columns_by_table(
        cursor,
        "SELECT c.relname, a.attname FROM pg_index i"
        " JOIN pg_class c ON c.oid = i.indrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()"
        " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indisprimary AND c.relname = ANY(%s) ORDER BY c.relname, a.attnum",
        names,
    )
    missing = sorted(set(names) - set(keys))
    if missing:
        raise RuntimeError(f"tables without a primary key cannot be kept aside: {missing}")
    return [Table(name, columns[name], keys[name]) for name in names]


def _non_empty(cursor, schema: str, tables: list[Table]) -> list[Table]:
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT {i} FROM {schema}.{_q(t.name)} HAVING count(*) > 0"
            for i, t in enumerate(tables)
        )
    )
    return [tables[i] for (i,) in cursor.fetchall()]


class MigratedState:
    """The rows `migrate` left, and the statement that puts them back after a flush.

    The copy stays in the test database for the next session: with `--reuse-db` and the same
    migrations applied, the next session starts by putting it back, so rows that a killed
    run left behind (a browser test stopped before its flush) are gone. After new migrations
    it is taken anew; `--create-db` (as `make test` runs) always takes it from scratch.
    """

    def __init__(self) -> None:
        with connection.cursor() as cursor:
            self.tables = _tables(cursor)
            kept_before = self._kept_for_these_migrations(cursor)
            if not kept_before:
                cursor.execute(
                    f"DROP SCHEMA IF EXISTS {MIGRATED} CASCADE; CREATE SCHEMA {MIGRATED};"
                    + "".join(
                        f" CREATE TABLE {MIGRATED}.{_q(t.name)} AS SELECT {t.columns}"
                        f" FROM {_q(t.name)};"
                        for t in self.tables
                    )
                    + f" CREATE TABLE {MIGRATED}.{APPLIED} AS"
                    " SELECT app, name FROM django_migrations"
                )
            cursor.execute(f"DROP SCHEMA IF EXISTS {WORLD} CASCADE")
            self.kept = _non_empty(cursor, MIGRATED, self.tables)
        # After a flush the tables hold only what post_migrate recreated: DELETE is much
        # faster there than a second TRUNCATE.
        deletes = "".join(f"DELETE FROM {_q(t.name)}; " for t in self.tables)
        self.restore_sql = deletes + "; ".join(t.insert_from(MIGRATED) for t in self.kept)
        if kept_before:
            self.restore()

    @staticmethod
    def _kept_for_these_migrations(cursor) -> bool:
        cursor.execute(f"SELECT to_regclass('{MIGRATED}.{APPLIED}') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        applied = "SELECT app, name FROM django_migrations"
        kept = f"SELECT app, name FROM {MIGRATED}.{APPLIED}"
        cursor.execute(
            f"SELECT NOT EXISTS (({applied} EXCEPT {kept}) UNION ALL ({kept} EXCEPT {applied}))"
        )
        return cursor.fetchone()[0]

    def restore(self) -> None:
        # One round trip: PostgreSQL runs the statements of one query as one transaction and
        # checks the (deferred) foreign keys at its end.
        with connection.cursor() as cursor:
            cursor.execute(self.restore_sql)
        ContentType.objects.clear_cache()  # the flush's content types had other ids

    def differences(self, *, added: bool = True) -> list[str]:
        """The tables whose rows are not the kept ones: a kept row changed or deleted, or
        (with `added`) a row that was not there."""
        parts = []
        for i, t in enumerate(self.tables):
            kept = f"SELECT {t.columns} FROM {MIGRATED}.{_q(t.name)}"
            now = f"SELECT {t.columns} FROM {_q(t.name)}"
            diff = f"({kept} EXCEPT ALL {now})"
            if added:
                diff += f" UNION ALL ({now} EXCEPT ALL {kept})"
            parts.append(f"(SELECT {i} FROM ({diff}) AS d LIMIT 1)")
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts))
            return [self.tables[i].name for (i,) in cursor.fetchall()]

    def restore_after_every_flush(self) -> None:
        # `flush` sends post_migrate for every app, in INSTALLED_APPS order, without a plan;
        # connected to the last app, this runs after the apps' own handlers.
        last = [c for c in apps.get_app_configs() if c.models_module is not None][-1]
        post_migrate.connect(self._after_flush, sender=last, dispatch_uid="tests_migrated_state")

    def _after_flush(self, sender, using="default", **kwargs) -> None:
        if "plan" in kwargs or using != connection.alias:  # a real migrate, not a flush
            return
        self.restore()


class WorldSnapshot:
    """The rows and media files of one built world, to give each test a fresh copy."""

    def __init__(self, build, *, migrated: MigratedState, files: Path) -> None:
        self.files = files
        copies: dict[Table, bytes] = {}
        with (
            override_settings(MEDIA_ROOT=files / "media", PRIVATE_MEDIA_ROOT=files / "private"),
            transaction.atomic(),
        ):
            world = build()
            self.pickled = pickle.dumps(world)
            changed = migrated.differences(added=False)
            if changed:
                raise RuntimeError(
                    f"building the world changed rows that migrate created in {changed}: "
                    "the world may only add rows"
                )
            with connection.cursor() as cursor:
                for table in migrated.tables:
                    sql = f"COPY ({table.rows_outside(MIGRATED)}) TO STDOUT"
                    with cursor.copy(sql) as copy:
                        data = b"".join(bytes(block) for block in copy)
                    if data:
                        copies[table] = data
            # Like a test's transaction: nothing is committed, no on_commit callback runs.
            transaction.set_rollback(True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE SCHEMA {WORLD};"
                + "".join(
                    f" CREATE TABLE {WORLD}.{_q(t.name)} AS SELECT {t.columns}"
                    f" FROM {_q(t.name)} WITH NO DATA;"
                    for t in copies
                )
            )
            for table, data in copies.items():
                with cursor.copy(f"COPY {WORLD}.{_q(table.name)} FROM STDIN") as copy:
                    copy.write(data)
        self.insert_sql = "; ".join(t.insert_from(WORLD) for t in copies)

    def restore(self):
        """Insert the world's rows (in the caller's transaction), copy its files into the
        current MEDIA_ROOT and private storage, and return new objects for them."""
        with connection.cursor() as cursor:
            cursor.execute(self.insert_sql)
        for name, target in [("media", settings.MEDIA_ROOT), ("private", private_storage.location)]:
            if (self.files / name).exists():
                shutil.copytree(self.files / name, target, dirs_exist_ok=True)
        return pickle.loads(self.pickled)  # noqa: S301 - our own bytes from this session
