"""The fund's year: rounds with a deadline and the meeting that decides them, the flat rate
the fund adds to a cost plan, the committee's agenda filled from its list, and the year's
end, when what is left carries over to next year's fund."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from projekte import services
from projekte.models import Antrag, Antragsrunde, Antragsstatus, Fonds
from quartier.stadtteildaten import einwohner_fuer

from ..utils import client_for
from .test_fonds_online import NEU, formular


@pytest.fixture(autouse=True)
def _schnell(settings):
    settings.ANLIEGEN_MINDESTZEIT = 0


def _fonds(world) -> Fonds:
    return world.extra["projekte"]["fonds"]


# --- rounds -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_application_goes_to_the_next_round_and_the_page_names_its_meeting(world):
    fonds = _fonds(world)
    heute = timezone.localdate()
    sitzung = world.extra["sitzung"]
    sitzung.beginn = timezone.now() + timedelta(days=40)
    sitzung.save()
    Antragsrunde.objects.create(fonds=fonds, antragsschluss=heute - timedelta(days=1))
    naechste = Antragsrunde.objects.create(
        fonds=fonds, antragsschluss=heute + timedelta(days=20), sitzung=sitzung
    )
    anonym = client_for(world, "anonym")
    seite = anonym.get(reverse("verfuegungsfonds:fonds")).content.decode()
    assert f"Nächste Antragsfrist: {naechste.antragsschluss.day}." in seite
    assert sitzung.gremium.name in seite

    response = anonym.post(NEU, formular(anonym))
    assert response.status_code == 302
    antrag = Antrag.objects.get(titel="Straßenfest am Lindenplatz")
    assert antrag.runde == naechste


@pytest.mark.django_db
def test_after_the_last_round_the_fund_takes_no_application(world):
    fonds = _fonds(world)
    Antragsrunde.objects.create(
        fonds=fonds, antragsschluss=timezone.localdate() - timedelta(days=1)
    )
    anonym = client_for(world, "anonym")
    assert anonym.get(NEU).status_code == 404
    seite = anonym.get(reverse("verfuegungsfonds:fonds")).content.decode()
    assert "nimmt in diesem Jahr keine Anträge mehr an" in seite
    assert reverse("verfuegungsfonds:antrag_neu") not in seite
    # The service refuses too, whatever a form sent before the deadline says.
    entwurf = world.extra["projekte"]["entwurf"]
    entwurf.beschreibung, entwurf.beantragt = "Ein Flohmarkt im Hof.", Decimal("100")
    with pytest.raises(ValidationError) as fehler:
        services.antrag_senden(antrag=entwurf, kosten=_kosten(100), entwurf=False)
    assert "keine Anträge mehr" in fehler.value.messages[0]


@pytest.mark.django_db
def test_a_round_meeting_belongs_to_the_area_and_comes_after_the_deadline(world):
    fonds = _fonds(world)
    sitzung = world.extra["sitzung"]
    runde = Antragsrunde(
        fonds=fonds,
        antragsschluss=timezone.localtime(sitzung.beginn).date() + timedelta(days=1),
        sitzung=sitzung,
    )
    with pytest.raises(ValidationError) as fehler:
        runde.full_clean()
    assert "nach der Frist" in fehler.value.message_dict["sitzung"][0]
    runde.fonds = world.extra["projekte"]["fremder_fonds"]
    runde.antragsschluss = timezone.localtime(sitzung.beginn).date()
    with pytest.raises(ValidationError) as fehler:
        runde.full_clean()
    assert "anderen Quartier" in fehler.value.message_dict["sitzung"][0]


# --- the flat rate ------------------------------------------------------------------------


def _kosten(*betraege):
    from projekte.models import Antragskosten

    return [
        Antragskosten(art="material", bezeichnung=f"Posten {n}", betrag=Decimal(b))
        for n, b in enumerate(betraege)
    ]


@pytest.mark.django_db
def test_the_flat_rate_is_added_to_the_costs_and_kept_with_the_application(world):
    fonds = _fonds(world)
    fonds.pauschale_prozent = Decimal("10")
    fonds.save()
    anonym = client_for(world, "anonym")
    # 600 € of costs + 60 € flat rate − 60 € own money leave 600 €: 601 € is too much.
    response = anonym.post(NEU, formular(anonym, beantragt="601.00"))
    assert response.status_code == 400
    meldung = response.context["form"].errors["beantragt"][0]
    assert "Pauschale" in meldung and "660,00" in meldung
    response = anonym.post(NEU, formular(anonym, beantragt="600.00"))
    assert response.status_code == 302
    antrag = Antrag.objects.get(titel="Straßenfest am Lindenplatz")
    assert antrag.pauschale == Decimal("60.00") and antrag.gesamtkosten() == Decimal("660.00")
    # The fund's rule changes later: the application keeps what it was sent with.
    fonds.pauschale_prozent = Decimal("5")
    fonds.save()
    seite = anonym.get(antrag.get_verfolgen_url()).content.decode()
    assert "Pauschale" in seite and "60,00" in seite
    assert "Pauschale von 5" in anonym.get(reverse("verfuegungsfonds:fonds")).content.decode()


# --- the committee's agenda ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_goes_onto_the_meetings_agenda_with_titles_only_by_consent(world):
    sitzung = world.extra["sitzung"]
    sitzung.tagesordnung = "Begrüßung"
    sitzung.save()
    antrag = world.extra["projekte"]["antrag"]
    zweiter = Antrag.objects.create(
        fonds=antrag.fonds,
        nummer="VF-2026-099",
        name="Omar Haddad",
        titel="Nachbarschaftsgarten",
        beschreibung="Beete im Hof.",
        beantragt=Decimal("700"),
        status=Antragsstatus.ZUR_ENTSCHEIDUNG,
        einwilligung_veroeffentlichung=True,
    )
    qm = world.users["qm"]
    assert services.auf_die_liste(sitzung=sitzung, antraege=[antrag, zweiter], user=qm) == 2
    assert services.auf_die_liste(sitzung=sitzung, antraege=[antrag], user=qm) == 0
    sitzung.refresh_from_db()
    punkte = sitzung.tagesordnung_punkte()
    assert punkte[0] == "Begrüßung"
    assert f"Verfügungsfonds: Antrag {antrag.nummer}, 480,00 €" in punkte
    assert "Verfügungsfonds: Antrag VF-2026-099 „Nachbarschaftsgarten“, 700,00 €" in punkte
    assert len(punkte) == 3
    assert antrag.titel not in sitzung.tagesordnung  # no consent to publication


# --- the year's end -----------------------------------------------------------------------


def _vorjahresfonds(world, vor: int = 1, **extra) -> Fonds:
    """The fund of area A `vor` years ago (5,000 €) with 1,200 € approved."""
    jahr = timezone.localdate().year - vor
    fonds = Fonds.objects.create(
        quartier=world.quartier_a, jahr=jahr, einwohner=10000, pauschale_prozent=5, **extra
    )
    Antrag.objects.create(
        fonds=fonds,
        nummer=f"VF-{jahr}-001",
        name="Erika Mustermann",
        titel="Sommerfest",
        beschreibung="Ein Fest.",
        beantragt=Decimal("1200"),
        bewilligt=Decimal("1200"),
        status=Antragsstatus.IN_DURCHFUEHRUNG,
    )
    Antrag.objects.create(
        fonds=fonds,
        nummer=f"VF-{jahr}-002",
        name="Erika Mustermann",
        titel="Lesecafé",
        beschreibung="Lesen.",
        beantragt=Decimal("300"),
        status=Antragsstatus.ZUR_ENTSCHEIDUNG,
    )
    return fonds


@pytest.mark.django_db
def test_closing_the_year_carries_what_is_left_into_next_years_fund(world):
    alt = _vorjahresfonds(world)
    neu = _fonds(world)  # this year's fund of area A: 8,000 residents, 4,000 €
    assert services.fonds_zahlen(neu).budget == Decimal("4000.00")
    qm = client_for(world, "qm")
    url = reverse("admin:projekte_fonds_jahresabschluss", args=[alt.pk])
    seite = qm.get(url)
    assert seite.status_code == 200
    text = seite.content.decode()
    assert "3.800,00" in text and "1 Antrag ist nicht entschieden" in text

    response = qm.post(url)
    assert response.status_code == 302
    assert response.url == reverse("admin:projekte_fonds_change", args=[neu.pk])
    alt.refresh_from_db()
    neu.refresh_from_db()
    assert alt.abgeschlossen_at is not None and alt.uebertragen == Decimal("3800.00")
    assert services.fonds_zahlen(alt).frei == Decimal("0.00")
    assert neu.uebertrag == Decimal("3800.00")
    assert services.fonds_zahlen(neu).budget == Decimal("7800.00")
    oeffentlich = client_for(world, "anonym").get(reverse("verfuegungsfonds:fonds"))
    assert "davon Übertrag aus dem Vorjahr" in oeffentlich.content.decode()

    # A closed year decides no more and is not closed twice.
    offen = alt.antraege.get(status=Antragsstatus.ZUR_ENTSCHEIDUNG)
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.antrag_entscheiden(
            antrag=offen, ergebnis=Antragsstatus.BEWILLIGT, user=world.users["qm"]
        )
    with pytest.raises(ValidationError, match="bereits abgeschlossen"):
        services.jahresabschluss(fonds=alt, user=world.users["qm"])
    assert qm.post(url).status_code == 200  # the page says why


@pytest.mark.django_db
def test_closing_makes_next_years_fund_with_the_same_rules(world):
    alt = _vorjahresfonds(world, vor=2, hoechstbetrag=Decimal("800"))
    neu = services.jahresabschluss(fonds=alt, user=world.users["qm"])
    assert neu.jahr == alt.jahr + 1 and neu.quartier == alt.quartier
    assert neu.hoechstbetrag == Decimal("800") and neu.pauschale_prozent == 5
    assert neu.uebertrag == Decimal("3800.00") and neu.abgeschlossen_at is None
    # The residents of the new year come from the area's newest statistics before it
    # (the world's 2024 figures of area A), the rule applies to them.
    statistik = einwohner_fuer(quartier=alt.quartier, jahr=neu.jahr)
    assert statistik is not None and neu.einwohner == statistik.einwohner == 4000
    assert neu.budget() == neu.jahresbudget() + Decimal("3800.00")
    assert neu.jahresbudget() == max(
        Decimal(4000) * neu.je_einwohner,
        neu.mindestens if 4000 < neu.mindestens_unter_einwohner else Decimal(0),
    )


@pytest.mark.django_db
def test_without_carry_over_the_rest_is_not_spent_and_no_fund_is_made(world):
    alt = _vorjahresfonds(world, uebertrag_erlaubt=False)
    neu = _fonds(world)
    assert services.jahresabschluss(fonds=alt, user=world.users["qm"]) is None
    neu.refresh_from_db()
    alt.refresh_from_db()
    assert neu.uebertrag is None and alt.uebertragen == Decimal("0.00")
    assert services.fonds_zahlen(alt).frei == Decimal("3800.00")


@pytest.mark.django_db
def test_the_running_year_is_not_closed_and_only_the_quartiersmanagement_closes(world):
    fonds = _fonds(world)
    with pytest.raises(ValidationError, match="noch nicht vorbei"):
        services.jahresabschluss(fonds=fonds, user=world.users["qm"])
    alt = _vorjahresfonds(world)
    url = reverse("admin:projekte_fonds_jahresabschluss", args=[alt.pk])
    assert client_for(world, "mitarbeit").post(url).status_code == 403
    assert client_for(world, "stadt").post(url).status_code == 403
    alt.refresh_from_db()
    assert alt.abgeschlossen_at is None
    fremder = Fonds.objects.create(quartier=world.quartier_b, jahr=alt.jahr, einwohner=3000)
    fremd_url = reverse("admin:projekte_fonds_jahresabschluss", args=[fremder.pk])
    assert client_for(world, "qm").post(fremd_url).status_code == 404
