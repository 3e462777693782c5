"""Every test starts from the same database, whatever ran before it (see tests/snapshot.py).

pytest-django runs a session's transactional tests after its other database tests, but a
transactional test of one session runs before every test of the next (`--reuse-db`), and
under xdist a worker may run any file's tests after another file's transactional ones.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from netzwerk.models import Akteur, Handlungsfeld
from quartier.models import Quartier, Seite
from quartier.roles import Rolle

from .factories import QuartierFactory
from .utils import database_url

ROOT = Path(__file__).resolve().parents[1]


def _empty_what_migrate_filled():
    Seite.objects.all().delete()
    Handlungsfeld.objects.all().delete()
    Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT).permissions.clear()
    QuartierFactory(slug="uebrig")
    ContentType.objects.get_for_model(Seite)  # cached with the id the flush will change


def _assert_as_migrate_left_it(migrated_state):
    assert migrated_state.differences() == []
    assert set(Seite.objects.values_list("art", flat=True)) == set(Seite.Art.values)
    assert Handlungsfeld.objects.count() == 12
    assert Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT).permissions.exists()
    assert not Quartier.objects.exists()
    in_database = ContentType.objects.filter(app_label="quartier", model="seite").get()
    assert ContentType.objects.get_for_model(Seite).pk == in_database.pk


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_may_empty_tables_and_commit():
    """Run by the two-session test below; on its own it only shows that it may."""
    _empty_what_migrate_filled()


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_database_is_as_migrate_left_it(migrated_state, world_snapshot):
    _empty_what_migrate_filled()
    # What pytest-django runs after every transactional test:
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    _assert_as_migrate_left_it(migrated_state)
    # The world's rows still fit (its users' roles are the same rows), committed here.
    world = world_snapshot.restore()
    assert world.users["qm"].has_perm("quartier.change_quartier")


@pytest.mark.django_db
def test_every_test_finds_the_database_as_migrate_left_it(migrated_state):
    _assert_as_migrate_left_it(migrated_state)


def test_a_session_after_one_that_ran_a_transactional_test_passes():
    """The case of the issue: one session runs a transactional test, the next one (with
    --reuse-db) the tests of the legal pages. Both in subprocesses, on a database of their
    own."""
    name = f"{connection.settings_dict['NAME'].removeprefix('test_')}_order"
    env = {**os.environ, "DATABASE_URL": database_url(name), "DEBUG": "0", "QUARTIER_TESTING": "1"}

    def pytest_(*args):
        return subprocess.run(  # noqa: S603 - our own interpreter and tests
            [sys.executable, "-m", "pytest", "-q", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    try:
        first = pytest_(
            "--create-db", f"{__file__}::test_a_transactional_test_may_empty_tables_and_commit"
        )
        assert first.returncode == 0, first.stdout[-3000:]
        second = pytest_(
            "--reuse-db",
            "tests/quartier/test_pages.py",
            f"{__file__}::test_every_test_finds_the_database_as_migrate_left_it",
        )
        assert second.returncode == 0, second.stdout[-3000:]
    finally:
        db = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            autocommit=True,
        ) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(f"test_{name}"))
            )


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_the_world_unchanged(world, run):
    """Whichever of the two runs first changes the world in memory, in the database and on
    disk; the other must not see any of it."""
    name = "Nachbarschaftsverein Brunnenviertel e. V."
    assert world.akteur_a.name == name
    assert Akteur.objects.get(pk=world.akteur_a.pk).name == name
    foto = world.extra["foto_oeffentlich"]
    assert foto.datei.storage.exists(foto.datei.name)
    assert Path(foto.datei.path).is_relative_to(Path(settings.MEDIA_ROOT).parent)  # this test's

    world.akteur_a.name = f"Geändert im Lauf {run}"
    Akteur.objects.filter(pk=world.akteur_a.pk).update(name=world.akteur_a.name)
    foto.datei.storage.delete(foto.datei.name)
    world.users["qm"].quartiere.clear()


def test_tests_without_the_world_do_not_see_it(db):
    assert not Quartier.objects.exists()
    assert not Akteur.objects.exists()
