"""The back office: review queue, CSV export, invitations, merging duplicates, minutes PDFs."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netzwerk.models import Akteur, Angebot, Ansprechperson, GremiumMitglied, Sitzung
from quartier.models import AuditEntry, User
from quartier.roles import Rolle

from ..factories import AkteurFactory, UserFactory
from .factories import PDF, AngebotFactory, AnsprechpersonFactory, GremiumMitgliedFactory

CHANGELIST = "admin:netzwerk_akteur_changelist"


def action(client, aktion, akteure, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": aktion, ACTION_CHECKBOX_NAME: [a.pk for a in akteure], **extra},
    )


@pytest.mark.django_db
def test_review_queue_lists_partner_changes_and_staff_mark_them_reviewed(qm_client, world):
    Akteur.objects.filter(pk=world.akteur_a.pk).update(zur_pruefung_vorgemerkt_at=timezone.now())
    page = qm_client.get(reverse(CHANGELIST), {"zu_pruefen": "ja"})
    assert list(page.context["cl"].result_list) == [world.akteur_a]
    response = action(qm_client, "als_geprueft", [world.akteur_a])
    assert response.status_code == 302
    assert Akteur.objects.get(pk=world.akteur_a.pk).zur_pruefung_vorgemerkt_at is None
    assert AuditEntry.objects.filter(
        object_id=str(world.akteur_a.pk), message="Änderungen des Partners geprüft"
    ).exists()


@pytest.mark.django_db
def test_csv_export_contains_only_consented_personal_data(persona_client, world):
    response = action(persona_client("stadt"), "export_csv", [world.akteur_a, world.akteur_b])
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Name"
    assert {r[0] for r in rows[1:]} == {world.akteur_a.name, world.akteur_b.name}
    assert "Elif Demir" in text
    assert "Horst Verborgen" not in text and "horst@example.org" not in text


@pytest.mark.django_db
def test_staff_invite_a_partner_who_sets_their_own_password(
    qm_client, client, world, mailoutbox, django_capture_on_commit_callbacks
):
    confirm = action(qm_client, "partner_einladen", [world.akteur_b])
    assert confirm.status_code == 200 and "Einladung senden" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = action(
            qm_client,
            "partner_einladen",
            [world.akteur_b],
            bestaetigt="1",
            name="Jonas Neu",
            email="Jonas.Neu@Example.org",
        )
    assert response.status_code == 302
    partner = User.objects.get(email="jonas.neu@example.org")
    assert not partner.has_usable_password()
    assert partner.has_role(Rolle.PARTNER) and not partner.is_staff
    assert list(partner.akteure.all()) == [world.akteur_b]
    (mail,) = mailoutbox
    assert mail.to == ["jonas.neu@example.org"]
    link = re.search(r"https?://[^/\s]+(/partner/passwort-neu/\S+)", mail.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sommerfest-im-Hof-26", "new_password2": "Sommerfest-im-Hof-26"},
    )
    assert client.login(username="jonas.neu@example.org", password="Sommerfest-im-Hof-26")
    assert client.get(world.akteur_b.get_partner_url()).status_code == 200


@pytest.mark.django_db
def test_only_staff_who_manage_users_may_invite(persona_client, world):
    response = action(
        persona_client("mitarbeit"),
        "partner_einladen",
        [world.akteur_b],
        bestaetigt="1",
        name="X",
        email="x@example.org",
    )
    assert not User.objects.filter(email="x@example.org").exists()
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_merge_moves_every_relation_to_the_kept_actor(qm_client, world):
    keep = world.akteur_a
    dup = AkteurFactory(
        name="Nachbarschaftsverein (doppelt)",
        quartiere=[world.quartier_a],
        mitglieder=[UserFactory(email="zweite@example.org")],
        oeffnungszeiten="Do 10–12 Uhr",
        sprachen=["ar"],
    )
    angebot = AngebotFactory(akteur=dup, titel="Repair-Café")
    person = AnsprechpersonFactory(akteur=dup, name="Doppelte Person")
    fremd = AngebotFactory(akteur=world.akteur_b)
    fremd.kooperationspartner.add(dup)
    beide = AngebotFactory(akteur=world.akteur_b)
    beide.kooperationspartner.add(dup, keep)
    gremium = world.extra["gremium"]
    GremiumMitgliedFactory(gremium=gremium, akteur=dup, rolle="Sprecher")
    beide_gremium = GremiumMitgliedFactory(akteur=keep).gremium
    GremiumMitgliedFactory(gremium=beide_gremium, akteur=dup)  # would be a second seat

    confirm = action(qm_client, "zusammenfuehren", [keep, dup])
    assert confirm.status_code == 200 and "Jetzt zusammenführen" in confirm.content.decode()
    response = action(qm_client, "zusammenfuehren", [keep, dup], bestaetigt="1", behalten=keep.pk)
    assert response.status_code == 302

    assert not Akteur.objects.filter(pk=dup.pk).exists()
    keep.refresh_from_db()
    assert Angebot.objects.get(pk=angebot.pk).akteur == keep
    assert Ansprechperson.objects.get(pk=person.pk).akteur == keep
    assert list(fremd.kooperationspartner.all()) == [keep]
    assert list(beide.kooperationspartner.all()) == [keep]
    assert GremiumMitglied.objects.filter(gremium=gremium, akteur=keep, rolle="Sprecher").exists()
    assert GremiumMitglied.objects.filter(gremium=beide_gremium, akteur=keep).count() == 1
    assert keep.mitglieder.filter(email="zweite@example.org").exists()
    assert keep.oeffnungszeiten == "Do 10–12 Uhr"  # empty field filled from the duplicate
    assert "ar" in keep.sprachen
    assert keep in Akteur.objects.suche("Repair")
    assert Angebot.objects.filter(akteur=keep).count() == 2
    assert AuditEntry.objects.filter(object_id=str(keep.pk), action="changed").exists()
    # Generic: nothing of any app (forwardings, bookings …) still points at the duplicate.
    for rel in Akteur._meta.related_objects:
        if rel.many_to_many:
            through, column = rel.through, rel.field.m2m_reverse_field_name()
            assert not through.objects.filter(**{column: dup.pk}).exists(), rel
        else:
            model = rel.related_model
            assert not model._base_manager.filter(**{rel.field.name: dup.pk}).exists(), rel


@pytest.mark.django_db
def test_staff_without_delete_right_cannot_merge(persona_client, world):
    action(
        persona_client("mitarbeit"),
        "zusammenfuehren",
        [world.akteur_a, world.akteur_b],
        bestaetigt="1",
        behalten=world.akteur_a.pk,
    )
    assert Akteur.objects.filter(pk=world.akteur_b.pk).exists()


@pytest.mark.django_db
def test_akteur_outside_the_staff_area_is_404_in_the_admin(qm_client, world):
    url = reverse("admin:netzwerk_akteur_change", args=[world.akteur_fremd.pk])
    assert qm_client.get(url).status_code == 404


def _sitzung_data(world, pdf):
    return {
        "gremium": world.extra["gremium"].pk,
        "beginn_0": "01.03.2026",
        "beginn_1": "18:00",
        "adresse": "Saal",
        "oeffentlich": "on",
        "protokoll_pdf": pdf,
        "protokoll_veroeffentlicht": "on",
    }


@pytest.mark.django_db
def test_minutes_upload_must_really_be_a_pdf(qm_client, world):
    url = reverse("admin:netzwerk_sitzung_add")
    fake = SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = qm_client.post(url, _sitzung_data(world, fake))
    assert response.status_code == 200
    assert "kein PDF-Dokument" in response.content.decode()
    assert not Sitzung.objects.filter(adresse="Saal").exists()
    real = SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf")
    assert qm_client.post(url, _sitzung_data(world, real)).status_code == 302
    sitzung = Sitzung.objects.get(adresse="Saal")
    assert sitzung.protokoll_pdf.read().startswith(b"%PDF-")
    # Kept outside MEDIA_ROOT: the web server can never hand it out past the access check.
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in Path(sitzung.protokoll_pdf.path).resolve().parents
    change = qm_client.get(reverse("admin:netzwerk_sitzung_change", args=[sitzung.pk]))
    assert change.status_code == 200 and "protokoll" in change.content.decode()


@pytest.mark.django_db
def test_minutes_upload_has_a_size_limit(qm_client, world):
    big = SimpleUploadedFile("p.pdf", PDF + b"0" * (10 * 1024 * 1024 + 1), "application/pdf")
    response = qm_client.post(reverse("admin:netzwerk_sitzung_add"), _sitzung_data(world, big))
    assert "zu groß" in response.content.decode()


def _form_values(form, prefix=""):
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        key = f"{prefix}{name}"
        if value is None or name == "logo":
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple | set) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            data[key] = [getattr(v, "pk", v) for v in items]
        else:
            data[key] = getattr(value, "pk", value)
    return data


def admin_form_data(response) -> dict:
    """What the browser would send back for an unchanged admin change page."""
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, 0)
        for form in formset.forms:
            data.update(_form_values(form, prefix=f"{form.prefix}-"))
            if form.instance.pk:
                data[f"{form.prefix}-id"] = form.instance.pk
                data[f"{form.prefix}-akteur"] = form.instance.akteur_id
    return data


@pytest.mark.django_db
def test_admin_change_updates_the_search_vector_and_audits_inline_changes(qm_client, world):
    angebot = world.extra["angebot_a"]
    url = reverse("admin:netzwerk_akteur_change", args=[world.akteur_a.pk])
    data = admin_form_data(qm_client.get(url))
    data["beschreibung"] = "Wir organisieren das Brunnenfest."
    # The offers' inline (other inlines' rows may have the same primary key).
    index = next(
        k
        for k, v in data.items()
        if k.startswith("angebote-") and k.endswith("-id") and v == angebot.pk
    )[:-3]
    data[f"{index}-titel"] = "Lernhilfe am Nachmittag"
    response = qm_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert world.akteur_a in Akteur.objects.suche("Brunnenfest")
    assert world.akteur_a in Akteur.objects.suche("Lernhilfe")
    entry = AuditEntry.objects.get(
        content_type__model="angebot", object_id=str(angebot.pk), action="changed"
    )
    assert entry.user == world.users["qm"] and "titel" in entry.message


@pytest.mark.django_db
def test_merge_is_all_or_nothing(world, monkeypatch):
    from netzwerk import services

    dup = AkteurFactory(name="Doppelt", quartiere=[world.quartier_a])
    angebot = AngebotFactory(akteur=dup)

    def kaputt(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services.audit, "record", kaputt)
    with pytest.raises(RuntimeError):
        services.akteure_zusammenfuehren(
            behalten=world.akteur_a, duplikate=[dup], user=world.users["qm"]
        )
    assert Akteur.objects.filter(pk=dup.pk).exists()
    assert Angebot.objects.get(pk=angebot.pk).akteur == dup


@pytest.mark.django_db
def test_admin_offers_only_partner_accounts_as_members_and_scoped_filters(qm_client, world):
    page = qm_client.get(reverse("admin:netzwerk_akteur_change", args=[world.akteur_a.pk]))
    choices = page.context["adminform"].form.fields["mitglieder"].queryset
    assert world.users["partner_b"] in choices
    assert world.users["qm"] not in choices and world.users["stadt"] not in choices
    from .factories import SitzungFactory

    SitzungFactory(gremium__quartier=world.quartier_b, gremium__name="Hafenrunde")
    changelist = qm_client.get(reverse("admin:netzwerk_sitzung_changelist")).content.decode()
    assert "Stadtteilkonferenz" in changelist
    assert "Hafenrunde" not in changelist  # neither as a row nor in the filter


@pytest.mark.django_db
def test_a_read_only_meeting_names_its_private_minutes_without_a_link(world):
    """City staff may view meetings but not change them: Django's read-only page links a file
    by its URL, which a private file has not (that was a 500); the page names it instead."""
    from tests.utils import client_for

    sitzung = world.extra["sitzung"]
    response = client_for(world, "stadt").get(
        reverse("admin:netzwerk_sitzung_change", args=[sitzung.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert Path(sitzung.protokoll_pdf.name).name in html
    assert sitzung.protokoll_pdf.name not in re.findall(r'href="([^"]*)"', html)
