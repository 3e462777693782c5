"""Helpers used across the suite: query budgets and persona clients."""

from contextlib import contextmanager

from django.core.cache import cache
from django.core.files import File
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
    """The queries of rendering a page: the shared cache is emptied first (a page served
    from it costs none; tests/quartier/test_cache.py asserts that, and that it is fresh)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


def admin_form_data(response) -> dict:
    """The POST data an unchanged admin change form would send (main form and inlines)."""

    def values(form):
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            key = form.add_prefix(name)
            if value is None or isinstance(value, File):  # an untouched file input sends nothing
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple) or hasattr(value, "all"):
                items = value.all() if hasattr(value, "all") else value
                pks = [getattr(v, "pk", v) for v in items]
                if hasattr(field, "queryset"):  # only what the form offers this user
                    offered = set(field.queryset.values_list("pk", flat=True))
                    pks = [pk for pk in pks if pk in offered]
                data[key] = pks
            else:
                data[key] = getattr(value, "pk", value)
        return data

    data = values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        for form in formset.initial_forms:
            data.update(values(form))
    return data


def database_url(name: str) -> str:
    """A DATABASE_URL for database `name` on the server the tests use (for subprocesses)."""
    from urllib.parse import quote

    db = connection.settings_dict
    auth = ""
    if db.get("USER"):
        auth = quote(db["USER"]) + (":" + quote(db["PASSWORD"]) if db.get("PASSWORD") else "")
        auth += "@"
    host = db.get("HOST") or ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    if host.startswith("/"):
        return f"postgres://{auth}{port}/{name}?host={quote(host)}"
    return f"postgres://{auth}{host}{port}/{name}"
