"""Outgoing mail, stored first and delivered after commit by a task, retried on failure.

Callers use `send_templated_mail` inside their transaction: the OutgoingMail row is saved
with the business change, and the delivery task is enqueued once the transaction commits.
If the mail server is down the row stays unsent and is tried again with growing pauses,
by the task itself (where the task backend can defer) and by `manage.py send_pending_mail`
(cron, every few minutes), so no promised mail is lost.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)


def attachment(filename: str, content: bytes | str, mimetype: str) -> dict:
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": base64.b64encode(content).decode("ascii"),
    }


def send_templated_mail(
    *,
    to: list[str] | str,
    template: str,
    context: dict | None = None,
    attachments: list[dict] | None = None,
    reply_to: str = "",
    quartier=None,
    headers: dict | None = None,
) -> OutgoingMail:
    """Render `<template>_subject.txt`, `<template>.txt` and (if present) `<template>.html`.

    Only a missing HTML part is expected; any error in rendering a template that exists is
    raised (with the caller's transaction rolled back), never sent as an empty mail."""
    context = {"site_url": settings.SITE_URL, **(context or {})}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    try:
        html_template = get_template(f"{template}.html")
    except TemplateDoesNotExist:
        html_body = ""
    else:
        html_body = html_template.render(context)
    return queue_mail(
        to=[to] if isinstance(to, str) else list(to),
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=attachments or [],
        reply_to=reply_to,
        quartier=quartier,
        headers=headers,
    )


def queue_mail(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    attachments: list[dict] | None = None,
    reply_to: str = "",
    quartier=None,
    headers: dict | None = None,
) -> OutgoingMail:
    """Store a mail (in the caller's transaction) and deliver it after commit.

    `quartier` is the area the mail belongs to: staff of that area can see it in the back
    office; mails without an area (e.g. password resets) only operators. `headers`: extra
    headers of the message (e.g. List-Unsubscribe).
    """
    mail = OutgoingMail.objects.create(
        quartier=quartier,
        to=to,
        subject=subject[:250],
        body=body,
        html_body=html_body,
        attachments=attachments or [],
        reply_to=reply_to,
        headers=headers or {},
    )
    transaction.on_commit(lambda: enqueue_delivery(mail.pk))
    return mail


def queue_mails(mails: list[OutgoingMail]) -> list[OutgoingMail]:
    """Store many unsaved mails at once (one INSERT per batch, in the caller's
    transaction) and deliver them after commit by one task. For mailings to many (an
    issue to its subscribers); should the task not be enqueued, `send_pending` finds them."""
    for mail in mails:
        mail.subject = mail.subject[:250]
    saved = OutgoingMail.objects.bulk_create(mails, batch_size=1000)
    ids = [mail.pk for mail in saved]
    if ids:
        transaction.on_commit(lambda: enqueue_deliveries(ids))
    return saved


def enqueue_deliveries(mail_ids: list[int]) -> None:
    from .tasks import deliver_mails

    try:
        deliver_mails.enqueue(mail_ids)
    except Exception:
        logger.exception("Could not enqueue %s mails", len(mail_ids))


def enqueue_delivery(mail_id: int, *, run_after=None) -> None:
    from .tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # picked up again by `send_pending_mail`
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id)
    except Exception:
        # The row is saved; `send_pending_mail` will enqueue it again.
        logger.exception("Could not enqueue mail %s", mail_id)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver(mail_id: int) -> bool:
    """Send one stored mail. Returns True when sent (now or before). Safe to call twice."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return OutgoingMail.objects.filter(pk=mail_id, sent_at__isnull=False).exists()
        message = EmailMultiAlternatives(
            subject=mail.subject,
            body=mail.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=mail.to,
            reply_to=[mail.reply_to] if mail.reply_to else None,
            headers=mail.headers or None,
        )
        if mail.html_body:
            message.attach_alternative(mail.html_body, "text/html")
        for item in mail.attachments:
            message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
        mail.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any transport failure is retried
            mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            mail.next_attempt_at = timezone.now() + backoff(mail.attempts)
            mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("Mail %s failed (attempt %s): %s", mail.pk, mail.attempts, exc)
            if mail.attempts < settings.MAIL_MAX_ATTEMPTS:
                next_at = mail.next_attempt_at
                transaction.on_commit(lambda: enqueue_delivery(mail_id, run_after=next_at))
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def send_pending(*, now=None) -> int:
    """Enqueue every unsent mail whose next attempt is due. Returns how many."""
    now = now or timezone.now()
    ids = list(
        OutgoingMail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )[:1000]
    )
    for mail_id in ids:
        enqueue_delivery(mail_id)
    return len(ids)


def purge_old(*, now=None) -> int:
    """Delete stored mails once their job is done: sent ones, and given-up ones, after
    MAIL_KEEP_DAYS (they hold addresses, names and private links). Returns how many."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.MAIL_KEEP_DAYS)
    done = OutgoingMail.objects.filter(created_at__lt=limit).filter(
        Q(sent_at__isnull=False) | Q(attempts__gte=settings.MAIL_MAX_ATTEMPTS)
    )
    return done.delete()[0]


def stored_mails(email: str, *, quartiere=None):
    """The stored mails to this address (in any case of letters). `quartiere`: only those
    of these areas; None: all of them, also those without an area (operators)."""
    email = (email or "").strip().lower()
    if not email:
        return OutgoingMail.objects.none()
    # Only our own table's name is put into the SQL; the address is a parameter.
    recipient = RawSQL(  # noqa: S611
        f'EXISTS (SELECT 1 FROM unnest("{OutgoingMail._meta.db_table}"."to") AS address '  # noqa: S608
        "WHERE lower(address) = %s)",
        [email],
        output_field=BooleanField(),
    )
    mails = OutgoingMail.objects.filter(recipient)
    if quartiere is not None:
        mails = mails.filter(quartier__in=quartiere)
    return mails


def forget_address(email: str, *, quartiere=None) -> int:
    """Delete the stored mails to this address (erasure, retention), within `quartiere`
    (see `stored_mails`; None: everywhere). Returns how many."""
    return stored_mails(email, quartiere=quartiere).delete()[0]
