"""Every test starts from the same database, whatever ran before it (see tests/snapshot.py).

The tests of this file run in this order (pytest keeps a file's order, and xdist's
`--dist loadfile` keeps a file on one worker): a transactional test empties tables and
commits, as browser and race tests do; the tests after it must not notice.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from netzwerk.models import Akteur, Handlungsfeld
from quartier.models import Quartier, Seite
from quartier.roles import Rolle

from .factories import QuartierFactory


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_may_empty_tables_and_commit():
    Seite.objects.all().delete()
    Handlungsfeld.objects.all().delete()
    Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT).permissions.clear()
    QuartierFactory(slug="uebrig")
    ContentType.objects.get_for_model(Seite)  # cached here, with the flush's id afterwards


@pytest.mark.django_db
def test_the_next_test_finds_the_database_as_migrate_left_it(migrated_state):
    assert migrated_state.differences() == []
    assert set(Seite.objects.values_list("art", flat=True)) == set(Seite.Art.values)
    assert Handlungsfeld.objects.count() == 12
    assert Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT).permissions.exists()
    assert not Quartier.objects.exists()
    in_database = ContentType.objects.filter(app_label="quartier", model="seite").get()
    assert ContentType.objects.get_for_model(Seite).pk == in_database.pk


@pytest.mark.django_db
def test_the_world_is_whole_after_a_flush(world):
    qm = world.users["qm"]
    assert qm.has_perm("quartier.change_quartier")  # its role still points at the role
    assert Akteur.objects.get(pk=world.akteur_a.pk).name == world.akteur_a.name
    foto = world.extra["foto_oeffentlich"]
    assert foto.datei.storage.exists(foto.datei.name)  # and its files are this test's


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
