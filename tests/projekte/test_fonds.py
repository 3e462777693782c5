"""The Verfügungsfonds: its budget from the programme's rule (now the fund's parameters),
who decides by amount, and that it never approves more than it holds, also under 50
parallel approvals; payments never exceed the approval and returned money is free again."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from netzwerk.models import Gremium, Sitzung
from projekte import services
from projekte.models import Antrag, Antragskosten, Antragsstatus, Auszahlung, Fonds

from ..factories import QuartierFactory, UserFactory

AS = Antragsstatus


@pytest.mark.parametrize(
    ("einwohner", "budget"),
    [
        (1200, Decimal("2000.00")),  # the minimum
        (3000, Decimal("2000.00")),
        (4999, Decimal("2499.50")),
        (6840, Decimal("3420.00")),  # 5,000 or more: no minimum
        (2501, Decimal("2000.00")),
    ],
)
def test_the_budget_follows_the_programmes_rule(einwohner, budget):
    fonds = Fonds(einwohner=einwohner)
    assert fonds.budget() == budget and isinstance(fonds.budget(), Decimal)
    fonds.festgesetzt = Decimal("5000")
    assert fonds.budget() == Decimal("5000.00")


def sitzung_des_gremiums(quartier) -> Sitzung:
    gremium = Gremium.objects.create(
        quartier=quartier,
        name="Bürgergremium",
        slug=f"buergergremium-{quartier.slug}",
        art=Gremium.Art.BUERGERGREMIUM,
    )
    return Sitzung.objects.create(gremium=gremium, beginn=timezone.now(), adresse="Treff")


def fonds_mit(quartier, *, budget="3000.00", **regeln) -> Fonds:
    return Fonds.objects.create(
        quartier=quartier, jahr=2025, einwohner=100, festgesetzt=Decimal(budget), **regeln
    )


def antrag(fonds, betrag="300.00", *, user=None, status=AS.ZUR_ENTSCHEIDUNG) -> Antrag:
    a = services.antrag_erfassen(
        antrag=Antrag(
            fonds=fonds,
            name="Erika Mustermann",
            email="erika@example.org",
            titel="Straßenfest",
            beschreibung="Ein Fest für die Straße.",
            beantragt=Decimal(betrag),
        ),
        kosten=[Antragskosten(art="miete", bezeichnung="Bänke", betrag=Decimal(betrag))],
        user=user,
    )
    Antrag.objects.filter(pk=a.pk).update(status=status)
    a.refresh_from_db()
    return a


@pytest.mark.django_db
def test_numbers_history_and_the_office_decides_only_up_to_its_limit(world):
    fonds = fonds_mit(world.quartier_a, grenze_buero=Decimal("500.00"))
    qm = world.users["qm"]
    klein, gross = antrag(fonds, "480.00", user=qm), antrag(fonds, "900.00", user=qm)
    assert (klein.nummer, gross.nummer) == ("VF-2025-001", "VF-2025-002")
    services.antrag_entscheiden(antrag=klein, ergebnis=AS.BEWILLIGT, user=qm)
    klein.refresh_from_db()
    assert (klein.status, klein.bewilligt, klein.entscheidungsweg) == (
        AS.BEWILLIGT,
        Decimal("480.00"),
        "buero",
    )
    with pytest.raises(ValidationError) as fehler:
        services.antrag_entscheiden(antrag=gross, ergebnis=AS.BEWILLIGT, user=qm)
    assert "sitzung" in fehler.value.error_dict
    sitzung = sitzung_des_gremiums(world.quartier_a)
    services.antrag_entscheiden(
        antrag=gross, ergebnis=AS.TEILBEWILLIGT, betrag=Decimal("700.00"), sitzung=sitzung, user=qm
    )
    gross.refresh_from_db()
    assert (gross.bewilligt, gross.entscheidungsweg, gross.sitzung) == (
        Decimal("700.00"),
        "gremium",
        sitzung,
    )
    assert [s.status for s in gross.schritte.all()] == [AS.EINGEREICHT, AS.TEILBEWILLIGT]
    with pytest.raises(PermissionDenied):
        services.antrag_entscheiden(
            antrag=antrag(fonds, user=qm), ergebnis=AS.BEWILLIGT, user=world.users["mitarbeit"]
        )


@pytest.mark.django_db
def test_an_approval_beyond_the_free_amount_is_refused_naming_it(world):
    fonds = fonds_mit(world.quartier_a, budget="1000.00", grenze_buero=Decimal("1500.00"))
    qm = world.users["qm"]
    services.antrag_entscheiden(antrag=antrag(fonds, "700.00"), ergebnis=AS.BEWILLIGT, user=qm)
    with pytest.raises(ValidationError) as fehler:
        services.antrag_entscheiden(antrag=antrag(fonds, "300.01"), ergebnis=AS.BEWILLIGT, user=qm)
    assert fehler.value.message_dict["betrag"] == [
        "Der Fonds hat nur noch 300,00 € frei; 300,01 € können nicht bewilligt werden."
    ]
    zahlen = services.fonds_zahlen(fonds)
    assert (zahlen.gebunden, zahlen.frei) == (Decimal("700.00"), Decimal("300.00"))


@pytest.mark.django_db
def test_payments_stay_within_the_approval_and_returned_money_is_free_again(world):
    fonds = fonds_mit(world.quartier_a, budget="1000.00")
    qm = world.users["qm"]
    a = services.antrag_entscheiden(antrag=antrag(fonds, "400.00"), ergebnis=AS.BEWILLIGT, user=qm)
    services.auszahlen(antrag=a, art=Auszahlung.Art.ABSCHLAG, betrag=Decimal("250.00"), user=qm)
    with pytest.raises(ValidationError) as fehler:
        services.auszahlen(antrag=a, art=Auszahlung.Art.REST, betrag=Decimal("150.01"), user=qm)
    assert "höchstens 150,00 €" in fehler.value.message_dict["betrag"][0]
    services.auszahlen(antrag=a, art=Auszahlung.Art.REST, betrag=Decimal("150.00"), user=qm)
    services.auszahlen(antrag=a, art=Auszahlung.Art.RUECKZAHLUNG, betrag=Decimal("40.00"), user=qm)
    zahlen = services.fonds_zahlen(fonds)
    assert (zahlen.ausgezahlt, zahlen.gebunden) == (Decimal("360.00"), Decimal("360.00"))
    # Closed: what was paid and not returned stays spent, the rest of the approval is free.
    Antrag.objects.filter(pk=a.pk).update(status=AS.ABGESCHLOSSEN)
    assert services.fonds_zahlen(fonds).frei == Decimal("640.00")
    with pytest.raises(ValidationError):
        services.auszahlen(antrag=a, art=Auszahlung.Art.REST, betrag=Decimal("1"), user=qm)


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_approvals_on_a_fund_with_room_for_ten():
    quartier = QuartierFactory(slug="ansturm")
    qm = UserFactory(is_staff=True, rolle="Quartiersmanagement", quartiere=[quartier])
    fonds = fonds_mit(quartier, budget="1000.00")
    antraege = [antrag(fonds, "100.00", user=qm) for _ in range(50)]

    def entscheiden(a):
        try:
            services.antrag_entscheiden(antrag=a, ergebnis=AS.BEWILLIGT, user=qm)
            return "bewilligt"
        except ValidationError as fehler:
            return fehler.message_dict["betrag"][0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=25) as pool:
        ergebnisse = list(pool.map(entscheiden, antraege))
    assert ergebnisse.count("bewilligt") == 10
    abgelehnt = [e for e in ergebnisse if e != "bewilligt"]
    assert len(abgelehnt) == 40
    assert set(abgelehnt) == {
        "Der Fonds hat nur noch 0,00 € frei; 100,00 € können nicht bewilligt werden."
    }
    zahlen = services.fonds_zahlen(fonds)
    assert zahlen.gebunden == Decimal("1000.00") and zahlen.frei == Decimal("0.00")
