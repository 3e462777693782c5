"""Events: room booked with the event, registrations with capacity and waiting list (also
under 200 parallel requests), the public calendar, feed and budgets."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from quartier.forms import form_timestamp
from raeume.models import Buchung
from raeume.services import BuchungNichtMoeglich
from veranstaltungen import services
from veranstaltungen.models import Anmeldung, Veranstaltung

from ..utils import client_for, count_queries
from .factories import naechster, um, veranstaltung

pytestmark = pytest.mark.django_db


def _anmelden(v, name, personen=1):
    return services.anmelden(
        veranstaltung=v, name=name, email=f"{name.lower()}@example.org", personen=personen
    )


def test_event_in_a_room_books_it_and_fails_clearly_when_taken(world):
    saal = world.extra["raeume"]["saal"]
    tag = naechster(6, wochen=3)
    v = veranstaltung(world.quartier_a, um(tag, 15), raum=saal, titel="Stadtteilfest")
    assert v.buchung.raum == saal and v.buchung.status == "bestaetigt"
    assert v.buchung.art == "veranstaltung"
    with pytest.raises(BuchungNichtMoeglich) as exc:
        veranstaltung(world.quartier_a, um(tag, 16), raum=saal, titel="Konzert")
    assert exc.value.messages[0].startswith("Der Raum „Saal“ ist am")
    assert not Veranstaltung.objects.filter(titel="Konzert").exists()


def test_cancelling_an_event_frees_the_room_and_tells_everyone(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    saal = world.extra["raeume"]["saal"]
    tag = naechster(6, wochen=3)
    v = veranstaltung(world.quartier_a, um(tag, 15), raum=saal, anmeldung=True, kapazitaet=1)
    _anmelden(v, "Eins")
    _anmelden(v, "Zwei")  # waiting
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.veranstaltung_absagen(veranstaltung=v, user=None, notiz="Unwetter") == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["eins@example.org", "zwei@example.org"]
    assert all(m.subject == "Abgesagt: Lesung im Stadtteilbüro" for m in mailoutbox)
    assert Buchung.objects.get(pk=v.buchung_id).status == "storniert"


def test_registration_counts_companions_and_waits_in_order(world):
    v = veranstaltung(world.quartier_a, um(naechster(3), 18), anmeldung=True, kapazitaet=5)
    a = _anmelden(v, "Anna", 3)
    b = _anmelden(v, "Ben", 2)
    c = _anmelden(v, "Cem", 2)
    d = _anmelden(v, "Dora", 1)
    assert [x.status for x in (a, b, c, d)] == [
        "angemeldet",
        "angemeldet",
        "warteliste",
        "warteliste",
    ]
    # Dora would fit after Ben cancels one … but Cem waits first and needs two: FIFO.
    assert [x.name for x in services.abmelden(anmeldung=b)] == ["Cem"]
    assert [x.name for x in services.abmelden(anmeldung=a)] == ["Dora"]
    assert services.abmelden(anmeldung=a) == []  # twice is harmless


def test_head_of_the_waiting_list_is_not_skipped(world):
    v = veranstaltung(world.quartier_a, um(naechster(3), 18), anmeldung=True, kapazitaet=4)
    _anmelden(v, "Anna", 2)
    b = _anmelden(v, "Ben", 2)
    _anmelden(v, "Cem", 3)
    _anmelden(v, "Dora", 1)
    assert services.abmelden(anmeldung=b) == []


SCHON_ANGEMELDET = (
    "Diese E-Mail-Adresse ist für diese Veranstaltung schon angemeldet. Den Link zu Ihrer "
    "Anmeldung haben wir Ihnen noch einmal geschickt."
)


def test_double_click_never_registers_twice(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    v = world.extra["veranstaltung"]
    data = {
        "name": "Jonas",
        "email": "Jonas@Example.org",
        "personen": 2,
        "einwilligung": "on",
        "zeit": form_timestamp(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(v.get_absolute_url(), data)
        second = client.post(v.get_absolute_url(), {**data, "email": "jonas@example.org"})
    assert first.status_code == 302
    assert second.status_code == 200
    assert second.context["form"].errors["email"] == [SCHON_ANGEMELDET]
    assert v.anmeldungen.filter(email__iexact="jonas@example.org").count() == 1
    assert [m.to for m in mailoutbox] == [["Jonas@Example.org"]] * 2
    assert first.url in mailoutbox[1].body


def test_a_neighbours_address_never_reveals_her_registration(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    v = world.extra["veranstaltung"]
    nachbarin = _anmelden(v, "Nachbarin")
    mailoutbox.clear()
    data = {"name": "Neugier", "email": "NACHBARIN@example.org", "personen": 1}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            v.get_absolute_url(), {**data, "einwilligung": "on", "zeit": form_timestamp()}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert nachbarin.token not in html and SCHON_ANGEMELDET in html
    assert v.anmeldungen.filter(email__iexact="nachbarin@example.org").count() == 1
    # The link goes only to the registered address, a few times a day at most.
    assert [m.to for m in mailoutbox] == [["nachbarin@example.org"]]
    assert nachbarin.get_absolute_url() in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.SchonAngemeldet):
            _anmelden(v, "Nachbarin")
        for _i in range(5):
            client.post(
                v.get_absolute_url(), {**data, "einwilligung": "on", "zeit": form_timestamp()}
            )
    assert len(mailoutbox) == 3


def test_full_event_says_so_before_the_form(world, client):
    v = veranstaltung(world.quartier_a, um(naechster(3), 18), anmeldung=True, kapazitaet=2)
    _anmelden(v, "Anna", 2)
    html = client.get(v.get_absolute_url()).content.decode()
    assert html.index("ausgebucht") < html.index('name="name"')
    assert "Auf die Warteliste" in html


def test_registration_mail_has_cancel_link_and_ics(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    v = world.extra["veranstaltung"]
    data = {
        "name": "Mia",
        "email": "mia@example.org",
        "personen": 1,
        "einwilligung": "on",
        "zeit": form_timestamp(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(v.get_absolute_url(), data)
    mail = mailoutbox[-1]
    assert mail.subject == "Angemeldet: Familienfest am Lindenplatz"
    assert response.url in mail.body
    assert mail.attachments[0][0] == "veranstaltung.ics"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert Anmeldung.objects.get(email="mia@example.org").status == "storniert"


def test_registration_closed_after_deadline(world, client):
    v = veranstaltung(
        world.quartier_a,
        um(naechster(3), 18),
        anmeldung=True,
        kapazitaet=10,
        anmeldeschluss=um(naechster(3), 18) - timedelta(days=30),
    )
    response = client.post(v.get_absolute_url(), {"name": "X", "email": "x@example.org"})
    assert response.status_code == 302 and not v.anmeldungen.exists()


@pytest.mark.django_db(transaction=True)
def test_two_hundred_parallel_registrations_for_thirty_places():
    from ..factories import QuartierFactory

    quartier = QuartierFactory(slug="ansturm")
    v = veranstaltung(quartier, um(naechster(3), 18), anmeldung=True, kapazitaet=30)

    def register(i):
        try:
            return _anmelden(v, f"Person{i:03d}").pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=40) as pool:
        ids = list(pool.map(register, range(200)))
    assert len(set(ids)) == 200
    rows = list(v.anmeldungen.order_by("created_at", "pk"))
    assert [r.status for r in rows] == ["angemeldet"] * 30 + ["warteliste"] * 170
    erster_wartender = rows[30]
    promoted = services.abmelden(anmeldung=rows[0])
    assert [p.pk for p in promoted] == [erster_wartender.pk]
    assert v.anmeldungen.filter(status="angemeldet").count() == 30


def test_public_calendar_filters_and_feed(world, client):
    v = world.extra["veranstaltung"]
    html = client.get(reverse("veranstaltungen:veranstaltung_list")).content.decode()
    assert v.titel in html and "Teamsitzung" not in html
    html = client.get(
        reverse("veranstaltungen:veranstaltung_list"), {"art": "lesung"}
    ).content.decode()
    assert v.titel not in html
    feed = client.get(
        reverse("veranstaltungen:veranstaltung_feed"), {"zielgruppe": "familien", "art": "fest"}
    )
    cal = Calendar.from_ical(feed.content)
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [v.uid]
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Berlin"
    services.veranstaltung_absagen(veranstaltung=v, user=None, notiz="Regen")
    cal = Calendar.from_ical(client.get(reverse("veranstaltungen:veranstaltung_feed")).content)
    status = {str(e["UID"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert status[v.uid] == "CANCELLED"
    home = client.get("/").content.decode()
    assert "Familienfest am Lindenplatz" in home


def _bulk_events(quartier, anzahl, ab):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO veranstaltungen_veranstaltung (quartier_id, titel, beschreibung, art,
                zielgruppen, sprachen, beginn, ende, adresse, barrierefreiheit_hinweis, stufenlos,
                kosten, bild, oeffentlich, freigegeben, status, absage_notiz, anmeldung,
                kapazitaet, reservierte_plaetze, fragen, uid, created_at, updated_at)
            SELECT %s, 'Treffen ' || g, '', 'treffen', '{alle}', '{de}',
                %s + g * interval '3 hours', %s + g * interval '3 hours' + interval '1 hour',
                'Lindenplatz', '', false, 0, '', true, true, 'geplant', '', g %% 3 = 0,
                CASE WHEN g %% 3 = 0 THEN 20 END, 0, '', 'bulk-v-' || g, now(), now()
            FROM generate_series(1, %s) AS g
            """,
            [quartier.pk, ab, ab, anzahl],
        )


