"""The online application to the Verfügungsfonds, without an account: a draft saved with
little and finished from its private link, the fund's rules explained beside the fields,
one application per form however often it is sent, the applicant's answer to a question,
the proof of use with receipts kept private, the withdrawal that frees the money, and the
link that opens only its own application."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from projekte import services
from projekte.models import Antrag, Antragsdatei, Antragsschritt, Antragsstatus
from quartier.models import Benachrichtigung, OutgoingMail
from quartier.roles import Rolle

from ..anliegen.factories import upload
from ..factories import UserFactory
from ..utils import client_for, get_page

NEU = reverse("verfuegungsfonds:antrag_neu")


@pytest.fixture(autouse=True)
def _schnell(settings):
    settings.ANLIEGEN_MINDESTZEIT = 0  # the test fills the form faster than people


def formular(client, url=NEU, **extra) -> dict:
    """The data of the freshly loaded form, as a browser sends it, for a complete
    application of 480 € for a street party (600 € of costs, own money and hours)."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    daten = {
        "zeit": form.initial["zeit"],
        "website": "",
        "aktion": "senden",
        "antragsteller": "initiative",
        "organisation": "Hofgemeinschaft Lindenplatz",
        "name": "Selin Kaya",
        "email": "selin@example.org",
        "telefon": "",
        "titel": "Straßenfest am Lindenplatz",
        "beschreibung": "Ein Nachmittag mit Musik, Spielen und Kuchen für alle Nachbarn.",
        "zielgruppen": ["familien"],
        "ort": "Lindenplatz",
        "von": "2026-12-19",
        "bis": "2026-12-19",
        "kooperationspartner": "",
        "beantragt": "480.00",
        "eigenanteil": "60.00",
        "drittmittel": "0",
        "ehrenamt_stunden": "10",
        "mindestalter_bestaetigt": "on",
        "nicht_begonnen": "on",
        "keine_doppelfoerderung": "on",
        "foerderhinweis": "on",
        "einwilligung_veroeffentlichung": "on",
        "kosten-TOTAL_FORMS": "3",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "30",
        "kosten-0-art": "miete",
        "kosten-0-bezeichnung": "Bühne und Bänke",
        "kosten-0-betrag": "400.00",
        "kosten-1-art": "material",
        "kosten-1-bezeichnung": "Spiele und Deko",
        "kosten-1-betrag": "140.00",
        "kosten-2-art": "oeffentlichkeitsarbeit",
        "kosten-2-bezeichnung": "Plakate",
        "kosten-2-betrag": "60.00",
    }
    if "formular_token" in form.fields:
        daten["formular_token"] = form.initial["formular_token"]
    daten.update(extra)
    return {k: v for k, v in daten.items() if v is not None}


def bild_datei(name="foto.png"):
    puffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(puffer, "PNG")
    puffer.seek(0)
    puffer.name = name
    return puffer


@pytest.mark.django_db
def test_a_resident_applies_and_gets_number_link_and_mail(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world, "anonym")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEU, formular(client, angebot_1=upload("angebot.jpg")))
    assert response.status_code == 302, response.context["form"].errors
    antrag = Antrag.objects.get(titel="Straßenfest am Lindenplatz")
    assert antrag.status == Antragsstatus.EINGEREICHT
    assert antrag.nummer.startswith(f"VF-{antrag.fonds.jahr}-")
    assert antrag.kosten_summe() == Decimal("600.00")
    assert antrag.ehrenamt_wert() == Decimal("150.00")
    assert antrag.dateien.get().art == Antragsdatei.Art.ANGEBOT
    assert antrag.eingereicht_at is not None and antrag.nicht_begonnen
    quittung = client.get(response["Location"]).content.decode()
    assert antrag.nummer in quittung and antrag.get_verfolgen_url() in quittung
    mail = OutgoingMail.objects.get(to__contains=["selin@example.org"])
    assert antrag.get_verfolgen_url() in mail.body and antrag.nummer in mail.subject
    # The office's staff of the area are told.
    assert Benachrichtigung.objects.filter(
        art="antrag_eingegangen", user=world.users["qm"], link__contains=f"/{antrag.pk}/"
    ).exists()
    seite = client.get(antrag.get_verfolgen_url()).content.decode()
    assert "Eingereicht" in seite and "Ihr Antrag ist eingegangen" in seite
    assert "Bühne und Bänke" in seite


