"""No double booking under real concurrency: two app server processes (gunicorn) on the same
PostgreSQL test database, 50 parallel booking requests for overlapping slots."""

import os
import re
import socket
import subprocess
import sys
import time as time_module
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from quartier.roles import Rolle
from raeume.models import Buchung

from ..factories import AkteurFactory, QuartierFactory, UserFactory
from .factories import naechster, raeume, vereinbarung

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = ""
    if db.get("USER"):
        auth = urllib.parse.quote(db["USER"])
        if db.get("PASSWORD"):
            auth += ":" + urllib.parse.quote(db["PASSWORD"])
        auth += "@"
    host = db.get("HOST") or ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    if host.startswith("/"):
        return f"postgres://{auth}{port}/{db['NAME']}?host={urllib.parse.quote(host)}"
    return f"postgres://{auth}{host}{port}/{db['NAME']}"


@pytest.fixture
def two_servers(tmp_path):
    """Two gunicorn processes against the test database; stopped after the test."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "QUARTIER_TESTING": "1",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "EMAIL_URL": "dummy:",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    servers, logs = [], []
    for _ in range(2):
        port = _free_port()
        logs.append((tmp_path / f"gunicorn-{port}.log").open("w"))
        proc = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, loopback only
            [
                gunicorn,
                "quartier.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--worker-class=gthread",
                "--threads=12",
                "--timeout=30",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=logs[-1],
        )
        servers.append((f"http://127.0.0.1:{port}", proc))
    try:
        deadline = time_module.monotonic() + 25
        for base, proc in servers:
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=5) as r:  # noqa: S310
                        if r.status == 200:
                            break
                except OSError:  # not listening yet, or still loading
                    pass
                if proc.poll() is not None or time_module.monotonic() > deadline:
                    raise RuntimeError(Path(logs[0].name).read_text()[-2000:])
                time_module.sleep(0.2)
        yield [base for base, _proc in servers]
    finally:
        for _base, proc in servers:
            proc.terminate()
        for _base, proc in servers:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in logs:
            log.close()
        errors = "".join(Path(log.name).read_text() for log in logs)
        assert "Internal Server Error" not in errors, errors[-3000:]


@pytest.fixture
def partner_session():
    quartier = QuartierFactory(slug="rennquartier")
    rooms = raeume(quartier, prefix="renn-")
    vereinbarung(quartier)
    user = UserFactory(email="renn@example.org", rolle=Rolle.PARTNER)
    akteur = AkteurFactory(quartiere=[quartier], mitglieder=[user])
    client = Client()
    client.force_login(user)
    return rooms, akteur, client.cookies["sessionid"].value


def _login(base: str, session: str) -> tuple[str, str]:
    """The Cookie header and the form's CSRF token for a logged-in session on `base`."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    with opener.open(f"{base}/partner/buchungen/neu/", timeout=15) as r:  # noqa: S310
        html = r.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    return f"sessionid={session}; csrftoken={csrf}", token


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _fire(servers, session, payloads) -> list[tuple[int, str]]:
    """POST every payload at once, alternating between the two servers."""
    logins = [_login(base, session) for base in servers]
    opener = urllib.request.build_opener(_NoRedirect)

    def post(index_payload):
        index, payload = index_payload
        base, (cookie, token) = servers[index % 2], logins[index % 2]
        data = urllib.parse.urlencode({**payload, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(  # noqa: S310
            f"{base}/partner/buchungen/neu/",
            data=data.encode(),
            method="POST",
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with opener.open(request, timeout=25) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        return list(pool.map(post, enumerate(payloads)))


def _payload(akteur, raum, tag, von: str, bis: str, zusatz=()):
    return {
        "akteur": akteur.pk,
        "raum": raum.pk,
        "zusatzraeume": [z.pk for z in zusatz],
        "datum": f"{tag:%Y-%m-%d}",
        "von": von,
        "bis": bis,
        "art": "veranstaltung",
        "zweck": "Feier",
        "personen": 30,
        "nutzungsvereinbarung": "on",
        "bei_konflikt": "rest",
    }


def _assert_one_winner(results, raum):
    statuses = [status for status, _body in results]
    assert statuses.count(302) == 1, statuses
    refusals = [body for status, body in results if status == 200]
    assert len(refusals) == 49, statuses
    message = re.compile(r"ist am \d\d\.\d\d\.\d{4} von \d\d:\d\d bis \d\d:\d\d belegt")
    assert all(message.search(body) for body in refusals)
    assert Buchung.objects.filter(raum=raum, status__in=Buchung.AKTIV).count() == 1


def test_fifty_parallel_requests_on_two_servers_give_exactly_one_booking(
    two_servers, partner_session
):
    rooms, akteur, session = partner_session
    tag = naechster(5, wochen=3)
    slots = [("10:00", "12:00"), ("10:15", "12:15"), ("10:30", "12:30"), ("11:45", "13:00")]
    payloads = [_payload(akteur, rooms["saal"], tag, *slots[i % 4]) for i in range(50)]
    _assert_one_winner(_fire(two_servers, session, payloads), rooms["saal"])


def test_kitchen_clashes_make_hall_bookings_race_safe(two_servers, partner_session):
    """Hall 10–12 and hall 12:30–14:30 do not clash, but with the kitchen (two hours of
    cleaning) they do: of 50 parallel requests for either slot, exactly one wins."""
    rooms, akteur, session = partner_session
    tag = naechster(6, wochen=3)
    payloads = [
        _payload(
            akteur,
            rooms["saal"],
            tag,
            *(("10:00", "12:00") if i % 2 else ("12:30", "14:30")),
            zusatz=[rooms["kueche"]],
        )
        for i in range(50)
    ]
    _assert_one_winner(_fire(two_servers, session, payloads), rooms["saal"])
