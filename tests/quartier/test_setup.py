"""Configuration, deployment check, demo data and the German catalogue."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from netzwerk.models import Akteur
from quartier.models import Quartier, User

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra):
    skip = {"QUARTIER_TESTING", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(env_extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Production settings pass the deploy check once the legal pages are complete: the check
# reads the database, so that test is in test_rechtliche_seiten.py
# (test_production_with_complete_legal_pages_passes_the_deploy_check).


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", "--deploy", env_extra={"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    # The WSGI application (gunicorn) refuses to load.
    env = {k: v for k, v in os.environ.items() if k not in {"QUARTIER_TESTING", "DEBUG"}}
    env.update(DEBUG="0", SECRET_KEY="")
    wsgi = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import quartier.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert wsgi.returncode != 0
    assert "SECRET_KEY must be set" in wsgi.stderr


def test_makemigrations_check_runs_without_any_configuration():
    result = run_manage("makemigrations", "--check", "--dry-run", env_extra={})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.django_db
def test_demo_is_idempotent():
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    counts = (Quartier.objects.count(), User.objects.count(), Akteur.objects.count())
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Quartier.objects.count(), User.objects.count(), Akteur.objects.count()) == counts
    qm = User.objects.get(email="qm@quartier.example")
    assert qm.check_password("quartier-demo")
    assert qm.has_role("Quartiersmanagement")
    assert User.objects.get(email="partner@quartier.example").akteure.exists()


@pytest.mark.django_db
def test_demo_once_keeps_existing_data():
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Quartier.objects.filter(slug="brunnenviertel").update(name="Umbenannt")
    call_command("demo", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Quartier.objects.get(slug="brunnenviertel").name == "Umbenannt"


def msgids(po_text: str) -> set[str]:
    ids = set()
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            ids.add("".join(re.findall(r'"(.*)"', match.group(1))))
    ids.discard("")
    return ids


def test_german_catalogue_is_complete_and_current(tmp_path):
    """Every string in the code is in the catalogue, and every entry is translated."""
    po_path = ROOT / "locale/de/LC_MESSAGES/django.po"
    committed = po_path.read_text()
    for block in committed.split("\n\n"):
        if block.startswith("#~") or 'msgid ""\nmsgstr ""\n"' in block:
            continue
        assert "#, fuzzy" not in block, f"fuzzy entry:\n{block}"
        assert not re.search(r'msgstr(\[\d\])? ""\n?$', block.strip() + "\n"), (
            f"untranslated:\n{block}"
        )
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            "node_modules",
            "staticfiles",
            "var",
            ".git",
            ".pgdata",
            "build",
            "*.egg-info",
            "__pycache__",
        ),
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete", "--no-location"],
        cwd=copy,
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = msgids((copy / "locale/de/LC_MESSAGES/django.po").read_text())
    missing = fresh - msgids(committed)
    assert not missing, f"strings not in the catalogue (run `make messages`): {sorted(missing)}"


def _site_url(env_extra):
    skip = {"SITE_URL", "PORT"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(env_extra)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from quartier import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_mail_links_follow_the_development_port():
    """`PORT=8123 make run` serves on 127.0.0.1:8123 (bin/dev); mails must link there."""
    assert _site_url({"PORT": "8123"}) == "http://127.0.0.1:8123"
    assert _site_url({}) == "http://127.0.0.1:8000"
    assert _site_url({"PORT": "8123", "SITE_URL": "https://quartier.example/"}) == (
        "https://quartier.example"
    )
