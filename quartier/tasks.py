from django_tasks import task

from . import benachrichtigungen, mail


@task()
def deliver_mail(mail_id: int) -> bool:
    """Deliver one stored mail; idempotent (a sent mail is not sent again)."""
    return mail.deliver(mail_id)


@task()
def deliver_mails(mail_ids: list[int]) -> int:
    """Deliver many stored mails (a mailing); idempotent like `deliver_mail`. A mail that
    fails is retried on its own. Returns how many were sent."""
    return sum(mail.deliver(mail_id) for mail_id in mail_ids)


@task()
def benachrichtigungen_senden() -> int:
    """Mail the immediate notifications not sent yet; idempotent (rows are marked)."""
    return benachrichtigungen.sofort_senden()