def _measure(client, monat):
    return {
        "liste": count_queries(lambda: client.get(reverse("veranstaltungen:veranstaltung_list"))),
        "monat": count_queries(
            lambda: client.get(reverse("veranstaltungen:veranstaltung_monat"), {"monat": monat})
        ),
        "feed": count_queries(lambda: client.get(reverse("veranstaltungen:veranstaltung_feed"))),
        "home": count_queries(lambda: client.get("/")),
    }


def test_calendar_keeps_its_budget_from_100_to_20000_events(world, client):
    ab = um(naechster(0), 8)
    _bulk_events(world.quartier_a, 100, ab)
    monat = f"{ab:%Y-%m}"
    klein = _measure(client, monat)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM veranstaltungen_veranstaltung WHERE uid LIKE 'bulk-v-%%'")
    _bulk_events(world.quartier_a, 20_000, ab)
    gross = _measure(client, monat)
    assert klein == gross, (klein, gross)
    assert klein["liste"] <= 6 and klein["monat"] <= 4 and klein["feed"] <= 4


def test_daily_job_reminds_once_and_deletes_personal_data_keeping_counts(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from datetime import datetime, time

    from django.core.management import call_command
    from django.utils import timezone

    morgen = timezone.localdate() + timedelta(days=1)
    v = veranstaltung(
        world.quartier_a,
        timezone.make_aware(datetime.combine(morgen, time(18))),
        anmeldung=True,
        kapazitaet=10,
    )
    _anmelden(v, "Lea", 3)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("veranstaltungen_taeglich")
        call_command("veranstaltungen_taeglich")
    assert [m.subject for m in mailoutbox] == ["Morgen: Lesung im Stadtteilbüro"]
    settings.ANMELDUNGEN_LOESCHEN_NACH_TAGEN = 30
    assert services.anmeldungen_loeschen(jetzt=v.ende + timedelta(days=29)) == 0
    assert services.anmeldungen_loeschen(jetzt=v.ende + timedelta(days=31)) == 1
    v.refresh_from_db()
    assert v.teilnehmende == 3 and not Anmeldung.objects.filter(veranstaltung=v).exists()


def test_staff_create_event_in_a_room_through_the_admin(world):
    from veranstaltungen.models import Veranstaltung

    saal = world.extra["raeume"]["saal"]
    b = world.extra["buchung_b"]  # the hall is taken 18:00–21:00 that day
    client = client_for(world, "qm")
    data = _infoabend(world, timezone.localtime(b.beginn).date())
    url = reverse("admin:veranstaltungen_veranstaltung_add")
    taken = client.post(url, data)
    assert taken.status_code == 200
    assert "Der Raum „Saal“ ist am" in taken.content.decode()
    response = client.post(url, {**data, "beginn_1": "10:00", "ende_1": "12:00"})
    assert response.status_code == 302
    v = Veranstaltung.objects.get(titel="Infoabend Sanierung")
    assert v.buchung.raum == saal and v.buchung.ist_aktiv
    changelist = client.get(reverse("admin:veranstaltungen_veranstaltung_changelist"))
    assert "2/30" in changelist.content.decode()  # the world's registration: two people


def test_event_figures_per_month_kind_and_target_group(world):
    import io

    from openpyxl import load_workbook

    v = world.extra["veranstaltung"]  # a festival for families, two people registered
    gestern = timezone.now() - timedelta(days=1)  # held: figures count what took place
    Veranstaltung.objects.filter(pk=v.pk).update(beginn=gestern, ende=gestern + timedelta(hours=2))
    a = world.extra["anmeldung"]
    a.anwesend = True
    a.save()
    Anmeldung.objects.create(  # one more party of three, who did not come
        veranstaltung=v,
        name="Jan Roth",
        email="jan@example.org",
        personen=3,
        status=Anmeldung.Status.ANGEMELDET,
        token="jan-roth",
    )
    Anmeldung.objects.create(  # waiting or cancelled parties are no participants
        veranstaltung=v,
        name="Eva Kurz",
        email="eva@example.org",
        personen=4,
        status=Anmeldung.Status.STORNIERT,
        token="eva-kurz",
        anwesend=True,
    )
    veranstaltung(  # a walk without registration: an event, no count of people
        world.quartier_a, gestern, art="spaziergang", zielgruppen=["familien"]
    )
    client = client_for(world, "stadt")
    url = reverse("admin:veranstaltungen_veranstaltung_zahlen") + f"?jahr={gestern.year}"
    csv = b"".join(client.get(url + "&format=csv").streaming_content).decode("utf-8-sig")
    monat = timezone.localtime(gestern)
    assert csv.splitlines()[0] == (
        "Monat;Art;Zielgruppe;Veranstaltungen;Teilnehmende;Anwesende Personen"
    )
    assert f"{monat:%m/%Y};Fest;Familien;1;5;2" in csv.splitlines()
    assert f"{monat:%m/%Y};Stadtteilspaziergang;Familien;1;;" in csv.splitlines()
    sheet = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content)).active
    erster = date(monat.year, monat.month, 1)
    zeilen = [[c.value for c in sheet[n]] for n in (2, 3)]
    assert [z[0].date() for z in zeilen] == [erster, erster]
    assert zeilen[0][1:] == ["Fest", "Familien", 1, 5, 2]
    assert zeilen[1][1:] == ["Stadtteilspaziergang", "Familien", 1, None, None]
    # The changelist counts as the figures (yesterday's events: the list opens at today).
    liste = client_for(world, "qm").get(
        reverse("admin:veranstaltungen_veranstaltung_changelist") + "?zeitraum=vergangen"
    )
    assert "5/30" in liste.content.decode()


