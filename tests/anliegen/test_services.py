import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from anliegen import pruefung, services
from anliegen.models import Abonnement, Anliegen, Fallzaehler, Foto, Notiz, Statuswechsel
from quartier.models import AuditEntry, OutgoingMail

from ..factories import UserFactory
from .factories import (
    AmtFactory,
    AnliegenFactory,
    FotoFactory,
    KategorieFactory,
    TextbausteinFactory,
    upload,
)

S = Anliegen.Status


def melden(kategorie, **felder):
    daten = {"art": Anliegen.Art.MANGEL, "beschreibung": "Laterne dunkel", "strasse": "Weg"}
    daten.update(felder)
    return services.melden(quartier=kategorie.quartier, kategorie=kategorie, **daten)


@pytest.mark.django_db
def test_case_numbers_count_up_per_year_without_gaps():
    kategorie = KategorieFactory()
    jahr = timezone.localdate().year
    nummern = [melden(kategorie)[0].nummer for _ in range(3)]
    assert nummern == [f"A-{jahr}-00001", f"A-{jahr}-00002", f"A-{jahr}-00003"]


@pytest.mark.django_db
def test_a_failed_save_gives_its_number_back(monkeypatch):
    kategorie = KategorieFactory()
    jahr = timezone.localdate().year
    melden(kategorie)
    gezogen = []
    ziehen = services.naechste_nummer
    monkeypatch.setattr(
        services, "naechste_nummer", lambda **kw: gezogen.append(ziehen(**kw)) or gezogen[-1]
    )
    # A closing status without a public answer: the database refuses the row when it is
    # saved, after the number was drawn.
    with pytest.raises(IntegrityError, match="anliegen_abschluss_braucht_antwort"):
        melden(kategorie, status=S.ERLEDIGT)
    assert gezogen == [f"A-{jahr}-00002"]
    assert Fallzaehler.objects.get(jahr=jahr).letzte_nummer == 1
    assert melden(kategorie)[0].nummer == f"A-{jahr}-00002"


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_submissions_all_arrive_with_distinct_numbers():
    kategorie = KategorieFactory()
    start = threading.Barrier(20)
    fehler = []

    def senden(i):
        try:
            start.wait()
            melden(kategorie, beschreibung=f"Meldung {i}", formular_token=f"t-{i}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            fehler.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=senden, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fehler
    jahr = timezone.localdate().year
    nummern = sorted(Anliegen.objects.values_list("nummer", flat=True))
    assert nummern == [f"A-{jahr}-{n:05d}" for n in range(1, 21)]


@pytest.mark.django_db
def test_pin_is_stored_only_as_hash():
    anliegen, pin = melden(KategorieFactory())
    assert len(pin) == 6 and pin not in anliegen.pin_hash
    assert anliegen.check_pin(pin)
    assert not anliegen.check_pin("000000" if pin != "000000" else "111111")


@pytest.mark.django_db
def test_closing_needs_a_public_answer_in_service_and_database():
    anliegen = AnliegenFactory()
    with pytest.raises(ValidationError):
        services.status_setzen(anliegen=anliegen, status=S.ERLEDIGT)
    anliegen.status = S.ERLEDIGT
    with pytest.raises(IntegrityError), transaction.atomic():
        anliegen.save()


@pytest.mark.django_db
def test_status_change_is_history_and_mails_only_after_the_resident_asked_for_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    qm = UserFactory()
    anliegen = AnliegenFactory(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.status_setzen(anliegen=anliegen, status=S.IN_PRUEFUNG, user=qm, notiz="intern")
    assert mailoutbox == []  # nobody can subscribe a stranger
    services.statusmails_bestellen(anliegen=anliegen)
    with django_capture_on_commit_callbacks(execute=True):
        services.status_setzen(
            anliegen=anliegen, status=S.ERLEDIGT, user=qm, antwort="Die Laterne brennt wieder."
        )
    assert len(mailoutbox) == 1
    assert anliegen.nummer in mailoutbox[0].subject
    assert str(S.ERLEDIGT.label) in mailoutbox[0].subject
    assert "Die Laterne brennt wieder." in mailoutbox[0].body
    assert "intern" not in mailoutbox[0].body
    verlauf = list(Statuswechsel.objects.filter(anliegen=anliegen).values_list("von", "nach"))
    assert verlauf == [(S.EINGEGANGEN, S.IN_PRUEFUNG), (S.IN_PRUEFUNG, S.ERLEDIGT)]
    anliegen.refresh_from_db()
    assert anliegen.erste_antwort_at and anliegen.abgeschlossen_at


@pytest.mark.django_db
def test_a_failing_mail_server_loses_nothing(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.anliegen.test_services.KaputtesBackend"
    with django_capture_on_commit_callbacks(execute=True):
        anliegen, _ = melden(KategorieFactory(), email="a@example.org")
    assert Anliegen.objects.filter(pk=anliegen.pk).exists()
    outbox = OutgoingMail.objects.get(to=["a@example.org"])
    assert outbox.sent_at is None and outbox.attempts == 1 and "kaputt" in outbox.last_error


class KaputtesBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("kaputt")


@pytest.mark.django_db
def test_not_solved_reopens_within_six_weeks_only():
    anliegen = AnliegenFactory(status=S.ERLEDIGT, antwort="Erledigt.")
    anliegen.abgeschlossen_at = timezone.now() - timedelta(weeks=5)
    anliegen.save()
    services.nicht_geloest(anliegen=anliegen, begruendung="Immer noch dunkel")
    anliegen.refresh_from_db()
    assert anliegen.status == S.IN_BEARBEITUNG and anliegen.abgeschlossen_at is None
    assert "Immer noch dunkel" in anliegen.verlauf.last().notiz

    alt = AnliegenFactory(status=S.ERLEDIGT, antwort="Erledigt.")
    alt.abgeschlossen_at = timezone.now() - timedelta(weeks=7)
    alt.save()
    with pytest.raises(ValidationError):
        services.nicht_geloest(anliegen=alt, begruendung="zu spät")


@pytest.mark.django_db
def test_withdrawing_consent_unpublishes_text_and_photos_at_once():
    anliegen = AnliegenFactory(
        einwilligung_veroeffentlichung=True, text_freigegeben=True, oeffentlicher_text="x"
    )
    foto = FotoFactory(anliegen=anliegen, freigegeben=True)
    assert Anliegen.objects.oeffentlich().filter(pk=anliegen.pk).exists()
    services.einwilligung_widerrufen(anliegen=anliegen)
    assert not Anliegen.objects.oeffentlich().filter(pk=anliegen.pk).exists()
    foto.refresh_from_db()
    assert not foto.freigegeben and not foto.ist_oeffentlich


@pytest.mark.django_db
def test_merging_a_duplicate_subscribes_its_resident_to_the_original(
    mailoutbox, django_capture_on_commit_callbacks
):
    original = AnliegenFactory(email="erste@example.org")
    doppelt = AnliegenFactory(
        kategorie=original.kategorie, email="zweite@example.org", benachrichtigen=True
    )
    services.als_duplikat(anliegen=doppelt, original=original, user=None)
    doppelt.refresh_from_db()
    assert doppelt.status == S.DUPLIKAT and original.nummer in doppelt.antwort
    assert Abonnement.objects.filter(anliegen=original, email="zweite@example.org").exists()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_setzen(anliegen=original, status=S.ERLEDIGT, antwort="Repariert.")
    assert [m.to for m in mailoutbox] == [["zweite@example.org"]]  # erste never asked


@pytest.mark.django_db
def test_similar_concerns_are_suggested_by_trigram_and_category():
    a = AnliegenFactory(beschreibung="Die Straßenlaterne vor Hausnummer 12 ist kaputt")
    b = AnliegenFactory(
        kategorie=a.kategorie, beschreibung="Straßenlaterne vor Hausnummer 14 kaputt"
    )
    AnliegenFactory(kategorie=a.kategorie, beschreibung="Spielplatz Schaukel gebrochen")
    assert [x.pk for x in services.aehnliche(a)] == [b.pk]


@pytest.mark.django_db
def test_forwarding_mails_a_private_link_without_contact_data_unless_consented(
    mailoutbox, django_capture_on_commit_callbacks
):
    qm = UserFactory(email="qm@example.org")
    amt = AmtFactory()
    anliegen = AnliegenFactory(name="Erika Muster", email="erika@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        w = services.weiterleiten(
            anliegen=anliegen, akteur=amt, antwort_bis=timezone.localdate(), user=qm
        )
    assert mailoutbox[0].to == [amt.email]
    assert w.get_absolute_url() in mailoutbox[0].body
    assert "erika" not in mailoutbox[0].body.lower()
    anliegen.refresh_from_db()
    assert anliegen.status == S.WEITERGELEITET
    with pytest.raises(ValidationError):
        services.weiterleiten(
            anliegen=anliegen,
            akteur=amt,
            antwort_bis=timezone.localdate(),
            user=qm,
            kontakt_weitergeben=True,
        )


@pytest.mark.django_db
def test_the_recipients_reply_is_recorded_as_internal_note():
    w = services.weiterleiten(
        anliegen=AnliegenFactory(), akteur=AmtFactory(), antwort_bis=timezone.localdate(), user=None
    )
    services.weiterleitung_beantworten(
        weiterleitung=w, antwort="Repariert am 3.3.", aktenzeichen="TB-1"
    )
    w.refresh_from_db()
    assert w.beantwortet_at and w.aktenzeichen == "TB-1"
    assert Notiz.objects.filter(anliegen=w.anliegen, text__contains="Repariert am 3.3.").exists()


@pytest.mark.django_db
def test_retention_anonymises_closed_concerns_and_deletes_spam(settings):
    settings.ANLIEGEN_AUFBEWAHRUNG_MONATE = 6
    jetzt = timezone.now()
    alt = AnliegenFactory(status=S.ERLEDIGT, antwort="ok", name="Erika", telefon="0171 123456")
    alt.abgeschlossen_at = jetzt - timedelta(days=200)
    alt.save()
    foto = FotoFactory(anliegen=alt)
    pfad = foto.datei.path
    frisch = AnliegenFactory(status=S.ERLEDIGT, antwort="ok", name="Frisch")
    frisch.abgeschlossen_at = jetzt - timedelta(days=20)
    frisch.save()
    spam = AnliegenFactory(spam=True, spam_markiert_at=jetzt - timedelta(days=31))
    unbestaetigt = AnliegenFactory(
        eingegangen_at=jetzt - timedelta(days=31), email="nie-geoeffnet@example.org"
    )
    # Marked as spam only yesterday (though old): kept for 30 more days, as staff may err.
    spaet_markiert = AnliegenFactory(
        spam=True, eingegangen_at=jetzt - timedelta(days=90), spam_markiert_at=jetzt
    )
    # No e-mail: the resident could never confirm; staff simply have not triaged it yet.
    nur_pin = AnliegenFactory(eingegangen_at=jetzt - timedelta(days=31), email="")
    bestaetigt = AnliegenFactory(
        eingegangen_at=jetzt - timedelta(days=31), bestaetigt_at=jetzt - timedelta(days=30)
    )
    assert services.aufbewahrung(jetzt=jetzt) == (1, 2)
    alt.refresh_from_db()
    assert (alt.name, alt.email, alt.telefon) == ("", "", "") and alt.anonymisiert_at
    assert not Foto.objects.filter(pk=foto.pk).exists()
    import os

    assert not os.path.exists(pfad)
    assert Anliegen.objects.get(pk=frisch.pk).name == "Frisch"
    assert not Anliegen.objects.filter(pk__in=[spam.pk, unbestaetigt.pk]).exists()
    assert (
        Anliegen.objects.filter(pk__in=[bestaetigt.pk, spaet_markiert.pk, nur_pin.pk]).count() == 3
    )


@pytest.mark.django_db
def test_anonymising_forgets_stored_mails_and_merged_subscriptions(settings):
    from quartier.models import OutgoingMail

    jetzt = timezone.now()
    alt = AnliegenFactory(status=S.ERLEDIGT, antwort="ok", email="erika@example.org")
    alt.abgeschlossen_at = jetzt - timedelta(days=400)
    alt.save()
    OutgoingMail.objects.create(  # a concern's mails belong to its area
        quartier=alt.quartier, to=["erika@example.org"], subject="Ihr Anliegen", body="Hallo"
    )
    OutgoingMail.objects.create(to=["andere@example.org"], subject="Andere", body="x")
    services.aufbewahrung(jetzt=jetzt)
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [["andere@example.org"]]


@pytest.mark.django_db
def test_audit_trail_keeps_no_personal_values(qm_client, world):
    from quartier import audit
    from quartier.models import AuditEntry

    anliegen = AnliegenFactory(quartier=world.quartier_a, name="Erika Muster")
    entry = audit.record(
        anliegen, action=AuditEntry.Action.CHANGED, changes={"name": ("Erika Muster", "E. M.")}
    )
    assert entry.changes == {"name": ["…", "…"]}


@pytest.mark.django_db
def test_information_and_erasure_cover_one_address_in_the_users_areas_and_are_audited(world):
    qm = world.users["qm"]
    mine = AnliegenFactory(kategorie=world.extra["kategorie"], email="x@example.org")
    AnliegenFactory(kategorie=world.extra["anliegen_fremd"].kategorie, email="x@example.org")
    daten = services.auskunft(email="X@example.org", user=qm)
    assert [a["nummer"] for a in daten["anliegen"]] == [mine.nummer]
    assert AuditEntry.objects.filter(object_id=str(mine.pk), message__contains="Auskunft").exists()
    assert services.loeschen(email="x@example.org", user=qm) == 1
    mine.refresh_from_db()
    assert mine.email == "" and mine.anonymisiert_at
    assert AuditEntry.objects.filter(object_id=str(mine.pk), message__contains="Löschung").exists()


@pytest.mark.django_db
def test_daily_digest_mails_each_assignee_their_overdue_work(
    mailoutbox, django_capture_on_commit_callbacks
):
    a = UserFactory(email="a@example.org")
    b = UserFactory(email="b@example.org")
    gestern = timezone.localdate() - timedelta(days=1)
    ueber = AnliegenFactory(zustaendig=a, frist=gestern)
    AnliegenFactory(zustaendig=b, frist=timezone.localdate() + timedelta(days=3))
    w_anliegen = AnliegenFactory(zustaendig=b, status=S.WEITERGELEITET)
    w = services.weiterleiten(anliegen=w_anliegen, akteur=AmtFactory(), antwort_bis=gestern, user=b)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tagesuebersicht() == 2
    digests = {m.to[0]: m.body for m in mailoutbox if m.to[0] in {a.email, b.email}}
    assert len(digests) == 2
    assert ueber.nummer in digests["a@example.org"]
    assert w.anliegen.nummer in digests["b@example.org"]


def test_pre_publication_check_finds_and_redacts_personal_data():
    text = (
        "Herr Müller aus Nr. 5 parkt mit HH-AB 1234 auf dem Gehweg. "
        "Rufen Sie mich an: 0171 2345678 oder mail an erika@example.org."
    )
    arten = {f.art for f in pruefung.funde(text)}
    assert arten == {"name", "kennzeichen", "telefon", "email"}
    sauber = pruefung.schwaerzen(text)
    for geheim in ["Müller", "HH-AB 1234", "0171 2345678", "erika@example.org"]:
        assert geheim not in sauber
    assert "parkt mit" in sauber
    assert "<mark" in pruefung.markieren("<b>Frau Meier</b>")
    assert "<b>" not in pruefung.markieren("<b>Frau Meier</b>")


@pytest.mark.django_db
def test_photos_are_stored_outside_media_root_without_metadata(settings):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    from quartier.images import process_image

    anliegen, _ = melden(KategorieFactory(), fotos=[process_image(upload(exif=exif))])
    foto = anliegen.fotos.get()
    assert not str(foto.datei.path).startswith(str(settings.MEDIA_ROOT))
    with Image.open(foto.datei.path) as image:
        assert not image.getexif()
    with pytest.raises(ValueError):
        foto.datei.url  # noqa: B018 - private files have no public URL


@pytest.mark.django_db
def test_overdue_unassigned_concerns_go_to_the_areas_quartier_management(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    ohne = AnliegenFactory(
        kategorie=world.extra["kategorie"], frist=timezone.localdate() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.tagesuebersicht()
    an_qm = [m for m in mailoutbox if m.to == [world.users["qm"].email]]
    assert len(an_qm) == 1 and ohne.nummer in an_qm[0].body
    assert not [m for m in mailoutbox if m.to == [world.users["mitarbeit"].email]]


@pytest.mark.django_db
def test_residents_own_steps_send_them_no_status_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    anliegen = AnliegenFactory(benachrichtigen=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.zurueckziehen(anliegen=anliegen)
    assert mailoutbox == []


@pytest.mark.django_db
def test_spam_is_hidden_from_the_tracking_link_and_unpublished(client):
    anliegen = AnliegenFactory(einwilligung_veroeffentlichung=True, text_freigegeben=True)
    services.als_spam_markieren(anliegen_ids=[anliegen.pk], user=None)
    assert client.get(anliegen.get_verfolgen_url()).status_code == 404
    assert not Anliegen.objects.oeffentlich().filter(pk=anliegen.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_creates_one_concern():
    kategorie = KategorieFactory()
    start = threading.Barrier(2)
    ergebnisse = []

    def senden():
        try:
            start.wait()
            ergebnisse.append(melden(kategorie, formular_token="doppelklick")[0].nummer)
        except services.FormularSchonVerwendet as exc:
            ergebnisse.append(("schon", exc.anliegen.nummer))
        finally:
            connection.close()

    threads = [threading.Thread(target=senden) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Anliegen.objects.count() == 1
    nummer = Anliegen.objects.get().nummer
    assert sorted(map(str, ergebnisse)) == sorted([nummer, str(("schon", nummer))])
    assert nummer.endswith("-00001")  # the loser's number was given back


@pytest.mark.django_db
def test_unsubscribing_stops_status_mails_also_from_the_merged_original(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    original = AnliegenFactory(email="erste@example.org", benachrichtigen=True)
    doppelt = AnliegenFactory(
        kategorie=original.kategorie, email="zweite@example.org", benachrichtigen=True
    )
    services.als_duplikat(anliegen=doppelt, original=original, user=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.status_setzen(anliegen=original, status=S.IN_BEARBEITUNG)
    an_zweite = [m for m in mailoutbox if m.to == ["zweite@example.org"]]
    assert len(an_zweite) == 1 and doppelt.get_verfolgen_url() in an_zweite[0].body
    seite = client.get(doppelt.get_verfolgen_url()).content.decode()
    assert original.nummer in seite and str(S.IN_BEARBEITUNG.label) in seite
    client.post(doppelt.get_verfolgen_url() + "abbestellen/")
    client.post(original.get_verfolgen_url() + "abbestellen/")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_setzen(anliegen=original, status=S.ERLEDIGT, antwort="Fertig.")
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_duplicates_resident_who_asks_again_follows_the_original_again():
    original = AnliegenFactory(email="erste@example.org")
    doppelt = AnliegenFactory(kategorie=original.kategorie, email="zweite@example.org")
    services.als_duplikat(anliegen=doppelt, original=original, user=None)
    services.abbestellen(anliegen=doppelt)
    assert not Abonnement.objects.filter(anliegen=original).exists()
    doppelt.refresh_from_db()
    services.statusmails_bestellen(anliegen=doppelt)
    assert Abonnement.objects.filter(
        anliegen=original, email="zweite@example.org", quelle=doppelt
    ).exists()


@pytest.mark.django_db
def test_any_step_of_the_resident_on_the_page_confirms_the_report():
    jetzt = timezone.now()
    alt = jetzt - timedelta(days=31)
    ergaenzt = AnliegenFactory(eingegangen_at=alt, email="a@example.org")
    services.ergaenzen(anliegen=ergaenzt, text="Noch ein Hinweis.")
    abbestellt = AnliegenFactory(eingegangen_at=alt, email="b@example.org")
    services.abbestellen(anliegen=abbestellt)
    nichts = AnliegenFactory(eingegangen_at=alt, email="c@example.org")
    assert services.aufbewahrung(jetzt=jetzt) == (0, 1)
    assert not Anliegen.objects.filter(pk=nichts.pk).exists()
    assert Anliegen.objects.filter(pk__in=[ergaenzt.pk, abbestellt.pk]).count() == 2


@pytest.mark.django_db
def test_answer_templates_fill_the_address_and_old_ones_are_migrated_to_it():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("anliegen.migrations.0004_textbaustein_platzhalter_adresse")
    anliegen = AnliegenFactory(strasse="Brunnenstraße", hausnummer="12", ortsbeschreibung="")
    alt = TextbausteinFactory(kategorie=anliegen.kategorie, text="Die Laterne ({ort}) brennt.")
    migration.ersetzen("{ort}", "{adresse}")(apps, None)
    alt.refresh_from_db()
    assert alt.text == "Die Laterne ({adresse}) brennt."
    assert alt.fuellen(anliegen) == "Die Laterne (Brunnenstraße 12) brennt."


@pytest.mark.django_db
def test_audit_and_history_are_written_in_the_offices_language_whatever_the_reader_reads():
    from django.utils import translation

    anliegen = AnliegenFactory()
    with translation.override("en"):
        services.ergaenzen(anliegen=anliegen, text="Noch ein Hinweis.")
        services.zurueckziehen(anliegen=anliegen)
    eintraege = AuditEntry.objects.filter(object_id=str(anliegen.pk)).order_by("created_at", "pk")
    assert [(e.actor, e.message) for e in eintraege] == [
        ("Bewohner:in (privater Link)", "Ergänzung"),
        ("Bewohner:in (privater Link)", ""),
    ]
    assert anliegen.verlauf.last().actor == "Bewohner:in (privater Link)"
