"""Every URL, every persona: the status it answers and its query budget."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, set_urlconf
from django.urls.resolvers import RoutePattern

from quartier.urls import public_patterns

from .matrix import collect
from .personas import PERSONAS
from .quartier.test_private_pages import assert_no_store, private_routes
from .utils import client_for, query_budget

MATRIX = collect()
# Routes with a token and the partner area: no cache may keep what they answer anyone.
PRIVATE = set(private_routes())

# Routes that are not pages of ours: the admin has its own matrix per ModelAdmin
# (tests/quartier/test_admin_matrix.py); media files are served only in DEBUG.
NOT_IN_MATRIX_NAMESPACES = {"admin"}


def routed_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}".strip(":") if ns else namespace
            if ns in NOT_IN_MATRIX_NAMESPACES:
                continue
            yield from routed_url_names(entry, full)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                yield f"<unnamed: {entry.pattern}>"
            else:
                yield f"{namespace}:{entry.name}".strip(":")


def test_every_url_has_a_matrix_entry():
    routed = set(routed_url_names())
    missing = sorted(routed - set(MATRIX))
    assert not missing, f"URLs without an entry in a tests/*/permissions.py: {missing}"
    stale = sorted(set(MATRIX) - routed)
    assert not stale, f"Matrix entries for URLs that are not routed: {stale}"


CASES = [
    pytest.param(name, index, persona, id=f"{name}[{index}]-{persona}")
    for name, cases in sorted(MATRIX.items())
    for index in range(len(cases))
    for persona in PERSONAS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index", "persona"), CASES)
def test_permission_matrix(world, name, index, persona):
    case = MATRIX[name][index]
    url = case.url(world)
    client = client_for(world, persona)
    # The session and user look-ups of a logged-in request count against the budget too.
    with query_budget(case.budget, label=f"{url} as {persona}"):
        if case.method == "post":
            response = client.post(url, case.data(world) if case.data else {})
        else:
            response = client.get(url)
    expected = case.expect[persona]
    assert response.status_code == expected, (
        f"{case.method.upper()} {url} as {persona}: {response.status_code}, expected {expected}"
    )
    if name in PRIVATE:
        assert_no_store(response, f"{case.method.upper()} {url} as {persona}")


# The public pages exist once per area under `/q/<slug>/` (quartier.bereich): each of their
# cases answers the same there, within the same budget, for the world's area.
PUBLIC = set(routed_url_names(URLResolver(RoutePattern(""), public_patterns)))
# Files of one partner's booking (not a page of an area, so not looked up in it): under a
# prefix they cost the one query that checks the area exists.
NOT_OF_AN_AREA = {"raeume:schadensfoto", "raeume:akteur_feed"}
AREA_CASES = [
    pytest.param(name, index, persona, id=f"q-{name}[{index}]-{persona}")
    for name, cases in sorted(MATRIX.items())
    if name in PUBLIC
    for index in range(len(cases))
    for persona in PERSONAS
]


def test_public_pages_are_the_patterns_of_every_area():
    assert {"home", "seite", "quartier_wahl", "veranstaltungen:veranstaltung_list"} <= PUBLIC
    assert not {"partner:start", "partner:login", "healthz"} & PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index", "persona"), AREA_CASES)
def test_permission_matrix_under_an_areas_prefix(world, name, index, persona):
    case = MATRIX[name][index]
    # A streamed response the test never reads does not finish its request, which would
    # leave that request's URLconf (the area's) for the reverse() calls after it.
    set_urlconf(None)
    url = case.url(world)
    assert url.startswith("/"), url
    url = f"/q/{world.quartier_a.slug}{url}"
    client = client_for(world, persona)
    budget = case.budget + (name in NOT_OF_AN_AREA)
    with query_budget(budget, label=f"{url} as {persona}"):
        if case.method == "post":
            response = client.post(url, case.data(world) if case.data else {})
        else:
            response = client.get(url)
    expected = case.expect[persona]
    assert response.status_code == expected, (
        f"{case.method.upper()} {url} as {persona}: {response.status_code}, expected {expected}"
    )
