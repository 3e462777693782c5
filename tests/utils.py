"""Helpers used across the suite: query budgets and persona clients."""

from contextlib import contextmanager

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@contextmanager
def query_budget(max_queries: int, label: str = ""):
    """Fail when the block runs more than `max_queries` SQL queries (and list them)."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    used = len(ctx.captured_queries)
    if used > max_queries:
        sql = "\n".join(f"  {i + 1}. {q['sql'][:300]}" for i, q in enumerate(ctx.captured_queries))
        raise AssertionError(f"{label or 'block'} ran {used} queries, budget {max_queries}:\n{sql}")


def get_page(client: Client, url: str, *, status: int = 200, max_queries: int, **kwargs):
    """GET a page, assert its status and that it stays within its query budget."""
    with query_budget(max_queries, label=url):
        response = client.get(url, **kwargs)
    assert response.status_code == status, f"{url}: {response.status_code}, expected {status}"
    return response


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonym":
        client.force_login(world.users[persona])
    return client


def count_queries(callable_) -> int:
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)
