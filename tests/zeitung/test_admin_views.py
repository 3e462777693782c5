"""The custom back-office pages of the newspaper, for every persona: the print PDF page
(progress, "PDF erzeugen") and its download. Residents and partners are sent to the admin
log-in; the editorial team and the quartier management make the PDF, other staff read
along; city staff have no part in the newspaper (403); another area's issue is 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zeitung.models import Platzierung, Zeitungsausgabe

from ..matrix import Case
from ..raeume.admin_matrix import admin_matrix_tests
from ..utils import client_for, get_page

LOGIN = {"anonym": 302, "partner_a": 302, "partner_b": 302}
SEHEN = {**LOGIN, "mitarbeit": 200, "redaktion": 200, "qm": 200, "stadt": 403}
ERZEUGEN = {**LOGIN, "mitarbeit": 403, "redaktion": 302, "qm": 302, "stadt": 403}
FREMD = {**LOGIN, "mitarbeit": 404, "redaktion": 404, "qm": 404, "stadt": 403}


def _pdf(key, *suffix):
    name = "admin:zeitung_zeitungsausgabe_pdf" + "".join(suffix)
    return lambda w: reverse(name, args=[w.extra["zeitung"][key].pk])


MATRIX = {
    "admin:zeitung_zeitungsausgabe_pdf": [
        Case(_pdf("ausgabe"), SEHEN, budget=8),
        Case(lambda w: _pdf("ausgabe")(w) + "?teil=status", SEHEN, budget=7),
        Case(_pdf("fremde_ausgabe"), FREMD, budget=7, note="another area's issue"),
        Case(_pdf("ausgabe"), ERZEUGEN, method="post", budget=10),
    ],
    "admin:zeitung_zeitungsausgabe_pdf_datei": [
        Case(
            _pdf("ausgabe", "_datei"),
            {**SEHEN, "mitarbeit": 404, "redaktion": 404, "qm": 404},
            budget=7,
            note="no PDF made yet: 404, never 500",
        ),
    ],
    "admin:zeitung_zeitungsausgabe_seitenbild": [
        Case(
            lambda w: reverse(
                "admin:zeitung_zeitungsausgabe_seitenbild",
                args=[w.extra["zeitung"]["ausgabe"].pk, 1],
            ),
            {**SEHEN, "mitarbeit": 404, "redaktion": 404, "qm": 404},
            budget=7,
            note="no PDF made yet: no thumbnail, 404",
        ),
        Case(
            lambda w: reverse(
                "admin:zeitung_zeitungsausgabe_seitenbild",
                args=[w.extra["zeitung"]["fremde_ausgabe"].pk, 1],
            ),
            FREMD,
            budget=7,
            note="another area's issue",
        ),
    ],
}

test_every_custom_admin_page_is_listed, test_custom_admin_page = admin_matrix_tests(
    "zeitung", MATRIX
)


@pytest.mark.django_db
def test_the_editor_makes_the_pdf_sees_the_progress_and_downloads_it(
    world, django_capture_on_commit_callbacks, settings
):
    ausgabe = world.extra["zeitung"]["ausgabe"]
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(erscheinungsdatum=timezone.localdate())
    Platzierung.objects.create(ausgabe=ausgabe, art=Platzierung.Art.IMPRESSUM, seite=2)
    client = client_for(world, "redaktion")
    url = reverse("admin:zeitung_zeitungsausgabe_pdf", args=[ausgabe.pk])
    # the worker has not run yet: the page shows the progress, polled by htmx
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url)
    assert response.status_code == 302
    seite = get_page(client, url, max_queries=8).content.decode()
    assert "<progress" in seite and 'hx-trigger="every 2s"' in seite
    assert 'value="PDF erzeugen"' in seite
    assert 'http-equiv="refresh"' in seite  # without script the page reloads itself
    # the worker renders it
    from zeitung.tasks import pdf_erzeugen

    assert pdf_erzeugen.call(ausgabe.pk) is True
    status = get_page(client, url + "?teil=status", max_queries=7).content.decode()
    assert "<progress" not in status and "hx-trigger" not in status
    datei = client.get(reverse("admin:zeitung_zeitungsausgabe_pdf_datei", args=[ausgabe.pk]))
    assert datei.status_code == 200 and datei["Content-Type"] == "application/pdf"
    assert b"".join(datei.streaming_content).startswith(b"%PDF")
    assert "no-store" in datei["Cache-Control"]


@pytest.mark.django_db
def test_after_print_approval_the_pdf_is_not_made_again(world, django_capture_on_commit_callbacks):
    ausgabe = world.extra["zeitung"]["ausgabe"]
    client = client_for(world, "qm")
    url = reverse("admin:zeitung_zeitungsausgabe_pdf", args=[ausgabe.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    ausgabe.refresh_from_db()
    assert ausgabe.pdf
    Zeitungsausgabe.objects.filter(pk=ausgabe.pk).update(status="druckfreigabe")
    erster = ausgabe.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client.post(url, follow=True)
    assert "bleibt, wie es ist" in antwort.content.decode()
    ausgabe.refresh_from_db()
    assert ausgabe.pdf.name == erster
    assert 'value="PDF erzeugen"' not in antwort.content.decode()
