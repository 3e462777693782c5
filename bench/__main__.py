"""`make bench`: a load test of the portal as production serves it, with the floor measured
in the same run. `bin/dev bench` installs what it needs and calls `python -m bench`.

    python -m bench [--fresh] [--scenarios a,b] [--duration 15] [--compare OLD.json]
    python -m bench --compare OLD.json --against NEW.json     (no run, only the comparison)

One run: the data (bench.database), a fresh copy of it, collectstatic, gunicorn with
production settings (bench.server), log-ins through the real forms, then every scenario
(bench.scenarios) for a warm-up and `--duration` seconds at 8 concurrent clients (wrk,
bench.generator), the floor at the start, in the middle and at the end; the SQL query count
of one request of each scenario is taken in-process with Django's test client (the server's
middleware stays exactly as in production). Prints the table, writes var/bench/<date>.json.
"""

import argparse
import json
import math
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
from collections import deque
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from . import database, generator, report
from .server import Browser, Server, cpu_seconds, production_env

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
CONNECTIONS = 8
# The public forms' rate limits are per address, and every request of the benchmark comes
# from 127.0.0.1: they are raised for the bench server, and the run says so. The time traps
# (minimum time to fill in a form) stay as configured.
RAISED_LIMITS = {
    "ANLIEGEN_LIMIT_PRO_STUNDE": "1000000",
    "ANMELDUNG_LIMIT_PRO_STUNDE": "1000000",
}
LOGINS = {
    "partner": "/partner/anmelden/",
    "qm": "/admin/login/?next=/admin/",
    "betrieb": "/admin/login/?next=/admin/",
}
BOUNDARY = "----quartier-bench-form"


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def git(*args: str) -> str:
    out = subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()


def machine_info() -> dict:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "loadavg_before": list(os.getloadavg()),
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "python": platform.python_version(),
        "generator": generator.available(),
    }


