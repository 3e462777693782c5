"""Every URL, every persona: the status it answers and its query budget."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix import collect
from .personas import PERSONAS
from .utils import client_for, query_budget

MATRIX = collect()

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
