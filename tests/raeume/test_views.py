"""The partner pages and the back office views around bookings."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from raeume.models import Buchung, Uebergabe

from ..utils import client_for
from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def _wunsch(world, tag, von="15:00", bis="18:00", **extra):
    saal = world.extra["raeume"]["saal"]
    data = {
        "akteur": world.akteur_a.pk,
        "raum": saal.pk,
        "datum": f"{tag:%Y-%m-%d}",
        "von": von,
        "bis": bis,
        "art": "veranstaltung",
        "zweck": "Nachbarschaftsfest",
        "personen": 40,
        "nutzungsvereinbarung": "on",
        "bei_konflikt": "rest",
    }
    data.update(extra)
    return data


def test_partner_is_told_the_kitchen_is_taken_and_offered_alternatives(world):
    saal, kueche = world.extra["raeume"]["saal"], world.extra["raeume"]["kueche"]
    tag = naechster(5, wochen=3)
    buchung(saal, um(tag, 10), um(tag, 14), akteur=world.akteur_b, zusatzraeume=[kueche])
    client = client_for(world, "partner_a")
    response = client.post(
        reverse("partner:buchung_create"), _wunsch(world, tag, zusatzraeume=[kueche.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"Der Raum „Gemeinschaftsküche“ ist am {tag:%d.%m.%Y} von 10:00 bis 16:00 belegt." in html
    )
    assert "Freie Alternativen" in html
    assert "ohne Gemeinschaftsküche" in html  # the hall alone is free at that time
    assert 'value="Nachbarschaftsfest"' in html  # what was typed is kept
    assert not Buchung.objects.filter(akteur=world.akteur_a, raum=saal).exists()


def test_partner_books_and_sees_the_terms_version(world):
    tag = naechster(5, wochen=3)
    client = client_for(world, "partner_a")
    response = client.post(reverse("partner:buchung_create"), _wunsch(world, tag))
    b = Buchung.objects.get(akteur=world.akteur_a, raum__slug="saal")
    assert response.status_code == 302 and response.url == b.get_partner_url()
    assert b.status == "angefragt" and b.nutzungsvereinbarung.version == 1
    detail = client.get(b.get_partner_url()).content.decode()
    assert "Version 1, akzeptiert am" in detail


def test_terms_must_be_accepted(world):
    tag = naechster(5, wochen=3)
    data = _wunsch(world, tag)
    del data["nutzungsvereinbarung"]
    response = client_for(world, "partner_a").post(reverse("partner:buchung_create"), data)
    assert "Bitte akzeptieren Sie die Nutzungsvereinbarung" in response.content.decode()


def test_partner_cannot_book_for_another_organisation(world):
    tag = naechster(5, wochen=3)
    data = _wunsch(world, tag, akteur=world.akteur_b.pk)
    response = client_for(world, "partner_a").post(reverse("partner:buchung_create"), data)
    assert response.status_code == 200
    assert not Buchung.objects.filter(akteur=world.akteur_b, zweck="Nachbarschaftsfest").exists()


def test_weekly_series_through_the_form_lists_the_clash(world):
    tag = naechster(1, wochen=3)
    saal = world.extra["raeume"]["saal"]
    buchung(saal, um(tag + timedelta(days=7), 16), um(tag + timedelta(days=7), 17))
    data = _wunsch(
        world, tag, wiederholung="woechentlich", serie_bis=f"{tag + timedelta(days=21):%Y-%m-%d}"
    )
    client = client_for(world, "partner_a")
    response = client.post(reverse("partner:buchung_create"), data, follow=True)
    html = response.content.decode()
    assert "3 Termine der Serie wurden angefragt." in html
    assert f"Nicht gebucht am {tag + timedelta(days=7):%d.%m.%Y}" in html


def test_partner_of_club_b_gets_404_for_club_a_booking(world):
    b = world.extra["buchung_a"]
    client = client_for(world, "partner_b")
    assert client.get(b.get_partner_url()).status_code == 404
    url = reverse("partner:buchung_stornieren", args=[b.pk])
    assert client.post(url, {"grund": "x"}).status_code == 404
    b.refresh_from_db()
    assert b.ist_aktiv


def test_search_finds_free_rooms_with_equipment(world):
    tag = naechster(2, wochen=1)  # club B has the hall 18–21, club A the conference room
    client = client_for(world, "partner_a")
    url = reverse("partner:buchung_suche")
    wunsch = {"datum": f"{tag:%Y-%m-%d}", "von": "18:00", "bis": "20:00", "personen": 10}
    html = client.get(url, {**wunsch, "ausstattung": ["beamer"]}).content.decode()
    assert "Der Raum „Saal“ ist am" in html and "Der Raum „Konferenzraum 1“ ist am" in html
    assert "Freie Alternativen" in html
    frueher = {**wunsch, "von": "14:00", "bis": "16:00", "ausstattung": ["kueche"]}
    html = client.get(url, frueher).content.decode()
    assert "Freie Räume zur gewünschten Zeit" in html and "Saal + Gemeinschaftsküche" in html
    bad = client.get(url, {"datum": "kein-datum", "von": "20:00", "bis": "18:00", "personen": 0})
    assert bad.status_code == 200 and "Bitte ein gültiges Datum eingeben." in bad.content.decode()


def test_staff_book_for_a_resident_who_phoned(world, mailoutbox):
    tag = naechster(3, wochen=1)
    konferenz = world.extra["raeume"]["konferenz"]
    client = client_for(world, "mitarbeit")
    response = client.post(
        reverse("admin:raeume_buchung_add"),
        {
            "raum": konferenz.pk,
            "name": "Erika Muster",
            "telefon": "0171 555",
            "datum": f"{tag:%Y-%m-%d}",
            "von": "10:00",
            "bis": "12:00",
            "art": "privat",
            "zweck": "Geburtstag",
            "personen": 12,
        },
    )
    b = Buchung.objects.get(name="Erika Muster")
    assert response.status_code == 302 and b.status == "bestaetigt" and b.akteur is None
    again = client.post(
        reverse("admin:raeume_buchung_add"),
        {
            "raum": konferenz.pk,
            "name": "Max",
            "datum": f"{tag:%Y-%m-%d}",
            "von": "11:00",
            "bis": "13:00",
            "art": "privat",
            "zweck": "Feier",
            "personen": 5,
        },
    )
    assert "Der Raum „Konferenzraum 1“ ist am" in again.content.decode()


def test_staff_decide_with_reason_and_cannot_reach_other_areas(world, mailoutbox):
    b = world.extra["buchung_a"]
    client = client_for(world, "qm")
    url = reverse("admin:raeume_buchung_entscheiden", args=[b.pk])
    missing = client.post(url, {"aktion": "ablehnen", "grund": ""})
    assert "Bitte geben Sie einen Grund an." in missing.content.decode()
    assert client.post(url, {"aktion": "ablehnen", "grund": "Eigenbedarf"}).status_code == 302
    b.refresh_from_db()
    assert b.status == "abgelehnt" and b.grund == "Eigenbedarf"
    fremd = world.extra["raeume"]["fremd"]
    other = buchung(fremd, um(naechster(2), 10), um(naechster(2), 11))
    foreign = reverse("admin:raeume_buchung_entscheiden", args=[other.pk])
    assert client.post(foreign, {"aktion": "bestaetigen"}).status_code == 404
    stadt = client_for(world, "stadt")
    assert stadt.post(url, {"aktion": "bestaetigen"}).status_code == 403


def _png():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    out.seek(0)
    out.name = "schaden.png"
    return out


def test_handover_with_checklist_photo_and_deposit(world):
    b = world.extra["buchung_b"]
    client = client_for(world, "qm")
    response = client.post(
        reverse("admin:raeume_uebergabe_add"),
        {
            "buchung": b.pk,
            "schluessel_ausgegeben_0": "01.12.2026",
            "schluessel_ausgegeben_1": "17:00",
            "checkliste": ["kueche_sauber"],
            "schaeden": "Stuhl gebrochen",
            "foto": _png(),
            "foto_beschreibung": "Stuhl",
            "kaution": "hinterlegt",
            "kaution_betrag": "",
            "fotos-TOTAL_FORMS": "0",
            "fotos-INITIAL_FORMS": "0",
        },
    )
    assert "Bitte geben Sie die Höhe der Kaution an." in response.content.decode()
    response = client.post(
        reverse("admin:raeume_uebergabe_add"),
        {
            "buchung": b.pk,
            "checkliste": ["kueche_sauber"],
            "schaeden": "Stuhl gebrochen",
            "foto": _png(),
            "foto_beschreibung": "Stuhl",
            "kaution": "hinterlegt",
            "kaution_betrag": "50",
            "fotos-TOTAL_FORMS": "0",
            "fotos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    uebergabe = Uebergabe.objects.get(buchung=b)
    assert uebergabe.checkliste["kueche_sauber"] is True
    assert uebergabe.checkliste["muell_entsorgt"] is False
    assert uebergabe.fotos.get().bild.name.endswith(".png")
    html = client_for(world, "partner_b").get(b.get_partner_url()).content.decode()
    assert "Stuhl gebrochen" in html and "Kaution hinterlegt" in html
    liste = client_for(world, "partner_b").get(reverse("partner:buchung_list")).content.decode()
    assert "Schaden vermerkt" in liste


def test_only_quartiersmanagement_decides_deposits(world):
    b = world.extra["buchung_b"]
    assert world.users["qm"].has_perm("raeume.kaution_entscheiden")
    assert not world.users["mitarbeit"].has_perm("raeume.kaution_entscheiden")
    client = client_for(world, "mitarbeit")
    add = reverse("admin:raeume_uebergabe_add")
    assert 'name="kaution"' not in client.get(add).content.decode()
    response = client.post(
        add,
        {"buchung": b.pk, "schaeden": "Fleck", "kaution": "einbehalten", "kaution_betrag": "50"}
        | {"fotos-TOTAL_FORMS": "0", "fotos-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    uebergabe = Uebergabe.objects.get(buchung=b)
    assert (uebergabe.schaeden, uebergabe.kaution, uebergabe.kaution_betrag) == (
        "Fleck",
        Uebergabe._meta.get_field("kaution").default,
        None,
    )
    change = reverse("admin:raeume_uebergabe_change", args=[uebergabe.pk])
    client.post(change, {"buchung": b.pk, "kaution": "einbehalten", "kaution_betrag": "50"})
    uebergabe.refresh_from_db()
    assert uebergabe.kaution_betrag is None
    qm = client_for(world, "qm")
    assert 'name="kaution"' in qm.get(change).content.decode()
    qm.post(
        change,
        {"buchung": b.pk, "kaution": "einbehalten", "kaution_betrag": "50"}
        | {"fotos-TOTAL_FORMS": "0", "fotos-INITIAL_FORMS": "0"},
    )
    uebergabe.refresh_from_db()
    assert (uebergabe.kaution, uebergabe.kaution_betrag) == ("einbehalten", 50)


def test_damage_photos_are_private_with_random_names(world, settings):
    b = world.extra["buchung_b"]
    client = client_for(world, "qm")
    foto = _png()
    foto.name = "Familie-Mueller-Lindenstr-5.png"
    client.post(
        reverse("admin:raeume_uebergabe_add"),
        {"buchung": b.pk, "foto": foto, "kaution": "keine"}
        | {"fotos-TOTAL_FORMS": "0", "fotos-INITIAL_FORMS": "0"},
    )
    bild = Uebergabe.objects.get(buchung=b).fotos.get()
    assert "Mueller" not in bild.bild.name and bild.bild.name.endswith(".png")
    pfad = bild.bild.path
    assert not pfad.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        bild.bild.url  # noqa: B018 (private files have no public URL)
    url = bild.get_absolute_url()
    change = client.get(reverse("admin:raeume_uebergabe_change", args=[bild.uebergabe_id]))
    assert url in change.content.decode()
    for persona, status in [("qm", 200), ("mitarbeit", 200), ("partner_b", 200)] + [
        ("partner_a", 404),
        ("redaktion", 404),
    ]:
        response = client_for(world, persona).get(url)
        assert response.status_code == status, persona
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for(world, "anonym").get(url).status_code == 404


def test_use_figures_per_month_room_organisation_and_kind(world):
    from raeume import services

    b = world.extra["buchung_b"]
    services.bestaetigen(buchung=b, user=None)
    client = client_for(world, "stadt")
    url = reverse("admin:raeume_buchung_nutzung") + f"?jahr={b.beginn.year}"
    html = client.get(url).content.decode()
    assert "SV Blau-Weiß Lindenau e. V." in html and "Arbeitskreis" in html
    csv = b"".join(client.get(url + "&format=csv").streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0] == "Monat;Raum;Akteur;Art der Nutzung;Buchungen;Stunden"
    monat = timezone.localtime(b.beginn)
    assert f"{monat:%m/%Y};Saal;SV Blau-Weiß Lindenau e. V.;Arbeitskreis;1;3,0" in csv
    assert f"<td>{monat:%m/%Y}</td>" in html and "<td>3,0</td>" in html  # as the CSV
    sheet = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content)).active
    assert sheet["A2"].value.date() == date(monat.year, monat.month, 1)
    assert sheet["A2"].number_format == "MM/YYYY"
    assert (sheet["F2"].value, sheet["F2"].number_format) == (3, "#,##0.0")


def test_week_grid_shows_all_rooms_of_the_area_only(world):
    b = world.extra["buchung_b"]
    html = (
        client_for(world, "mitarbeit")
        .get(reverse("admin:raeume_buchung_wochenplan") + f"?woche={b.beginn:%Y-%m-%d}")
        .content.decode()
    )
    assert "SV Blau-Weiß" in html and "Konferenzraum 1" in html and "Hafensaal" not in html


def test_every_custom_admin_url_lives_under_its_own_model(world):
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("raeume", "veranstaltungen"):
            continue
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            assert not pattern.name or pattern.name.startswith(prefix), (model, pattern.name)
    assert reverse("admin:raeume_buchung_wochenplan").startswith("/admin/raeume/buchung/")
    assert reverse("admin:veranstaltungen_veranstaltung_zahlen").startswith(
        "/admin/veranstaltungen/veranstaltung/"
    )
    qm = client_for(world, "qm")
    for suffix in ("wochenplan/", "nutzung/", "1/entscheiden/"):
        assert qm.get(f"/admin/raeume/sperrzeit/{suffix}").status_code in (302, 404)


@pytest.mark.parametrize("extrem", ["9999-12-31", "0001-01-01"])
def test_extreme_dates_never_answer_500(world, extrem):
    saal = world.extra["raeume"]["saal"]
    anonym, partner, qm = (client_for(world, p) for p in ("anonym", "partner_a", "qm"))
    for url in [
        reverse("raeume:raum_detail", args=[saal.slug]) + f"?datum={extrem}",
        reverse("raeume:raum_detail", args=[saal.slug]) + f"?datum={extrem}&ansicht=monat",
    ]:
        assert anonym.get(url).status_code == 200, url
    for url in [
        reverse("admin:raeume_buchung_wochenplan") + f"?woche={extrem}",
        reverse("admin:raeume_buchung_nutzung") + "?jahr=99999",
    ]:
        assert qm.get(url).status_code == 200, url
    suche = partner.get(
        reverse("partner:buchung_suche") + f"?datum={extrem}&von=18:00&bis=20:00&personen=10"
    )
    assert suche.status_code == 200 and suche.context["form"].errors["datum"]
    data = _wunsch(world, naechster(2), von="18:00", bis="20:00") | {"datum": extrem}
    response = partner.post(reverse("partner:buchung_create"), data)
    assert response.status_code == 200
    meldung = response.context["form"].errors["datum"][0]
    if extrem.startswith("0001"):
        assert meldung == "Das Datum liegt in der Vergangenheit."
    else:
        assert meldung == "Saal kann höchstens 400 Tage im Voraus gebucht werden."


def test_filters_name_only_areas_and_rooms_one_may_see(world):
    fremd = world.extra["raeume"]["fremd"]
    buchung(fremd, um(naechster(3), 10), um(naechster(3), 12))  # by staff of area B
    mitarbeit = client_for(world, "mitarbeit")
    raeume = mitarbeit.get(reverse("admin:raeume_raum_changelist")).content.decode()
    # (no area column for someone who sees one area: the rooms' names tell)
    assert world.extra["raeume"]["saal"].name in raeume and fremd.name not in raeume
    liste = mitarbeit.get(reverse("admin:raeume_buchung_changelist")).content.decode()
    assert fremd.name not in liste
    sperren = mitarbeit.get(reverse("admin:raeume_sperrzeit_changelist"))
    assert "Hafenquartier" not in sperren.content.decode()


def test_partner_replaces_the_feed_link_and_the_old_one_stops_working(world):
    from quartier.models import AuditEntry
    from raeume.models import Kalenderzugang

    alt = Kalenderzugang.fuer(world.akteur_a).get_absolute_url()
    partner = client_for(world, "partner_a")
    url = reverse("partner:buchung_feed_erneuern", args=[world.akteur_a.pk])
    assert 'action="' + url + '"' in partner.get(reverse("partner:buchung_list")).content.decode()
    assert partner.get(url).status_code == 405
    assert client_for(world, "partner_b").post(url).status_code == 404
    assert partner.post(url).status_code == 302
    neu = Kalenderzugang.fuer(world.akteur_a).get_absolute_url()
    assert neu != alt
    anonym = client_for(world, "anonym")
    assert anonym.get(alt).status_code == 404 and anonym.get(neu).status_code == 200
    eintrag = AuditEntry.objects.filter(user=world.users["partner_a"]).latest("pk")
    assert eintrag.action == AuditEntry.Action.CHANGED


def test_partner_booking_list_is_paginated(world):
    """An active club has hundreds of dates: the list shows 25 at a time, in order."""
    from .test_budget import _bulk

    tag = naechster(2, wochen=8)
    _bulk(world.extra["raeume"]["konferenz"], world.akteur_a, 40, um(tag, 23))
    partner = client_for(world, "partner_a")
    erste = partner.get(reverse("partner:buchung_list"))
    assert len(erste.context["buchungen"]) == 25
    assert erste.context["page_obj"].has_next()
    assert "seite=2" in erste.content.decode()
    zweite = partner.get(reverse("partner:buchung_list") + "?seite=2")
    beginne = [b.beginn for b in erste.context["buchungen"]] + [
        b.beginn for b in zweite.context["buchungen"]
    ]
    assert beginne == sorted(beginne)
    # Nonsense page numbers show a page, never an error.
    assert partner.get(reverse("partner:buchung_list") + "?seite=x").status_code == 200


def test_city_staff_see_bookings_without_residents_contact_data(world):
    b = world.extra["buchung_a"]
    b.akteur = None
    b.name, b.telefon, b.email = "Erika Muster", "0171 1234567", "erika@example.org"
    b.save()
    stadt = client_for(world, "stadt")
    html = stadt.get(reverse("admin:raeume_buchung_change", args=[b.pk])).content
    liste = stadt.get(reverse("admin:raeume_buchung_changelist")).content
    for page in (html.decode(), liste.decode()):
        assert "Erika" not in page and "0171" not in page and "erika@" not in page
    assert "Privatperson" in liste.decode()
    qm = client_for(world, "qm")
    assert (
        "Erika Muster"
        in qm.get(reverse("admin:raeume_buchung_change", args=[b.pk])).content.decode()
    )


def test_bookings_lose_contact_data_after_the_retention_period(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from quartier.models import OutgoingMail
    from raeume import services

    settings.BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN = 90
    alt = world.extra["buchung_a"]
    Buchung.objects.filter(pk=alt.pk).update(
        name="Erika",
        telefon="0171",
        email="erika@example.org",
        beginn=timezone.now() - timedelta(days=100),
        ende=timezone.now() - timedelta(days=99),
    )
    # The booking's mails belong to its area; a mail of another area (e.g. a concern there)
    # falls under that area's rules and stays.
    OutgoingMail.objects.create(
        to=["erika@example.org"], subject="Ihre Buchung", body="x", quartier=alt.raum.quartier
    )
    fremd = OutgoingMail.objects.create(
        to=["erika@example.org"], subject="Ihr Anliegen", body="x", quartier=world.quartier_b
    )
    ausgabe = io.StringIO()
    call_command("raeume_aufbewahrung", stdout=ausgabe)  # the daily job (README's cron)
    assert ausgabe.getvalue().startswith("1 ")
    alt.refresh_from_db()
    assert (alt.name, alt.telefon, alt.email) == ("", "", "")
    assert alt.ist_aktiv or alt.status  # the booking itself stays for the figures
    assert list(OutgoingMail.objects.filter(to__contains=["erika@example.org"])) == [fremd]
    assert services.buchungskontakte_loeschen() == 0


def test_a_residents_booking_keeps_a_name_that_names_nobody_after_the_retention(world, settings):
    """A booking without an actor must have a name (a database constraint): the retention
    job gave it an empty one and failed on every resident's booking."""
    from datetime import timedelta

    from django.utils import timezone

    from raeume import services

    settings.BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN = 90
    alt = world.extra["buchung_a"]
    Buchung.objects.filter(pk=alt.pk).update(
        akteur=None,
        name="Familie Özdemir",
        telefon="0151 1234567",
        beginn=timezone.now() - timedelta(days=100),
        ende=timezone.now() - timedelta(days=99),
    )
    assert services.buchungskontakte_loeschen() == 1
    alt.refresh_from_db()
    assert (alt.akteur, alt.name, alt.telefon) == (
        None,
        "Privatperson (Kontaktdaten gelöscht)",
        "",
    )
    assert services.buchungskontakte_loeschen() == 0


def test_a_paid_or_withheld_deposit_needs_its_amount_in_the_database_too(world):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    uebergabe = Uebergabe(buchung=world.extra["buchung_a"], kaution="hinterlegt")
    with pytest.raises(ValidationError) as exc:
        uebergabe.validate_constraints()
    assert exc.value.messages == ["Bitte geben Sie die Höhe der Kaution an."]
    with pytest.raises(IntegrityError), transaction.atomic():
        uebergabe.save()
    uebergabe.kaution_betrag = 50
    uebergabe.save()
