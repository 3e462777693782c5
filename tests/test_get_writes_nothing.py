"""A GET changes nothing: mail systems' link scanners and browsers' prefetching open every
link, so opening a page (above all a private token link) must not write a row. Every GET of
the permission matrix is opened as the anonymous visitor a link scanner is."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .matrix import collect
from .utils import client_for

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)

GET_CASES = [
    pytest.param(name, index, id=f"{name}[{index}]")
    for name, cases in sorted(collect().items())
    for index, case in enumerate(cases)
    if case.method == "get"
]


def writes(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if WRITE.match(q["sql"])]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), GET_CASES)
def test_a_get_writes_no_row(world, name, index):
    case = collect()[name][index]
    url = case.url(world)
    client = client_for(world, "anonym")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert writes(ctx) == [], f"GET {url} wrote to the database"


@pytest.mark.django_db
def test_opening_the_tracking_link_as_staff_writes_no_row_either(world):
    url = world.extra["anliegen_privat"].get_verfolgen_url()
    client = client_for(world, "qm")
    client.get(url)  # the first request may refresh the session of the fresh log-in
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert writes(ctx) == []
