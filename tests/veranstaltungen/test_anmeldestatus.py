"""One state per display: every page that shows an event says the same about taking part
(`Veranstaltung.anmeldestatus`, rendered by `veranstaltungen/_anmeldestatus.html`), and so
for the review of a submission and the status of a booking. Found: the home page said
"Anmeldung nötig" for a full event that the list showed as "ausgebucht – Warteliste"."""

import re
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from icalendar import Calendar

from raeume.models import Buchung
from veranstaltungen.models import Anmeldestatus, Anmeldung, Freigabestatus, Veranstaltung

from .factories import um, veranstaltung

KAPAZITAET = 10

# state: (registration needed, registered, waiting, deadline passed, cancelled, days ahead)
FAELLE = {
    Anmeldestatus.OHNE_ANMELDUNG: (False, 0, 0, False, False, 1),
    Anmeldestatus.ANMELDUNG: (True, 2, 0, False, False, 1),
    Anmeldestatus.WENIGE_PLAETZE: (True, 9, 0, False, False, 1),
    Anmeldestatus.WARTELISTE: (True, 10, 0, False, False, 1),  # the home page's example
    "warteliste_mit_wartenden": (True, 10, 2, False, False, 1),
    "warteliste_vor_freien_plaetzen": (True, 6, 3, False, False, 1),  # the queue goes first
    Anmeldestatus.AUSGEBUCHT: (True, 10, 0, True, False, 1),
    Anmeldestatus.GESCHLOSSEN: (True, 3, 0, True, False, 1),
    Anmeldestatus.ABGESAGT: (True, 10, 1, False, True, 1),
    Anmeldestatus.VORBEI: (True, 10, 0, False, False, -1),
}
ERWARTET = {
    "warteliste_mit_wartenden": Anmeldestatus.WARTELISTE,
    "warteliste_vor_freien_plaetzen": Anmeldestatus.WARTELISTE,
}


def _anmeldungen(v, status, anzahl):
    for _i in range(anzahl):
        Anmeldung.objects.create(
            veranstaltung=v,
            name="Gast",
            email=f"{secrets.token_hex(4)}@example.org",
            personen=1,
            status=status,
            token=secrets.token_urlsafe(16),
        )


def _veranstaltung(world, fall) -> Veranstaltung:
    anmeldung, angemeldet, wartend, schluss_vorbei, abgesagt, tage = FAELLE[fall]
    jetzt = timezone.now()
    tag = timezone.localdate() + timedelta(days=tage)
    v = veranstaltung(
        world.quartier_a,
        um(tag, 7, 30),  # before the world's events: first on the home page
        titel=f"Zustand {fall}",
        veranstalter=world.akteur_a,
        anmeldung=anmeldung,
        kapazitaet=KAPAZITAET if anmeldung else None,
        anmeldeschluss=jetzt - timedelta(hours=1) if schluss_vorbei else None,
    )
    _anmeldungen(v, Anmeldung.Status.ANGEMELDET, angemeldet)
    _anmeldungen(v, Anmeldung.Status.WARTELISTE, wartend)
    if abgesagt:
        v.status, v.absage_notiz = Veranstaltung.Status.ABGESAGT, "Die Referentin ist krank."
        v.save()
    return v


def _seiten(v, world):
    """(persona or None, URL) of every page that shows the event."""
    monat = f"{timezone.localtime(v.beginn):%Y-%m}"
    seiten = [
        (None, reverse("veranstaltungen:veranstaltung_detail", args=[v.pk])),
        (None, reverse("veranstaltungen:veranstaltung_monat") + f"?monat={monat}"),
        ("partner_a", reverse("partner:veranstaltung_partner_detail", args=[v.pk])),
        ("qm", reverse("admin:veranstaltungen_veranstaltung_changelist") + f"?q={v.titel}"),
    ]
    if v.ende >= timezone.now():  # lists of what is to come
        seiten += [
            (None, reverse("home")),
            (None, reverse("veranstaltungen:veranstaltung_list")),
            ("partner_a", reverse("partner:veranstaltung_partner_list")),
        ]
    return seiten


def _anzeigen(html: str, attribut: str, kennung) -> list[tuple[str, str]]:
    """(state, text) of every state badge of one object on a page."""
    muster = (
        rf'data-{attribut}="(\w+)" data-(?:veranstaltung|buchung)="{re.escape(str(kennung))}">'
        r"([^<]*)</span>"
    )
    return re.findall(muster, html)


@pytest.mark.parametrize("fall", list(FAELLE), ids=str)
def test_every_page_shows_the_same_registration_state(world, client, fall):
    v = _veranstaltung(world, fall)
    erwartet = ERWARTET.get(fall, fall)
    assert v.anmeldestatus() == erwartet
    with override("de"):
        label = str(Anmeldestatus(erwartet).label)
    for persona, url in _seiten(v, world):
        client.logout()
        if persona:
            client.force_login(world.users[persona])
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        anzeigen = _anzeigen(html, "anmeldestatus", v.uid)
        assert anzeigen, f"{url} does not show the state of {v.titel}"
        assert set(anzeigen) == {(erwartet.value, label)}, url


