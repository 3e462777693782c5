"""The shared cache on Redis (`CACHE_URL=redis://…`, several app servers): Debian's
redis-server, started here on a free loopback port, serves the page cache and the rate
limits as the file cache does, and is never stale."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from veranstaltungen import services as veranstaltungen_services

from ..veranstaltungen.factories import veranstaltung


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: `make test` installs Debian's redis-server.")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(  # noqa: S603
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield cache
    cache.clear()


def test_pages_from_redis_are_served_without_a_query_and_never_stale(
    world, client, redis_cache, django_assert_max_num_queries
):
    beginn = timezone.now() + timedelta(days=3)
    event = veranstaltung(world.quartier_a, beginn, titel="Hofflohmarkt im Redis", oeffentlich=True)
    url = reverse("veranstaltungen:veranstaltung_list")
    assert "Hofflohmarkt im Redis" in client.get(url).content.decode()
    with django_assert_max_num_queries(0):
        assert "Hofflohmarkt im Redis" in client.get(url).content.decode()
    assert any(
        key.startswith(b":1:quartier-cache:") for key in redis_cache._cache.get_client().keys()
    )

    veranstaltungen_services.veranstaltung_absagen(
        veranstaltung=event, user=None, notiz="Fällt wegen Regen aus."
    )
    assert "Fällt wegen Regen aus." in client.get(url).content.decode()
