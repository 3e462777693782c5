"""The server under test, as production runs it: gunicorn with production settings.

Production sits behind a proxy that terminates TLS and sets `X-Forwarded-Proto: https`;
the benchmark sends that header itself (see `PROXY_HEADERS`) instead of switching the
security settings off, so the HTTPS redirect, HSTS and secure cookies work as they do
behind the proxy. Cookies are therefore `Secure`, and `Browser` keeps them by hand (an
ordinary cookie jar would not send them over the plain HTTP between bench and gunicorn).
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on a free loopback port, with as many sync workers as the machine has
    cores (gunicorn's own advice is 2-4 per core; one per core is what a shared 2-core
    machine can give without the workers fighting the load generator and PostgreSQL)."""

    def __init__(self, *, env: dict[str, str], workers: int, log: Path, root: Path):
        self.env, self.workers, self.log, self.root = env, workers, log, root
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        log = self.log.open("w")  # gunicorn's and Django's messages (tracebacks of 500s)
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "quartier.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                # Its default path is shared by every gunicorn of the user; none is needed.
                "--no-control-socket",
            ],
            cwd=self.root,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()  # the server has its own copy
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn ended at start, see {self.log}")
            if len(self.worker_pids()) == self.workers:
                try:
                    status, _, _ = request(self.port, "GET", "/healthz")
                except OSError:
                    status = None
                if status == 200:
                    return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s, see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        """The master's children (a worker that was restarted has a new pid)."""
        if self.process is None:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def reset_peak_memory(self) -> None:
        """Start each worker's high-water mark of resident memory anew (Linux: writing 5
        to clear_refs), so the next reading is the peak of one scenario."""
        for pid in self.worker_pids():
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")
            except OSError:
                pass  # then the reading is the peak since the worker started

    def peak_memory_mb(self) -> float:
        """The largest high-water mark of resident memory (VmHWM) among the workers."""
        peak = 0
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            if match := re.search(r"^VmHWM:\s+(\d+) kB", status, re.M):
                peak = max(peak, int(match.group(1)))
        return peak / 1024


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15
    return total / CLOCK_TICKS


def request(
    port: int, method: str, path: str, *, headers: dict | None = None, body: bytes | None = None
) -> tuple[int, http.client.HTTPMessage, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        conn.close()


class Browser:
    """One visitor: keeps its cookies and sends what a browser behind the proxy sends."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def headers(self) -> dict[str, str]:
        headers = {
            **PROXY_HEADERS,
            "Host": f"127.0.0.1:{self.port}",
            "User-Agent": "quartier-bench",
            "Accept-Language": "de",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items()))
        return headers

    def _send(self, method: str, path: str, body: bytes | None = None, extra=None):
        status, headers, text = request(
            self.port, method, path, headers={**self.headers(), **(extra or {})}, body=body
        )
        for value in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return status, headers, text

    def get(self, path: str) -> tuple[int, str]:
        status, _, text = self._send("GET", path)
        return status, text

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        status, headers, _ = self._send(
            "POST",
            path,
            urlencode(fields).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin},
        )
        return status, headers.get("Location", "")

    def log_in(self, path: str, email: str, password: str) -> None:
        """Through the real log-in form: CSRF token from the page, then the POST."""
        status, page = self.get(path)
        token = hidden_field(page, "csrfmiddlewaretoken")
        if status != 200 or token is None:
            raise RuntimeError(f"log-in page {path} answered {status} without a form")
        status, location = self.post(
            path, {"username": email, "password": password, "csrfmiddlewaretoken": token}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"log-in of {email} at {path} failed ({status})")


def hidden_field(page: str, name: str) -> str | None:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    return match.group(1) if match else None


def production_env(base: dict[str, str], **extra: str) -> dict[str, str]:
    """The environment of a production server, minus what pytest or `make run` set."""
    env = {k: v for k, v in base.items() if k not in {"QUARTIER_TESTING", "DEBUG"}}
    return {**env, "DEBUG": "0", **extra}