@pytest.mark.parametrize("fall", list(FAELLE), ids=str)
def test_the_calendar_files_say_the_same_state(world, client, fall):
    v = _veranstaltung(world, fall)
    erwartet = Anmeldestatus(ERWARTET.get(fall, fall))
    with override("de"):
        label = str(erwartet.label)
    for url in [
        reverse("veranstaltungen:veranstaltung_feed"),
        reverse("veranstaltungen:veranstaltung_ics", args=[v.pk]),
    ]:
        kalender = Calendar.from_ical(client.get(url).content)
        (eintrag,) = [e for e in kalender.walk("VEVENT") if str(e["UID"]) == v.uid]
        beschreibung = str(eintrag.get("DESCRIPTION", ""))
        if erwartet == Anmeldestatus.ABGESAGT:
            assert str(eintrag["STATUS"]) == "CANCELLED", url
        elif v.anmeldung:
            assert beschreibung.splitlines()[0] == label, url
        else:  # nothing to say about registering: no state in the description
            assert not any(beschreibung.startswith(str(s.label)) for s in Anmeldestatus), url


def test_the_list_of_states_is_complete():
    assert set(FAELLE) >= set(Anmeldestatus)


def test_the_home_page_counts_the_places_in_its_one_query(world, django_assert_num_queries):
    from veranstaltungen.templatetags.veranstaltungen_tags import naechste_veranstaltungen

    for fall in (Anmeldestatus.WARTELISTE, Anmeldestatus.ANMELDUNG):
        _veranstaltung(world, fall)
    with django_assert_num_queries(1):
        naechste = naechste_veranstaltungen(world.quartier_a, 3)
        zustaende = {v.titel: v.anmeldestatus() for v in naechste}
    assert zustaende[f"Zustand {Anmeldestatus.WARTELISTE}"] == Anmeldestatus.WARTELISTE


def test_a_submission_shows_its_review_state_alike_on_the_partner_pages(world, client):
    client.force_login(world.users["partner_a"])
    for v, erwartet in [
        (world.extra["einreichung_a"], Freigabestatus.WARTET),
        (_veranstaltung(world, Anmeldestatus.ANMELDUNG), Freigabestatus.VEROEFFENTLICHT),
    ]:
        assert v.freigabestatus() == erwartet
        with override("de"):
            label = str(erwartet.label)
        for url in [
            reverse("partner:veranstaltung_partner_list"),
            reverse("partner:veranstaltung_partner_detail", args=[v.pk]),
        ]:
            anzeigen = _anzeigen(client.get(url).content.decode(), "freigabestatus", v.uid)
            assert anzeigen and set(anzeigen) == {(erwartet.value, label)}, url


def test_a_booking_shows_its_status_alike_to_the_partner_and_the_office(world, client):
    b = world.extra["buchung_a"]
    assert b.status == Buchung.Status.ANGEFRAGT
    with override("de"):
        label = str(b.statusanzeige().label)
    woche = f"{timezone.localtime(b.beginn):%Y-%m-%d}"
    for persona, url in [
        ("partner_a", reverse("partner:buchung_list")),
        ("partner_a", reverse("partner:buchung_detail", args=[b.pk])),
        ("qm", reverse("admin:raeume_buchung_wochenplan") + f"?woche={woche}"),
    ]:
        client.force_login(world.users[persona])
        anzeigen = _anzeigen(client.get(url).content.decode(), "buchungsstatus", b.pk)
        assert anzeigen and set(anzeigen) == {(b.status, label)}, url


# The labels of the displayed states, as msgids: only their partials may say them.
PARTIALS = {
    "veranstaltungen/_anmeldestatus.html": [s.label for s in Anmeldestatus],
    "veranstaltungen/_freigabestatus.html": [s.label for s in Freigabestatus],
}


def test_no_template_spells_out_a_state_itself():
    """Every template shows a state through its partial: none writes a state's label or
    picks a badge colour by status itself."""
    vorlagen = Path(settings.BASE_DIR, "templates")
    for path in vorlagen.rglob("*.html"):
        name = str(path.relative_to(vorlagen))
        text = path.read_text()
        for partial, labels in PARTIALS.items():
            if name == partial:
                continue
            for label in labels:
                msgid = getattr(label, "_proxy____args", (str(label),))[-1]
                assert f'translate "{msgid}"' not in text, (name, msgid)
        assert not re.search(r"status == '\w+' %\}text-bg", text), name
        # A concern's status is its label alone (no badge): the one display it has; a
        # project's and a narrative report's are their partials.
        eigene = "anliegen/" in name or name in {
            "projekte/_status.html",
            "projekte/_berichtstatus.html",
            "projekte/_antragstatus.html",
            "zeitung/_artikelstatus.html",
        }
        assert "get_status_display" not in text or eigene, name
