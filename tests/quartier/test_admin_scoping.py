"""A staff user's admin shows only their areas; anything outside answers 404."""

import pytest
from django.urls import reverse

from netzwerk.models import Akteur
from quartier.models import AuditEntry, Quartier

from ..factories import UserFactory
from ..utils import admin_form_data


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.mark.django_db
def test_changelist_shows_only_own_areas(qm_client, world):
    response = qm_client.get(reverse("admin:quartier_quartier_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [world.quartier_a]


@pytest.mark.django_db
def test_object_of_another_area_is_404(qm_client, world):
    assert qm_client.get(change_url(world.quartier_b)).status_code == 404
    assert qm_client.get(change_url(world.akteur_fremd)).status_code == 404
    assert qm_client.get(change_url(world.quartier_a)).status_code == 200
    assert qm_client.get(change_url(world.akteur_a)).status_code == 200


@pytest.mark.django_db
def test_users_of_another_area_are_404(qm_client, world):
    fremd = UserFactory(is_staff=True, quartiere=[world.quartier_b])
    assert qm_client.get(change_url(fremd)).status_code == 404
    assert qm_client.get(change_url(world.users["mitarbeit"])).status_code == 200
    # Partners of an organisation in the area are managed by the area's staff.
    assert qm_client.get(change_url(world.users["partner_a"])).status_code == 200


@pytest.mark.django_db
def test_area_choices_are_limited_to_own_areas(qm_client, world):
    response = qm_client.get(reverse("admin:netzwerk_akteur_add"))
    choices = list(response.context["adminform"].form.fields["quartiere"].queryset)
    assert choices == [world.quartier_a]


@pytest.mark.django_db
def test_cannot_assign_an_actor_to_a_foreign_area(qm_client, world):
    response = qm_client.post(
        reverse("admin:netzwerk_akteur_add"),
        {
            "name": "Neu e. V.",
            "slug": "neu",
            "art": "verein",
            "quartiere": [world.quartier_b.pk],
            "oeffentlich": "on",
        },
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert "quartiere" in response.context["adminform"].form.errors
    assert not Akteur.objects.filter(slug="neu").exists()


@pytest.mark.django_db
def test_admin_change_is_audited(qm_client, world):
    url = change_url(world.quartier_a)
    form = qm_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["einwohner_stichtag"] = world.quartier_a.einwohner_stichtag.isoformat()
    data["einwohner"] = 7100
    # The area's streets (an inline): none added.
    data.update({"strassen-TOTAL_FORMS": "0", "strassen-INITIAL_FORMS": "0"})
    response = qm_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(
        content_type__model="quartier", object_id=str(world.quartier_a.pk)
    )
    assert entry.user == world.users["qm"]
    assert entry.changes["einwohner"] == [6000, 7100]
    assert Quartier.objects.get(pk=world.quartier_a.pk).einwohner == 7100


@pytest.mark.django_db
def test_staff_cannot_make_themselves_superuser(qm_client, world):
    url = change_url(world.users["mitarbeit"])
    form = qm_client.get(url).context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields


@pytest.mark.django_db
def test_saving_keeps_areas_the_editor_cannot_see(qm_client, world):
    """A manager of area A edits an actor active in A and B: B must stay."""
    akteur = world.akteur_a
    akteur.quartiere.add(world.quartier_b)
    url = change_url(akteur)
    data = admin_form_data(qm_client.get(url))
    assert data["quartiere"] == [world.quartier_a.pk]  # B is not offered to this editor
    data["name"] = "Nachbarschaftsverein (neu)"
    response = qm_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    akteur.refresh_from_db()
    assert akteur.name == "Nachbarschaftsverein (neu)"
    assert set(akteur.quartiere.all()) == {world.quartier_a, world.quartier_b}


@pytest.mark.django_db
def test_staff_of_two_areas_cannot_be_managed_by_one_areas_manager(qm_client, world):
    """Else the manager of A could reset the password of someone who also works in B."""
    beide = UserFactory(is_staff=True, quartiere=[world.quartier_a, world.quartier_b])
    assert qm_client.get(change_url(beide)).status_code == 404
    password_url = reverse("admin:auth_user_password_change", args=[beide.pk])
    assert qm_client.get(password_url).status_code == 404


@pytest.mark.django_db
def test_partner_of_an_organisation_in_another_area_is_out_of_scope(qm_client, world):
    world.akteur_fremd.mitglieder.add(world.users["partner_a"])
    assert qm_client.get(change_url(world.users["partner_a"])).status_code == 404
    # … and is not offered as a member of this area's organisations, but stays one.
    url = change_url(world.akteur_a)
    data = admin_form_data(qm_client.get(url))
    assert world.users["partner_a"].pk not in data["mitglieder"]
    response = qm_client.post(url, data)
    assert response.status_code == 302
    assert world.users["partner_a"] in world.akteur_a.mitglieder.all()


@pytest.mark.django_db
def test_inviting_a_staff_address_is_refused(qm_client, world, mailoutbox):
    from django.core.exceptions import ValidationError

    from netzwerk import services

    fremd = UserFactory(email="qm-hafen@example.org", is_staff=True, quartiere=[world.quartier_b])
    with pytest.raises(ValidationError):
        services.partner_einladen(
            akteur=world.akteur_a, email="QM-Hafen@example.org", name="X", user=world.users["qm"]
        )
    assert not fremd.akteure.exists()
    assert not fremd.groups.filter(name="Partner").exists()
    response = qm_client.post(
        reverse("admin:netzwerk_akteur_changelist"),
        {
            "action": "partner_einladen",
            "_selected_action": [world.akteur_a.pk],
            "bestaetigt": "1",
            "email": "qm-hafen@example.org",
            "name": "X",
        },
    )
    assert response.status_code == 200
    assert "Mitarbeitenden-Konto" in response.content.decode()


@pytest.mark.django_db
def test_legal_pages_are_changed_only_by_someone_responsible_for_every_area(qm_client, world):
    from quartier.models import Seite

    seite = Seite.objects.get(art="impressum")
    # Two areas exist and this manager has one: the installation-wide text is not theirs.
    assert qm_client.get(change_url(seite)).status_code == 200  # may read it
    response = qm_client.post(change_url(seite), {"titel": "Gekapert", "inhalt": "x"})
    assert response.status_code == 403
    # In a one-area installation the area's manager is responsible for it.
    world.users["qm"].quartiere.add(world.quartier_b)
    response = qm_client.post(change_url(seite), {"titel": "Impressum", "inhalt": "Neu"})
    assert response.status_code == 302
    assert Seite.objects.get(art="impressum").inhalt == "Neu"


@pytest.mark.django_db
def test_the_quartier_manager_keeps_the_areas_streets_and_legal_details(qm_client, world):
    url = change_url(world.quartier_a)
    form = qm_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["einwohner_stichtag"] = world.quartier_a.einwohner_stichtag.isoformat()
    data["vertreten_durch"] = "Dr. Ulrike Brandt, Vorstand"
    data.update(
        {
            "strassen-TOTAL_FORMS": "2",
            "strassen-INITIAL_FORMS": "0",
            "strassen-0-name": "Brunnenstraße",
            "strassen-1-name": "brunnenstraße",  # the same street twice: explained
        }
    )
    response = qm_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Straße ist für das Quartier schon eingetragen." in html
    assert "Brunnenstraße" in html  # what was typed is kept
    data["strassen-1-name"] = "Mühlengasse"
    response = qm_client.post(url, data)
    assert response.status_code == 302
    quartier = Quartier.objects.get(pk=world.quartier_a.pk)
    assert quartier.vertreten_durch == "Dr. Ulrike Brandt, Vorstand"
    assert sorted(quartier.strassen.values_list("name", flat=True)) == [
        "Brunnenstraße",
        "Mühlengasse",
    ]
