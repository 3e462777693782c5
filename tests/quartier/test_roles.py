import pytest
from django.contrib.auth.models import Group

from quartier.roles import Rolle, sync_roles


@pytest.mark.django_db
def test_all_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Rolle.values)


@pytest.mark.django_db
def test_roles_follow_the_apps_declarations():
    qm = Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT)
    codenames = set(qm.permissions.values_list("codename", flat=True))
    assert {"change_quartier", "add_user", "add_akteur", "delete_akteur"} <= codenames
    mitarbeit = set(
        Group.objects.get(name=Rolle.MITARBEITENDE).permissions.values_list("codename", flat=True)
    )
    assert "change_akteur" in mitarbeit
    assert "delete_akteur" not in mitarbeit
    assert not Group.objects.get(name=Rolle.PARTNER).permissions.exists()


@pytest.mark.django_db
def test_sync_is_idempotent_and_repairs_drift():
    qm = Group.objects.get(name=Rolle.QUARTIERSMANAGEMENT)
    before = set(qm.permissions.all())
    qm.permissions.clear()
    sync_roles()
    sync_roles()
    assert set(qm.permissions.all()) == before
