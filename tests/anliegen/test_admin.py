import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from anliegen.models import Anliegen, Statuswechsel, Weiterleitung
from quartier.models import OutgoingMail

from ..utils import count_queries
from .bulk import viele_anliegen
from .factories import AnliegenFactory, FotoFactory, TextbausteinFactory

S = Anliegen.Status
LISTE = "/admin/anliegen/anliegen/"


def url(name, anliegen):
    return reverse(f"admin:anliegen_anliegen_{name}", args=[anliegen.pk])


@pytest.mark.django_db
def test_answer_template_fills_placeholders_and_closing_needs_an_answer(qm_client, world):
    anliegen = world.extra["anliegen_privat"]
    baustein = TextbausteinFactory(kategorie=world.extra["kategorie"])
    response = qm_client.get(url("status", anliegen) + f"?baustein={baustein.pk}")
    antwort = response.context["form"].initial["antwort"]
    datum = timezone.localdate(anliegen.eingegangen_at).strftime("%d.%m.%Y")
    assert (
        antwort == f"Ihr Anliegen {anliegen.nummer} (Straßenbeleuchtung) vom {datum} ist erledigt."
    )
    response = qm_client.post(url("status", anliegen), {"status": S.ERLEDIGT, "antwort": ""})
    assert response.status_code == 200 and response.context["form"].errors["antwort"]
    response = qm_client.post(
        url("status", anliegen),
        {"status": S.ERLEDIGT, "antwort": antwort + " Danke!", "notiz": "x"},
    )
    assert response.status_code == 302
    anliegen.refresh_from_db()
    assert anliegen.status == S.ERLEDIGT and anliegen.antwort.endswith("Danke!")
    wechsel = Statuswechsel.objects.filter(anliegen=anliegen).last()
    assert wechsel.user == world.users["qm"] and wechsel.notiz == "x"


@pytest.mark.django_db
def test_forwarding_from_the_admin_records_it_and_mails_the_office(qm_client, world):
    anliegen = world.extra["anliegen_privat"]
    amt = world.extra["amt"]
    response = qm_client.post(
        url("weiterleiten", anliegen),
        {"akteur": amt.pk, "antwort_bis": "2030-01-31", "nachricht": "Bitte prüfen"},
    )
    assert response.status_code == 302
    w = Weiterleitung.objects.filter(anliegen=anliegen).last()
    assert w.akteur == amt and str(w.antwort_bis) == "2030-01-31"
    mail = OutgoingMail.objects.get(to=[amt.email])
    assert w.token in mail.body and "anwohnerin" not in mail.body


