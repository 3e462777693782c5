from datetime import date

import pytest
from django.db import IntegrityError

from quartier.models import Quartier, User

from ..factories import QuartierFactory, UserFactory


@pytest.mark.django_db
def test_email_is_stored_lowercase_and_unique_regardless_of_case():
    User.objects.create_user("Anna.Schmidt@Example.org", "geheim-12345", name="Anna Schmidt")
    assert User.objects.get().email == "anna.schmidt@example.org"
    with pytest.raises(IntegrityError):
        User.objects.create_user("ANNA.SCHMIDT@example.org", "geheim-12345", name="Doppelt")


@pytest.mark.django_db
def test_postcode_must_have_five_digits():
    with pytest.raises(IntegrityError):
        Quartier.objects.create(
            name="X",
            slug="x",
            gemeinde="G",
            einwohner=1,
            einwohner_stichtag=date(2025, 1, 1),
            traeger="T",
            buero_name="B",
            strasse="S 1",
            plz="123",
            ort="O",
            sprechzeiten="Mo",
        )


@pytest.mark.django_db
def test_staff_see_only_their_areas():
    a, b = QuartierFactory(), QuartierFactory()
    staff = UserFactory(is_staff=True, quartiere=[a])
    assert list(Quartier.objects.fuer(staff)) == [a]
    assert set(Quartier.objects.fuer(UserFactory(is_superuser=True))) == {a, b}
