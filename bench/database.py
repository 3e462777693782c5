"""The benchmark's own databases, on the developer's PostgreSQL server but never their data.

- `quartier_bench` holds the loaded data (`manage.py demo --scale city`). It is loaded once
  and kept: loading the city data set takes long. Its marker is the database's comment
  (`COMMENT ON DATABASE`): when it was loaded, in how many seconds, and a hash of the demo
  code and migrations that made it. A database without the marker (a load that broke off)
  is loaded again; `make bench FRESH=1` always is. New migrations are applied to the kept
  data, as in production; when the demo code changed since, the run says so (the figures
  then describe older data) and records the hash, so a comparison can tell.
- `quartier_bench_run` is a fresh copy of it for every run (`CREATE DATABASE … TEMPLATE`):
  the run books rooms and files concerns, and without the copy every run would find fewer
  free slots and more rows than the one before, and the figures would drift.
"""

import hashlib
import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

TEMPLATE = "quartier_bench"
RUN = "quartier_bench_run"
MARKER = "quartier-bench "


def url_with_name(url: str, name: str) -> str:
    """The same server and credentials, another database."""
    head, _, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    location = rest.rsplit("/", 1)[0] if "/" in rest else rest
    return f"{scheme}://{location}/{name}" + (f"?{query}" if query else "")


def _admin_connection(url: str) -> psycopg.Connection:
    cfg = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres",
        host=cfg["HOST"] or None,
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        autocommit=True,
    )


def data_hash(root: Path) -> str:
    """What the loaded data depends on: every app's demo code and its migrations."""
    digest = hashlib.sha256()
    files = [
        *root.glob("*/demo.py"),
        *root.glob("*/demo_stadt.py"),
        *root.glob("*/management/commands/demo.py"),
        *root.glob("*/migrations/0*.py"),
    ]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_marker(url: str) -> dict | None:
    with _admin_connection(url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [TEMPLATE],
        ).fetchone()
    if row is None or not (row[0] or "").startswith(MARKER):
        return None
    return json.loads(row[0].removeprefix(MARKER))


def _manage(*args: str, env: dict[str, str], root: Path) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env, check=True)  # noqa: S603


def prepare(*, base_url: str, root: Path, env: dict[str, str], fresh: bool, say) -> dict:
    """Make sure `quartier_bench` holds the data; return its marker."""
    url = url_with_name(base_url, TEMPLATE)
    env = {**env, "DATABASE_URL": url}
    marker = read_marker(base_url)
    current = data_hash(root)
    if fresh or marker is None:
        say(
            "Loading the benchmark data into "
            f"{TEMPLATE} ({'FRESH=1' if fresh else 'not loaded yet'}): manage.py demo --scale city"
        )
        with _admin_connection(base_url) as conn:
            name = sql.Identifier(TEMPLATE)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        started = time.monotonic()
        _manage("migrate", "--no-input", "-v", "0", env=env, root=root)
        _manage("demo", "--scale", "city", env=env, root=root)
        seconds = round(time.monotonic() - started, 1)
        marker = {
            "hash": current,
            "loaded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "seconds": seconds,
            "scale": "city",
        }
        with _admin_connection(base_url) as conn:
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(TEMPLATE), sql.Literal(MARKER + json.dumps(marker))
                )
            )
        say(f"Data loaded in {seconds:.0f} s (migrate and demo); kept for the next runs.")
    else:
        say(
            f"Benchmark data from {marker['loaded_at']} (loaded in {marker['seconds']:.0f} s); "
            "FRESH=1 loads it anew"
        )
        _manage("migrate", "--no-input", "-v", "0", env=env, root=root)
        if marker["hash"] != current:
            say(
                "Note: the demo code or migrations changed since the data was loaded; "
                "the figures describe the older data (FRESH=1 reloads it)."
            )
    return {**marker, "current_hash": current}


def copy_for_run(base_url: str) -> tuple[str, float]:
    """A fresh copy of the loaded data for this run; its URL and how long copying took."""
    started = time.monotonic()
    with _admin_connection(base_url) as conn:
        run, template = sql.Identifier(RUN), sql.Identifier(TEMPLATE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(run))
        # FILE_COPY copies the files instead of logging every page: faster for a big data set.
        strategy = (
            sql.SQL(" STRATEGY FILE_COPY") if conn.info.server_version >= 150000 else sql.SQL("")
        )
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}{}").format(run, template, strategy))
    return url_with_name(base_url, RUN), time.monotonic() - started
