from django_tasks import task

from . import benachrichtigungen, mail


@task()
def deliver_mail(mail_id: int) -> bool:
    """Deliver one stored mail; idempotent (a sent mail is not sent again)."""
    return mail.deliver(mail_id)


@task()
def benachrichtigungen_senden() -> int:
    """Mail the immediate notifications not sent yet; idempotent (rows are marked)."""
    return benachrichtigungen.sofort_senden()
