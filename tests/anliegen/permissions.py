from django.urls import reverse

from ..matrix import Case, everyone

# City staff see reports and figures, not residents' photos or contact data.
STAFF_MIT_ANLIEGEN = ["mitarbeit", "qm"]


def _token(w):
    return w.extra["anliegen_privat"].token


def _foto_privat_expect():
    expect = everyone(404)
    for persona in STAFF_MIT_ANLIEGEN:
        expect[persona] = 200
    return expect


MATRIX = {
    "anliegen:anliegen_list": [
        Case(lambda w: reverse("anliegen:anliegen_list"), expect=everyone(200), budget=10),
        Case(
            lambda w: reverse("anliegen:anliegen_list") + "?art=mangel&status=eingegangen",
            expect=everyone(200),
            budget=10,
        ),
    ],
    "anliegen:anliegen_create": [
        Case(lambda w: reverse("anliegen:anliegen_create"), expect=everyone(200), budget=6),
    ],
    "anliegen:anliegen_quittung": [
        # Only the session that sent a concern sees its receipt; others go to the list.
        Case(lambda w: reverse("anliegen:anliegen_quittung"), expect=everyone(302), budget=4),
    ],
    "anliegen:anliegen_pin": [
        Case(lambda w: reverse("anliegen:anliegen_pin"), expect=everyone(200), budget=4),
        Case(
            lambda w: reverse("anliegen:anliegen_pin"),
            method="post",
            data=lambda w: {"nummer": "A-2020-00002", "pin": "424242"},
            expect=everyone(302),
            budget=5,
        ),
    ],
    "anliegen:anliegen_detail": [
        Case(
            lambda w: reverse("anliegen:anliegen_detail", args=["A-2020-00001"]),
            expect=everyone(200),
            budget=8,
        ),
        Case(
            lambda w: reverse("anliegen:anliegen_detail", args=["A-2020-00002"]),
            expect=everyone(404),
            budget=6,
            note="not consented/moderated: does not exist publicly",
        ),
    ],
    "anliegen:foto": [
        Case(
            lambda w: reverse("anliegen:foto", args=[w.extra["foto_oeffentlich"].pk]),
            expect=everyone(200),
            budget=4,
        ),
        Case(
            lambda w: reverse("anliegen:foto", args=[w.extra["foto_privat"].pk]),
            expect=_foto_privat_expect(),
            budget=8,
        ),
    ],
    "anliegen:anliegen_verfolgen": [
        Case(
            lambda w: reverse("anliegen:anliegen_verfolgen", args=[_token(w)]),
            expect=everyone(200),
            budget=12,
        ),
        Case(
            lambda w: reverse("anliegen:anliegen_verfolgen", args=["falsch"]),
            expect=everyone(404),
            budget=5,
        ),
    ],
    "anliegen:anliegen_ergaenzen": [
        Case(
            lambda w: reverse("anliegen:anliegen_ergaenzen", args=[_token(w)]),
            expect=everyone(405),
            budget=3,
        ),
        Case(
            lambda w: reverse("anliegen:anliegen_ergaenzen", args=[_token(w)]),
            method="post",
            data=lambda w: {"text": "Es ist immer noch dunkel."},
            expect=everyone(302),
            budget=12,
        ),
    ],
    "anliegen:anliegen_nicht_geloest": [
        Case(
            lambda w: reverse("anliegen:anliegen_nicht_geloest", args=[_token(w)]),
            method="post",
            data=lambda w: {"begruendung": "Noch kaputt"},
            expect=everyone(302),  # open concern: a message says it cannot be reopened
            budget=6,
        ),
    ],
    "anliegen:anliegen_zurueckziehen": [
        Case(
            lambda w: reverse("anliegen:anliegen_zurueckziehen", args=[_token(w)]),
            method="post",
            expect=everyone(302),
            budget=16,
        ),
    ],
    "anliegen:anliegen_statusmails": [
        Case(
            lambda w: reverse("anliegen:anliegen_statusmails", args=[_token(w)]),
            expect=everyone(405),
            budget=3,
        ),
        Case(
            lambda w: reverse("anliegen:anliegen_statusmails", args=[_token(w)]),
            method="post",
            expect=everyone(302),
            budget=10,
        ),
    ],
    "anliegen:anliegen_abbestellen": [
        Case(
            lambda w: reverse("anliegen:anliegen_abbestellen", args=[_token(w)]),
            method="post",
            expect=everyone(302),
            budget=10,
        ),
    ],
    "anliegen:anliegen_einwilligung_widerrufen": [
        Case(
            lambda w: reverse("anliegen:anliegen_einwilligung_widerrufen", args=[_token(w)]),
            method="post",
            expect=everyone(302),
            budget=10,
        ),
    ],
    "anliegen:anliegen_foto": [
        Case(
            lambda w: reverse(
                "anliegen:anliegen_foto", args=[_token(w), w.extra["foto_privat"].pk]
            ),
            expect=everyone(200),
            budget=4,
            note="the resident's own photo, not released",
        ),
        Case(
            lambda w: reverse(
                "anliegen:anliegen_foto", args=[_token(w), w.extra["foto_oeffentlich"].pk]
            ),
            expect=everyone(404),
            budget=4,
            note="a photo of another concern",
        ),
        Case(
            lambda w: reverse("anliegen:anliegen_foto", args=["falsch", w.extra["foto_privat"].pk]),
            expect=everyone(404),
            budget=4,
        ),
    ],
    "anliegen:weiterleitung_foto": [
        Case(
            lambda w: reverse(
                "anliegen:weiterleitung_foto",
                args=[w.extra["weiterleitung"].token, w.extra["foto_privat"].pk],
            ),
            expect=everyone(200),
            budget=4,
        ),
        Case(
            lambda w: reverse(
                "anliegen:weiterleitung_foto",
                args=[w.extra["weiterleitung"].token, w.extra["foto_oeffentlich"].pk],
            ),
            expect=everyone(404),
            budget=4,
            note="a photo of another concern",
        ),
    ],
    "anliegen:weiterleitung_antwort": [
        Case(
            lambda w: reverse(
                "anliegen:weiterleitung_antwort", args=[w.extra["weiterleitung"].token]
            ),
            expect=everyone(200),
            budget=6,
        ),
        Case(
            lambda w: reverse("anliegen:weiterleitung_antwort", args=["falsch"]),
            expect=everyone(404),
            budget=4,
        ),
    ],
}
