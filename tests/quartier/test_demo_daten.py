"""Issue 10, item 15: the demo data is what a city's clerk sees first, so it must be
consistent: no event twice unless it is a series, one name per organisation across all
apps, bookings whose purpose fits who booked, dates around today, and a second run that
changes nothing."""

import io
import re
from collections import defaultdict
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from netzwerk.models import Akteur
from quartier.models import Quartier
from raeume.models import Buchung, Nutzungsart
from veranstaltungen.models import Veranstaltung

# Words that make a purpose private; an organisation never books for them.
PRIVATE_ANLAESSE = re.compile(
    r"geburtstag|feier|taufe|hochzeit|verlobung|trauer|jubil|privat", re.IGNORECASE
)
# Words of an organisation's use; a private person never books for them.
ORGANISATIONS_ZWECKE = re.compile(
    r"sitzung|arbeitskreis|gremium|vorstand|versammlung|planungstreffen|konferenz",
    re.IGNORECASE,
)


@pytest.fixture
def demo(db):
    call_command("demo", stdout=io.StringIO())


def normalform(name: str) -> str:
    """A name without what the same organisation is written with or without: the town
    ("Stadt Lindenau –", "Lindenau"), the legal form, punctuation, word order."""
    name = name.lower()
    name = re.sub(r"\bstadt\s+\w+\s*[–,:-]", " ", name)
    name = re.sub(
        r"(?<!\w)(e\.\s*v\.|eg|ggmbh|gmbh|lindenau|der|die|das|des|im|am)(?!\w)", " ", name
    )
    woerter = re.findall(r"\w+", name)
    return " ".join(sorted(woerter))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Grünflächenamt Lindenau", "Stadt Lindenau – Grünflächenamt"),
        ("Stadt Lindenau, Amt für Soziales", "Stadt Lindenau – Amt für Soziales"),
        ("Tiefbauamt Lindenau", "Stadt Lindenau – Tiefbauamt"),
        ("Kulturverein Färberweg e. V.", "Kulturverein Färberweg"),
    ],
)
def test_the_normal_form_finds_the_same_organisation_written_twice(a, b):
    assert normalform(a) == normalform(b)


def test_the_normal_form_keeps_different_organisations_apart():
    assert normalform("Stadt Lindenau – Tiefbauamt") != normalform("Stadt Lindenau – Jugendamt")


@pytest.mark.django_db
def test_no_event_title_on_two_dates_unless_it_is_a_series(demo):
    termine = defaultdict(set)
    for titel, beginn, serie in Veranstaltung.objects.values_list("titel", "beginn", "serie"):
        termine[titel].add((timezone.localdate(beginn), serie))
    for titel, daten in termine.items():
        if len(daten) > 1:
            serien = {serie for _tag, serie in daten}
            assert serien != {None} and len(serien) == 1, f"{titel!r} on {sorted(daten)}"


@pytest.mark.django_db
def test_every_organisation_has_one_name_across_the_apps(demo):
    schreibweisen = defaultdict(set)
    for name in Akteur.objects.values_list("name", flat=True):
        schreibweisen[normalform(name)].add(name)
    doppelt = {k: v for k, v in schreibweisen.items() if len(v) > 1}
    assert not doppelt
    assert Akteur.objects.count() == len(schreibweisen)  # nor twice the same spelling
    # The areas' operators that are in the directory are spelled as there.
    for traeger in Quartier.objects.values_list("traeger", flat=True):
        bekannt = schreibweisen.get(normalform(traeger), {traeger})
        assert bekannt == {traeger}, (traeger, bekannt)


@pytest.mark.django_db
def test_every_booking_purpose_fits_who_booked(demo):
    buchungen = list(Buchung.objects.select_related("akteur"))
    assert any(b.akteur is None for b in buchungen)
    assert any(b.art == Nutzungsart.ARBEITSKREIS for b in buchungen)
    for b in buchungen:
        if b.akteur is None:  # a resident, by name and phone
            assert b.art == Nutzungsart.PRIVAT and b.name, b.zweck
            assert not ORGANISATIONS_ZWECKE.search(b.zweck), b.zweck
        else:
            assert b.art != Nutzungsart.PRIVAT, (b.akteur.name, b.zweck)
            assert not PRIVATE_ANLAESSE.search(b.zweck), (b.akteur.name, b.zweck)


@pytest.mark.django_db
def test_events_come_up_in_the_next_weeks_and_past_ones_show_attendance(demo):
    jetzt = timezone.now()
    kommend = Veranstaltung.objects.oeffentlich().filter(
        beginn__gte=jetzt, beginn__lte=jetzt + timedelta(days=30)
    )
    assert kommend.exclude(serie__isnull=False).count() >= 5
    assert kommend.filter(anmeldung=True).exists()
    vergangen = Veranstaltung.objects.filter(ende__lt=jetzt)
    assert vergangen.filter(teilnehmende__gt=0, anwesende__gt=0).exists()
    assert vergangen.filter(anmeldungen__anwesend=True).exists()
    # Nothing older than the window the demo describes, nothing in an empty far future.
    assert not Veranstaltung.objects.filter(beginn__lt=jetzt - timedelta(days=200)).exists()
    assert not Veranstaltung.objects.filter(beginn__gt=jetzt + timedelta(days=200)).exists()


@pytest.mark.django_db
def test_a_series_event_sits_on_its_own_room_booking(demo):
    serie = Veranstaltung.objects.filter(serie__isnull=False).select_related("buchung")
    assert serie.exists()
    for v in serie:
        assert v.buchung.serie_id == v.serie_id
        assert (v.buchung.beginn, v.buchung.ende, v.buchung.raum_id) == (
            v.beginn,
            v.ende,
            v.raum_id,
        )


@pytest.mark.django_db
def test_a_second_run_of_the_demo_changes_no_row_count(demo):
    def zaehlen():
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.app_label
            in {
                "quartier",
                "anliegen",
                "netzwerk",
                "raeume",
                "veranstaltungen",
                "projekte",
                "zeitung",
            }
            and model._meta.managed
        }

    vorher = zaehlen()
    call_command("demo", stdout=io.StringIO())
    nachher = zaehlen()
    # The audit log may note the second run's updates; data rows stay as they were.
    vorher.pop("quartier.AuditEntry", None), nachher.pop("quartier.AuditEntry", None)
    assert nachher == vorher


@pytest.mark.django_db
@pytest.mark.parametrize("tage_spaeter", [0, 100, 200])
def test_the_daily_jobs_run_over_the_demo_data_as_it_ages(demo, tage_spaeter):
    """The demo is real data for the periodic jobs too: each of them runs over it, today
    and months later (when retention rules reach its private bookings and registrations),
    without a database error."""
    from anliegen.services import aufbewahrung
    from raeume.services import buchungskontakte_loeschen, serien_erinnern
    from veranstaltungen.services import anmeldungen_loeschen, erinnern

    jetzt = timezone.now() + timedelta(days=tage_spaeter)
    aufbewahrung(jetzt=jetzt)
    buchungskontakte_loeschen(jetzt=jetzt)
    serien_erinnern(vorlauf=timedelta(days=14), jetzt=jetzt)
    erinnern(jetzt=jetzt)
    anmeldungen_loeschen(jetzt=jetzt)
    if tage_spaeter >= 100:
        assert not Buchung.objects.filter(
            ende__lt=jetzt - timedelta(days=100), akteur__isnull=True, telefon__gt=""
        ).exists()