@pytest.mark.django_db
def test_moderation_redacts_in_one_click_and_releases_text_and_chosen_photos(qm_client, world):
    anliegen = AnliegenFactory(
        kategorie=world.extra["kategorie"],
        einwilligung_veroeffentlichung=True,
        beschreibung="Frau Schneider ruft an: 0171 9876543. Laterne dunkel.",
    )
    gut, schlecht = FotoFactory(anliegen=anliegen), FotoFactory(anliegen=anliegen)
    page = qm_client.get(url("moderation", anliegen))
    assert "<mark" in page.content.decode() and len(page.context["funde"]) == 2
    response = qm_client.post(
        url("moderation", anliegen),
        {"aktion": "schwaerzen", "oeffentlicher_text": anliegen.beschreibung},
    )
    redigiert = response.context["form"]["oeffentlicher_text"].value()
    assert "Schneider" not in redigiert and "0171" not in redigiert
    assert "So erscheint es öffentlich" in response.content.decode()
    uebernommen = qm_client.post(
        url("moderation", anliegen), {"aktion": "uebernehmen", "oeffentlicher_text": "alt"}
    )
    assert uebernommen.context["form"]["oeffentlicher_text"].value() == redigiert
    qm_client.post(
        url("moderation", anliegen),
        {"aktion": "freigeben", "oeffentlicher_text": redigiert, "fotos": [gut.pk]},
    )
    anliegen.refresh_from_db()
    assert anliegen.ist_oeffentlich and anliegen.oeffentlicher_text == redigiert
    assert qm_client.get(gut.get_absolute_url()).status_code == 200
    from django.test import Client

    assert Client().get(gut.get_absolute_url()).status_code == 200
    assert Client().get(schlecht.get_absolute_url()).status_code == 404
    assert "Schneider" not in Client().get(anliegen.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_release_without_consent_is_refused(qm_client, world):
    anliegen = world.extra["anliegen_privat"]
    response = qm_client.post(
        url("moderation", anliegen), {"aktion": "freigeben", "oeffentlicher_text": "x"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    anliegen.refresh_from_db()
    assert not anliegen.text_freigegeben


def page_size_mm(pdf: bytes) -> tuple[int, int]:
    """The first page's size, read from the PDF's MediaBox (points → millimetres).

    WeasyPrint keeps page objects in compressed object streams, so look there too."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    pattern = rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]"
    for chunk in chunks:
        if box := re.search(pattern, chunk):
            return tuple(round(float(v) * 25.4 / 72) for v in box.groups())
    raise AssertionError("no MediaBox in the PDF")


@pytest.mark.django_db
def test_staff_record_a_phone_concern_and_print_a_receipt_with_pin(qm_client, world):
    response = qm_client.post(
        "/admin/anliegen/anliegen/add/",
        {
            "quartier": world.quartier_a.pk,
            "kanal": "telefon",
            "art": "mangel",
            "kategorie": world.extra["kategorie"].pk,
            "beschreibung": "Anruf: Ampel an der Schule defekt",
            "strasse": "Schulweg",
            "einwilligung_veroeffentlichung": "on",
        },
    )
    anliegen = Anliegen.objects.get(beschreibung__startswith="Anruf")
    assert response.url == url("quittung", anliegen)
    page = qm_client.get(response.url)
    pin = page.context["pin"]
    assert anliegen.check_pin(pin) and anliegen.nummer in page.content.decode()
    assert anliegen.verlauf.get().user == world.users["qm"]
    pdf = qm_client.get(response.url + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert page_size_mm(pdf.content) == (210, 297)
    a6 = qm_client.get(response.url + "?format=pdf&groesse=a6")
    assert page_size_mm(a6.content) == (105, 148)
    assert "A6" in a6["Content-Disposition"]
    druck = qm_client.get(response.url + "?format=druck").content.decode()
    assert pin in druck and anliegen.nummer in druck and anliegen.token in druck
    # Another session cannot see the PIN; a new PIN replaces the old one.
    from django.test import Client

    other = Client()
    other.force_login(world.users["qm"])
    assert other.get(response.url).context["pin"] is None
    other.post(url("pin", anliegen))
    neu = other.get(response.url).context["pin"]
    anliegen.refresh_from_db()
    assert anliegen.check_pin(neu)
    if neu != pin:  # one in a million they match
        assert not anliegen.check_pin(pin)


@pytest.mark.django_db
def test_bulk_actions_assign_set_status_and_merge_duplicates(qm_client, world):
    k = world.extra["kategorie"]
    a, b, c = (AnliegenFactory(kategorie=k) for _ in range(3))
    qm_client.post(LISTE, {"action": "mir_zuweisen", "_selected_action": [a.pk, b.pk]})
    assert set(Anliegen.objects.filter(zustaendig=world.users["qm"])) == {a, b}
    qm_client.post(
        LISTE,
        {
            "action": "zuweisen",
            "_selected_action": [c.pk],
            "zustaendig": world.users["mitarbeit"].pk,
        },
    )
    c.refresh_from_db()
    assert c.zustaendig == world.users["mitarbeit"]
    qm_client.post(
        LISTE, {"action": "status_aendern", "_selected_action": [a.pk], "status": S.ERLEDIGT}
    )
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN  # closing without an answer is refused
    schliessen = {
        "action": "status_aendern",
        "_selected_action": [a.pk],
        "status": S.ERLEDIGT,
        "antwort": "Repariert.",
    }
    # First a page that says what will happen; only its confirmation changes the status.
    seite = qm_client.post(LISTE, schliessen)
    assert seite.status_code == 200 and "Repariert." in seite.content.decode()
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN
    qm_client.post(LISTE, {**schliessen, "bestaetigt": "ja"})
    a.refresh_from_db()
    assert a.status == S.ERLEDIGT
    qm_client.post(
        LISTE,
        {
            "action": "als_duplikat_markieren",
            "_selected_action": [b.pk],
            "original": c.nummer,
            "bestaetigt": "ja",
        },
    )
    b.refresh_from_db()
    assert b.status == S.DUPLIKAT and b.duplikat_von == c


@pytest.mark.django_db
def test_queue_filters_mine_unassigned_and_overdue(qm_client, world):
    k = world.extra["kategorie"]
    mein = AnliegenFactory(kategorie=k, zustaendig=world.users["qm"])
    alt = AnliegenFactory(kategorie=k, frist=timezone.localdate().replace(year=2020))
    ids = lambda r: {o.pk for o in r.context["cl"].result_list}  # noqa: E731
    assert ids(qm_client.get(LISTE + "?zustaendig=ich")) == {mein.pk}
    assert mein.pk not in ids(qm_client.get(LISTE + "?zustaendig=keiner"))
    assert ids(qm_client.get(LISTE + "?ueberfaellig=frist")) == {alt.pk}
    assert world.extra["anliegen_fremd"].pk not in ids(qm_client.get(LISTE))


@pytest.mark.django_db
def test_queue_keeps_its_query_budget_at_10_and_10000(qm_client, world):
    k = world.extra["kategorie"]
    viele_anliegen(k, 10, zustaendig=world.users["qm"])
    qm_client.get(LISTE)
    klein = count_queries(lambda: qm_client.get(LISTE + "?offen=ja"))
    viele_anliegen(k, 9990, start=20_000, zustaendig=world.users["mitarbeit"])
    gross = count_queries(lambda: qm_client.get(LISTE + "?offen=ja"))
    assert klein == gross <= 14


@pytest.mark.django_db
def test_other_areas_concerns_answer_404_in_the_admin(qm_client, world):
    fremd = world.extra["anliegen_fremd"]
    for name in ["change", "status", "weiterleiten", "moderation", "quittung"]:
        assert qm_client.get(url(name, fremd)).status_code == 404, name


@pytest.mark.django_db
def test_city_staff_see_no_residents_data_and_change_nothing(persona_client, world):
    """City staff get reports and figures; concerns with residents' data are not theirs."""
    stadt = persona_client("stadt")
    anliegen = world.extra["anliegen_privat"]
    assert stadt.get(url("change", anliegen)).status_code == 403
    assert stadt.get(url("status", anliegen)).status_code == 403
    assert stadt.get(LISTE).status_code == 403
    assert stadt.get(reverse("admin:anliegen_kategorie_changelist")).status_code == 200
    stadt.post(LISTE, {"action": "mir_zuweisen", "_selected_action": [anliegen.pk]})
    anliegen.refresh_from_db()
    assert anliegen.zustaendig is None


@pytest.mark.django_db
def test_information_export_as_json_and_erasure_only_for_quartier_management(persona_client, world):
    auskunft = reverse("admin:anliegen_anliegen_auskunft")
    qm, mitarbeit = persona_client("qm"), persona_client("mitarbeit")
    response = qm.post(auskunft, {"email": "anwohnerin@example.org", "aktion": "json"})
    import json

    daten = json.loads(response.content)
    assert {a["nummer"] for a in daten["anliegen"]} == {"A-2020-00001", "A-2020-00002"}
    html = mitarbeit.post(auskunft, {"email": "anwohnerin@example.org", "aktion": "html"})
    assert "A-2020-00002" in html.content.decode()
    verboten = mitarbeit.post(
        auskunft, {"email": "anwohnerin@example.org", "aktion": "loeschen", "bestaetigt": "ja"}
    )
    assert verboten.status_code == 403
    qm.post(auskunft, {"email": "anwohnerin@example.org", "aktion": "loeschen", "bestaetigt": "ja"})
    assert not Anliegen.objects.filter(
        email="anwohnerin@example.org", quartier=world.quartier_a
    ).exists()
    assert Anliegen.objects.filter(
        email="anwohnerin@example.org", quartier=world.quartier_b
    ).exists()


@pytest.mark.django_db
def test_change_form_suggests_similar_open_concerns(qm_client, world):
    a = AnliegenFactory(
        kategorie=world.extra["kategorie"], beschreibung="Laterne Ecke Schulweg aus"
    )
    b = AnliegenFactory(
        kategorie=world.extra["kategorie"], beschreibung="Laterne Ecke Schulweg ist aus"
    )
    response = qm_client.get(url("change", a))
    assert [x.pk for x in response.context["aehnliche"]] == [b.pk]
    assert b.nummer in response.content.decode()


ADMIN_VIEWS = {
    # view: expected status per persona (residents and partners go to the admin log-in)
    "status": {"mitarbeit": 200, "qm": 200, "stadt": 403, "redaktion": 403},
    "weiterleiten": {"mitarbeit": 200, "qm": 200, "stadt": 403, "redaktion": 403},
    "moderation": {"mitarbeit": 200, "qm": 200, "stadt": 403, "redaktion": 403},
    "quittung": {"mitarbeit": 200, "qm": 200, "stadt": 403, "redaktion": 403},
    "auskunft": {"mitarbeit": 200, "qm": 200, "stadt": 403, "redaktion": 403},
}


@pytest.mark.django_db
@pytest.mark.parametrize("view", sorted(ADMIN_VIEWS))
@pytest.mark.parametrize(
    "persona", ["anonym", "partner_a", "partner_b", "mitarbeit", "redaktion", "qm", "stadt"]
)
def test_back_office_views_of_concerns_per_persona(persona_client, world, view, persona):
    if view == "auskunft":
        target = reverse("admin:anliegen_anliegen_auskunft")
    else:
        target = url(view, world.extra["anliegen_privat"])
    response = persona_client(persona).get(target)
    assert response.status_code == ADMIN_VIEWS[view].get(persona, 302)


@pytest.mark.django_db
def test_malformed_ids_in_back_office_forms_are_not_errors(qm_client, world):
    anliegen = world.extra["anliegen_privat"]
    assert qm_client.get(url("status", anliegen) + "?baustein=abc").status_code == 200
    response = qm_client.post(url("duplikat", anliegen), {"original": "abc"})
    assert response.status_code == 404
