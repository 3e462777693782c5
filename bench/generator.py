"""The load generator: wrk (Debian's package), scripted by bench/wrk.lua.

Why wrk and not Locust: on this 2-core machine the generator shares the cores with the
server, and whatever it takes is missing from the server's figures. Against the floor view
(2 gunicorn workers) Locust's FastHttpUser reached 1,527 req/s while it took 60 % of a core
itself; wrk reached 3,694 req/s on 19 % (same server, same minute). A generator weaker than
the server would shrink the floor and with it every ratio.

One wrk thread drives all connections (an event loop; it is far from its limit at these
rates, and a second thread would only take a core from the server). Constant concurrency:
each connection sends its next request when the answer to the last one is in.
"""

import json
import os
import resource
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")
MARKER = "BENCH-RESULT "


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None


@dataclass
class Result:
    seconds: float
    requests: int  # answers received
    sent: int
    exhausted: bool  # a `once` list ran out before the time was up
    statuses: dict[int, int]
    socket_errors: int
    latency_ms: dict[str, float]  # p50, p90, p95, p99, mean, max
    harvested: list[list[str]] = field(default_factory=list)
    cpu_seconds: float = 0.0  # what the generator itself used

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def errors(self, expect: int) -> int:
        return self.socket_errors + sum(n for s, n in self.statuses.items() if s != expect)


def available() -> str | None:
    """wrk's version line, or None when it is not installed."""
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    return (out.stdout or out.stderr).splitlines()[0].split(" Copyright")[0].strip()


def lua_string(value: str | bytes) -> str:
    """A Lua string literal holding exactly these bytes."""
    data = value.encode() if isinstance(value, str) else value
    return (
        '"'
        + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:03d}" for b in data)
        + '"'
    )


def lua_config(
    requests: list[Request], headers: dict[str, str], *, once: bool, harvest: tuple[str, ...]
) -> str:
    lines = ["return {", "  headers = {"]
    lines += [f"    [{lua_string(k)}] = {lua_string(v)}," for k, v in headers.items()]
    lines += ["  },", f"  once = {'true' if once else 'false'},"]
    if harvest:
        lines.append("  harvest = {" + ", ".join(lua_string(h) for h in harvest) + "},")
    lines.append("  requests = {")
    for r in requests:
        body = lua_string(r.body) if r.body is not None else "nil"
        lines.append(f"    {{{lua_string(r.method)}, {lua_string(r.path)}, {body}}},")
    lines += ["  },", "}", ""]
    return "\n".join(lines)


def run(
    *,
    base_url: str,
    requests: list[Request],
    headers: dict[str, str],
    seconds: int,
    workdir: Path,
    connections: int = 8,
    once: bool = False,
    harvest: tuple[str, ...] = (),
) -> Result:
    """Run wrk for `seconds` with `connections` concurrent clients."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "wrk-config.lua"
    config.write_text(lua_config(requests, headers, once=once, harvest=harvest))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from Debian's package, on PATH
            "wrk",
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            # Slow pages are measured, not cut off at wrk's default of 2 seconds.
            "--timeout",
            "60s",
            "--script",
            str(SCRIPT),
            base_url + requests[0].path,
            "--",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith(MARKER)), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix(MARKER))
    lat = data["latency_us"]
    return Result(
        seconds=data["duration_us"] / 1e6,
        requests=data["requests"],
        sent=data["sent"],
        exhausted=data["exhausted"],
        statuses={int(k): v for k, v in data["statuses"].items()},
        socket_errors=sum(data["errors"].values()),
        latency_ms={
            **{f"p{p}": v / 1000 for p, v in lat["percentiles"].items()},
            "mean": lat["mean"] / 1000,
            "max": lat["max"] / 1000,
        },
        harvested=[row.split("\t") for row in data["harvested"]],
        cpu_seconds=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
    )
