"""The task worker outlives the database: its connection killed, the server restarting, it
waits, reconnects and delivers the next mail."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from quartier.mail import queue_mail
from quartier.management.commands import db_worker
from quartier.models import OutgoingMail

from .dbproxy import DatabaseProxy, database_url, wait_for

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_the_pause_grows_to_at_most_thirty_seconds():
    assert [db_worker.pause(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 30, 30, 30]


def test_the_worker_waits_longer_while_the_database_stays_down(monkeypatch):
    """The loop itself: the library's loop fails, the database is still down at the first
    probe (1 s, then 2 s), back at the second: the library's loop runs again."""
    calls, pauses = [], []

    def library_loop(self):
        calls.append("loop")
        if calls.count("loop") == 1:
            raise OperationalError("the database system is shutting down")

    def probe():
        calls.append("probe")
        if calls.count("probe") == 1:
            raise OperationalError("connection refused")

    monkeypatch.setattr(db_worker.db_worker.Worker, "run", library_loop)
    monkeypatch.setattr(db_worker.time, "sleep", pauses.append)
    monkeypatch.setattr(db_worker, "close_connections", lambda: calls.append("closed"))
    monkeypatch.setattr(db_worker.connections["default"], "ensure_connection", probe)
    worker = db_worker.ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.run()
    assert pauses == [1, 2]
    assert calls == ["loop", "closed", "probe", "closed", "probe", "loop"]


@pytest.fixture
def proxy():
    proxy = DatabaseProxy().start()
    yield proxy
    proxy.stop()


@pytest.fixture
def worker(proxy, tmp_path):
    """`manage.py db_worker` as production runs it, through the proxy, with a connection kept
    open between polls (CONN_MAX_AGE) so that killing it is felt."""
    name = f"quartier-worker-test-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": database_url(proxy.port),
        "DB_CONN_MAX_AGE": "600",
        "PGAPPNAME": name,
        "WORKER_MAIL_DIR": str(tmp_path / "mail"),
        "QUARTIER_TESTING": "1",
        "DEBUG": "0",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.application_name = name
    process.log = tmp_path / "worker.log"
    yield process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()


def backend_pids(application_name: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application_name]
        )
        return [pid for (pid,) in cursor.fetchall()]


def mail(subject: str) -> OutgoingMail:
    return queue_mail(to=["anwohnerin@example.org"], subject=subject, body="Hallo")


def delivered(mail_id: int) -> bool:
    return OutgoingMail.objects.filter(pk=mail_id, sent_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_killed_connection_and_a_restart(settings, proxy, worker, tmp_path):
    settings.TASKS = DATABASE_TASKS  # the mails are queued for the worker, not run here
    first = mail("Vor dem Neustart")
    wait_for(lambda: delivered(first.pk), timeout=60, message="the worker never delivered")
    pids = wait_for(lambda: backend_pids(worker.application_name), timeout=10)

    # The operator's restart: the worker's connection is killed, and for a few seconds
    # nothing can connect.
    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    proxy.stop()
    second = mail("Während des Neustarts")  # accepted by the web app, stored
    wait_for(
        lambda: worker.poll() is not None or "Database unavailable" in worker.log.read_text(),
        timeout=20,
        message="the worker did not notice the outage",
    )
    assert worker.poll() is None, f"the worker died:\n{worker.log.read_text()}"
    proxy.start()

    wait_for(lambda: delivered(second.pk), timeout=60, message=worker.log.read_text())
    assert worker.poll() is None, "the worker is still running"
    third = mail("Nach dem Neustart")
    wait_for(lambda: delivered(third.pk), timeout=30, message=worker.log.read_text())
    assert len(list((tmp_path / "mail").iterdir())) == 3  # each mail once
    assert "Database reachable again" in worker.log.read_text()