def test_partner_submits_an_event_that_staff_publish(world, client):
    from veranstaltungen.models import Veranstaltung

    partner = client_for(world, "partner_a")
    tag = naechster(2, wochen=2)
    data = {
        "veranstalter": world.akteur_a.pk,
        "titel": "Nachbarschaftsflohmarkt",
        "art": "fest",
        "datum": f"{tag:%Y-%m-%d}",
        "von": "10:00",
        "bis": "14:00",
        "zielgruppen": ["familien", "alle"],
        "adresse": "Lindenplatz",
        "kosten": "0",
    }
    wrong = partner.post(
        reverse("partner:veranstaltung_einreichen"), {**data, "veranstalter": world.akteur_b.pk}
    )
    assert (
        wrong.status_code == 200
        and not Veranstaltung.objects.filter(titel="Nachbarschaftsflohmarkt").exists()
    )
    response = partner.post(reverse("partner:veranstaltung_einreichen"), data)
    assert response.status_code == 302
    v = Veranstaltung.objects.get(titel="Nachbarschaftsflohmarkt")
    assert v.quartier == world.quartier_a and not v.freigegeben
    assert client.get(v.get_absolute_url()).status_code == 404
    assert (
        "wartet auf Prüfung"
        in partner.get(reverse("partner:veranstaltung_partner_list")).content.decode()
    )
    staff = client_for(world, "mitarbeit")
    staff.post(
        reverse("admin:veranstaltungen_veranstaltung_changelist"),
        {"action": "freigeben", "_selected_action": [v.pk]},
    )
    assert client.get(v.get_absolute_url()).status_code == 200


