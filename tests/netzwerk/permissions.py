from django.urls import reverse

from ..matrix import Case, everyone, only


def _partner(name, *args):
    return lambda w: reverse(f"partner:{name}", args=[a(w) for a in args])


def _slug_a(w):
    return w.akteur_a.slug


def _angebot_a(w):
    return w.extra["angebot_a"].pk


def _person_a(w):
    return w.extra["ansprechperson_a"].pk


LOGGED_IN_405 = {**everyone(405), "anonym": 302}

MATRIX = {
    "netzwerk:akteur_list": [
        Case(lambda w: reverse("netzwerk:akteur_list"), expect=everyone(200), budget=7),
        Case(
            lambda w: reverse("netzwerk:akteur_list") + "?q=hausaufgabe&zielgruppe=alle&sprache=de",
            expect=everyone(200),
            budget=7,
        ),
    ],
    "netzwerk:akteur_detail": [
        Case(
            lambda w: reverse("netzwerk:akteur_detail", args=[w.akteur_a.slug]),
            expect=everyone(200),
            budget=9,
        ),
        Case(
            lambda w: reverse("netzwerk:akteur_detail", args=["intern"]),
            expect=everyone(404),
            budget=6,
            note="not public: nobody sees it on the site",
        ),
    ],
    "netzwerk:angebot_list": [
        Case(lambda w: reverse("netzwerk:angebot_list"), expect=everyone(200), budget=6)
    ],
    "netzwerk:gremium_list": [
        Case(lambda w: reverse("netzwerk:gremium_list"), expect=everyone(200), budget=5)
    ],
    "netzwerk:gremium_detail": [
        Case(
            lambda w: reverse("netzwerk:gremium_detail", args=["stadtteilkonferenz"]),
            expect=everyone(200),
            budget=7,
        )
    ],
    "netzwerk:sitzung_protokoll": [
        Case(
            lambda w: w.extra["sitzung"].get_protokoll_url(),
            expect=everyone(200),
            budget=4,
        ),
        Case(
            lambda w: w.extra["sitzung_intern"].get_protokoll_url(),
            expect=everyone(404),
            budget=4,
            note="minutes of a closed meeting are never served",
        ),
    ],
    "partner:akteur_edit": [
        Case(_partner("akteur_edit", _slug_a), expect=only(["partner_a"]), budget=9),
        Case(
            lambda w: reverse("partner:akteur_edit", args=[w.akteur_b.slug]),
            expect=only(["partner_b"]),
            budget=9,
        ),
    ],
    "partner:angebot_create": [
        Case(_partner("angebot_create", _slug_a), expect=only(["partner_a"]), budget=6)
    ],
    "partner:angebot_edit": [
        Case(_partner("angebot_edit", _slug_a, _angebot_a), expect=only(["partner_a"]), budget=6)
    ],
    "partner:angebot_delete": [
        Case(
            _partner("angebot_delete", _slug_a, _angebot_a),
            expect=only(["partner_a"]),
            budget=6,
            note="what will be deleted, before it is",
        ),
        Case(
            _partner("angebot_delete", _slug_a, _angebot_a),
            method="post",
            expect=only(["partner_a"], 302),
            # + 4 when the actor starts waiting for review: its areas, the staff to tell,
            # their choices, the notices (quartier.benachrichtigungen)
            budget=20,
        ),
    ],
    "partner:ansprechperson_create": [
        Case(_partner("ansprechperson_create", _slug_a), expect=only(["partner_a"]), budget=6)
    ],
    "partner:ansprechperson_edit": [
        Case(
            _partner("ansprechperson_edit", _slug_a, _person_a),
            expect=only(["partner_a"]),
            budget=6,
        )
    ],
    "partner:ansprechperson_delete": [
        Case(
            _partner("ansprechperson_delete", _slug_a, _person_a),
            expect=only(["partner_a"]),
            budget=6,
            note="what will be deleted, before it is",
        ),
        Case(
            _partner("ansprechperson_delete", _slug_a, _person_a),
            method="post",
            expect=only(["partner_a"], 302),
            # + 4 when the actor starts waiting for review: its areas, the staff to tell,
            # their choices, the notices (quartier.benachrichtigungen)
            budget=20,
        ),
    ],
}
