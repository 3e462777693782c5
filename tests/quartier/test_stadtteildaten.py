"""The areas' statistics (`Stadtteildaten`): the CSV import with its preview and its
errors per row (a file with any error stores nothing), entry by hand with the rules beside
the fields, the residents' count that feeds the area and the budget rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projekte.models import Budgetjahr
from quartier.models import AuditEntry, Quartier, Stadtteildaten
from quartier.stadtteildaten import dekodieren, einlesen, einwohner_fuer

from ..utils import client_for

IMPORT = "admin:quartier_stadtteildaten_import"

KOPF = (
    "Stadtteil;Jahr;Stichtag;Einwohner;unter 18;65 und älter;Haushalte;"
    "Anteil Transferleistungen (%);Sprachen"
)


def _datei(text: str, encoding="utf-8", name="statistik.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), "text/csv")


def _hochladen(client, text, *, encoding="utf-8", quelle="Statistikstelle"):
    return client.post(
        reverse(IMPORT), {"datei": _datei(text, encoding), "quelle": quelle}, follow=False
    )


def _fehler(response) -> list[tuple[int, str, str]]:
    ergebnis = response.context["ergebnis"]
    return [(f.zeile, f.spalte, f.text) for f in ergebnis.fehler]


@pytest.mark.django_db
def test_the_office_previews_a_file_and_stores_it_with_one_click(world):
    a = world.quartier_a
    client = client_for(world, "qm")
    text = (
        f"{KOPF}\n"
        f"{a.name};2025;31.12.2025;4.180;820;1.010;2.050;21,5;Türkisch, Arabisch\n"
        f"{a.slug};2024;;4.000;800;1.000;2.000;20,0;\n"
    )
    vorschau = _hochladen(client, text)
    assert vorschau.status_code == 200
    zeilen = vorschau.context["ergebnis"].zeilen
    assert [(z.zeile, z.neu) for z in zeilen] == [(2, True), (3, False)]
    # 2024 is in the world with other figures: the preview names what changes
    assert "Haushalte" in " ".join(zeilen[1].aenderungen) or zeilen[1].aenderungen
    assert Stadtteildaten.objects.filter(quartier=a, jahr=2025).count() == 0, "nothing yet"
    inhalt = vorschau.context["inhalt"]
    gespeichert = client.post(
        reverse(IMPORT), {"inhalt": inhalt, "quelle": "Statistikstelle", "uebernehmen": "1"}
    )
    assert gespeichert.status_code == 302
    daten = Stadtteildaten.objects.get(quartier=a, jahr=2025)
    assert (daten.einwohner, daten.unter_18, daten.ab_65, daten.haushalte) == (
        4180,
        820,
        1010,
        2050,
    )
    assert daten.anteil_transferleistungen == Decimal("21.5")
    assert daten.sprachen_liste() == ["Türkisch", "Arabisch"]
    assert daten.quelle == "Statistikstelle"
    assert Stadtteildaten.objects.get(quartier=a, jahr=2024).stichtag == date(2024, 12, 31)
    # the area's current count follows the newest figures, audited
    a.refresh_from_db()
    assert (a.einwohner, a.einwohner_stichtag) == (4180, date(2025, 12, 31))
    assert AuditEntry.objects.filter(object_id=str(a.pk), message__contains="2025").exists()
    assert AuditEntry.objects.filter(object_id=str(daten.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "bom", "trenner"),
    [("utf-8", False, ";"), ("utf-8", True, ","), ("cp1252", False, ";"), ("utf-8", False, "\t")],
)
def test_the_file_may_come_from_excel_or_a_statistics_program(world, encoding, bom, trenner):
    a = world.quartier_a
    zahl = "4.180" if trenner != "," else "4180"
    anteil = "21,5" if trenner != "," else "21.5"
    text = trenner.join(
        ["Quartier", "Jahr", "Einwohner", "65 und älter", "Transferleistungen", "Quelle"]
    )
    text += "\n" + trenner.join([a.name, "2025", zahl, "1000", anteil, "Amt für Statistik"]) + "\n"
    inhalt = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    ergebnis = einlesen(dekodieren(inhalt), user=world.users["qm"])
    assert ergebnis.ok, ergebnis.fehler
    daten = ergebnis.zeilen[0].daten
    assert (daten.einwohner, daten.ab_65, daten.anteil_transferleistungen) == (
        4180,
        1000,
        Decimal("21.5"),
    )
    assert daten.quelle == "Amt für Statistik"


@pytest.mark.django_db
def test_a_malformed_file_is_rejected_with_row_and_reason_and_nothing_is_stored(world):
    a, b = world.quartier_a, world.quartier_b
    client = client_for(world, "qm")
    vorher = Stadtteildaten.objects.count()
    text = (
        f"{KOPF}\n"
        f"{a.name};2025;31.12.2025;4.180;820;1.010;2.050;21,5;\n"  # fine
        f"{a.name};2023;31.12.2022;4.000;;;;;\n"  # counted in another year
        f"{a.name};2022;;100;80;50;;;\n"  # age groups more than residents
        f"{a.name};2021;;viele;;;;;\n"  # not a number
        f"Atlantis;2025;;100;;;;;\n"  # unknown area
        f"{a.name};2025;;4.180;;;;;\n"  # twice in the file
        f"{a.name};2020;;5000;;;;140;\n"  # share above 100
        f"{a.name};2019\n"  # too few cells
        f"{b.name};2025;;6000;;;;;\n"  # not one of this user's areas
    )
    response = _hochladen(client, text)
    assert response.status_code == 200
    fehler = _fehler(response)
    zeilen = {zeile for zeile, _spalte, _text in fehler}
    assert zeilen == {3, 4, 5, 6, 7, 8, 9, 10}, fehler
    texte = dict(((z, s), t) for z, s, t in fehler)
    assert texte[(3, "Stichtag")] == "Der Stichtag muss im Jahr liegen."
    assert texte[(4, "65 und älter")] == (
        "Die Altersgruppen zusammen können nicht mehr sein als die Einwohnenden."
    )
    assert "Atlantis" in texte[(6, "Quartier")]
    assert b.name in texte[(10, "Quartier")]
    assert "Zeile 2" in texte[(7, "Jahr")]
    body = response.content.decode()
    assert "nichts gespeichert" in body
    assert 'name="uebernehmen"' not in body, "no way to store a file with errors"
    assert Stadtteildaten.objects.count() == vorher


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhalt", "meldung"),
    [
        (b"", "Die übertragene Datei ist leer."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "keine CSV-Datei"),
        (b"Name;Farbe\nAnna;blau\n", "unbekannt"),
        (b"Quartier;Jahr;Einwohner\n", "keine Zeilen"),
        (b'Quartier;Jahr;Einwohner\n"Brunnen;2025;4000\n', None),
        (b"x" * 1_000_001, "1 MB"),
    ],
)
def test_broken_files_get_a_german_message_never_a_500(world, inhalt, meldung):
    client = client_for(world, "qm")
    response = client.post(
        reverse(IMPORT), {"datei": SimpleUploadedFile("x.csv", inhalt), "quelle": "Amt"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "errornote" in body or "errorlist" in body
    if meldung:
        assert meldung in body
    assert Stadtteildaten.objects.count() == 2  # the world's two


@pytest.mark.django_db
def test_a_forged_or_expired_preview_stores_nothing(world):
    client = client_for(world, "qm")
    response = client.post(
        reverse(IMPORT), {"inhalt": "gefälscht", "quelle": "", "uebernehmen": "1"}, follow=True
    )
    assert "abgelaufen" in response.content.decode()
    assert Stadtteildaten.objects.count() == 2


@pytest.mark.django_db
def test_a_preview_of_another_areas_rows_cannot_be_stored_by_this_areas_staff(world):
    """A signed preview made by someone responsible for both areas, replayed by area A's
    staff: the rows are read again with A's areas, B's row is an error, nothing is stored."""
    from django.core import signing

    from quartier.admin import IMPORT_SALT

    text = f"Quartier;Jahr;Einwohner;Quelle\n{world.quartier_b.name};2023;5000;Amt\n"
    inhalt = signing.dumps(text, salt=IMPORT_SALT, compress=True)
    response = client_for(world, "mitarbeit").post(
        reverse(IMPORT), {"inhalt": inhalt, "quelle": "", "uebernehmen": "1"}
    )
    assert response.status_code == 200
    assert _fehler(response)[0][1] == "Quartier"
    assert not Stadtteildaten.objects.filter(quartier=world.quartier_b, jahr=2023).exists()


@pytest.mark.django_db
def test_entering_figures_by_hand_reports_each_rule_beside_its_field(world):
    client = client_for(world, "mitarbeit")
    url = reverse("admin:quartier_stadtteildaten_add")
    response = client.post(
        url,
        {
            "quartier": world.quartier_a.pk,
            "jahr": "2024",
            "stichtag": "31.12.2023",
            "einwohner": "100",
            "unter_18": "60",
            "von_18_bis_64": "30",
            "ab_65": "20",
            "haushalte": "120",
            "anteil_transferleistungen": "101",
            "quelle": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"stichtag", "ab_65", "haushalte", "anteil_transferleistungen", "quelle"}
    assert "jahr" in errors or "__all__" not in errors  # 2024 exists: at the year, not on top
    assert 'value="120"' in response.content.decode(), "what was typed is kept"


@pytest.mark.django_db
def test_another_areas_figures_are_404_in_the_admin(world):
    fremd = world.extra["stadtteildaten"]["b"]
    client = client_for(world, "qm")
    assert (
        client.get(reverse("admin:quartier_stadtteildaten_change", args=[fremd.pk])).status_code
        == 404
    )
    liste = client.get(reverse("admin:quartier_stadtteildaten_changelist"))
    assert world.quartier_b.name not in [str(o.quartier) for o in liste.context["cl"].result_list]


@pytest.mark.django_db
def test_the_budget_year_takes_its_residents_from_the_statistics_of_the_year_before(world):
    a = world.quartier_a
    assert einwohner_fuer(quartier=a, jahr=2025).jahr == 2024
    assert einwohner_fuer(quartier=a, jahr=2024).jahr == 2024, "no earlier year: the year itself"
    assert einwohner_fuer(quartier=a, jahr=2023) is None
    client = client_for(world, "qm")
    daten = {
        "quartier": a.pk,
        "jahr": "2025",
        "einwohner": "",
        "vollzeitstellen": "2.00",
        "projektmittel_je_einwohner": "2.00",
        "projektmittel_mindestens": "5000.00",
        "sachkosten_je_stelle": "3500.00",
        "projektmittel_festgesetzt": "",
    }
    Budgetjahr.objects.filter(quartier=a, jahr=2025).delete()
    response = client.post(reverse("admin:projekte_budgetjahr_add"), daten)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Budgetjahr.objects.get(quartier=a, jahr=2025).einwohner == 4000
    # without any statistics before: a German message beside the field, nothing saved
    response = client.post(reverse("admin:projekte_budgetjahr_add"), {**daten, "jahr": "2020"})
    assert response.status_code == 200
    assert "Stadtteildaten" in response.context["adminform"].form.errors["einwohner"][0]


@pytest.mark.django_db
def test_older_figures_do_not_replace_the_areas_newer_count(world):
    from quartier import services
    from quartier.stadtteildaten import StadtteildatenForm

    a = world.quartier_a
    Quartier.objects.filter(pk=a.pk).update(einwohner=5000, einwohner_stichtag=date(2026, 6, 30))
    form = StadtteildatenForm(
        {
            "quartier": a.pk,
            "jahr": 2020,
            "stichtag": "31.12.2020",
            "einwohner": 3000,
            "quelle": "Amt",
        }
    )
    assert form.is_valid(), form.errors
    services.stadtteildaten_speichern(form=form, user=world.users["qm"])
    a.refresh_from_db()
    assert a.einwohner == 5000
