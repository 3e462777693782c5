"""`manage.py db_worker`: django-tasks-db's worker, made to outlive a database restart.

The library's worker exits on the first database error that is not a locked SQLite file, so
a PostgreSQL restart ("the database system is shutting down") or a dropped connection ended
it, and new mails stayed unsent until someone restarted it by hand. This worker closes the
broken connection, waits 1, 2, 4 … at most 30 seconds, logs, and works on. It takes the
library's options unchanged; `quartier` is listed before `django_tasks_db` in INSTALLED_APPS
so that this command is the one `manage.py db_worker` runs.

A task that was running when the connection broke stays marked as running; our tasks are
idempotent and the mail outbox is swept by `send_pending_mail`, so its mail still goes out.
"""

import logging
import os
import time

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("quartier.worker")

DATABASE_DOWN = (OperationalError, InterfaceError)
MAX_PAUSE = 30


def pause(failures: int) -> int:
    """Seconds to wait after the n-th failure in a row: 1, 2, 4 … at most 30."""
    return min(2 ** max(failures - 1, 0), MAX_PAUSE)


def close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            pass  # already gone: the next query opens a new one


class ResilientWorker(db_worker.Worker):
    def run(self) -> None:
        failures = 0
        while self.running:
            try:
                if failures:
                    connections["default"].ensure_connection()  # back? then start afresh
                    logger.warning("Database reachable again; the worker goes on.")
                    failures = 0
                super().run()
                return
            except DATABASE_DOWN as exc:
                failures += 1
                seconds = pause(failures)
                logger.warning(
                    "Database unavailable (%s: %s); trying again in %s s.",
                    type(exc).__name__,
                    str(exc).strip().splitlines()[0] if str(exc).strip() else "",
                    seconds,
                )
                close_connections()
                time.sleep(seconds)


class Command(db_worker.Command):
    help = "Run the task worker (django-tasks-db), surviving database restarts."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("--reload and --batch cannot be used together: not reloading.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloader's child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
