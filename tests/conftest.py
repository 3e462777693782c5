import pytest
from django.core.cache import cache

from .personas import build_world
from .snapshot import MigratedState, WorldSnapshot
from .utils import client_for

_kept = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database as migrate left it, kept aside and restored after every flush, and
    the shared world, built once and kept aside (see tests/snapshot.py)."""
    with django_db_blocker.unblock():
        _kept["migrated"] = MigratedState()
        _kept["migrated"].restore_after_every_flush()
        _kept["world"] = WorldSnapshot(
            build_world, migrated=_kept["migrated"], files=tmp_path_factory.mktemp("world")
        )
    yield


@pytest.fixture(scope="session")
def migrated_state(django_db_setup) -> MigratedState:
    return _kept["migrated"]


@pytest.fixture(scope="session")
def world_snapshot(django_db_setup) -> WorldSnapshot:
    return _kept["world"]


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db, world_snapshot, _media_root):
    """The shared world (tests/personas.py), fresh for this test: its rows are inserted in
    the test's transaction, its objects and files are this test's own."""
    return world_snapshot.restore()


@pytest.fixture
def persona_client(world):
    """`persona_client("qm")` gives a logged-in test client for that persona."""
    return lambda persona: client_for(world, persona)


@pytest.fixture
def qm_client(world):
    return client_for(world, "qm")


@pytest.fixture
def partner_a_client(world):
    return client_for(world, "partner_a")
