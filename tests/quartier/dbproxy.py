"""A database you can switch off: a TCP port on loopback that forwards to the test database.

`stop()` is what a PostgreSQL restart looks like from the application: every open
connection breaks and new ones are refused until `start()` listens again on the same port.
Only loopback is used; the upstream is the test database's own socket or address.
"""

import socket
import threading
import time

from django.db import connection


def upstream_address() -> tuple[int, object]:
    """(address family, address) of the database the tests use."""
    connection.ensure_connection()
    info = connection.connection.info
    if not info.host or info.host.startswith("/"):
        return socket.AF_UNIX, f"{info.host or '/var/run/postgresql'}/.s.PGSQL.{info.port}"
    return socket.AF_INET, (info.host, int(info.port))


def database_url(port: int) -> str:
    """The test database, reached through the proxy."""
    settings = connection.settings_dict
    user = settings.get("USER") or ""
    password = settings.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}127.0.0.1:{port}/{settings['NAME']}?sslmode=disable"


class DatabaseProxy:
    def __init__(self):
        self.family, self.address = upstream_address()
        self.port = 0
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> "DatabaseProxy":
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Refuse new connections and break the open ones, like a database restart."""
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
            except OSError:
                pass
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # stopped
            try:
                server = socket.socket(self.family, socket.SOCK_STREAM)
                server.connect(self.address)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            with self._lock:
                self._sockets.difference_update((source, target))
            source.close()


def wait_for(condition, *, timeout: float, interval: float = 0.2, message: str = ""):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(message or f"not reached within {timeout} s")
