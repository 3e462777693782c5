from django_tasks import task

from . import mail


@task()
def deliver_mail(mail_id: int) -> bool:
    """Deliver one stored mail; idempotent (a sent mail is not sent again)."""
    return mail.deliver(mail_id)
