from django.urls import reverse

from ..matrix import LOGGED_IN, Case, only


def _artikel(key):
    return lambda w: w.extra["zeitung"][key].pk


MATRIX = {
    "partner:artikel_partner_list": [
        Case(lambda w: reverse("partner:artikel_partner_list"), only(LOGGED_IN), budget=5)
    ],
    "partner:artikel_partner_detail": [
        Case(
            lambda w: reverse(
                "partner:artikel_partner_detail", args=[_artikel("partnerartikel")(w)]
            ),
            only(["partner_a"]),
            budget=6,
            note="a submission is seen only by its organisation's partners",
        ),
        Case(
            lambda w: reverse("partner:artikel_partner_detail", args=[_artikel("artikel")(w)]),
            only([]),
            budget=6,
            note="the office's own articles are no partner's",
        ),
    ],
    "partner:artikel_einreichen": [
        Case(
            lambda w: reverse("partner:artikel_einreichen"),
            only(["partner_a", "partner_b"]),
            budget=6,
            note="only members of an organisation submit",
        ),
        Case(
            lambda w: reverse("partner:artikel_einreichen"),
            only(["partner_a", "partner_b"]),
            method="post",
            data=lambda w: {"titel": "x"},
            budget=10,
            note="an incomplete article is shown again with its errors; others get 404",
        ),
    ],
}
