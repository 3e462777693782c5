"""The custom back-office pages of events, for every persona: the figures (page and
downloads), an event's participant list (print view, CSV, XLSX) and the mail to all
registered. Each status is stated here; residents and partners are sent to the admin
log-in (302), staff without the permission get 403, other areas' events 404."""

from django.urls import reverse

from ..matrix import Case
from ..raeume.admin_matrix import admin_matrix_tests
from .factories import naechster, um, veranstaltung

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
# Events and figures: Mitarbeitende, Quartiersmanagement, Stadtverwaltung (read only).
SEHEN = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 200}
# Participants' personal data and mails to them: not for city staff.
TEILNEHMENDE = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403}
FREMD = {**LOGIN, "mitarbeit": 404, "redaktion": 404, "qm": 404, "stadt": 404}


def _url(name, **query):
    def url(w):
        suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
        return reverse(name, args=[w.extra["veranstaltung"].pk]) + suffix

    return url


def _fremd(name):
    """The page of an event of area B."""

    def url(w):
        v = veranstaltung(w.quartier_b, um(naechster(3), 18), anmeldung=True, kapazitaet=5)
        return reverse(name, args=[v.pk])

    return url


ZAHLEN = "admin:veranstaltungen_veranstaltung_zahlen"


def _jahr(w):
    return reverse(ZAHLEN) + f"?jahr={w.extra['veranstaltung'].beginn.year}"


TEILNEHMENDE_URL = "admin:veranstaltungen_veranstaltung_teilnehmende"
RUNDMAIL = "admin:veranstaltungen_veranstaltung_rundmail"
ABSAGEN = "admin:veranstaltungen_veranstaltung_absagen"
# Changing (and cancelling) events: Mitarbeitende and Quartiersmanagement.
AENDERN = TEILNEHMENDE

MATRIX = {
    ZAHLEN: [
        Case(lambda w: reverse(ZAHLEN), SEHEN, budget=7),
        Case(lambda w: _jahr(w) + "&format=csv", SEHEN, budget=6),
        Case(lambda w: _jahr(w) + "&format=xlsx", SEHEN, budget=6),
    ],
    TEILNEHMENDE_URL: [
        Case(_url(TEILNEHMENDE_URL), TEILNEHMENDE, budget=8),
        Case(_url(TEILNEHMENDE_URL, format="csv"), TEILNEHMENDE, budget=7),
        Case(_url(TEILNEHMENDE_URL, format="xlsx"), TEILNEHMENDE, budget=7),
        Case(_fremd(TEILNEHMENDE_URL), FREMD, budget=5, note="another area's event"),
    ],
    RUNDMAIL: [
        Case(_url(RUNDMAIL), TEILNEHMENDE, budget=7),
        Case(
            _url(RUNDMAIL),
            {**LOGIN, "mitarbeit": 302, "redaktion": 403, "qm": 302, "stadt": 403},
            method="post",
            data=lambda w: {"betreff": "Treffpunkt", "text": "Am Brunnen.", "formular_token": "t"},
            budget=14,
            note="sent (the event locked, its form token looked up, one mail per registration, "
            "an audit entry): back to the event",
        ),
        Case(_fremd(RUNDMAIL), FREMD, budget=5, note="another area's event"),
    ],
    ABSAGEN: [
        Case(_url(ABSAGEN), AENDERN, budget=7, note="what follows, before it is done"),
        Case(
            _url(ABSAGEN),
            {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403},
            method="post",
            data=lambda w: {"absage_notiz": ""},
            budget=8,
            note="without a note: back with the message at the field",
        ),
        Case(
            _url(ABSAGEN),
            {**LOGIN, "mitarbeit": 302, "redaktion": 403, "qm": 302, "stadt": 403},
            method="post",
            data=lambda w: {"absage_notiz": "Unwetter"},
            budget=25,
            note="cancelled (room freed, mails, audit): back to the event",
        ),
        Case(_fremd(ABSAGEN), FREMD, budget=5, note="another area's event"),
    ],
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "veranstaltungen", MATRIX
)
