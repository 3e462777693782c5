"""Projects in the shared test world: one of area A led by actor A, one of area B."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from projekte.models import (
    Antrag,
    Antragskosten,
    Antragsstatus,
    Ausgabe,
    Bewilligung,
    Budgetjahr,
    Finanzierungsposition,
    Foerderprogramm,
    Fonds,
    Kostenposition,
    Projekt,
    Sachbericht,
)

BELEG_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def extend(world) -> None:
    programm = Foerderprogramm.objects.create(
        name="BIWAQ – Bildung, Wirtschaft, Arbeit im Quartier",
        kurzname="BIWAQ",
        ebene=Foerderprogramm.Ebene.BUND,
        geber="Bund",
    )
    projekt = Projekt.objects.create(
        quartier=world.quartier_a,
        titel="Hausaufgabenhilfe",
        slug="hausaufgabenhilfe",
        kurzbeschreibung="Hilfe bei den Hausaufgaben.",
        traeger=world.akteur_a,
        status=Projekt.Status.LAUFEND,
        von=date(2026, 1, 1),
        bis=date(2026, 12, 31),
    )
    position = Kostenposition.objects.create(
        projekt=projekt, art=Kostenposition.Art.HONORARE, bezeichnung="Honorare", betrag=1000
    )
    bewilligung = Bewilligung.objects.create(
        projekt=projekt,
        programm=programm,
        aktenzeichen="BIWAQ-1",
        von=date(2026, 1, 1),
        bis=date(2026, 12, 31),
        betrag=Decimal("900.00"),
    )
    Finanzierungsposition.objects.create(
        projekt=projekt,
        art=Finanzierungsposition.Art.FOERDERMITTEL,
        bezeichnung="BIWAQ",
        bewilligung=bewilligung,
        betrag=Decimal("900.00"),
    )
    Finanzierungsposition.objects.create(
        projekt=projekt,
        art=Finanzierungsposition.Art.PROJEKTMITTEL,
        bezeichnung="Projektmittel",
        haushaltsjahr=2026,
        betrag=Decimal("100.00"),
    )
    ausgabe = Ausgabe.objects.create(
        kostenposition=position,
        datum=date(2026, 3, 1),
        betrag=Decimal("250.00"),
        bezeichnung="Honorar März",
        empfaenger="Anna Beispiel",
    )
    ausgabe.beleg.save("honorar-maerz.pdf", ContentFile(BELEG_PDF))
    fremd = Projekt.objects.create(
        quartier=world.quartier_b,
        titel="Hafenfest",
        slug="hafenfest",
        kurzbeschreibung="Ein Fest am Hafen.",
        traeger=world.akteur_b,
    )
    fremde_position = Kostenposition.objects.create(
        projekt=fremd, art=Kostenposition.Art.MIETE, bezeichnung="Bühne", betrag=500
    )
    world.extra["projekte"] = {
        "programm": programm,
        "programm_b": Foerderprogramm.objects.create(
            quartier=world.quartier_b,
            name="Hafenstiftung",
            kurzname="Hafenstiftung",
            ebene=Foerderprogramm.Ebene.STIFTUNG,
            geber="Hafenstiftung",
        ),
        "projekt": projekt,
        "bewilligung": bewilligung,
        "ausgabe": ausgabe,
        "budgetjahr": Budgetjahr.objects.create(
            quartier=world.quartier_a, jahr=2026, einwohner=8000, vollzeitstellen=2
        ),
        "fremd": fremd,
        "fremde_bewilligung": Bewilligung.objects.create(
            projekt=fremd,
            programm=programm,
            von=date(2026, 1, 1),
            bis=date(2026, 12, 31),
            betrag=Decimal("500.00"),
        ),
        "fremde_ausgabe": Ausgabe.objects.create(
            kostenposition=fremde_position,
            datum=date(2026, 3, 1),
            betrag=Decimal("50.00"),
            bezeichnung="Anzahlung",
        ),
        "fremdes_budget": Budgetjahr.objects.create(
            quartier=world.quartier_b, jahr=2026, einwohner=3000, vollzeitstellen=1
        ),
    }
    world.extra["projekte"]["fremde_ausgabe"].beleg.save("anzahlung.pdf", ContentFile(BELEG_PDF))
    sachbericht = Sachbericht.objects.create(
        projekt=projekt,
        von=date(2026, 1, 1),
        bis=date(2026, 6, 30),
        text="Im ersten Halbjahr kamen jede Woche 14 Kinder.",
    )
    sachbericht.datei.save("flyer.pdf", ContentFile(BELEG_PDF))
    fremder_bericht = Sachbericht.objects.create(
        projekt=fremd, von=date(2026, 1, 1), bis=date(2026, 6, 30), text="Aufbau der Bühne."
    )
    fremder_bericht.datei.save("buehne.pdf", ContentFile(BELEG_PDF))
    world.extra["projekte"]["sachbericht"] = sachbericht
    world.extra["projekte"]["fremder_bericht"] = fremder_bericht
    _fonds(world)


def _antrag(fonds, titel, betrag, status, **extra) -> Antrag:
    antrag = Antrag.objects.create(
        fonds=fonds,
        nummer=f"VF-{fonds.jahr}-{fonds.antraege.count() + 1:03d}",
        name="Erika Mustermann",
        email="erika@example.org",
        titel=titel,
        beschreibung=f"{titel} für die Nachbarschaft.",
        beantragt=Decimal(betrag),
        status=status,
        **extra,
    )
    Antragskosten.objects.create(
        antrag=antrag, art="material", bezeichnung="Material", betrag=Decimal(betrag)
    )
    return antrag


def _fonds(world) -> None:
    """A fund of area A with an application up for decision and a published approved one;
    a fund of area B with one application."""
    fonds = Fonds.objects.create(
        quartier=world.quartier_a, jahr=timezone.localdate().year, einwohner=8000
    )
    fremder_fonds = Fonds.objects.create(
        quartier=world.quartier_b, jahr=timezone.localdate().year, einwohner=3000
    )
    world.extra["projekte"].update(
        {
            "fonds": fonds,
            "antrag": _antrag(fonds, "Straßenfest", "480.00", Antragsstatus.ZUR_ENTSCHEIDUNG),
            "gefoerdert": _antrag(
                fonds,
                "Bücherschrank",
                "300.00",
                Antragsstatus.BEWILLIGT,
                bewilligt=Decimal("300.00"),
                entscheidungsweg="buero",
                einwilligung_veroeffentlichung=True,
            ),
            "entwurf": Antrag.objects.create(
                fonds=fonds,
                name="Selin Kaya",
                titel="Hofflohmarkt",
                beschreibung="",
                status=Antragsstatus.ENTWURF,
            ),
            "fremder_fonds": fremder_fonds,
            "fremder_antrag": _antrag(
                fremder_fonds, "Hafenkonzert", "200.00", Antragsstatus.ZUR_ENTSCHEIDUNG
            ),
        }
    )
