"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.db import InterfaceError, OperationalError
from django.urls import path

from quartier.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def database_down(request):
    raise OperationalError("the database system is shutting down")


def connection_lost(request):
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError as exc:
        raise RuntimeError("while saving") from exc


def programming_error(request):
    raise RuntimeError("a bug of ours")


urlpatterns = [
    path("test-fehler/datenbank/", database_down),
    path("test-fehler/verbindung/", connection_lost),
    path("test-fehler/programm/", programming_error),
    *urlpatterns,
]
