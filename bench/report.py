"""Figures, targets, the table, the JSON file and the comparison of two runs.

Pure functions on plain dicts (the JSON file's shape), so they are tested without a server.

How to read the figures: the machine is shared and noisy, so absolute req/s move from run
to run by tens of percent. The floor (a view returning "ok" through the same middleware on
the same gunicorn) is measured at the start, in the middle and at the end of the run; its
median is the reference. `share` is a scenario's req/s as a part of the floor's, `p95×`
its 95th percentile latency as a multiple of the floor's. Both hold when the whole machine
gets slower, and they are what the targets and the comparison use. When the machine is very
busy, the floor's figures themselves scatter (their spread is printed); then `CPU ms`, the
CPU time the server (gunicorn workers and their PostgreSQL backends) spent per request,
is the steadier figure: it measures the work a request costs, not the share of the cores
the server got.
"""

import json
import statistics
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    """What a scenario is, which decides the target it is held to (TARGETS)."""

    FLOOR = "floor"  # the trivial view every other figure is compared with
    PUBLIC = "public"  # pages of the public site, for residents and logged-in partners
    ADMIN = "admin"  # the back office
    WRITE = "write"  # a submission (POST) that must feel instant
    # a report computed from the whole city's data: held to its one-request time in
    # `bench.bericht` (under 2 s), under load only measured
    REPORT = "report"


@dataclass(frozen=True)
class Target:
    """Issue 12's targets per kind of scenario; None: not held to it."""

    min_share: float | None = None  # req/s at least this part of the floor's
    max_p95_ratio: float | None = None  # p95 at most this multiple of the floor's p95
    max_p95_ms: float | None = None  # p95 at most this many milliseconds (8 clients)

    def describe(self) -> str:
        parts = []
        if self.min_share is not None:
            parts.append(f"share ≥ {self.min_share:.0%}")
        if self.max_p95_ratio is not None:
            parts.append(f"p95 ≤ {self.max_p95_ratio:g}× floor")
        if self.max_p95_ms is not None:
            parts.append(f"p95 ≤ {self.max_p95_ms:g} ms")
        return ", ".join(parts)


TARGETS = {
    Kind.PUBLIC: Target(min_share=0.40, max_p95_ratio=4.0),
    Kind.ADMIN: Target(max_p95_ratio=8.0),
    Kind.WRITE: Target(max_p95_ms=150.0),
}
MAX_WORKER_MB = 250.0
# A scenario whose share of the floor fell by more than this is marked as a regression.
REGRESSION = 0.15


def cpu_ms(record: dict) -> float | None:
    """The server's CPU milliseconds per request (workers and database together)."""
    cpu = record.get("cpu_ms")
    return cpu["app"] + cpu["db"] if cpu else None


def floor_summary(runs: list[dict]) -> dict:
    """The floor's reference figures: medians of its runs, and how far they spread."""
    rps = [r["rps"] for r in runs]
    p95 = [r["latency_ms"]["p95"] for r in runs]
    median = statistics.median(rps)
    return {
        "runs": runs,
        "rps": median,
        "p95_ms": statistics.median(p95),
        "spread": (max(rps) - min(rps)) / median if median else 0.0,
        "cpu_ms": statistics.median([cpu_ms(r) or 0.0 for r in runs]),
    }


def judge(record: dict, floor: dict) -> dict:
    """Add the ratios to the floor and the verdict on each target to a scenario's record."""
    kind = Kind(record["kind"])
    record["share"] = record["rps"] / floor["rps"] if floor["rps"] else 0.0
    p95 = record["latency_ms"]["p95"]
    record["p95_ratio"] = p95 / floor["p95_ms"] if floor["p95_ms"] else 0.0
    target = TARGETS.get(kind, Target())
    checks = {}
    if target.min_share is not None:
        checks["share"] = record["share"] >= target.min_share
    if target.max_p95_ratio is not None:
        checks["p95_ratio"] = record["p95_ratio"] <= target.max_p95_ratio
    if target.max_p95_ms is not None:
        checks["p95_ms"] = p95 <= target.max_p95_ms
    if kind is not Kind.FLOOR:
        checks["memory"] = record["worker_peak_mb"] < MAX_WORKER_MB
        checks["errors"] = record["errors"] == 0
    record["targets"] = checks
    record["target"] = target.describe()
    return record


COLUMNS = [
    ("scenario", 24, "<"),
    ("req/s", 7, ">"),
    ("share", 6, ">"),
    ("p50 ms", 7, ">"),
    ("p95 ms", 7, ">"),
    ("p99 ms", 7, ">"),
    ("p95×", 5, ">"),
    ("err", 4, ">"),
    ("SQL", 4, ">"),
    ("CPU ms", 6, ">"),
    ("MB", 4, ">"),
    ("targets", 0, "<"),
]


def _row(cells: list[str]) -> str:
    return " ".join(
        f"{c:{align}{width}}" for c, (_, width, align) in zip(cells, COLUMNS, strict=True)
    )


def verdict(record: dict) -> str:
    if not record["targets"]:
        return ""
    failed = [name for name, ok in record["targets"].items() if not ok]
    if not failed:
        return "ok"
    labels = {
        "share": "share",
        "p95_ratio": "p95×",
        "p95_ms": "p95 ms",
        "memory": "memory",
        "errors": "errors",
    }
    return "FAIL " + ", ".join(labels[name] for name in failed)


