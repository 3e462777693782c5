import pytest
from django.core.cache import cache

from .personas import build_world
from .utils import client_for


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world()


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
