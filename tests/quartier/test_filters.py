"""Item 13 of issue 10: a filter offers "all" once. The example found: the target-group
filter offered „alle Zielgruppen“ and „alle“ (the target group "everyone"), in the calendar
even „alle“ twice, and nobody could tell the two apart."""

import pytest
from django.urls import reverse
from django.utils import translation

from netzwerk.filters import AngebotFilter
from netzwerk.models import Angebot
from veranstaltungen.filters import VeranstaltungFilter

from ..netzwerk.factories import AngebotFactory
from ..veranstaltungen.factories import naechster, um, veranstaltung
from .formulare import filter_formulare

# German words that say "any value" in a choice: one such choice per filter is enough.
ALLE = ("alle", "jede", "jeder", "jedes", "beliebig", "egal")


@pytest.mark.django_db
def test_every_filter_offers_all_only_once(world):
    geprueft, falsch = [], []
    with translation.override("de"):
        for name, form in filter_formulare(world):
            for feld, field in form.fields.items():
                if not hasattr(field, "choices"):
                    continue
                labels = [str(label) for _value, label in field.choices]
                alle = [label for label in labels if label.lower().split()[0] in ALLE]
                doppelt = {label for label in labels if labels.count(label) > 1}
                if len(alle) > 1 or doppelt:
                    falsch.append(f"{name}.{feld}: {labels}")
                geprueft.append(f"{name}.{feld}")
    assert not falsch, "filters that offer the same choice twice:\n" + "\n".join(falsch)
    assert {
        "netzwerk.filters.AkteurFilter.zielgruppe",
        "netzwerk.filters.AngebotFilter.zielgruppe",
        "veranstaltungen.filters.VeranstaltungFilter.zielgruppe",
    } <= set(geprueft)


@pytest.mark.django_db
def test_a_target_group_finds_what_is_for_it_and_what_is_for_everyone(world):
    senioren = AngebotFactory(akteur=world.akteur_a, zielgruppen=["senioren"])
    alle = AngebotFactory(akteur=world.akteur_a, zielgruppen=["alle"])
    kinder = AngebotFactory(akteur=world.akteur_a, zielgruppen=["kinder", "familien"])
    angebote = Angebot.objects.filter(pk__in=[senioren.pk, alle.pk, kinder.pk])

    def gefunden(**daten):
        return set(AngebotFilter(daten, queryset=angebote).qs)

    assert gefunden() == gefunden(zielgruppe="") == {senioren, alle, kinder}
    assert gefunden(zielgruppe="senioren") == {senioren, alle}
    assert gefunden(zielgruppe="familien") == {kinder, alle}
    # "alle" is no longer offered, but links and feeds of before still work
    assert gefunden(zielgruppe="alle") == {alle}


@pytest.mark.django_db
def test_the_calendar_filter_says_all_target_groups_and_keeps_events_for_everyone(world, client):
    familien = world.extra["veranstaltung"]  # for families
    fuer_alle = veranstaltung(world.quartier_a, um(naechster(2), 11), titel="Offenes Singen")
    senioren = veranstaltung(
        world.quartier_a, um(naechster(3), 11), titel="Seniorenkaffee", zielgruppen=["senioren"]
    )
    html = client.get(
        reverse("veranstaltungen:veranstaltung_list"),
        {"zielgruppe": "familien"},
        HTTP_ACCEPT_LANGUAGE="de",
    ).content.decode()
    assert familien.titel in html and fuer_alle.titel in html
    assert senioren.titel not in html
    auswahl = VeranstaltungFilter().form.fields["zielgruppe"].choices
    with translation.override("de"):
        labels = [str(label) for _value, label in auswahl]
    assert labels[0] == "alle Zielgruppen" and "alle" not in labels
