from django.urls import reverse

from ..matrix import Case, everyone, only


def _detail(slug):
    return lambda w: reverse("projekte:projekt_detail", args=[slug])


MATRIX = {
    "projekte:projekt_list": [
        Case(lambda w: reverse("projekte:projekt_list"), expect=everyone(200), budget=8),
        Case(
            lambda w: (
                reverse("projekte:projekt_list")
                + "?status=laufend&jahr=2026&handlungsfeld=bildung-und-ausbildung&art=projekt"
            ),
            expect=everyone(200),
            budget=8,
        ),
    ],
    "projekte:projekt_detail": [
        Case(_detail("hausaufgabenhilfe"), expect=everyone(200), budget=12),
        Case(
            _detail("hafenfest"),
            expect=everyone(404),
            budget=6,
            note="an idea of another area: not public, nobody sees it on the site",
        ),
    ],
    "verfuegungsfonds:fonds": [
        Case(lambda w: reverse("verfuegungsfonds:fonds"), expect=everyone(200), budget=10),
        Case(
            lambda w: reverse("verfuegungsfonds:fonds") + "?seite=99",
            expect=everyone(200),
            budget=10,
            note="a page past the end: the last page",
        ),
    ],
    "projekte:projekt_idee": [
        Case(
            lambda w: reverse("projekte:projekt_idee", args=["hausaufgabenhilfe"]),
            expect=everyone(200),
            budget=6,
        ),
        Case(
            lambda w: reverse("projekte:projekt_idee", args=["hausaufgabenhilfe"]),
            method="post",
            data=lambda w: {"beschreibung": "", "zeit": "kaputt"},
            expect=everyone(200),
            budget=6,
            note="an empty idea: the form again, with its messages",
        ),
        Case(
            lambda w: reverse("projekte:projekt_idee", args=["hafenfest"]),
            expect=everyone(404),
            budget=6,
        ),
    ],
}


def _p(name, key):
    return lambda w: reverse(f"partner:{name}", args=[w.extra["projekte"][key].pk])


# The project's Träger (actor A's partner); cooperation partners and other organisations
# get 404, residents are sent to log in.
TRAEGER_A = only(["partner_a"])
TRAEGER_B = only(["partner_b"])

MATRIX.update(
    {
        "partner:projekt_list": [
            Case(
                lambda w: reverse("partner:projekt_list"),
                expect={**everyone(200), "anonym": 302},
                budget=6,
                note="each organisation its own projects; staff's organisations have none",
            ),
        ],
        "partner:projekt_detail": [
            Case(_p("projekt_detail", "projekt"), expect=TRAEGER_A, budget=9),
            Case(_p("projekt_detail", "fremd"), expect=TRAEGER_B, budget=9),
        ],
        "partner:ausgabe_create": [
            Case(_p("ausgabe_create", "projekt"), expect=TRAEGER_A, budget=8),
            Case(
                _p("ausgabe_create", "projekt"),
                method="post",
                data=lambda w: {"betrag": "-3", "datum": "gestern"},
                expect=TRAEGER_A,
                budget=8,
                note="a negative amount and no receipt: the form again, with its messages",
            ),
        ],
        "partner:sachbericht_create": [
            Case(_p("sachbericht_create", "projekt"), expect=TRAEGER_A, budget=6),
            Case(_p("sachbericht_create", "fremd"), expect=TRAEGER_B, budget=6),
            Case(
                _p("sachbericht_create", "projekt"),
                method="post",
                data=lambda w: {"von": "2026-07-01", "bis": "2026-01-01", "text": ""},
                expect=TRAEGER_A,
                budget=8,
                note="an empty text and a period backwards: the form again, with its messages",
            ),
        ],
        "partner:sachbericht_update": [
            Case(_p("sachbericht_update", "sachbericht"), expect=TRAEGER_A, budget=6),
            Case(_p("sachbericht_update", "fremder_bericht"), expect=TRAEGER_B, budget=6),
        ],
        "partner:sachbericht_datei": [
            Case(_p("sachbericht_datei", "sachbericht"), expect=TRAEGER_A, budget=4),
            Case(_p("sachbericht_datei", "fremder_bericht"), expect=TRAEGER_B, budget=4),
        ],
        "partner:ausgabe_beleg": [
            Case(_p("ausgabe_beleg", "ausgabe"), expect=TRAEGER_A, budget=4),
            Case(_p("ausgabe_beleg", "fremde_ausgabe"), expect=TRAEGER_B, budget=4),
        ],
    }
)