def test_weekly_event_books_its_room_on_every_date_or_explains_the_clash(world):
    from veranstaltungen.models import Veranstaltung

    konferenz = world.extra["raeume"]["konferenz"]
    b = world.extra["buchung_a"]  # Konferenzraum 1, 18–20, on a Wednesday
    # The series begins on the booking's day, which always lies ahead (one week before it
    # could be today, and 16:00 today may be past).
    erster = timezone.localtime(b.beginn).date()
    data = {
        "quartier": world.quartier_a.pk,
        "titel": "Sprachcafé",
        "art": "treffen",
        "beginn_0": f"{erster:%d.%m.%Y}",
        "beginn_1": "18:30",
        "ende_0": f"{erster:%d.%m.%Y}",
        "ende_1": "19:30",
        "raum": konferenz.pk,
        "kosten": "0",
        "reservierte_plaetze": "0",
        "oeffentlich": "on",
        "freigegeben": "on",
        "status": "geplant",
        "wiederholung": "woechentlich",
        "wiederholen_bis": f"{erster + timedelta(days=21):%d.%m.%Y}",
        "anmeldungen-TOTAL_FORMS": "0",
        "anmeldungen-INITIAL_FORMS": "0",
    }
    client = client_for(world, "qm")
    url = reverse("admin:veranstaltungen_veranstaltung_add")
    taken = client.post(url, data)
    assert taken.status_code == 200
    assert "Der Raum „Konferenzraum 1“ ist am" in taken.content.decode()
    assert not Veranstaltung.objects.filter(titel="Sprachcafé").exists()
    assert client.post(url, {**data, "beginn_1": "16:00", "ende_1": "17:30"}).status_code == 302
    termine = Veranstaltung.objects.filter(titel="Sprachcafé").order_by("beginn")
    assert [timezone.localtime(v.beginn).date() for v in termine] == [
        erster + timedelta(days=7 * i) for i in range(4)
    ]
    assert len({v.serie_id for v in termine}) == 1
    assert all(v.buchung.raum == konferenz and v.buchung.ist_aktiv for v in termine)


