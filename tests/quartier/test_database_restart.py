"""A PostgreSQL restart under a running gunicorn, for real: while the database is away every
page answers 503 (never 500), and afterwards 200 again without restarting anything."""

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .dbproxy import DatabaseProxy, database_url, wait_for

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/partner/anmelden/", "/anliegen/pin/", "/gibt-es-nicht/", "/healthz"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)
    except OSError:
        return 0, {}


@pytest.fixture
def server(django_db_setup, django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        proxy = DatabaseProxy().start()
        url = database_url(proxy.port)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "QUARTIER_TESTING": "1", "DEBUG": "0"}
    # Every page rendered: a public page from the cache would (rightly) answer 200 while
    # the database is down, and this is about the pages that need it.
    env["PUBLIC_CACHE_SECONDS"] = "0"
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "quartier.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: status(base + "/healthz")[0] == 200, timeout=60, message="no server")
        yield base, proxy, tmp_path / "gunicorn.log"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        proxy.stop()


def test_pages_answer_503_while_the_database_restarts_and_200_after(server):
    base, proxy, log = server
    assert {page: status(base + page)[0] for page in PAGES} == {
        "/": 200,
        "/partner/anmelden/": 200,
        "/anliegen/pin/": 200,
        "/gibt-es-nicht/": 404,
        "/healthz": 200,
    }

    proxy.stop()
    for _round in range(3):
        for page in PAGES:
            code, headers = status(base + page)
            assert code == 503, f"{page}: {code} while the database is down\n{log.read_text()}"
            assert headers.get("Retry-After") == "60" or page == "/healthz"

    proxy.start()
    wait_for(lambda: status(base + "/")[0] == 200, timeout=30, message="not back after restart")
    assert [status(base + page)[0] for page in PAGES] == [200, 200, 200, 404, 200]
    assert "Internal Server Error" not in log.read_text()