def _link(name, antrag):
    return lambda w: reverse(f"verfuegungsfonds:{name}", args=[w.extra["projekte"][antrag].token])


def _geraten(name):
    return lambda w: reverse(f"verfuegungsfonds:{name}", args=["geraten-" + "x" * 24])


# The online application: public, no account; the private link is the key (guesses and
# another area's links are 404 for everyone, logged in or not).
MATRIX.update(
    {
        "verfuegungsfonds:antrag_neu": [
            Case(lambda w: reverse("verfuegungsfonds:antrag_neu"), expect=everyone(200), budget=9),
            Case(
                lambda w: reverse("verfuegungsfonds:antrag_neu"),
                method="post",
                data=lambda w: {"titel": "", "aktion": "senden", "zeit": "kaputt"},
                expect=everyone(400),
                budget=9,
                note="an empty application: the form again, with its messages",
            ),
        ],
        "verfuegungsfonds:antrag_quittung": [
            Case(
                lambda w: reverse("verfuegungsfonds:antrag_quittung"),
                expect=everyone(302),
                budget=4,
                note="no receipt in this session: to the fund's page",
            ),
        ],
        "verfuegungsfonds:antrag_verfolgen": [
            Case(_link("antrag_verfolgen", "antrag"), expect=everyone(200), budget=8),
            Case(_geraten("antrag_verfolgen"), expect=everyone(404), budget=6),
        ],
        "verfuegungsfonds:antrag_bearbeiten": [
            Case(_link("antrag_bearbeiten", "entwurf"), expect=everyone(200), budget=8),
            Case(
                _link("antrag_bearbeiten", "antrag"),
                expect=everyone(404),
                budget=6,
                note="a sent application is the office's: no form for the link",
            ),
        ],
        "verfuegungsfonds:antrag_antworten": [
            Case(
                _link("antrag_antworten", "antrag"),
                method="post",
                data=lambda w: {"text": ""},
                expect=everyone(400),
                budget=10,
                note="an empty answer: the page again, with its message",
            ),
            Case(_geraten("antrag_antworten"), method="post", expect=everyone(404), budget=6),
        ],
        "verfuegungsfonds:antrag_nachweis": [
            Case(
                _link("antrag_nachweis", "antrag"),
                method="post",
                data=lambda w: {"bericht": ""},
                expect=everyone(400),
                budget=10,
                note="an empty proof of use: the page again, with its messages",
            ),
            Case(_geraten("antrag_nachweis"), method="post", expect=everyone(404), budget=6),
        ],
        "verfuegungsfonds:antrag_zurueckziehen": [
            Case(_geraten("antrag_zurueckziehen"), method="post", expect=everyone(404), budget=6),
        ],
        "verfuegungsfonds:antrag_datei": [
            Case(
                lambda w: reverse(
                    "verfuegungsfonds:antrag_datei",
                    args=[w.extra["projekte"]["antrag"].token, 999999],
                ),
                expect=everyone(404),
                budget=6,
                note="a file only with its own application's link "
                "(tests/projekte/test_fonds_online.py opens one)",
            ),
        ],
        "verfuegungsfonds:antrag_brief": [
            Case(
                lambda w: reverse(
                    "verfuegungsfonds:antrag_brief",
                    args=[w.extra["projekte"]["gefoerdert"].token, "vereinbarung"],
                ),
                expect=everyone(200),
                budget=8,
                note="the agreement to sign, by the approved application's link",
            ),
            Case(
                lambda w: reverse(
                    "verfuegungsfonds:antrag_brief",
                    args=[w.extra["projekte"]["antrag"].token, "vereinbarung"],
                ),
                expect=everyone(404),
                budget=6,
                note="not approved: no agreement",
            ),
        ],
        "verfuegungsfonds:fonds_foto": [
            Case(
                lambda w: reverse("verfuegungsfonds:fonds_foto", args=[999999]),
                expect=everyone(404),
                budget=6,
                note="only released photos of published applications",
            ),
        ],
    }
)