def test_participant_list_and_mail_to_all_registered(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    import io

    from openpyxl import load_workbook

    v = world.extra["veranstaltung"]
    client = client_for(world, "mitarbeit")
    url = reverse("admin:veranstaltungen_veranstaltung_teilnehmende", args=[v.pk])
    assert "Aylin Kaya" in client.get(url).content.decode()
    # City staff see events and figures, not the participants' personal data.
    assert client_for(world, "stadt").get(url).status_code == 403
    sheet = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content)).active
    assert [c.value for c in sheet[2]][:5] == [
        "Aylin Kaya",
        "aylin@example.org",
        None,
        2,
        "angemeldet",
    ]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:veranstaltungen_veranstaltung_rundmail", args=[v.pk]),
            {"betreff": "Neuer Treffpunkt", "text": "Wir treffen uns am Brunnen."},
        )
    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mailoutbox] == [(["aylin@example.org"], "Neuer Treffpunkt")]
    assert (
        client_for(world, "stadt")
        .post(reverse("admin:veranstaltungen_veranstaltung_rundmail", args=[v.pk]), {})
        .status_code
        == 403
    )


def test_places_kept_for_residents_and_questions_when_registering(world, client):
    v = veranstaltung(
        world.quartier_a,
        um(naechster(3), 18),
        anmeldung=True,
        kapazitaet=4,
        reservierte_plaetze=2,
        fragen="Brauchen Sie Kinderbetreuung?\nBarrierefreiheit: was brauchen Sie?",
    )
    html = client.get(v.get_absolute_url()).content.decode()
    assert "Ich wohne im Brunnenviertel" in html and "Brauchen Sie Kinderbetreuung?" in html
    response = client.post(
        v.get_absolute_url(),
        {
            "name": "Gast",
            "email": "gast@example.org",
            "personen": 2,
            "einwilligung": "on",
            "zeit": form_timestamp(),
            "frage_0": "ja, zwei Kinder",
        },
    )
    gast = Anmeldung.objects.get(email="gast@example.org")
    assert response.status_code == 302 and gast.status == "angemeldet"
    assert gast.antworten == {"Brauchen Sie Kinderbetreuung?": "ja, zwei Kinder"}
    # The two free places are kept for residents: another guest waits, a resident does not.
    auswaertig = _anmelden(v, "Auswaertig", 1)
    nachbarin = services.anmelden(
        veranstaltung=v, name="Nachbarin", email="n@example.org", personen=2, aus_dem_quartier=True
    )
    assert (auswaertig.status, nachbarin.status) == ("warteliste", "warteliste")
    # … she waits behind the guest (first come, first served) until he cancels.
    assert [a.name for a in services.abmelden(anmeldung=auswaertig)] == ["Nachbarin"]
    spaet = _anmelden(v, "Spaet", 1)
    assert spaet.status == "warteliste"
    assert services.abmelden(anmeldung=gast) == [Anmeldung.objects.get(pk=spaet.pk)]


