"""No cache keeps a private page: every route with a token, the partner area and every page
for a logged-in user answer `Cache-Control: private, no-store` (asserted for each case and
persona in the permission matrix, tests/test_permission_matrix.py); public pages for
residents stay cacheable.

The private routes are found by walking the URL resolver (so a new token route is checked
without being listed here), and requested as every persona with the permission matrix's
concrete URLs."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from quartier.converters import PRIVATE_CONVERTERS

from ..matrix import collect
from ..utils import client_for

MATRIX = collect()
TOKEN_ROUTE = re.compile("<(?:" + "|".join(PRIVATE_CONVERTERS) + "):")
PRIVATE_NAMESPACES = {"partner"}  # the admin: see test_the_back_office_is_never_cached

# URL parameters that carry a private link's token, whatever the route calls them.
TOKEN_PARAMETERS = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w*(?:token|uid)\w*)>")

# Routes with a token that do not use a token converter: none may (the converter gives them
# its alphabet and no-store at once).
TOKEN_ROUTES_WITHOUT_CONVERTER: set[str] = set()


def routes(resolver=None, namespaces=(), prefix=""):
    """(name, namespaces, route) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from routes(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield ":".join((*namespaces, entry.name)), namespaces, prefix + str(entry.pattern)


def private_routes() -> list[str]:
    return sorted(
        name
        for name, namespaces, route in routes()
        if "admin" not in namespaces
        and (TOKEN_ROUTE.search(route) or PRIVATE_NAMESPACES & set(namespaces))
    )


def test_private_routes_are_found():
    found = private_routes()
    for name in (
        "anliegen:anliegen_verfolgen",
        "anliegen:weiterleitung_antwort",
        "partner:password_reset_confirm",
        "partner:start",
        "partner:akteur_edit",
    ):
        assert name in found
    assert not set(found) - set(MATRIX), "every private route has matrix cases"


def test_every_token_in_a_url_uses_a_token_converter():
    """`<str:token>` lets a NUL byte or ten thousand characters reach the database."""
    offenders = set()
    for name, _namespaces, route in routes():
        for match in TOKEN_PARAMETERS.finditer(route):
            if match["converter"] not in PRIVATE_CONVERTERS:
                offenders.add(name)
    assert offenders == TOKEN_ROUTES_WITHOUT_CONVERTER, (
        f"new: {sorted(offenders - TOKEN_ROUTES_WITHOUT_CONVERTER)}, "
        f"fixed (remove from the list): {sorted(TOKEN_ROUTES_WITHOUT_CONVERTER - offenders)}"
    )


def request(world, persona, case):
    client = client_for(world, persona)
    url = case.url(world)
    if case.method == "post":
        return url, client.post(url, case.data(world) if case.data else {})
    return url, client.get(url)


def assert_no_store(response, label):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, f"{label}: {response.get('Cache-Control')!r}"


# Every private route answers `private, no-store` to every persona in each of its cases:
# checked by the permission matrix (tests/test_permission_matrix.py), which makes exactly
# these requests already; `test_private_routes_are_found` makes sure each has cases there.


PUBLIC = [
    "home",
    "anliegen:anliegen_list",
    "netzwerk:akteur_list",
    "netzwerk:angebot_list",
    "netzwerk:gremium_list",
    "veranstaltungen:veranstaltung_list",
    "raeume:raum_list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_stay_cacheable_for_residents_but_not_for_logged_in_users(world, name):
    case = MATRIX[name][0]
    url, response = request(world, "anonym", case)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", ""), url
    for persona in ("partner_a", "qm"):
        url, response = request(world, persona, case)
        assert_no_store(response, f"{url} as {persona}")


@pytest.mark.django_db
def test_the_back_office_is_never_cached(world):
    client = client_for(world, "qm")
    for url in ("/admin/", "/admin/anliegen/anliegen/", "/admin/anliegen/anliegen/auskunft/"):
        assert_no_store(client.get(url), url)


@pytest.mark.django_db
def test_a_pin_look_up_leads_to_a_page_that_is_not_cached(client, world):
    anliegen = world.extra["anliegen_privat"]
    response = client.post("/anliegen/pin/", {"nummer": anliegen.nummer, "pin": "424242"})
    assert response.status_code == 302
    assert_no_store(response, "PIN look-up")
    assert_no_store(client.get(response.url), response.url)
