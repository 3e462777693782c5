"""The core's custom back-office pages, for every persona: the import of area statistics,
and the account pages that replace Django's (adding an account, setting a password).
Residents and partners are sent to the admin log-in; another area's account is 404."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ..factories import UserFactory
from ..matrix import Case
from ..raeume.admin_matrix import admin_matrix_tests

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
IMPORT = {**LOGIN, "mitarbeit": 200, "qm": 200, "redaktion": 403, "stadt": 403}
NUR_QM = {**LOGIN, "mitarbeit": 403, "qm": 200, "redaktion": 403, "stadt": 403}
FREMD = {**LOGIN, "mitarbeit": 404, "qm": 404, "redaktion": 404, "stadt": 404}
IMPORT_URL = "admin:quartier_stadtteildaten_import"


# A file's preview checks each row against the database's rules (about 20 queries a row);
# these cases have one row.


def _csv(w, quartier) -> dict:
    inhalt = f"Quartier;Jahr;Einwohner;Quelle\n{quartier.name};2023;1.234;Test\n"
    return {"datei": SimpleUploadedFile("daten.csv", inhalt.encode(), "text/csv")}


MATRIX = {
    IMPORT_URL: [
        Case(lambda w: reverse(IMPORT_URL), IMPORT, budget=8),
        Case(
            lambda w: reverse(IMPORT_URL),
            IMPORT,
            method="post",
            data=lambda w: _csv(w, w.quartier_a),
            budget=30,
            note="the preview of a file: nothing stored yet",
        ),
        Case(
            lambda w: reverse(IMPORT_URL),
            IMPORT,
            method="post",
            data=lambda w: _csv(w, w.quartier_b),
            budget=12,
            note="another area's row: an error in the preview, never stored",
        ),
    ],
    "admin:quartier_user_add": [
        Case(lambda w: reverse("admin:quartier_user_add"), NUR_QM, budget=10),
    ],
    "admin:auth_user_password_change": [
        Case(
            lambda w: reverse("admin:auth_user_password_change", args=[w.users["partner_a"].pk]),
            NUR_QM,
            budget=10,
        ),
        Case(
            lambda w: reverse(
                "admin:auth_user_password_change",
                args=[UserFactory(is_staff=True, quartiere=[w.quartier_b]).pk],
            ),
            FREMD,
            budget=10,
            note="an account of another area",
        ),
    ],
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "quartier", MATRIX
)