def test_registration_is_rate_limited_and_guarded_against_bots(world, client, settings):
    v = world.extra["veranstaltung"]
    url = v.get_absolute_url()
    data = {"name": "Bot", "personen": 1, "einwilligung": "on"}
    honig = client.post(
        url,
        {**data, "email": "bot1@example.org", "zeit": form_timestamp()}
        | {"website": "http://spam.example"},
    )
    assert honig.status_code == 200 and "konnte nicht gesendet werden" in honig.content.decode()
    ohne_zeit = client.post(url, {**data, "email": "bot2@example.org"})
    gefaelscht = client.post(url, {**data, "email": "bot3@example.org", "zeit": "123"})
    assert ohne_zeit.status_code == gefaelscht.status_code == 200
    settings.ANMELDUNG_MINDESTZEIT = 3
    schnell = client.post(url, {**data, "email": "bot4@example.org", "zeit": form_timestamp()})
    assert "Das ging sehr schnell" in schnell.content.decode()
    assert not v.anmeldungen.filter(name="Bot").exists()
    # The form shown to people carries the trap hidden, the honeypot out of sight.
    html = client.get(url).content.decode()
    assert 'type="hidden" name="zeit"' in html and 'class="d-none"' in html
    settings.ANMELDUNG_MINDESTZEIT = 0
    settings.ANMELDUNG_LIMIT_PRO_STUNDE = 6
    for i in range(2):
        ok = client.post(url, {**data, "email": f"mensch{i}@example.org", "zeit": form_timestamp()})
        assert ok.status_code == 302
    assert client.post(url, {**data, "email": "x@example.org"}).status_code == 429
    assert client.get(url).status_code == 200  # reading stays possible