def table(result: dict) -> str:
    lines = [_row([c for c, _, _ in COLUMNS]), "-" * 100]
    for record in result["scenarios"]:
        lat = record["latency_ms"]
        note = " (forms ran out)" if record.get("exhausted") else ""
        lines.append(
            _row(
                [
                    record["name"],
                    f"{record['rps']:.1f}",
                    f"{record['share']:.1%}",
                    f"{lat['p50']:.1f}",
                    f"{lat['p95']:.1f}",
                    f"{lat['p99']:.1f}",
                    f"{record['p95_ratio']:.1f}",
                    str(record["errors"]),
                    "" if record.get("queries") is None else str(record["queries"]),
                    "" if cpu_ms(record) is None else f"{cpu_ms(record):.1f}",
                    f"{record['worker_peak_mb']:.0f}",
                    verdict(record) + note,
                ]
            )
        )
    floor = result["floor"]
    lines += [
        "-" * 100,
        "floor: {:.0f} req/s (median of {}, spread {:.0%}), p95 {:.1f} ms, {:.2f} CPU ms; ".format(
            floor["rps"], len(floor["runs"]), floor["spread"], floor["p95_ms"], floor["cpu_ms"]
        )
        + "share = req/s ÷ floor's, p95× = p95 ÷ floor's p95",
        "CPU ms = CPU time of the gunicorn workers and their PostgreSQL backends per request",
        "peak memory of a worker over all scenarios: {:.0f} MB".format(
            max((r["worker_peak_mb"] for r in result["scenarios"]), default=0)
        ),
        "targets: "
        + "; ".join(f"{kind.value}: {t.describe()}" for kind, t in TARGETS.items())
        + f"; every worker < {MAX_WORKER_MB:.0f} MB; no errors",
    ]
    return "\n".join(lines)


def write(result: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{result['started_at'][:16].replace('T', '-').replace(':', '')}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return path


def compare(old: dict, new: dict) -> list[dict]:
    """Per scenario in both runs: the change of its share of the floor (and of its p95
    multiple and its CPU time per request); a fall of the share by more than REGRESSION is
    a regression. Ratios, not req/s: the two runs may have had a differently busy machine.
    A rise of the CPU time by more than REGRESSION is marked too: on a very busy machine the
    share scatters more than the CPU time does."""
    before = {r["name"]: r for r in old["scenarios"]}
    rows = []
    for record in new["scenarios"]:
        earlier = before.get(record["name"])
        if earlier is None or not earlier["share"]:
            continue
        change = record["share"] / earlier["share"] - 1
        p95_change = record["p95_ratio"] / earlier["p95_ratio"] - 1 if earlier["p95_ratio"] else 0.0
        cpu_before, cpu_now = cpu_ms(earlier), cpu_ms(record)
        cpu_change = cpu_now / cpu_before - 1 if cpu_before and cpu_now is not None else None
        rows.append(
            {
                "name": record["name"],
                "share_before": earlier["share"],
                "share_now": record["share"],
                "change": change,
                "p95_change": p95_change,
                "cpu_change": cpu_change,
                "regression": change < -REGRESSION,
                "cpu_regression": cpu_change is not None and cpu_change > REGRESSION,
            }
        )
    return rows


def comparison_table(old: dict, new: dict) -> str:
    rows = compare(old, new)
    lines = [
        f"Change against {old['started_at']} (commit {old['machine']['commit'][:10]}); "
        f"regression: share of the floor down by more than {REGRESSION:.0%}",
    ]
    if old.get("data", {}).get("hash") != new.get("data", {}).get("hash"):
        lines.append("Note: the two runs measured data loaded by different demo code.")
    lines.append(
        f"{'scenario':<24} {'share then':>10} {'share now':>10} {'change':>8} {'p95×':>8} "
        f"{'CPU ms':>8}"
    )
    for row in rows:
        cpu = "" if row["cpu_change"] is None else f"{row['cpu_change']:+.0%}"
        marks = [
            m
            for m, on in (("REGRESSION", row["regression"]), ("CPU+", row["cpu_regression"]))
            if on
        ]
        lines.append(
            f"{row['name']:<24} {row['share_before']:>10.1%} {row['share_now']:>10.1%} "
            f"{row['change']:>+8.0%} {row['p95_change']:>+8.0%} {cpu:>8}"
            + (f"  {' '.join(marks)}" if marks else "")
        )
    missing = sorted({r["name"] for r in old["scenarios"]} - {r["name"] for r in rows})
    if missing:
        lines.append("Not in both runs: " + ", ".join(missing))
    regressions = [r["name"] for r in rows if r["regression"]]
    lines.append(
        f"{len(regressions)} regression(s): {', '.join(regressions)}"
        if regressions
        else "No regression."
    )
    costlier = [r["name"] for r in rows if r["cpu_regression"]]
    if costlier:
        lines.append(f"CPU per request up by more than {REGRESSION:.0%}: {', '.join(costlier)}")
    if max(old["floor"]["spread"], new["floor"]["spread"]) > REGRESSION:
        lines.append(
            "Note: the floor scattered by more than {:.0%} within a run (spread {:.0%} then, "
            "{:.0%} now): the machine was busy, and shares move with it.".format(
                REGRESSION, old["floor"]["spread"], new["floor"]["spread"]
            )
        )
    return "\n".join(lines)
