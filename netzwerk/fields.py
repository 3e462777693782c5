"""Small field and validator helpers of the network's models and forms."""

import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.storage import private_storage

telefon_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/\-]{3,38}$",
    message=_(
        "Please enter a phone number with digits only, e.g. “06541 123 45-0” or “+49 6541 12345”."
    ),
    code="telefon",
)

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!]|javascript:", re.IGNORECASE)


def kein_html(value: str) -> None:
    """Public texts are plain text: refuse markup and scripts with a clear message."""
    if value and _HTML.search(value):
        raise ValidationError(
            _(
                "Please write plain text: HTML tags and scripts are not allowed. "
                "Line breaks are kept as they are."
            ),
            code="html",
        )


WEBSITE_UNGUELTIG = _("Please enter a complete web address, e.g. “https://www.verein.de”.")


class WebsiteField(models.URLField):
    """An http(s) address; forms assume https:// when the scheme is left out."""

    default_validators = [URLValidator(schemes=["http", "https"], message=WEBSITE_UNGUELTIG)]

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("error_messages", {"invalid": WEBSITE_UNGUELTIG})
        return super().formfield(**kwargs)


class ChoiceArrayField(ArrayField):
    """A list of choices (target groups, languages), edited as checkboxes in every form."""

    def formfield(self, **kwargs):
        from django import forms

        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # ArrayField.formfield would force its own comma-separated field; skip it.
        return super(ArrayField, self).formfield(**defaults)


def get_private_storage():
    """The project's private storage (quartier.storage): files served only through views
    that check access, never under MEDIA_URL."""
    return private_storage
