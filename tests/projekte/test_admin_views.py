"""The custom back-office pages of projects, for every persona: a receipt of an expense, the
attachment of a narrative report, the proof of use.
Receipts carry personal data: the area's staff who may see expenses get them, city staff
(figures only) and the editors do not; another area's receipt is a 404."""

from django.urls import reverse

from ..matrix import Case
from ..raeume.admin_matrix import admin_matrix_tests

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
BELEG = "admin:projekte_ausgabe_beleg"
NACHWEIS = "admin:projekte_bewilligung_verwendungsnachweis"
ANHANG = "admin:projekte_sachbericht_datei"
ENTSCHEIDEN = "admin:projekte_antrag_entscheiden"
AUSZAHLEN = "admin:projekte_antrag_auszahlen"
DATEI = "admin:projekte_antrag_datei"
SITZUNG = "admin:projekte_antrag_sitzung"
ZAHLEN = "admin:projekte_fonds_zahlen"
BRIEF = "admin:projekte_antrag_brief"
ABSCHLUSS = "admin:projekte_fonds_jahresabschluss"
# The fund's figures: whoever may see the fund (city staff too); another area's is a 404.
FONDS_SEHEN = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 200}
# Deciding and paying is the Quartiersmanagement's (geld_entscheiden).
NUR_QM = {**LOGIN, "mitarbeit": 403, "redaktion": 403, "qm": 200, "stadt": 403}
# The proof lists the receipts (who was paid): for staff who may see the expenses.
SEHEN = {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403}
DATEI_FREMD = {**LOGIN, "mitarbeit": 404, "redaktion": 403, "qm": 404, "stadt": 403}
FREMD = {**LOGIN, "mitarbeit": 404, "redaktion": 403, "qm": 404, "stadt": 403}


def _beleg(key):
    return lambda w: reverse(BELEG, args=[w.extra["projekte"][key].pk])


def _grant(name, key="bewilligung", query=""):
    return lambda w: reverse(name, args=[w.extra["projekte"][key].pk]) + query


