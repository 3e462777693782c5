"""The admin's part of the permission matrix: every registered ModelAdmin, every persona."""

from fnmatch import fnmatch

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from quartier.roles import Rolle

from ..personas import PERSONAS
from ..utils import client_for, query_budget

PERSONA_ROLE = {
    "mitarbeit": Rolle.MITARBEITENDE,
    "redaktion": Rolle.REDAKTION,
    "qm": Rolle.QUARTIERSMANAGEMENT,
    "stadt": Rolle.STADTVERWALTUNG,
}

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


def declared(rolle: str, codename: str, app_label: str) -> bool:
    patterns = getattr(apps.get_app_config(app_label), "role_permissions", {}).get(rolle, [])
    return any(fnmatch(codename, p) for p in patterns)


def expected_changelist_status(persona: str, model) -> int:
    if persona not in PERSONA_ROLE:
        return 302  # residents and partners are sent to the admin log-in
    opts = model._meta
    rolle = PERSONA_ROLE[persona]
    can_see = declared(rolle, f"view_{opts.model_name}", opts.app_label) or declared(
        rolle, f"change_{opts.model_name}", opts.app_label
    )
    return 200 if can_see else 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_changelist(world, model, persona):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client = client_for(world, persona)  # logging in is not part of the page's budget
    with query_budget(20, label=f"{url} as {persona}"):
        response = client.get(url)
    assert response.status_code == expected_changelist_status(persona, model)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_index(world, persona):
    response = client_for(world, persona).get(reverse("admin:index"))
    assert response.status_code == (200 if persona in PERSONA_ROLE else 302)


@pytest.mark.django_db
def test_city_staff_can_only_read(world):
    perms = world.users["stadt"].get_all_permissions()
    assert perms, "city staff must be able to read something"
    assert all(p.split(".")[1].startswith("view_") for p in perms), perms


@pytest.mark.django_db
def test_partners_have_no_admin_permissions(world):
    assert world.users["partner_a"].get_all_permissions() == set()
    assert not world.users["partner_a"].is_staff


@pytest.mark.django_db
def test_staff_without_money_or_user_rights(world):
    """Mitarbeitende do the daily work, but manage no users."""
    perms = world.users["mitarbeit"].get_all_permissions()
    assert not any(p.endswith("_user") and not p.startswith("quartier.view") for p in perms)
    assert "quartier.add_user" not in perms