def test_no_cancelling_once_the_event_or_booking_has_begun(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    v = veranstaltung(world.quartier_a, um(naechster(3), 18), anmeldung=True, kapazitaet=1)
    erste = _anmelden(v, "Erste")
    wartend = _anmelden(v, "Wartend")
    Veranstaltung.objects.filter(pk=v.pk).update(beginn=timezone.now() - timedelta(minutes=5))
    mailoutbox.clear()
    assert "Anmeldung stornieren" not in client.get(erste.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(erste.get_absolute_url(), follow=True)
    assert "hat schon begonnen" in response.content.decode()
    erste.refresh_from_db()
    wartend.refresh_from_db()
    assert (erste.status, wartend.status, mailoutbox) == ("angemeldet", "warteliste", [])

    b = world.extra["buchung_a"]
    vorher = b.status
    Buchung.objects.filter(pk=b.pk).update(beginn=timezone.now() - timedelta(minutes=5))
    partner = client_for(world, "partner_a")
    assert "Buchung stornieren" not in partner.get(b.get_partner_url()).content.decode()
    response = partner.post(
        reverse("partner:buchung_stornieren", args=[b.pk]), {"grund": "zu spät"}, follow=True
    )
    assert "hat schon begonnen" in response.content.decode()
    b.refresh_from_db()
    assert b.status == vorher and b.ist_aktiv


def _infoabend(world, tag, **extra):
    return {
        "quartier": world.quartier_a.pk,
        "titel": "Infoabend Sanierung",
        "art": "vortrag",
        "beginn_0": f"{tag:%d.%m.%Y}",
        "beginn_1": "19:00",
        "ende_0": f"{tag:%d.%m.%Y}",
        "ende_1": "20:30",
        "raum": world.extra["raeume"]["saal"].pk,
        "kosten": "0",
        "reservierte_plaetze": "0",
        "oeffentlich": "on",
        "freigegeben": "on",
        "status": "geplant",
        "anmeldungen-TOTAL_FORMS": "0",
        "anmeldungen-INITIAL_FORMS": "0",
        **extra,
    }


def test_admin_form_explains_what_the_booking_would_refuse_and_keeps_the_input(world):
    """A closure of the room (a rule of the booking, not a clash) is said at the room before
    anything is saved, as the booking would say it; what was typed stays."""
    from raeume.models import Sperrzeit
    from veranstaltungen.models import Veranstaltung

    tag = naechster(3, wochen=2)
    Sperrzeit.objects.create(
        quartier=world.quartier_a, von=tag, bis=tag, grund="Wasserschaden im Saal"
    )
    vorher = Buchung.objects.count()
    response = client_for(world, "qm").post(
        reverse("admin:veranstaltungen_veranstaltung_add"), _infoabend(world, tag)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["raum"] == [
        "Saal ist an diesem Tag geschlossen: Wasserschaden im Saal."
    ]
    assert 'value="Infoabend Sanierung"' in response.content.decode()
    assert not Veranstaltung.objects.filter(titel="Infoabend Sanierung").exists()
    assert Buchung.objects.count() == vorher


def test_admin_form_checks_the_room_under_a_lock_so_the_save_cannot_be_refused(world):
    """Between the form's check and the booking nobody can take the room: the check locks
    the room's row (the booking service locks it too), in the admin's transaction."""
    from django.test.utils import CaptureQueriesContext

    tag = naechster(3, wochen=2)
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(world, "qm").post(
            reverse("admin:veranstaltungen_veranstaltung_add"), _infoabend(world, tag)
        )
    assert response.status_code == 302
    sql = [q["sql"] for q in ctx.captured_queries]
    sperre = next(
        i for i, q in enumerate(sql) if "FOR UPDATE" in q and '"veranstaltungen_raum"' in q
    )
    # The form is checked before anything is saved: the event's INSERT comes after.
    gespeichert = next(
        i for i, q in enumerate(sql) if 'INSERT INTO "veranstaltungen_veranstaltung"' in q
    )
    assert sperre < gespeichert


def test_the_organiser_filter_names_only_public_organisers_with_public_events(world):
    from netzwerk.models import Akteur

    Akteur.objects.filter(pk=world.akteur_a.pk).update(oeffentlich=True)
    Akteur.objects.filter(pk=world.akteur_b.pk).update(oeffentlich=False)
    Akteur.objects.filter(pk=world.akteur_fremd.pk).update(oeffentlich=True)
    tag = naechster(6)
    veranstaltung(world.quartier_a, um(tag, 10), veranstalter=world.akteur_a, titel="Offen")
    veranstaltung(world.quartier_a, um(tag, 11), veranstalter=world.akteur_b, titel="Privat")
    veranstaltung(world.quartier_b, um(tag, 12), veranstalter=world.akteur_fremd, freigegeben=False)
    form = client_for(world, "anonym").get(reverse("veranstaltungen:veranstaltung_list"))
    choices = [
        str(label) for _v, label in form.context["filter"].form["veranstalter"].field.choices
    ]
    assert world.akteur_a.name in choices
    assert world.akteur_b.name not in choices and world.akteur_fremd.name not in choices


@pytest.mark.parametrize("extrem", ["9999-12-31", "0001-01-01"])
def test_extreme_dates_never_answer_500_in_the_calendar_and_figures(world, extrem):
    url = reverse("veranstaltungen:veranstaltung_monat") + f"?monat={extrem[:7]}"
    assert client_for(world, "anonym").get(url).status_code == 200
    zahlen = reverse("admin:veranstaltungen_veranstaltung_zahlen") + "?jahr=-5"
    assert client_for(world, "qm").get(zahlen).status_code == 200


def test_an_event_needs_a_room_or_an_address_in_the_database_too(world):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    v = Veranstaltung(
        quartier=world.quartier_a,
        titel="Ohne Ort",
        art="treffen",
        beginn=um(naechster(3), 10),
        ende=um(naechster(3), 11),
    )
    with pytest.raises(ValidationError) as exc:
        v.validate_constraints()
    assert exc.value.messages == ["Bitte wählen Sie einen Raum oder geben Sie eine Adresse an."]
    with pytest.raises(IntegrityError), transaction.atomic():
        v.save()
