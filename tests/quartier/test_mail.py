"""Mail is stored first, sent after commit, and retried when the server is down."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from quartier import mail
from quartier.models import OutgoingMail


@pytest.mark.django_db
def test_mail_is_sent_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stored = mail.queue_mail(to=["anna@example.org"], subject="Hallo", body="Text")
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert [m.subject for m in mailoutbox] == ["Hallo"]
    stored.refresh_from_db()
    assert stored.sent_at is not None
    assert stored.attempts == 1


@pytest.mark.django_db
def test_failed_mail_is_kept_and_retried(django_capture_on_commit_callbacks, mailoutbox):
    with mock.patch.object(
        django_mail.EmailMessage, "send", side_effect=ConnectionRefusedError("SMTP down")
    ):
        with django_capture_on_commit_callbacks(execute=True):
            stored = mail.queue_mail(to=["anna@example.org"], subject="Wichtig", body="Text")
    stored.refresh_from_db()
    assert stored.sent_at is None
    assert stored.attempts == 1
    assert "SMTP down" in stored.last_error
    assert stored.next_attempt_at > timezone.now()
    assert mailoutbox == []

    # Not due yet: the cron command leaves it alone.
    assert mail.send_pending() == 0
    # Once due, the server is back: it goes out, exactly once.
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.send_pending(now=timezone.now() + timedelta(hours=1)) == 1
    stored.refresh_from_db()
    assert stored.sent_at is not None
    assert stored.attempts == 2
    assert [m.subject for m in mailoutbox] == ["Wichtig"]


@pytest.mark.django_db
def test_delivery_is_idempotent(mailoutbox):
    stored = OutgoingMail.objects.create(to=["a@example.org"], subject="Einmal", body="x")
    assert mail.deliver(stored.pk) is True
    assert mail.deliver(stored.pk) is True
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_templated_mail_with_attachment(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_templated_mail(
            to="anna@example.org",
            template="partner/password_reset",
            context={
                "protocol": "https",
                "domain": "x",
                "uid": "MQ",
                "token": "cb6h2y-5d8f3e1a9b7c6d4e2f1a0b9c8d7e6f5a",
            },
            attachments=[mail.attachment("termin.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
    (sent,) = mailoutbox
    assert sent.subject == "Ihr neues Passwort für den Partnerbereich"
    assert sent.attachments[0][0] == "termin.ics"


def test_backoff_grows_and_is_capped():
    assert mail.backoff(1) == timedelta(minutes=1)
    assert mail.backoff(4) == timedelta(minutes=8)
    assert mail.backoff(30) == timedelta(hours=6)


@pytest.mark.django_db
def test_staff_see_only_the_mails_of_their_areas(qm_client, world):
    from django.urls import reverse

    own = OutgoingMail.objects.create(
        to=["a@example.org"], subject="Brunnenviertel", body="x", quartier=world.quartier_a
    )
    foreign = OutgoingMail.objects.create(
        to=["b@example.org"], subject="Hafen", body="x", quartier=world.quartier_b
    )
    no_area = OutgoingMail.objects.create(to=["c@example.org"], subject="Passwort", body="x")
    response = qm_client.get(reverse("admin:quartier_outgoingmail_changelist"))
    shown = set(response.context["cl"].queryset)
    assert own in shown
    assert not shown & {foreign, no_area}
    assert all(m.quartier_id == world.quartier_a.pk for m in shown)
    for hidden in (foreign, no_area):
        url = reverse("admin:quartier_outgoingmail_change", args=[hidden.pk])
        assert qm_client.get(url).status_code == 404


@pytest.mark.django_db
def test_done_mails_are_deleted_after_the_keeping_period(settings):
    settings.MAIL_KEEP_DAYS = 30
    now = timezone.now()
    old = now - timedelta(days=31)
    sent = OutgoingMail.objects.create(
        to=["a@example.org"], subject="alt", body="x", created_at=old, sent_at=old
    )
    given_up = OutgoingMail.objects.create(
        to=["b@example.org"],
        subject="aufgegeben",
        body="x",
        created_at=old,
        attempts=settings.MAIL_MAX_ATTEMPTS,
    )
    still_trying = OutgoingMail.objects.create(
        to=["c@example.org"], subject="läuft", body="x", created_at=old, attempts=2
    )
    recent = OutgoingMail.objects.create(to=["d@example.org"], subject="neu", body="x", sent_at=now)
    assert mail.purge_old(now=now) == 2
    remaining = set(OutgoingMail.objects.values_list("pk", flat=True))
    assert remaining == {still_trying.pk, recent.pk}
    assert not OutgoingMail.objects.filter(pk__in=[sent.pk, given_up.pk]).exists()


@pytest.mark.django_db
def test_forgetting_an_address_deletes_its_mails():
    OutgoingMail.objects.create(to=["erika@example.org"], subject="a", body="x")
    OutgoingMail.objects.create(to=["other@example.org"], subject="b", body="x")
    assert mail.forget_address(" Erika@Example.org ") == 1
    assert mail.forget_address("") == 0
    assert OutgoingMail.objects.count() == 1


@pytest.mark.django_db
def test_extra_headers_are_stored_and_sent(mailoutbox, django_capture_on_commit_callbacks):
    headers = {"List-Unsubscribe": "<https://example.org/weg/>"}
    with django_capture_on_commit_callbacks(execute=True):
        stored = mail.queue_mail(to=["anna@example.org"], subject="Neu", body="x", headers=headers)
    assert OutgoingMail.objects.get(pk=stored.pk).headers == headers
    assert mailoutbox[0].message()["List-Unsubscribe"] == "<https://example.org/weg/>"


@pytest.mark.django_db
def test_a_mailing_is_stored_at_once_and_delivered_by_one_task(
    mailoutbox, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    mails = [OutgoingMail(to=[f"n{n}@example.org"], subject="Zeitung", body="x") for n in range(50)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with django_assert_max_num_queries(1):
            mail.queue_mails(mails)
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(f"n{n}@example.org" for n in range(50))
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()