@pytest.mark.django_db
def test_a_draft_needs_little_and_is_finished_from_its_link(world):
    client = client_for(world, "anonym")
    entwurf = formular(
        client,
        aktion="entwurf",
        beschreibung="",
        beantragt="",
        nicht_begonnen=None,
        foerderhinweis=None,
        **{"kosten-1-art": "", "kosten-1-bezeichnung": "", "kosten-1-betrag": ""},
    )
    response = client.post(NEU, entwurf)
    assert response.status_code == 302, response.context["form"].errors
    antrag = Antrag.objects.get(titel="Straßenfest am Lindenplatz")
    assert antrag.status == Antragsstatus.ENTWURF and antrag.nummer == ""
    assert antrag.kosten.count() == 2
    assert "Entwurf" in client.get(response["Location"]).content.decode()
    # The office does not see a draft; it is not counted on the public page.
    qm = client_for(world, "qm")
    liste = qm.get(reverse("admin:projekte_antrag_changelist")).content.decode()
    assert "Straßenfest am Lindenplatz" not in liste
    assert qm.get(reverse("admin:projekte_antrag_change", args=[antrag.pk])).status_code in (
        302,
        404,
    )
    # Another browser, later, with the link only.
    spaeter = client_for(world, "anonym")
    bearbeiten = reverse("verfuegungsfonds:antrag_bearbeiten", args=[antrag.token])
    seite = spaeter.get(bearbeiten)
    assert seite.status_code == 200
    assert seite.context["form"].initial["titel"] == "Straßenfest am Lindenplatz"
    daten = formular(
        spaeter,
        url=bearbeiten,
        **{
            "kosten-TOTAL_FORMS": "5",
            "kosten-INITIAL_FORMS": "2",
            "kosten-3-art": "",
            "kosten-3-bezeichnung": "",
            "kosten-3-betrag": "",
            "kosten-4-art": "",
            "kosten-4-bezeichnung": "",
            "kosten-4-betrag": "",
        },
    )
    response = spaeter.post(bearbeiten, daten)
    assert response.status_code == 302, response.context["form"].errors
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.EINGEREICHT and antrag.nummer
    assert antrag.kosten_summe() == Decimal("600.00")
    # Sent, it is the office's: the form is gone for the link.
    assert spaeter.get(bearbeiten).status_code == 404


@pytest.mark.django_db
def test_sending_explains_what_is_missing_beside_each_field_and_keeps_what_was_typed(world):
    client = client_for(world, "anonym")
    daten = formular(
        client,
        email="",
        beantragt="",
        organisation="",
        nicht_begonnen=None,
        **{f"kosten-{n}-{f}": "" for n in range(3) for f in ("art", "bezeichnung", "betrag")},
    )
    response = client.post(NEU, daten)
    assert response.status_code == 400
    fehler = response.context["form"].errors
    assert "Initiative" in fehler["organisation"][0]
    assert "E-Mail-Adresse oder eine Telefonnummer" in fehler["telefon"][0]
    assert "Betrag" in fehler["beantragt"][0]
    assert "bestätigen" in fehler["nicht_begonnen"][0]
    html = response.content.decode()
    assert "mindestens eine Kostenzeile" in html
    assert "Straßenfest am Lindenplatz" in html  # what was typed stays
    assert not Antrag.objects.filter(titel="Straßenfest am Lindenplatz").exists()


