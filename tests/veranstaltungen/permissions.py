from django.urls import reverse

from ..matrix import LOGGED_IN, Case, everyone, only

MATRIX = {
    "veranstaltungen:veranstaltung_list": [
        Case(lambda w: reverse("veranstaltungen:veranstaltung_list"), everyone(200), budget=8),
        Case(
            lambda w: (
                reverse("veranstaltungen:veranstaltung_list")
                + "?zeitraum=woche&art=fest&zielgruppe=familien&kostenlos=on&seite=x"
            ),
            everyone(200),
            budget=8,
        ),
    ],
    "veranstaltungen:veranstaltung_monat": [
        Case(lambda w: reverse("veranstaltungen:veranstaltung_monat"), everyone(200), budget=6),
        Case(
            lambda w: reverse("veranstaltungen:veranstaltung_monat") + "?monat=kaputt",
            everyone(200),
            budget=6,
        ),
    ],
    "veranstaltungen:veranstaltung_feed": [
        Case(lambda w: reverse("veranstaltungen:veranstaltung_feed"), everyone(200), budget=5)
    ],
    "veranstaltungen:veranstaltung_detail": [
        Case(lambda w: w.extra["veranstaltung"].get_absolute_url(), everyone(200), budget=5),
        Case(
            lambda w: w.extra["veranstaltung_intern"].get_absolute_url(),
            everyone(404),
            budget=4,
            note="internal events are not public",
        ),
    ],
    "veranstaltungen:veranstaltung_ics": [
        Case(
            lambda w: reverse(
                "veranstaltungen:veranstaltung_ics", args=[w.extra["veranstaltung"].pk]
            ),
            everyone(200),
            budget=4,
        )
    ],
    "veranstaltungen:anmeldung_detail": [
        Case(lambda w: w.extra["anmeldung"].get_absolute_url(), everyone(200), budget=4),
        Case(
            lambda w: reverse("veranstaltungen:anmeldung_detail", args=["unbekannt"]),
            everyone(404),
            budget=4,
        ),
    ],
    "partner:veranstaltung_partner_list": [
        Case(
            lambda w: reverse("partner:veranstaltung_partner_list"),
            only(LOGGED_IN),
            budget=4,
        )
    ],
    "partner:veranstaltung_partner_detail": [
        Case(
            lambda w: reverse(
                "partner:veranstaltung_partner_detail", args=[w.extra["einreichung_a"].pk]
            ),
            only(["partner_a"]),
            budget=6,
            note="a submission is seen only by its organisation's partners",
        )
    ],
    "partner:veranstaltung_einreichen": [
        Case(
            lambda w: reverse("partner:veranstaltung_einreichen"),
            only(["partner_a", "partner_b"]),
            budget=10,
        )
    ],
}
