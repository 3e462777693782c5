"""Form fields of projects: the receipt of an expense, made safe as the concern photos are."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from netzwerk.forms import PrivateFileInput
from quartier.images import DEFAULT_MAX_BYTES, process_image

PDF_MAGIC = b"%PDF-"
BELEG_MAX_BYTES = 10 * 1024 * 1024


def beleg_bereinigen(upload):
    """A receipt as stored: an image re-encoded without metadata (EXIF, GPS), or a PDF that
    starts as one. Anything else is refused with a German message."""
    kopf = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if kopf == PDF_MAGIC:
        if upload.size > BELEG_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s MB). At most %(max)s MB are allowed."),
                code="too_large",
                params={
                    "size": f"{upload.size / 1048576:.1f}",
                    "max": BELEG_MAX_BYTES // 1048576,
                },
            )
        inhalt = upload.read()
        if b"%%EOF" not in inhalt[-2048:]:
            raise ValidationError(
                _("This PDF is incomplete. Please save it again and upload it anew."),
                code="pdf_incomplete",
            )
        return SimpleUploadedFile("beleg.pdf", inhalt, content_type="application/pdf")
    try:
        return process_image(upload, max_bytes=max(DEFAULT_MAX_BYTES, BELEG_MAX_BYTES))
    except ValidationError:
        raise ValidationError(
            _("A receipt is a PDF or a photo (JPEG, PNG or WebP)."), code="beleg_format"
        ) from None


class BelegField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            PrivateFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        )
        kwargs.setdefault("help_text", _("A PDF or a photo of the receipt."))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and hasattr(value, "size") and value is not initial:
            return beleg_bereinigen(value)
        return value
