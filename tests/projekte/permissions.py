from django.urls import reverse

from ..matrix import Case, everyone


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