@pytest.mark.django_db
def test_the_funds_rules_are_checked_and_named(world):
    fonds = world.extra["projekte"]["fonds"]
    fonds.eigenanteil_prozent = Decimal("25")
    fonds.ausgeschlossen = ["verpflegung"]
    fonds.save()
    client = client_for(world, "anonym")
    # 25 % of 600 € are 150 €: 60 € of money and 10 hours at 15 € are 210 €, enough.
    assert client.post(NEU, formular(client)).status_code == 302
    # Without the hours: 60 € are too little; more than the plan needs; more than the max.
    response = client.post(NEU, formular(client, ehrenamt_stunden="0", beantragt="590"))
    fehler = response.context["form"].errors
    assert "Eigenanteil von 25" in fehler["eigenanteil"][0]
    assert "höchstens" in fehler["beantragt"][0]
    response = client.post(NEU, formular(client, beantragt="1600", eigenanteil="0"))
    assert any("1.500,00" in f for f in response.context["form"].errors["beantragt"])
    # An excluded kind is not offered; sent anyway, it is refused at its line.
    response = client.post(NEU, formular(client, **{"kosten-1-art": "verpflegung"}))
    assert response.status_code == 400
    assert response.context["kosten"].forms[1].errors["art"]
    assert "verpflegung" not in dict(response.context["kosten"].forms[0].fields["art"].choices)


@pytest.mark.django_db
def test_the_same_form_sent_twice_makes_one_application(world):
    client = client_for(world, "anonym")
    daten = formular(client)
    assert client.post(NEU, daten).status_code == 302
    zweites = client.post(NEU, daten)
    assert zweites.status_code == 302
    assert Antrag.objects.filter(titel="Straßenfest am Lindenplatz").count() == 1


def _antrag_im_status(world, status, **extra) -> Antrag:
    antrag = world.extra["projekte"]["antrag"]
    Antrag.objects.filter(pk=antrag.pk).update(status=status, **extra)
    antrag.refresh_from_db()
    return antrag


