"""Handover on the organisation's record: open items of its bookings (key out, damage,
deposit unsettled) counted in the viewer's areas, linking to its bookings in the admin."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from raeume.models import Uebergabe

from ..utils import client_for, count_queries
from .factories import buchung, naechster, um

pytestmark = pytest.mark.django_db


def test_open_handover_items_show_on_the_organisation_and_link_to_its_bookings(world):
    a = world.akteur_a
    konferenz, fremd = world.extra["raeume"]["konferenz"], world.extra["raeume"]["fremd"]
    tag = naechster(4, wochen=3)
    schluessel = world.extra["buchung_a"]
    Uebergabe.objects.create(buchung=schluessel, schluessel_ausgegeben=timezone.now())
    kaution = buchung(konferenz, um(tag, 10), um(tag, 11), akteur=a, zweck="Flohmarkt")
    Uebergabe.objects.create(
        buchung=kaution, kaution=Uebergabe.Kaution.HINTERLEGT, kaution_betrag=Decimal(50)
    )
    erledigt = buchung(konferenz, um(tag, 12), um(tag, 13), akteur=a, zweck="Erledigt")
    Uebergabe.objects.create(
        buchung=erledigt,
        schluessel_ausgegeben=timezone.now(),
        schluessel_zurueck=timezone.now(),
        kaution=Uebergabe.Kaution.ZURUECK,
    )
    # Area B is not the viewer's: its open items are not counted for staff of area A.
    anderswo = buchung(
        fremd, um(tag, 10), um(tag, 11), akteur=a, zweck="Anderswo", durch_personal=True
    )
    Uebergabe.objects.create(buchung=anderswo, schaeden="Fleck auf dem Teppich")

    qm = client_for(world, "qm")
    html = qm.get(reverse("admin:netzwerk_akteur_change", args=[a.pk])).content.decode()
    assert "Raumübergaben" in html
    assert (
        "Schlüssel nicht zurückgegeben: 1 · mit Schadensnotizen: 0 · Kaution nicht abgerechnet: 1"
        in html
    )
    link = reverse("admin:raeume_buchung_changelist") + (
        f"?akteur__id__exact={a.pk}&uebergabe=offen"
    )
    assert link.replace("&", "&amp;") in html
    liste = qm.get(link)
    assert liste.status_code == 200
    text = liste.content.decode()
    assert "Vorstandssitzung Nachbarschaftsverein" in text and "Flohmarkt" in text
    assert "Erledigt" not in text and "Anderswo" not in text
    assert "Jahreshauptversammlung" not in text  # club B's booking


def test_the_handover_field_costs_one_query(world):
    from netzwerk.admin import AkteurAdmin
    from netzwerk.models import Akteur
    from quartier.models import Quartier

    a = Akteur.objects.get(pk=world.akteur_a.pk)
    a.uebergaben_quartiere = Quartier.objects.fuer(world.users["qm"])
    admin = AkteurAdmin(Akteur, None)
    assert count_queries(lambda: admin.offene_uebergaben(a)) == 1