def encode(fields: dict[str, str], *, multipart: bool) -> tuple[bytes, str]:
    """A form body as a browser sends it, and its content type."""
    if not multipart:
        return urlencode(fields).encode(), "application/x-www-form-urlencoded"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(f"--{BOUNDARY}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={BOUNDARY}"


class FormPool:
    """Forms fetched by a GET scenario (their hidden fields), each to be sent once, oldest
    first; `issued` is when the run that fetched them ended (so no form is younger)."""

    def __init__(self):
        self.forms: deque[tuple[dict[str, str], float]] = deque()
        self.rate: float | None = None  # the GET's req/s, for fetching more

    def add(self, names: tuple[str, ...], rows: list[list[str]], issued: float) -> None:
        self.forms.extend((dict(zip(names, row, strict=True)), issued) for row in rows)

    def take(self, n: int) -> list[tuple[dict[str, str], float]]:
        return [self.forms.popleft() for _ in range(min(n, len(self.forms)))]

    def give_back(self, forms: list[tuple[dict[str, str], float]]) -> None:
        self.forms.extendleft(reversed(forms))


class Bench:
    def __init__(self, *, server: Server, browsers: dict, duration: int, warmup: int):
        self.server, self.browsers = server, browsers
        self.duration, self.warmup = duration, warmup
        self.pools: dict[str, FormPool] = {}
        self.counters: dict[str, int] = {}
        self.workdir = OUT / "work"

    def headers(self, persona: str | None) -> dict[str, str]:
        return self.browsers[persona or "anonym"].headers()

    def _wrk(self, scenario, requests, seconds, *, once=False, headers=None):
        return generator.run(
            base_url=self.server.url,
            requests=requests,
            headers=headers or self.headers(scenario.persona),
            seconds=seconds,
            workdir=self.workdir,
            connections=CONNECTIONS,
            once=once,
            harvest=scenario.harvest,
        )

    def _keep_forms(self, scenario, result) -> None:
        if scenario.harvest:
            pool = self.pools.setdefault(scenario.name, FormPool())
            pool.add(scenario.harvest, result.harvested, time.monotonic())
            pool.rate = result.rps or pool.rate

    def settle(self, *, quiet: float = 0.05, step: float = 0.25, limit: float = 60) -> float:
        """Wait until the server has finished what the last scenario left queued: when wrk
        stops, gunicorn still answers the requests already sent on its 8 connections
        (seconds of work after a slow admin page), which would land in the next scenario's
        figures. Idle: less than `quiet` of a core over `step` seconds. Returns the wait."""
        start = time.monotonic()
        app, db = self.server.worker_pids(), db_backends()
        last = cpu_seconds(app) + cpu_seconds(db)
        while time.monotonic() - start < limit:
            time.sleep(step)
            now = cpu_seconds(app) + cpu_seconds(db)
            if now - last < quiet * step:
                break
            last = now
        return time.monotonic() - start

    def measure(self, scenario) -> dict:
        self.settle()
        if scenario.post:
            return self._measure_post(scenario)
        paths = scenario.paths()
        queries, status = count_queries(scenario, paths[0])
        requests = [generator.Request("GET", p) for p in paths]
        self.server.reset_peak_memory()
        self._keep_forms(scenario, self._wrk(scenario, requests, self.warmup))
        result, cpu = self._with_cpu(lambda: self._wrk(scenario, requests, self.duration))
        self._keep_forms(scenario, result)
        return self._record(scenario, paths, result, queries, status, cpu)

    def _with_cpu(self, measured):
        """Run the measured part, and take the CPU time the server spent on it: its
        workers and their PostgreSQL backends. CPU per request hardly depends on how busy
        the machine is, unlike req/s, which is the share of the cores the server got."""
        app, db = self.server.worker_pids(), db_backends()
        before = cpu_seconds(app), cpu_seconds(db)
        result = measured()
        return result, {"app": cpu_seconds(app) - before[0], "db": cpu_seconds(db) - before[1]}

    def _fetch_forms(self, source, pool: FormPool, n: int) -> None:
        """Fetch forms (unmeasured) until the pool holds `n`."""
        for _ in range(5):
            missing = n - len(pool.forms)
            if missing <= 0:
                return
            seconds = max(2, math.ceil(missing / (pool.rate or 10) * 1.3))
            requests = [generator.Request("GET", p) for p in source.paths()]
            self._keep_forms(source, self._wrk(source, requests, seconds))
        raise RuntimeError(f"{source.name} gave only {len(pool.forms)} of {n} forms")

    def _measure_post(self, scenario) -> dict:
        from django.conf import settings

        from .scenarios import BY_NAME

        post = scenario.post
        source = BY_NAME[post.form_from]
        pool = self.pools.setdefault(source.name, FormPool())
        min_age = getattr(settings, post.time_trap) if post.time_trap else 0
        path = scenario.paths()[0]

        def batch(n: int):
            self._fetch_forms(source, pool, n)
            forms = pool.take(n)
            # Every form is sent only when it is older than its minimum time.
            wait = max(issued for _, issued in forms) + min_age + 0.5 - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            return forms

        def filled(forms) -> list[dict[str, str]]:
            out = []
            for hidden, _ in forms:
                n = self.counters.get(scenario.name, 0)
                self.counters[scenario.name] = n + 1
                out.append(post.fields(n, hidden))
            return out

        def run(forms, seconds):
            bodies = [encode(f, multipart=post.multipart) for f in filled(forms)]
            headers = {
                **self.headers(scenario.persona),
                "Content-Type": bodies[0][1],
                "Origin": self.browsers["anonym"].origin,
            }
            requests = [generator.Request("POST", path, body) for body, _ in bodies]
            result = self._wrk(scenario, requests, seconds, once=True, headers=headers)
            pool.give_back(forms[result.sent :])  # never sent: still unused
            self.counters[scenario.name] -= len(forms) - result.sent
            return result

        queries, status = count_queries(scenario, path, fields=filled(batch(1))[0])
        self.server.reset_peak_memory()
        guess = pool.rate or 20
        warm = run(batch(math.ceil(guess * self.warmup * 1.5) + CONNECTIONS), self.warmup)
        rate = max(warm.rps, warm.sent / self.warmup) * (2 if warm.exhausted else 1)
        forms = batch(math.ceil(rate * self.duration * 1.3) + CONNECTIONS)
        result, cpu = self._with_cpu(lambda: run(forms, self.duration))
        return self._record(scenario, [path], result, queries, status, cpu)

    def _record(self, scenario, paths, result, queries, status, cpu) -> dict:
        per_request = 1000 / result.requests if result.requests else 0.0
        return {
            "name": scenario.name,
            "kind": scenario.kind.value,
            "description": scenario.description,
            "method": scenario.method,
            "url": paths[0],
            "urls": len(paths),
            "persona": scenario.persona,
            "expect": scenario.expect,
            "requests": result.requests,
            "seconds": round(result.seconds, 2),
            "rps": result.rps,
            "latency_ms": result.latency_ms,
            "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
            "errors": result.errors(scenario.expect),
            "exhausted": result.exhausted,
            "queries": queries,
            "query_status": status,
            "worker_peak_mb": round(self.server.peak_memory_mb(), 1),
            "cpu_ms": {key: round(seconds * per_request, 3) for key, seconds in cpu.items()},
            "generator_cpu": round(result.cpu_seconds / result.seconds, 3) if result.seconds else 0,
        }


def db_backends() -> list[int]:
    """The PostgreSQL processes serving the run's database, but for our own connection
    (with persistent connections: one per gunicorn worker)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def count_queries(scenario, path: str, *, fields: dict | None = None) -> tuple[int, int]:
    """The SQL queries of one request, in-process against the run's database with the
    server's settings (a GET after one request that fills what a process caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quartier.models import User

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if scenario.persona:
        client.force_login(User.objects.get(email=f"{scenario.persona}@quartier.example"))
    if fields is None:
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, fields) if fields is not None else client.get(path)
    return len(queries), response.status_code


