from django.urls import reverse

from ..matrix import LOGGED_IN, Case, everyone, only


def _artikel(key):
    return lambda w: w.extra["zeitung"][key].pk


def _ausgabe(key, name="zeitung:ausgabe_detail"):
    return lambda w: reverse(name, args=[w.extra["zeitung"][key].nummer])


def _artikel_url(ausgabe, artikel):
    return lambda w: reverse(
        "zeitung:artikel_detail",
        args=[w.extra["zeitung"][ausgabe].nummer, w.extra["zeitung"][artikel].pk],
    )


def _foto_url(ausgabe, foto):
    def url(w):
        f = w.extra["zeitung"][foto]
        return reverse(
            "zeitung:artikel_foto",
            args=[w.extra["zeitung"][ausgabe].nummer, f.artikel_id, f.pk],
        )

    return url


def _abo(key, name):
    return lambda w: reverse(name, args=[w.extra["zeitung"][key].token])


UNBEKANNT = "unbekanntes-token-1234"

MATRIX = {
    # The web edition: published issues of the area and their released articles only.
    "zeitung:ausgabe_list": [
        Case(lambda w: reverse("zeitung:ausgabe_list"), everyone(200), budget=6)
    ],
    "zeitung:feed": [Case(lambda w: reverse("zeitung:feed"), everyone(200), budget=6)],
    "zeitung:ausgabe_detail": [
        Case(_ausgabe("erschienen"), everyone(200), budget=7),
        Case(_ausgabe("ausgabe"), everyone(404), budget=6, note="not published yet"),
        Case(_ausgabe("fremde_ausgabe"), everyone(404), budget=6, note="another area's"),
    ],
    "zeitung:ausgabe_pdf": [
        Case(_ausgabe("erschienen", "zeitung:ausgabe_pdf"), everyone(200), budget=6),
        Case(
            _ausgabe("ausgabe", "zeitung:ausgabe_pdf"),
            everyone(404),
            budget=6,
            note="not published yet: no web PDF",
        ),
        Case(
            _ausgabe("fremde_ausgabe", "zeitung:ausgabe_pdf"),
            everyone(404),
            budget=6,
            note="another area's",
        ),
    ],
    "zeitung:artikel_detail": [
        Case(_artikel_url("erschienen", "veroeffentlicht"), everyone(200), budget=7),
        Case(
            _artikel_url("erschienen", "entwurf_erschienen"),
            everyone(404),
            budget=6,
            note="a draft in a published issue is never public",
        ),
        Case(
            _artikel_url("ausgabe", "artikel"),
            everyone(404),
            budget=6,
            note="an issue not yet published",
        ),
    ],
    "zeitung:artikel_foto": [
        Case(_foto_url("erschienen", "foto_erschienen"), everyone(200), budget=6),
        Case(
            _foto_url("erschienen", "foto_ohne_einwilligung"),
            everyone(404),
            budget=6,
            note="recognisable people without consent: never public",
        ),
    ],
    # E-mail subscriptions: a public form, and the private links of the mails (no log-in;
    # an unknown link is a friendly 404).
    "zeitung:abonnieren": [
        Case(lambda w: reverse("zeitung:abonnieren"), everyone(200), budget=6),
        Case(
            lambda w: reverse("zeitung:abonnieren"),
            everyone(200),
            method="post",
            data=lambda w: {"email": "keine-adresse"},
            budget=6,
            note="a wrong address is shown again with its error",
        ),
    ],
    "zeitung:abonnement_bestaetigen": [
        Case(
            _abo("offenes_abonnement", "zeitung:abonnement_bestaetigen"),
            everyone(200),
            budget=6,
            note="GET only shows the button",
        ),
        Case(
            _abo("offenes_abonnement", "zeitung:abonnement_bestaetigen"),
            everyone(302),
            method="post",
            budget=8,
        ),
        Case(
            lambda w: reverse("zeitung:abonnement_bestaetigen", args=[UNBEKANNT]),
            everyone(404),
            budget=6,
        ),
    ],
    "zeitung:abbestellen": [
        Case(_abo("abonnement", "zeitung:abbestellen"), everyone(200), budget=6),
        Case(
            _abo("abonnement", "zeitung:abbestellen"),
            everyone(200),
            method="post",
            budget=8,
            note="one click, without log-in (RFC 8058)",
        ),
        Case(
            lambda w: reverse("zeitung:abbestellen", args=[UNBEKANNT]),
            everyone(404),
            method="post",
            budget=6,
        ),
    ],
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
