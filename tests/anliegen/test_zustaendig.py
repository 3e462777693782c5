"""The assignee of a concern is chosen among those who can work on it: staff of its area
with the permission to change concerns. City staff and the editorial team, who cannot open
concerns, are offered nowhere (add form, change form, bulk action, queue filter), and the
service refuses them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anliegen import services
from anliegen.models import Anliegen

from ..factories import UserFactory
from ..utils import client_for
from .factories import AnliegenFactory

LISTE = reverse("admin:anliegen_anliegen_changelist")


def _erwartet(world) -> set[int]:
    return {world.users["qm"].pk, world.users["mitarbeit"].pk}


def _angeboten(choices) -> set[int]:
    return {int(str(value)) for value, _label in choices if str(value)}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["qm", "mitarbeit"])
def test_assignee_choices_are_only_those_who_can_work_on_concerns(world, persona):
    # Staff of area B with the right permission are no choice for a concern of area A.
    UserFactory(is_staff=True, rolle="Quartiersmanagement", quartiere=[world.quartier_b])
    client = client_for(world, persona)
    erwartet = _erwartet(world)
    anliegen = world.extra["anliegen_privat"]

    change = client.get(reverse("admin:anliegen_anliegen_change", args=[anliegen.pk]))
    feld = change.context["adminform"].form.fields["zustaendig"]
    assert _angeboten(feld.choices) == erwartet

    add = client.get(reverse("admin:anliegen_anliegen_add"))
    feld = add.context["adminform"].form.fields["zustaendig"]
    assert _angeboten(feld.choices) == erwartet

    liste = client.get(LISTE)
    aktion = liste.context["action_form"].fields["zustaendig"].widget.choices
    assert _angeboten(aktion) == erwartet
    filter_ = next(
        f
        for f in liste.context["cl"].filter_specs
        if getattr(f, "parameter_name", "") == "zustaendig"
    )
    personen = {int(v) for v, _l in filter_.lookup_choices if str(v).isdigit()}
    assert personen == erwartet


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["stadt", "redaktion"])
def test_who_cannot_open_concerns_is_refused_as_assignee(world, persona):
    anliegen = AnliegenFactory(kategorie=world.extra["kategorie"])
    with pytest.raises(ValidationError):
        services.zuweisen(
            anliegen_ids=[anliegen.pk], zustaendig=world.users[persona], user=world.users["qm"]
        )
    response = client_for(world, "qm").post(
        LISTE,
        {
            "action": "zuweisen",
            "_selected_action": [anliegen.pk],
            "zustaendig": world.users[persona].pk,
        },
    )
    assert response.status_code == 302
    anliegen.refresh_from_db()
    assert anliegen.zustaendig is None


@pytest.mark.django_db
def test_bearbeitende_holds_the_permission_and_the_area(world):
    namen = set(Anliegen.bearbeitende([world.quartier_a.pk]).values_list("pk", flat=True))
    assert namen == _erwartet(world)
    assert not Anliegen.bearbeitende([world.quartier_b.pk]).filter(pk__in=namen).exists()
