"""Information and erasure (Art. 15/17 GDPR) reach the areas of the person doing it: the
quartier manager of area A erases A's data about an address and leaves B's alone; an
operator (a superuser, or staff assigned to every area) erases everywhere."""

import json

import pytest
from django.urls import reverse

from anliegen import services
from anliegen.models import Abonnement, Anliegen, Foto
from quartier.models import OutgoingMail

from ..factories import UserFactory
from ..utils import client_for
from .factories import AnliegenFactory, FotoFactory, KategorieFactory

ADRESSE = "erika@example.org"


@pytest.fixture
def daten(world):
    """The same person in both areas: her concern, a concern she follows, mails, photos."""
    kategorie_a = world.extra["kategorie"]
    kategorie_b = KategorieFactory(quartier=world.quartier_b, name="Hafenkante")
    eigen_a = AnliegenFactory(kategorie=kategorie_a, email="Erika@Example.org", name="Erika M.")
    eigen_b = AnliegenFactory(kategorie=kategorie_b, email=ADRESSE, name="Erika M.")
    gefolgt_a = AnliegenFactory(kategorie=kategorie_a, email="jemand@example.org")
    gefolgt_b = AnliegenFactory(kategorie=kategorie_b, email="jemand@example.org")
    Abonnement.objects.create(anliegen=gefolgt_a, email=ADRESSE)
    Abonnement.objects.create(anliegen=gefolgt_b, email=ADRESSE)
    fotos = {"a": FotoFactory(anliegen=eigen_a), "b": FotoFactory(anliegen=eigen_b)}

    def mail(quartier, to, subject):
        return OutgoingMail.objects.create(quartier=quartier, to=to, subject=subject, body="x")

    mails = {
        "a": mail(world.quartier_a, ["Erika@Example.org"], "Ihr Anliegen in A"),
        "b": mail(world.quartier_b, [ADRESSE], "Ihr Anliegen in B"),
        "ohne_bereich": mail(None, [ADRESSE], "Passwort"),
        "andere_in_a": mail(world.quartier_a, ["jemand@example.org"], "Jemand in A"),
    }
    return {
        "eigen_a": eigen_a,
        "eigen_b": eigen_b,
        "gefolgt_a": gefolgt_a,
        "gefolgt_b": gefolgt_b,
        "fotos": fotos,
        "mails": mails,
    }


def besteht(obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
def test_the_quartier_manager_of_area_a_erases_only_area_a(world, daten):
    qm = world.users["qm"]
    assert services.loeschen(email=ADRESSE, user=qm) == 2  # her concern and the followed one

    eigen_a = Anliegen.objects.get(pk=daten["eigen_a"].pk)
    assert eigen_a.email == "" and eigen_a.name == "" and eigen_a.anonymisiert_at
    assert not Foto.objects.filter(pk=daten["fotos"]["a"].pk).exists()
    assert not Abonnement.objects.filter(anliegen=daten["gefolgt_a"]).exists()
    assert not besteht(daten["mails"]["a"])  # also when written in other letter case
    assert besteht(daten["mails"]["andere_in_a"])  # another person's mail stays

    # Area B is somebody else's: everything there is untouched.
    eigen_b = Anliegen.objects.get(pk=daten["eigen_b"].pk)
    assert eigen_b.email == ADRESSE and eigen_b.name == "Erika M." and not eigen_b.anonymisiert_at
    assert besteht(daten["fotos"]["b"])
    assert Abonnement.objects.filter(anliegen=daten["gefolgt_b"], email=ADRESSE).exists()
    assert besteht(daten["mails"]["b"])
    assert besteht(daten["mails"]["ohne_bereich"])  # belongs to no area: operators only


@pytest.mark.django_db
@pytest.mark.parametrize("operator", ["superuser", "staff of every area"])
def test_an_operator_erases_everywhere(world, daten, operator):
    if operator == "superuser":
        user = UserFactory(email="betrieb@example.org", is_staff=True, is_superuser=True)
    else:
        user = world.users["qm"]
        user.quartiere.add(world.quartier_b)
    assert services.loeschen(email=ADRESSE, user=user) == 4
    for key in ("eigen_a", "eigen_b"):
        assert Anliegen.objects.get(pk=daten[key].pk).email == ""
    assert not Foto.objects.filter(pk__in=[f.pk for f in daten["fotos"].values()]).exists()
    assert not Abonnement.objects.filter(email=ADRESSE).exists()
    assert not OutgoingMail.objects.filter(subject__in=["Ihr Anliegen in A", "Ihr Anliegen in B"])
    assert not besteht(daten["mails"]["ohne_bereich"])
    assert besteht(daten["mails"]["andere_in_a"])


@pytest.mark.django_db
def test_the_information_is_scoped_the_same_way(world, daten):
    qm = world.users["qm"]
    auskunft = services.auskunft(email=ADRESSE, user=qm)
    assert {a["nummer"] for a in auskunft["anliegen"]} == {
        daten["eigen_a"].nummer,
        daten["gefolgt_a"].nummer,
    }
    assert auskunft["abonnements"] == [daten["gefolgt_a"].nummer]
    assert [m["betreff"] for m in auskunft["mails"]] == ["Ihr Anliegen in A"]

    operator = UserFactory(email="betrieb@example.org", is_staff=True, is_superuser=True)
    alles = services.auskunft(email=ADRESSE, user=operator)
    assert len(alles["anliegen"]) == 4
    assert {m["betreff"] for m in alles["mails"]} == {
        "Ihr Anliegen in A",
        "Ihr Anliegen in B",
        "Passwort",
    }


@pytest.mark.django_db
def test_the_back_office_page_erases_within_the_areas_of_its_user(world, daten):
    qm = client_for(world, "qm")
    url = reverse("admin:anliegen_anliegen_auskunft")
    response = qm.post(url, {"email": ADRESSE, "aktion": "json"})
    exported = json.loads(response.content)
    assert daten["eigen_b"].nummer not in response.content.decode()
    assert [m["betreff"] for m in exported["mails"]] == ["Ihr Anliegen in A"]
    page = qm.post(url, {"email": ADRESSE, "aktion": "html"})
    assert "Gespeicherte Mails an diese Adresse" in page.content.decode()

    response = qm.post(url, {"email": ADRESSE, "aktion": "loeschen", "bestaetigt": "ja"})
    assert response.status_code == 302
    assert Anliegen.objects.get(pk=daten["eigen_b"].pk).email == ADRESSE
    assert besteht(daten["mails"]["b"]) and not besteht(daten["mails"]["a"])


@pytest.mark.django_db
def test_the_retention_schedule_forgets_only_the_mails_of_the_concerns_area(world, daten):
    services._anonymisieren(daten["eigen_b"], jetzt=daten["eigen_b"].eingegangen_at)
    assert not besteht(daten["mails"]["b"])
    assert besteht(daten["mails"]["a"]) and besteht(daten["mails"]["ohne_bereich"])
