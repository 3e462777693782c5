"""The custom back-office pages of projects, for every persona: a receipt of an expense.
Receipts carry personal data: the area's staff who may see expenses get them, city staff
(figures only) and the editors do not; another area's receipt is a 404."""

from django.urls import reverse

from ..matrix import Case
from ..raeume.admin_matrix import admin_matrix_tests

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
BELEG = "admin:projekte_ausgabe_beleg"


def _beleg(key):
    return lambda w: reverse(BELEG, args=[w.extra["projekte"][key].pk])


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
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "projekte", MATRIX
)
