"""Settings for a task worker that the tests start as a process of its own: the project's
settings with the database task queue (the suite itself runs tasks immediately) and mail
written as files into WORKER_MAIL_DIR."""

import os

from quartier.settings import *  # noqa: F403

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["WORKER_MAIL_DIR"]
