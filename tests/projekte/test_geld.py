"""The money of projects: financing plans balance before a project is applied for, amounts
never float, the database keeps them non-negative, the area's budget adds up."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from projekte import services
from projekte.forms import beleg_bereinigen
from projekte.models import (
    Ausgabe,
    Budgetjahr,
    Finanzierungsposition,
    Kostenposition,
    Projekt,
    summe,
)
from quartier.models import AuditEntry


def _projekt(world, **kwargs):
    return Projekt.objects.create(
        quartier=world.quartier_a,
        titel="Sprachcafé",
        slug=kwargs.pop("slug", "sprachcafe"),
        kurzbeschreibung="Deutsch üben.",
        status=kwargs.pop("status", Projekt.Status.IN_ABSTIMMUNG),
        **kwargs,
    )


def test_an_unbalanced_plan_cannot_be_applied_for_and_the_message_says_by_how_much(world):
    projekt = _projekt(world)
    qm = world.users["qm"]
    Kostenposition.objects.create(
        projekt=projekt, art="sachkosten", bezeichnung="Material", betrag=Decimal("1234.50")
    )
    Finanzierungsposition.objects.create(
        projekt=projekt, art="eigenanteil", bezeichnung="Verein", betrag=Decimal("1000.00")
    )
    with pytest.raises(ValidationError) as fehler:
        services.status_setzen(projekt=projekt, status=Projekt.Status.BEANTRAGT, user=qm)
    assert "234,50 €" in fehler.value.messages[0]
    assert "1.234,50 €" in fehler.value.messages[0]
    Finanzierungsposition.objects.create(
        projekt=projekt, art="drittmittel", bezeichnung="Spende", betrag=Decimal("300.00")
    )
    with pytest.raises(ValidationError) as fehler:
        services.status_setzen(projekt=projekt, status=Projekt.Status.BEANTRAGT, user=qm)
    assert "65,50 €" in fehler.value.messages[0]
    Finanzierungsposition.objects.filter(bezeichnung="Spende").update(betrag=Decimal("234.50"))
    services.status_setzen(projekt=projekt, status=Projekt.Status.BEANTRAGT, user=qm)
    projekt.refresh_from_db()
    assert projekt.status == Projekt.Status.BEANTRAGT
    assert AuditEntry.objects.filter(object_id=str(projekt.pk), action="changed").exists()


def test_only_the_quartier_management_decides_money_and_only_along_the_states(world):
    projekt = _projekt(world)
    with pytest.raises(PermissionDenied):
        services.status_setzen(
            projekt=projekt, status=Projekt.Status.BEANTRAGT, user=world.users["mitarbeit"]
        )
    with pytest.raises(ValidationError):
        services.status_setzen(
            projekt=projekt, status=Projekt.Status.ABGESCHLOSSEN, user=world.users["qm"]
        )


def test_ten_thousand_expenses_of_ten_cents_are_exactly_one_thousand_euros(world):
    projekt = _projekt(world)
    position = Kostenposition.objects.create(
        projekt=projekt, art="sachkosten", bezeichnung="Kleinkram", betrag=Decimal("1000.00")
    )
    Ausgabe.objects.bulk_create(
        Ausgabe(kostenposition=position, datum=date(2026, 5, 1), betrag="0.10", bezeichnung="x")
        for _ in range(10_000)
    )
    gesamt = projekt.ausgaben_summe()
    assert isinstance(gesamt, Decimal)
    assert gesamt == Decimal("1000.00")
    [zeile] = services.plan_gegen_ist(projekt)
    assert zeile["ausgegeben"] == Decimal("1000.00") and not zeile["ueberzogen"]
    Ausgabe.objects.create(
        kostenposition=position, datum=date(2026, 5, 2), betrag="0.01", bezeichnung="y"
    )
    [zeile] = services.plan_gegen_ist(projekt)
    assert zeile["ueberzogen"] and zeile["rest"] == Decimal("-0.01")


@pytest.mark.parametrize(
    ("model", "felder"),
    [
        (Kostenposition, {"art": "miete", "bezeichnung": "Raum", "betrag": Decimal("-1")}),
        (Finanzierungsposition, {"art": "eigenanteil", "bezeichnung": "x", "betrag": -1}),
        (
            Finanzierungsposition,
            {"art": "projektmittel", "bezeichnung": "ohne Jahr", "betrag": 10},
        ),
    ],
)
def test_the_database_refuses_negative_amounts_and_budget_means_without_a_year(
    world, model, felder
):
    projekt = _projekt(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(projekt=projekt, **felder)


def test_volunteer_hours_are_valued_at_their_rate(world):
    projekt = _projekt(world)
    zeile = Finanzierungsposition.objects.create(
        projekt=projekt,
        art="ehrenamt",
        bezeichnung="Helfende",
        stunden=Decimal("40.5"),
        stundensatz=Decimal("15.00"),
        betrag=0,
    )
    assert zeile.betrag == Decimal("607.50")


def test_the_budget_year_follows_the_area_parameters_and_shares_spending(world):
    jahr = Budgetjahr(quartier=world.quartier_a, jahr=2027, einwohner=1200, vollzeitstellen=2)
    assert jahr.projektmittel() == Decimal("5000.00")  # at least 5,000 EUR
    jahr.einwohner = 4000
    assert jahr.projektmittel() == Decimal("8000.00")  # 2 EUR per resident
    jahr.projektmittel_je_einwohner = Decimal("2.50")
    assert jahr.projektmittel() == Decimal("10000.00")
    jahr.projektmittel_festgesetzt = Decimal("7777.77")
    assert jahr.projektmittel() == Decimal("7777.77")
    assert jahr.sachkosten() == Decimal("7000.00")
    jahr.save()

    geplant = _projekt(world, slug="geplant")
    Finanzierungsposition.objects.create(
        projekt=geplant, art="projektmittel", bezeichnung="PM", haushaltsjahr=2027, betrag=500
    )
    laufend = _projekt(world, slug="laufend", status=Projekt.Status.LAUFEND)
    Finanzierungsposition.objects.create(
        projekt=laufend, art="projektmittel", bezeichnung="PM", haushaltsjahr=2027, betrag=1000
    )
    Finanzierungsposition.objects.create(
        projekt=laufend, art="drittmittel", bezeichnung="Spende", betrag=3000
    )
    position = Kostenposition.objects.create(
        projekt=laufend, art="miete", bezeichnung="Raum", betrag=4000
    )
    Ausgabe.objects.create(
        kostenposition=position, datum=date(2027, 2, 1), betrag="2000.00", bezeichnung="Miete"
    )
    projektmittel, sachkosten = services.budget_uebersicht(jahr)
    assert projektmittel.betrag == Decimal("7777.77")
    assert projektmittel.geplant == Decimal("500.00")
    assert projektmittel.gebunden == Decimal("1000.00")
    # a quarter of the running project's money is the area's: a quarter of what it spent
    assert projektmittel.ausgegeben == Decimal("500.00")
    assert projektmittel.frei == Decimal("6277.77")
    assert sachkosten.geplant == sachkosten.gebunden == Decimal("0.00")


def _foto_mit_exif() -> SimpleUploadedFile:
    bild = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 31.0, 0.0)  # where it was taken
    puffer = io.BytesIO()
    bild.save(puffer, "JPEG", exif=exif)
    return SimpleUploadedFile("quittung.jpg", puffer.getvalue(), content_type="image/jpeg")


def test_a_receipt_photo_is_stored_without_exif_and_anything_else_is_refused():
    roh = _foto_mit_exif()
    assert Image.open(io.BytesIO(roh.read())).getexif().get_ifd(0x8825)
    roh.seek(0)
    sauber = beleg_bereinigen(roh)
    assert not Image.open(io.BytesIO(sauber.read())).getexif()
    pdf = beleg_bereinigen(
        SimpleUploadedFile("r.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    )
    assert pdf.content_type == "application/pdf"
    for kaputt in [b"MZ\x90\x00 not a receipt", b"%PDF-1.4\n1 0 obj<<>>", b""]:
        with pytest.raises(ValidationError):
            beleg_bereinigen(SimpleUploadedFile("x.pdf", kaputt or b"\x00"))


def test_sums_are_decimal_and_zero_when_there_is_nothing(world):
    assert summe(Ausgabe.objects.none()) == Decimal("0.00")
