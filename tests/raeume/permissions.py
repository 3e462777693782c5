from django.core.files.base import ContentFile
from django.urls import reverse

from raeume.models import Kalenderzugang, Schadensfoto, Uebergabe

from ..matrix import LOGGED_IN, Case, everyone, only


def _feed(w):
    return reverse("raeume:akteur_feed", args=[Kalenderzugang.fuer(w.akteur_a).token])


def _schadensfoto(w):
    uebergabe, _neu = Uebergabe.objects.get_or_create(buchung=w.extra["buchung_a"])
    foto = uebergabe.fotos.first() or Schadensfoto(uebergabe=uebergabe)
    if not foto.pk:
        foto.bild.save("schaden.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    return reverse("raeume:schadensfoto", args=[foto.pk])


MATRIX = {
    "raeume:raum_list": [Case(lambda w: reverse("raeume:raum_list"), everyone(200), budget=4)],
    "raeume:raum_detail": [
        Case(
            lambda w: reverse("raeume:raum_detail", args=[w.extra["raeume"]["saal"].slug]),
            everyone(200),
            budget=6,
        ),
        Case(
            lambda w: (
                reverse("raeume:raum_detail", args=[w.extra["raeume"]["saal"].slug])
                + "?ansicht=monat&datum=2026-02-30"
            ),
            everyone(200),
            budget=6,
            note="month view; a bad date falls back to today",
        ),
    ],
    "raeume:raum_feed": [
        Case(
            lambda w: reverse("raeume:raum_feed", args=[w.extra["raeume"]["saal"].slug]),
            everyone(200),
            budget=4,
        )
    ],
    "raeume:akteur_feed": [
        Case(_feed, everyone(200), budget=5),
        Case(
            lambda w: reverse("raeume:akteur_feed", args=["falsch"]),
            everyone(404),
            budget=4,
        ),
    ],
    "raeume:schadensfoto": [
        Case(
            _schadensfoto,
            only(["partner_a", "mitarbeit", "qm"], anonym=404),
            budget=6,
            note="damage photo: staff of the area, the booking's organisation",
        )
    ],
    "partner:buchung_list": [
        Case(lambda w: reverse("partner:buchung_list"), only(LOGGED_IN), budget=9)
    ],
    "partner:buchung_feed_erneuern": [
        Case(
            lambda w: reverse("partner:buchung_feed_erneuern", args=[w.akteur_a.pk]),
            only(["partner_a"], 302),
            method="post",
            budget=10,
            note="only members of the organisation; POST only",
        )
    ],
    "partner:buchung_suche": [
        Case(lambda w: reverse("partner:buchung_suche"), only(LOGGED_IN), budget=4),
        Case(
            lambda w: (
                reverse("partner:buchung_suche")
                + f"?datum={w.extra['buchung_b'].beginn:%Y-%m-%d}&von=18:00&bis=20:00&personen=10"
            ),
            only(LOGGED_IN),
            budget=10,
        ),
    ],
    "partner:buchung_create": [
        Case(
            lambda w: reverse("partner:buchung_create"),
            only(["partner_a", "partner_b"]),
            budget=10,
        )
    ],
    "partner:buchung_detail": [
        Case(
            lambda w: reverse("partner:buchung_detail", args=[w.extra["buchung_a"].pk]),
            only(["partner_a"]),
            budget=6,
        )
    ],
    "partner:buchung_stornieren": [
        Case(
            lambda w: reverse("partner:buchung_stornieren", args=[w.extra["buchung_a"].pk]),
            only(["partner_a"], 200),
            budget=10,
            note="what a cancellation does, before it is done",
        ),
        Case(
            lambda w: reverse("partner:buchung_stornieren", args=[w.extra["buchung_a"].pk]),
            only(["partner_a"], 302),
            method="post",
            data=lambda w: {"grund": "Sitzung fällt aus"},
            budget=20,
        ),
    ],
    "partner:buchung_aendern": [
        Case(
            lambda w: reverse("partner:buchung_aendern", args=[w.extra["buchung_a"].pk]),
            only(["partner_a"], 302),
            method="post",
            data=lambda w: {"von": "18:30", "bis": "20:30", "zweck": "Vorstand", "personen": 6},
            budget=25,
        )
    ],
}