def log_in(server: Server, personas: set[str]) -> dict[str, Browser]:
    from quartier.demo import DEMO_PASSWORD

    anonym = Browser(server.port)
    status, _ = anonym.get("/anliegen/neu/")  # a visitor's CSRF cookie, as any form page sets
    if status != 200 or "csrftoken" not in anonym.cookies:
        raise RuntimeError(f"/anliegen/neu/ answered {status} without a CSRF cookie")
    browsers = {"anonym": anonym}
    for persona in sorted(personas):
        browser = Browser(server.port)
        browser.log_in(LOGINS[persona], f"{persona}@quartier.example", DEMO_PASSWORD)
        browsers[persona] = browser
    return browsers


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="load the benchmark data anew")
    parser.add_argument("--scenarios", help="comma-separated names (default: all)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured seconds before each")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="gunicorn workers")
    parser.add_argument("--compare", type=Path, help="an earlier var/bench/….json")
    parser.add_argument("--against", type=Path, help="compare with this file instead of a run")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    if args.against:
        if not args.compare:
            raise SystemExit("--against needs --compare")
        old, new = (json.loads(p.read_text()) for p in (args.compare, args.against))
        print(report.comparison_table(old, new))
        return 0
    old = json.loads(args.compare.read_text()) if args.compare else None
    if not generator.available():
        raise SystemExit("wrk is missing: apt-get install wrk (bin/dev bench installs it)")

    started_at = datetime.now().astimezone().isoformat(timespec="seconds")
    machine = machine_info()
    base_url = os.environ.get("DATABASE_URL") or "postgres:///quartier"
    secret = secrets.token_urlsafe(50)
    cache_dir = OUT / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)  # no rate-limit counts from the last run
    env = production_env(
        os.environ,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="127.0.0.1",
        CACHE_DIR=str(cache_dir),
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )

    data = database.prepare(base_url=base_url, root=ROOT, env=env, fresh=args.fresh, say=say)
    run_url, copy_seconds = database.copy_for_run(base_url)
    say(f"Fresh copy {database.RUN} of the data made in {copy_seconds:.1f} s")
    env.update(
        DATABASE_URL=run_url,
        QUARTIER_BENCH="1",
        DJANGO_SETTINGS_MODULE="quartier.settings",
        **RAISED_LIMITS,
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )

    # The harness's own Django (query counts, the data for URLs) with the server's settings.
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    from .scenarios import BERICHT, FLOOR, RENDER, select

    names = args.scenarios.split(",") if args.scenarios else None
    scenarios = select(names)
    personas = {s.persona for s in scenarios if s.persona}
    conn_max_age = settings.DATABASES["default"]["CONN_MAX_AGE"]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    runs = len(scenarios) + (3 if len(scenarios) > 1 else 2)
    say(
        f"Server: gunicorn, {args.workers} workers, DEBUG=0, {cache}, "
        f"DB_CONN_MAX_AGE={conn_max_age}; {machine['generator']}, {CONNECTIONS} connections"
    )
    say(
        "Raised for the benchmark (one client address): "
        + ", ".join(f"{k}={v}" for k, v in RAISED_LIMITS.items())
        + "; time traps as configured: "
        + f"ANLIEGEN_MINDESTZEIT={settings.ANLIEGEN_MINDESTZEIT} s, "
        + f"ANMELDUNG_MINDESTZEIT={settings.ANMELDUNG_MINDESTZEIT} s"
    )
    say(
        f"{runs} runs of {args.warmup} + {args.duration} s; about "
        f"{math.ceil(runs * (args.warmup + args.duration + 2) / 60)} minutes"
    )

    server = Server(env=env, workers=args.workers, log=OUT / "gunicorn.log", root=ROOT)
    server.start()
    records, floors = [], []
    try:
        bench = Bench(
            server=server,
            browsers=log_in(server, personas),
            duration=args.duration,
            warmup=args.warmup,
        )
        middle = len(scenarios) // 2 if len(scenarios) > 1 else None
        floors.append(bench.measure(FLOOR))
        for index, scenario in enumerate(scenarios):
            if index == middle:
                floors.append(bench.measure(FLOOR))
                print(f"  floor: {floors[-1]['rps']:.0f} req/s", flush=True)
            record = bench.measure(scenario)
            records.append(record)
            print(
                f"  {scenario.name}: {record['rps']:.1f} req/s, "
                f"p95 {record['latency_ms']['p95']:.0f} ms, {record['errors']} errors",
                flush=True,
            )
            if record["query_status"] != scenario.expect:
                print(
                    f"  note: in-process request answered {record['query_status']}, "
                    f"expected {scenario.expect}",
                    flush=True,
                )
        floors.append(bench.measure(FLOOR))
    finally:
        server.stop()

    druck_result = None
    if names is None or RENDER in names:
        from . import druck

        say("The newspaper's render: a 16-page issue with 20 photos, three times")
        druck_result = druck.measure()
    bericht_result = None
    if names is None or BERICHT in names:
        from . import bericht

        say("The city's yearly report over every area: the page and its PDF, three times")
        bericht_result = bericht.measure()
    machine["loadavg_after"] = list(os.getloadavg())
    floor = report.floor_summary(floors)
    result = {
        "started_at": started_at,
        "machine": machine,
        "settings": {
            "workers": args.workers,
            "connections": CONNECTIONS,
            "duration": args.duration,
            "warmup": args.warmup,
            "conn_max_age": conn_max_age,
            "cache": cache,
            "raised_limits": RAISED_LIMITS,
        },
        "data": data,
        "floor": floor,
        "scenarios": [report.judge(r, floor) for r in records],
        "druck": druck_result,
        "bericht": bericht_result,
    }
    print()
    print(report.table(result))
    print(
        f"load average before {machine['loadavg_before'][0]:.2f}, "
        f"after {machine['loadavg_after'][0]:.2f} ({machine['nproc']} cores); "
        f"wrk used {floors[0]['generator_cpu']:.0%} of a core at the floor"
    )
    if druck_result is not None:
        print(druck.line(druck_result))
    if bericht_result is not None:
        print(bericht.line(bericht_result))
    path = report.write(result, OUT)
    print(f"Written: {path.relative_to(ROOT)}")
    log = (OUT / "gunicorn.log").read_text(errors="replace")
    if "Traceback" in log:
        print(
            f"Note: the server logged {log.count('Traceback')} traceback(s), "
            "see var/bench/gunicorn.log"
        )
    if old is not None:
        print()
        print(report.comparison_table(old, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
