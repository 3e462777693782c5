"""The custom back-office pages of rooms, for every persona: the week of all rooms, the use
figures (page and downloads), the staff booking form and the decision on a booking. Each
status is stated here; residents and partners are sent to the admin log-in (302), staff
without the permission get 403, other areas' bookings 404."""

from django.urls import reverse

from ..matrix import Case
from .admin_matrix import admin_matrix_tests

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
# Who may see bookings: Mitarbeitende, Quartiersmanagement, Stadtverwaltung (read only).
SEHEN = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 200}
# Who may book and decide: Mitarbeitende and Quartiersmanagement.
ENTSCHEIDEN = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403}


def _fremde_buchung(w):
    """A booking of area B (its staff booked it)."""
    from .factories import buchung, naechster, um

    tag = naechster(3, wochen=3)
    return buchung(w.extra["raeume"]["fremd"], um(tag, 10), um(tag, 12))


MATRIX = {
    "admin:raeume_buchung_wochenplan": [
        Case(lambda w: reverse("admin:raeume_buchung_wochenplan"), SEHEN, budget=8),
        Case(
            lambda w: reverse("admin:raeume_buchung_wochenplan") + "?woche=kaputt",
            SEHEN,
            budget=8,
            note="a bad date shows this week",
        ),
    ],
    "admin:raeume_buchung_nutzung": [
        Case(lambda w: reverse("admin:raeume_buchung_nutzung"), SEHEN, budget=7),
        Case(lambda w: reverse("admin:raeume_buchung_nutzung") + "?format=csv", SEHEN, budget=6),
        Case(lambda w: reverse("admin:raeume_buchung_nutzung") + "?format=xlsx", SEHEN, budget=6),
    ],
    "admin:raeume_buchung_add": [
        Case(
            lambda w: reverse("admin:raeume_buchung_add"),
            ENTSCHEIDEN,
            budget=9,
            note="staff book for anyone (the add page is the booking form)",
        ),
        Case(
            lambda w: reverse("admin:raeume_buchung_add"),
            {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403},
            method="post",
            data=lambda w: {"raum": w.extra["raeume"]["saal"].pk, "datum": "kaputt"},
            budget=10,
            note="an invalid form comes back with its errors",
        ),
    ],
    "admin:raeume_buchung_entscheiden": [
        Case(
            lambda w: reverse("admin:raeume_buchung_entscheiden", args=[w.extra["buchung_a"].pk]),
            ENTSCHEIDEN,
            budget=8,
        ),
        Case(
            lambda w: reverse("admin:raeume_buchung_entscheiden", args=[w.extra["buchung_a"].pk]),
            {**LOGIN, "mitarbeit": 302, "redaktion": 403, "qm": 302, "stadt": 403},
            method="post",
            data=lambda w: {"aktion": "bestaetigen"},
            budget=15,
            note="confirmed (mail and audit entry): back to the booking",
        ),
        Case(
            lambda w: reverse("admin:raeume_buchung_entscheiden", args=[_fremde_buchung(w).pk]),
            {**LOGIN, "mitarbeit": 404, "redaktion": 404, "qm": 404, "stadt": 404},
            budget=5,
            note="another area's booking is not found",
        ),
    ],
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "raeume", MATRIX
)


def test_the_week_grid_shows_one_area_at_a_time_for_people_with_several(world):
    """A clerk reading two areas: the grid shows one (the first by name, or the one chosen),
    with a chooser that keeps the week; someone with one area gets no chooser; an area the
    user may not see is never shown (the first one instead)."""
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from raeume.models import Raum

    from ..utils import client_for

    url = reverse("admin:raeume_buchung_wochenplan")
    world.users["stadt"].quartiere.add(world.quartier_b)
    stadt = client_for(world, "stadt")
    seite = stadt.get(url).content.decode()
    assert "Konferenzraum 1" in seite and "Hafensaal" not in seite
    assert 'name="quartier"' in seite and "Wochenplan der Räume in Brunnenviertel" in seite

    woche = f"{timezone.localdate() + timedelta(days=7):%Y-%m-%d}"
    with CaptureQueriesContext(connection) as queries:
        seite = stadt.get(url, {"quartier": world.quartier_b.pk, "woche": woche})
    seite = seite.content.decode()
    assert "Hafensaal" in seite and "Konferenzraum 1" not in seite
    assert f'value="{world.quartier_b.pk}" selected' in seite
    assert f"quartier={world.quartier_b.pk}" in seite  # the week links keep the area
    assert len(queries) <= 8

    Raum.objects.filter(quartier=world.quartier_b).update(aktiv=False)
    seite = stadt.get(url, {"quartier": world.quartier_b.pk}).content.decode()
    assert "In diesem Quartier gibt es keine aktiven Räume." in seite

    qm = client_for(world, "qm")
    seite = qm.get(url, {"quartier": world.quartier_b.pk}).content.decode()
    assert 'name="quartier"' not in seite
    assert "Konferenzraum 1" in seite and "Hafensaal" not in seite
