from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .mail import queue_mail


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes through the stored, retried outbox."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_mail(to=[to_email], subject=subject, body=body)


class EmailAuthenticationForm(AuthenticationForm):
    """Log-in by e-mail address (not case-sensitive), with a message that says so."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please check both; the "
            "password is case-sensitive."
        ),
    }