MATRIX = {
    BELEG: [
        Case(
            _beleg("ausgabe"),
            {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403},
            budget=6,
        ),
        Case(
            _beleg("fremde_ausgabe"),
            {**LOGIN, "mitarbeit": 404, "redaktion": 403, "qm": 404, "stadt": 403},
            budget=6,
            note="another area's receipt",
        ),
    ],
    ANHANG: [
        Case(
            lambda w: reverse(ANHANG, args=[w.extra["projekte"]["sachbericht"].pk]),
            {**LOGIN, "mitarbeit": 200, "redaktion": 403, "qm": 200, "stadt": 403},
            budget=6,
        ),
        Case(
            lambda w: reverse(ANHANG, args=[w.extra["projekte"]["fremder_bericht"].pk]),
            {**LOGIN, "mitarbeit": 404, "redaktion": 403, "qm": 404, "stadt": 403},
            budget=6,
            note="another area's report",
        ),
    ],
    ENTSCHEIDEN: [
        Case(_grant(ENTSCHEIDEN, "antrag"), NUR_QM, budget=12),
        Case(
            _grant(ENTSCHEIDEN, "antrag"),
            NUR_QM,
            method="post",
            data=lambda w: {"ergebnis": "teilbewilligt", "betrag": "-1"},
            budget=12,
            note="a negative amount: the form again, with its message",
        ),
        Case(_grant(ENTSCHEIDEN, "fremder_antrag"), {**NUR_QM, "qm": 404}, budget=8),
    ],
    AUSZAHLEN: [
        Case(_grant(AUSZAHLEN, "gefoerdert"), NUR_QM, budget=12),
        Case(_grant(AUSZAHLEN, "fremder_antrag"), {**NUR_QM, "qm": 404}, budget=8),
    ],
    DATEI: [
        # An applicant's files carry personal data: the area's staff of the fund only.
        Case(
            lambda w: reverse(DATEI, args=[w.extra["projekte"]["antrag"].pk, 999999]),
            DATEI_FREMD,
            budget=6,
            note="no such file of the application "
            "(tests/projekte/test_fonds_online.py opens a real one)",
        ),
        Case(
            lambda w: reverse(DATEI, args=[w.extra["projekte"]["fremder_antrag"].pk, 1]),
            DATEI_FREMD,
            budget=6,
            note="another area's application",
        ),
        Case(
            lambda w: reverse(DATEI, args=[w.extra["projekte"]["entwurf"].pk, 1]),
            DATEI_FREMD,
            budget=6,
            note="an applicant's draft is theirs until sent",
        ),
    ],
    BRIEF: [
        Case(
            lambda w: reverse(BRIEF, args=[w.extra["projekte"]["gefoerdert"].pk, "vereinbarung"]),
            {**DATEI_FREMD, "mitarbeit": 200, "qm": 200},
            budget=8,
            note="the agreement of an approved application, as PDF",
        ),
        Case(
            lambda w: reverse(BRIEF, args=[w.extra["projekte"]["antrag"].pk, "bescheid"]),
            DATEI_FREMD,
            budget=8,
            note="not decided yet: no letter",
        ),
        Case(
            lambda w: reverse(BRIEF, args=[w.extra["projekte"]["fremder_antrag"].pk, "bescheid"]),
            DATEI_FREMD,
            budget=6,
            note="another area's application",
        ),
    ],
    ZAHLEN: [
        Case(_grant(ZAHLEN, "fonds"), FONDS_SEHEN, budget=14),
        Case(_grant(ZAHLEN, "fonds", "?format=xlsx"), FONDS_SEHEN, budget=14),
        Case(
            _grant(ZAHLEN, "fremder_fonds"),
            {**FONDS_SEHEN, "mitarbeit": 404, "qm": 404, "stadt": 404},
            budget=6,
            note="another area's fund",
        ),
    ],
    ABSCHLUSS: [
        Case(_grant(ABSCHLUSS, "fonds"), NUR_QM, budget=10),
        Case(
            _grant(ABSCHLUSS, "fonds"),
            NUR_QM,
            method="post",
            budget=14,
            note="the running year: the page says it is not over "
            "(tests/projekte/test_fonds_jahr.py closes last year's)",
        ),
        Case(
            _grant(ABSCHLUSS, "fremder_fonds"),
            {**NUR_QM, "qm": 404},
            budget=6,
            note="another area's fund",
        ),
    ],
    SITZUNG: [
        Case(lambda w: reverse(SITZUNG, args=[w.extra["sitzung"].pk]), NUR_QM, budget=12),
        Case(
            lambda w: reverse(SITZUNG, args=[w.extra["sitzung"].pk]),
            {**NUR_QM, "qm": 302},
            method="post",
            data=lambda w: {"hinzufuegen": "1", "antrag": ["x"]},
            budget=14,
            note="nothing valid to add: back to the list",
        ),
        Case(
            lambda w: reverse(SITZUNG, args=[999999]),
            {**NUR_QM, "qm": 404},
            budget=8,
            note="no such meeting, or another area's",
        ),
    ],
    NACHWEIS: [
        Case(_grant(NACHWEIS), SEHEN, budget=9),
        Case(
            _grant(NACHWEIS),
            {**SEHEN, "mitarbeit": 302, "qm": 302},
            method="post",
            budget=14,
            note="the PDF asked for (made by the task): back to the page",
        ),
        Case(_grant(NACHWEIS, "fremde_bewilligung"), FREMD, budget=6),
        Case(_grant(NACHWEIS, query="?format=xlsx"), SEHEN, budget=8),
        Case(_grant(NACHWEIS, "fremde_bewilligung", "?format=xlsx"), FREMD, budget=6),
        Case(
            _grant(NACHWEIS, query="?format=pdf"),
            {**SEHEN, "mitarbeit": 404, "qm": 404},
            budget=6,
            note="not made yet",
        ),
        Case(_grant(NACHWEIS, "fremde_bewilligung", "?format=pdf"), FREMD, budget=6),
    ],
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "projekte", MATRIX
)
