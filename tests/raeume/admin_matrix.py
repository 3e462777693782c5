"""The custom pages of the back office are outside the admin's per-model matrix
(tests/quartier/test_admin_matrix.py checks the change lists only). Each app lists them
in its `test_admin_views.py` with `tests.matrix.Case`s: every persona's status, stated
there, and a query budget. `eigene_admin_urls` finds the custom pages, so that a new one
without cases fails."""

import pytest
from django.contrib import admin

from ..matrix import Case
from ..utils import client_for, query_budget

STANDARD = ("changelist", "add", "history", "delete", "change")
# A standard page counts as custom when the ModelAdmin replaces its view.
STANDARD_VIEWS = {
    "changelist": "changelist_view",
    "add": "add_view",
    "history": "history_view",
    "delete": "delete_view",
    "change": "change_view",
}


def eigene_admin_urls(app_label: str) -> set[str]:
    """`admin:<name>` of every custom admin page of the app's ModelAdmins."""
    names = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != app_label:
            continue
        prefix = f"{app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue
            suffix = pattern.name.removeprefix(prefix)
            if suffix not in STANDARD:
                names.add(f"admin:{pattern.name}")
                continue
            ersetzt = getattr(type(model_admin), STANDARD_VIEWS[suffix])
            if ersetzt is not getattr(admin.ModelAdmin, STANDARD_VIEWS[suffix]):
                names.add(f"admin:{pattern.name}")
    return names


def pruefen(world, case: Case, persona: str) -> None:
    url = case.url(world)
    client = client_for(world, persona)
    with query_budget(case.budget, label=f"{case.method.upper()} {url} as {persona}"):
        if case.method == "post":
            response = client.post(url, case.data(world) if case.data else {})
        else:
            response = client.get(url)
    expected = case.expect[persona]
    assert response.status_code == expected, (
        f"{case.method.upper()} {url} as {persona}: {response.status_code}, expected {expected}"
    )


def admin_matrix_tests(app_label: str, matrix: dict[str, list[Case]]):
    """The two tests of an app's custom admin pages: every page is listed, and every case
    answers each persona as stated. Bind both to `test_…` names in the app's test module."""

    def test_every_custom_admin_page_is_listed():
        assert eigene_admin_urls(app_label) == set(matrix)

    params = [
        pytest.param(name, index, persona, id=f"{name}[{index}]-{persona}")
        for name, liste in sorted(matrix.items())
        for index, case in enumerate(liste)
        for persona in case.expect
    ]

    @pytest.mark.django_db
    @pytest.mark.parametrize(("name", "index", "persona"), params)
    def test_custom_admin_page(world, name, index, persona):
        pruefen(world, matrix[name][index], persona)

    return test_every_custom_admin_page_is_listed, test_custom_admin_page
