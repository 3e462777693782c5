from django.urls import reverse

from ..matrix import LOGGED_IN, Case, everyone, only

BERICHTE = ["mitarbeit", "qm", "stadt"]  # the roles with `quartier.view_berichtsdatei`
# Every section's fixed handful of queries, twice (the period and the one before; see
# tests/berichte/ for each section's count not growing with the data or the areas).
BERICHT_BUDGET = 60


def _berichtsdatei(key, name="berichte:datei"):
    return lambda w: reverse(name, args=[w.extra["berichtsdateien"][key].pk])


MATRIX = {
    # The report for the city: staff of the office and city staff, for their areas only.
    "berichte:bericht": [
        Case(lambda w: reverse("berichte:bericht"), expect=only(BERICHTE), budget=BERICHT_BUDGET),
        Case(
            lambda w: (
                reverse("berichte:bericht")
                + f"?art=jahr&jahr=2025&quartiere={w.quartier_a.pk}&format=xlsx"
            ),
            expect=only(BERICHTE),
            budget=BERICHT_BUDGET,
        ),
        Case(
            lambda w: (
                reverse("berichte:bericht") + f"?art=jahr&jahr=2025&quartiere={w.quartier_b.pk}"
            ),
            expect=only(BERICHTE, 404),
            budget=BERICHT_BUDGET,
            note="another area's report",
        ),
    ],
    "berichte:pdf": [
        Case(lambda w: reverse("berichte:pdf"), expect=only(BERICHTE, 405), budget=6),
        Case(
            lambda w: reverse("berichte:pdf"),
            method="post",
            data=lambda w: {"art": "jahr", "jahr": "2025", "quartiere": [w.quartier_a.pk]},
            expect=only(BERICHTE, 302),
            budget=BERICHT_BUDGET + 10,
        ),
    ],
    "berichte:datei": [
        Case(_berichtsdatei("a"), expect=only(BERICHTE), budget=8),
        Case(_berichtsdatei("b"), expect=only(BERICHTE, 404), budget=8),
    ],
    "berichte:datei_pdf": [
        Case(_berichtsdatei("a", "berichte:datei_pdf"), expect=only(BERICHTE), budget=8),
        Case(_berichtsdatei("b", "berichte:datei_pdf"), expect=only(BERICHTE, 404), budget=8),
    ],
    "home": [Case(lambda w: reverse("home"), expect=everyone(200), budget=5)],
    "seite": [
        Case(lambda w: reverse("seite", args=["impressum"]), expect=everyone(200), budget=6),
        Case(lambda w: reverse("seite", args=["gibt-es-nicht"]), expect=everyone(404), budget=6),
    ],
    "quartier_wahl": [
        Case(lambda w: reverse("quartier_wahl"), expect=everyone(200), budget=6),
        Case(lambda w: reverse("quartier_wahl") + "?q=Hafen", expect=everyone(200), budget=6),
        Case(lambda w: reverse("quartier_wahl") + "?q=Kaistr.+3", expect=everyone(200), budget=6),
        # Too long: the message at the field, all areas below it.
        Case(
            lambda w: reverse("quartier_wahl") + "?q=" + "x" * 200, expect=everyone(200), budget=6
        ),
    ],
    "healthz": [Case(lambda w: reverse("healthz"), expect=everyone(200), budget=3)],
    "favicon": [Case(lambda w: reverse("favicon"), expect=everyone(301), budget=2)],
    "admin_login": [
        Case(
            lambda w: reverse("admin_login"),
            # staff go on to the back office; partners see the form ("not authorised")
            expect={**everyone(302), "anonym": 200, "partner_a": 200, "partner_b": 200},
            budget=5,
        )
    ],
    "partner:start": [Case(lambda w: reverse("partner:start"), expect=only(LOGGED_IN), budget=6)],
    "partner:login": [
        Case(
            lambda w: reverse("partner:login"),
            expect={
                **everyone(302),
                "anonym": 200,  # logged-in users are sent on to the partner area
            },
            budget=5,
        )
    ],
    "partner:logout": [
        Case(lambda w: reverse("partner:logout"), expect=everyone(405), budget=3),
        Case(lambda w: reverse("partner:logout"), method="post", expect=everyone(302), budget=5),
    ],
    "partner:password_reset": [
        Case(lambda w: reverse("partner:password_reset"), expect=everyone(200), budget=5)
    ],
    "partner:password_reset_done": [
        Case(lambda w: reverse("partner:password_reset_done"), expect=everyone(200), budget=5)
    ],
    "partner:password_reset_confirm": [
        Case(
            lambda w: reverse("partner:password_reset_confirm", args=["MQ", "falsch"]),
            expect=everyone(200),  # shows "link no longer valid"
            budget=6,
        )
    ],
    "partner:password_reset_complete": [
        Case(lambda w: reverse("partner:password_reset_complete"), expect=everyone(200), budget=5)
    ],
    "partner:konto": [
        Case(lambda w: reverse("partner:konto"), expect=only(LOGGED_IN), budget=5),
        Case(
            lambda w: reverse("partner:konto"),
            method="post",
            data=lambda w: {"name": "", "kurzname": ""},  # refused: the form again
            expect=only(LOGGED_IN),
            budget=5,
        ),
    ],
    "partner:password_change": [
        Case(lambda w: reverse("partner:password_change"), expect=only(LOGGED_IN), budget=5)
    ],
    "partner:benachrichtigungen": [
        Case(lambda w: reverse("partner:benachrichtigungen"), expect=only(LOGGED_IN), budget=12)
    ],
    "partner:password_change_done": [
        Case(lambda w: reverse("partner:password_change_done"), expect=only(LOGGED_IN), budget=5)
    ],
}