@pytest.mark.django_db
def test_the_office_asks_and_the_applicant_answers_through_the_link(
    world, django_capture_on_commit_callbacks
):
    antrag = _antrag_im_status(world, Antragsstatus.VORPRUEFUNG)
    with django_capture_on_commit_callbacks(execute=True):
        services.antrag_status_setzen(
            antrag=antrag,
            status=Antragsstatus.RUECKFRAGE,
            user=world.users["qm"],
            notiz="Wer baut die Bühne auf?",
        )
    mail = OutgoingMail.objects.filter(to__contains=["erika@example.org"]).latest("pk")
    assert "Wer baut die Bühne auf?" in mail.body and antrag.get_verfolgen_url() in mail.body
    client = client_for(world, "anonym")
    seite = client.get(antrag.get_verfolgen_url()).content.decode()
    assert "Wer baut die Bühne auf?" in seite
    url = reverse("verfuegungsfonds:antrag_antworten", args=[antrag.token])
    assert client.post(url, {"text": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Der Hausmeister und zwei Nachbarn."})
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.VORPRUEFUNG
    schritt = antrag.schritte.latest("pk")
    assert schritt.vom_antragsteller and "Hausmeister" in schritt.notiz
    assert Benachrichtigung.objects.filter(
        art="antrag_beantwortet", link__contains=f"/{antrag.pk}/"
    ).exists()
    # Answered once, there is no question left: a second answer is refused politely.
    client.post(url, {"text": "Noch einmal."})
    assert antrag.schritte.filter(vom_antragsteller=True).count() == 1


@pytest.mark.django_db
def test_the_proof_of_use_needs_a_receipt_and_its_files_stay_private(world):
    antrag = _antrag_im_status(
        world, Antragsstatus.IN_DURCHFUEHRUNG, bewilligt=Decimal("480.00"), entscheidungsweg="buero"
    )
    client = client_for(world, "anonym")
    url = reverse("verfuegungsfonds:antrag_nachweis", args=[antrag.token])
    ohne = client.post(url, {"bericht": "Schön war es.", "ist_kosten": "590"})
    assert ohne.status_code == 400
    assert "mindestens einen Beleg" in ohne.content.decode()
    kaputt = client.post(
        url,
        {
            "bericht": "x",
            "ist_kosten": "590",
            "beleg_1": SimpleUploadedFile("beleg.pdf", b"%PDF-1.4 abgeschnitten"),
        },
    )
    assert kaputt.status_code == 400 and "unvollständig" in kaputt.content.decode()
    assert "Etwa" not in kaputt.content.decode()
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.IN_DURCHFUEHRUNG and not antrag.dateien.exists()
    response = client.post(
        url,
        {
            "bericht": "Etwa 120 Nachbarn kamen.",
            "ist_kosten": "590.00",
            "beleg_1": upload("quittung.jpg"),
            "foto_1": upload("fest.jpg"),
            "einwilligung": "on",
        },
    )
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.NACHWEIS_EINGEREICHT
    assert antrag.ist_kosten == Decimal("590.00")
    beleg = antrag.dateien.get(art=Antragsdatei.Art.BELEG)
    eigene = reverse("verfuegungsfonds:antrag_datei", args=[antrag.token, beleg.pk])
    assert client.get(eigene).status_code == 200
    fremder = world.extra["projekte"]["gefoerdert"]
    assert (
        client.get(
            reverse("verfuegungsfonds:antrag_datei", args=[fremder.token, beleg.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("verfuegungsfonds:antrag_datei", args=["geraten", beleg.pk])).status_code
        == 404
    )
    # The receipt never on the public photo address; the office opens it in the admin.
    assert client.get(reverse("verfuegungsfonds:fonds_foto", args=[beleg.pk])).status_code == 404
    admin_url = reverse("admin:projekte_antrag_datei", args=[antrag.pk, beleg.pk])
    assert client_for(world, "qm").get(admin_url).status_code == 200
    assert client_for(world, "partner_a").get(admin_url).status_code in (302, 403)
    anderswo = UserFactory(
        email="qm-b@example.org",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[world.quartier_b],
    )
    fremd = Client()
    fremd.force_login(anderswo)
    assert fremd.get(admin_url).status_code == 404


@pytest.mark.django_db
def test_withdrawing_frees_the_approved_money(world):
    antrag = _antrag_im_status(
        world, Antragsstatus.BEWILLIGT, bewilligt=Decimal("480.00"), entscheidungsweg="buero"
    )
    vorher = services.fonds_zahlen(antrag.fonds).frei
    client = client_for(world, "anonym")
    response = client.post(reverse("verfuegungsfonds:antrag_zurueckziehen", args=[antrag.token]))
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == Antragsstatus.ZURUECKGEZOGEN
    assert services.fonds_zahlen(antrag.fonds).frei == vorher + Decimal("480.00")
    assert Antragsschritt.objects.filter(antrag=antrag, vom_antragsteller=True).exists()
    # Once withdrawn, it cannot be withdrawn again.
    client.post(reverse("verfuegungsfonds:antrag_zurueckziehen", args=[antrag.token]))
    assert antrag.schritte.filter(status=Antragsstatus.ZURUECKGEZOGEN).count() == 1


@pytest.mark.django_db
def test_a_link_opens_only_its_own_application_and_guesses_fail(world):
    client = client_for(world, "anonym")
    antrag = world.extra["projekte"]["antrag"]
    for name in ("antrag_verfolgen", "antrag_bearbeiten"):
        assert client.get(reverse(f"verfuegungsfonds:{name}", args=["x" * 32])).status_code == 404
    for name in ("antrag_antworten", "antrag_nachweis", "antrag_zurueckziehen"):
        assert client.post(reverse(f"verfuegungsfonds:{name}", args=["x" * 32])).status_code == 404
    seite = client.get(antrag.get_verfolgen_url()).content.decode()
    assert antrag.titel in seite and "Bücherschrank" not in seite
    # Another area's link under this area's address does not exist here.
    fremder = world.extra["projekte"]["fremder_antrag"]
    prefix = f"/q/{world.quartier_a.slug}"
    assert client.get(prefix + fremder.get_verfolgen_url()).status_code == 404
    zurueck = reverse("verfuegungsfonds:antrag_zurueckziehen", args=[fremder.token])
    assert client.post(prefix + zurueck).status_code == 404
    fremder.refresh_from_db()
    assert fremder.status == Antragsstatus.ZUR_ENTSCHEIDUNG


@pytest.mark.django_db
def test_without_an_open_fund_the_form_says_so(world):
    fonds = world.extra["projekte"]["fonds"]
    fonds.abgeschlossen_at = timezone.now()
    fonds.save()
    response = client_for(world, "anonym").get(NEU)
    assert response.status_code == 404
    assert "Antrag" in response.content.decode()


@pytest.mark.django_db
def test_the_pages_keep_their_query_budget(world):
    client = client_for(world, "anonym")
    get_page(client, NEU, max_queries=9)
    antrag = _antrag_im_status(world, Antragsstatus.IN_DURCHFUEHRUNG, bewilligt=Decimal("480"))
    Antragsdatei.objects.bulk_create(
        Antragsdatei(antrag=antrag, art="beleg", datei=f"antraege/{n}.pdf") for n in range(20)
    )
    get_page(client, antrag.get_verfolgen_url(), max_queries=8)


@pytest.mark.django_db
def test_a_released_photo_shows_on_the_public_page_while_the_project_is_published(world):
    gefoerdert = world.extra["projekte"]["gefoerdert"]
    foto = Antragsdatei(antrag=gefoerdert, art=Antragsdatei.Art.FOTO, personen_einwilligung=True)
    foto.datei.save("fest.png", bild_datei(), save=True)
    privat = Antragsdatei(antrag=gefoerdert, art=Antragsdatei.Art.FOTO)
    privat.datei.save("privat.png", bild_datei(), save=True)
    client = client_for(world, "anonym")
    seite = client.get(reverse("verfuegungsfonds:fonds")).content.decode()
    assert reverse("verfuegungsfonds:fonds_foto", args=[foto.pk]) in seite
    assert reverse("verfuegungsfonds:fonds_foto", args=[privat.pk]) not in seite
    assert client.get(reverse("verfuegungsfonds:fonds_foto", args=[foto.pk])).status_code == 200
    assert client.get(reverse("verfuegungsfonds:fonds_foto", args=[privat.pk])).status_code == 404
    Antrag.objects.filter(pk=gefoerdert.pk).update(einwilligung_veroeffentlichung=False)
    assert client.get(reverse("verfuegungsfonds:fonds_foto", args=[foto.pk])).status_code == 404


@pytest.mark.django_db
def test_the_retention_job_deletes_old_contact_data_receipts_and_drafts(world, settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    gefoerdert = world.extra["projekte"]["gefoerdert"]
    Antrag.objects.filter(pk=gefoerdert.pk).update(status=Antragsstatus.ABGESCHLOSSEN)
    beleg = Antragsdatei(antrag=gefoerdert, art=Antragsdatei.Art.BELEG)
    beleg.datei.save("beleg.png", bild_datei(), save=True)
    foto = Antragsdatei(antrag=gefoerdert, art=Antragsdatei.Art.FOTO, personen_einwilligung=True)
    foto.datei.save("fest.png", bild_datei(), save=True)
    Antragsschritt.objects.create(
        antrag=gefoerdert,
        status="abgeschlossen",
        notiz="Erikas Telefon: 0651 123",
        vom_antragsteller=True,
    )
    mail = OutgoingMail.objects.create(
        to=["erika@example.org"], subject="Ihr Antrag", body="…", quartier=world.quartier_a
    )
    entwurf = world.extra["projekte"]["entwurf"]
    laufend = world.extra["projekte"]["antrag"]  # up for decision: kept whatever its age
    spaeter = timezone.now() + timedelta(days=365 * 3 + 2)
    # Not yet: within the audit period nothing goes.
    from projekte.services import fonds_aufbewahrung

    assert fonds_aufbewahrung(jetzt=timezone.now() + timedelta(days=30)) == (0, 0)
    ausgabe = StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: spaeter)
        call_command("fonds_aufbewahrung", stdout=ausgabe)
    assert "1 applications" in ausgabe.getvalue()
    gefoerdert.refresh_from_db()
    assert gefoerdert.email == "" and "Erika" not in gefoerdert.name
    assert gefoerdert.titel == "Bücherschrank"  # the public entry stays
    assert list(gefoerdert.dateien.all()) == [foto]
    assert not gefoerdert.schritte.filter(notiz__contains="0651").exists()
    assert not Antrag.objects.filter(pk=entwurf.pk).exists()
    laufend.refresh_from_db()
    assert laufend.email == "erika@example.org"
    # Erika's other application is still handled: the mails to her stay, until it goes too.
    assert OutgoingMail.objects.filter(pk=mail.pk).exists()
    Antrag.objects.filter(pk=laufend.pk).update(status=Antragsstatus.ABGELEHNT)
    Antrag.objects.filter(fonds=laufend.fonds).exclude(pk__in=[laufend.pk, gefoerdert.pk]).update(
        email=""
    )
    assert fonds_aufbewahrung(jetzt=spaeter) == (1, 0)
    assert not OutgoingMail.objects.filter(pk=mail.pk).exists()
    assert fonds_aufbewahrung(jetzt=spaeter) == (0, 0)  # twice does no harm


@pytest.mark.django_db
def test_applicants_are_reminded_once_before_the_proof_is_due(
    world, django_capture_on_commit_callbacks
):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    antrag = _antrag_im_status(world, Antragsstatus.IN_DURCHFUEHRUNG, bewilligt=Decimal("480"))
    fonds = antrag.fonds
    heute = timezone.localdate()
    fonds.nachweisfrist = heute + timedelta(days=20)
    fonds.save()
    assert services.fonds_nachweise_erinnern(heute=heute) == 0  # too early
    fonds.nachweisfrist = heute + timedelta(days=10)
    fonds.save()
    ausgabe = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("nachweise_erinnern", stdout=ausgabe)
    assert "1 fund applicants reminded" in ausgabe.getvalue()
    mail = OutgoingMail.objects.filter(to__contains=["erika@example.org"]).latest("pk")
    assert "in 10 Tagen" in mail.body and antrag.get_verfolgen_url() in mail.body
    assert services.fonds_nachweise_erinnern(heute=heute) == 0  # once only
    # Sent already, or withdrawn: no reminder.
    gefoerdert = world.extra["projekte"]["gefoerdert"]
    assert services.fonds_nachweise_erinnern(heute=heute) == 0
    assert gefoerdert.status == Antragsstatus.BEWILLIGT


@pytest.mark.django_db
def test_the_applicant_downloads_the_decision_and_the_agreement_once_there_are_any(world):
    antrag = world.extra["projekte"]["antrag"]
    client = client_for(world, "anonym")

    def brief(art):
        return client.get(reverse("verfuegungsfonds:antrag_brief", args=[antrag.token, art]))

    assert brief("bescheid").status_code == 404 and brief("vereinbarung").status_code == 404
    services.antrag_entscheiden(
        antrag=antrag, ergebnis=Antragsstatus.ABGELEHNT, user=world.users["qm"], auflagen="Zu spät."
    )
    assert brief("bescheid").content.startswith(b"%PDF")
    assert brief("vereinbarung").status_code == 404  # refused: nothing to sign
    assert brief("irgendwas").status_code == 404
    gefoerdert = world.extra["projekte"]["gefoerdert"]
    seite = client.get(gefoerdert.get_verfolgen_url()).content.decode()
    url = reverse("verfuegungsfonds:antrag_brief", args=[gefoerdert.token, "vereinbarung"])
    assert url in seite
    vereinbarung = client.get(url)
    assert vereinbarung["Content-Type"] == "application/pdf"
    assert vereinbarung.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_shared_form_html_never_carries_a_drafts_values(world, settings):
    settings.PUBLIC_CACHE_SECONDS = 300  # the shared HTML of unchanged form parts is on
    entwurf = world.extra["projekte"]["entwurf"]
    bearbeiten = reverse("verfuegungsfonds:antrag_bearbeiten", args=[entwurf.token])
    for reihenfolge in ([NEU, bearbeiten], [bearbeiten, NEU]):
        seiten = {url: client_for(world, "anonym").get(url).content.decode() for url in reihenfolge}
        assert "Hofflohmarkt" in seiten[bearbeiten]
        assert "Hofflohmarkt" not in seiten[NEU] and "Selin Kaya" not in seiten[NEU]
