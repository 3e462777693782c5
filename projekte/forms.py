"""Forms of projects: the receipt of an expense, made safe as the concern photos are, and a
resident's idea on a project."""

import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.models import Anliegen
from netzwerk.forms import PrivateFileInput
from netzwerk.models import Sitzung
from quartier.forms import SpamGuardMixin
from quartier.images import DEFAULT_MAX_BYTES, process_image

from .models import ENTSCHEIDUNGEN, Antrag, Antragsstatus, Ausgabe, Auszahlung, Sachbericht

PDF_MAGIC = b"%PDF-"
BELEG_MAX_BYTES = 10 * 1024 * 1024


BELEG_FORMAT = _("A receipt is a PDF or a photo (JPEG, PNG or WebP).")


def beleg_bereinigen(upload, *, name: str = "beleg", format_fehler=BELEG_FORMAT):
    """A receipt (or a report's attachment) as stored: an image re-encoded without metadata
    (EXIF, GPS), or a PDF that starts as one and is complete. Anything else is refused with
    a German message."""
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
        return SimpleUploadedFile(f"{name}.pdf", inhalt, content_type="application/pdf")
    try:
        return process_image(upload, max_bytes=max(DEFAULT_MAX_BYTES, BELEG_MAX_BYTES))
    except ValidationError:
        raise ValidationError(format_fehler, code="beleg_format") from None


class BelegField(forms.FileField):
    """A receipt's file field: a PDF or a photo, made safe before it is stored."""

    format_fehler = BELEG_FORMAT
    name = "beleg"

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
            return beleg_bereinigen(value, name=self.name, format_fehler=self.format_fehler)
        return value


class AnhangField(BelegField):
    """The attachment of a narrative report: a PDF or photos of the project, made safe."""

    format_fehler = _("An attachment is a PDF or a photo (JPEG, PNG or WebP).")
    name = "sachbericht"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text", _("Optional: a PDF or a photo (at most 10 MB), e.g. a flyer.")
        )
        super().__init__(*args, **kwargs)


class IdeeForm(SpamGuardMixin, forms.ModelForm):
    """A resident's idea or remark on a project: it becomes a concern of kind idea, linked to
    the project, with no account and as little personal data as the resident chooses."""

    min_seconds_setting = "ANLIEGEN_MINDESTZEIT"
    rejected_message = _("Your idea could not be sent. Please try again.")

    # Ends in Anliegen.formular_token: the same form sent twice makes one concern.
    formular_token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
        error_messages={"max_length": rejected_message, "invalid": rejected_message},
    )

    class Meta:
        model = Anliegen
        fields = ["beschreibung", "name", "email", "einwilligung_veroeffentlichung"]
        labels = {
            "beschreibung": _("Your idea or remark"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail (optional)"),
            "einwilligung_veroeffentlichung": _(
                "The office may publish my idea (the text, never my name) after checking it."
            ),
        }
        help_texts = {
            "beschreibung": _("Please do not enter health data and do not name other persons."),
            "email": _("For the confirmation and the office's answer."),
        }
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beschreibung"].validators.append(MaxLengthValidator(5000))
        if not self.is_bound:
            self.initial["formular_token"] = secrets.token_urlsafe(24)

    def clean(self):
        data = super().clean()
        if "formular_token" in self.errors:
            # Only a tampered form has a broken token: sent again, it gets a valid one.
            self.data = self.data.copy()
            self.data["formular_token"] = secrets.token_urlsafe(24)
        return data


class AusgabePartnerForm(forms.ModelForm):
    """An expense the project's Träger records in the partner area, with its receipt."""

    beleg = BelegField(
        label=_("receipt"),
        help_text=_("A PDF or a photo of the receipt (at most 10 MB)."),
    )

    class Meta:
        model = Ausgabe
        fields = [
            "kostenposition",
            "datum",
            "betrag",
            "bezeichnung",
            "empfaenger",
            "belegnummer",
            "beleg",
        ]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "betrag": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}
            ),
        }

    def __init__(self, *args, projekt, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kostenposition"].queryset = projekt.kostenpositionen.all()
        self.fields["kostenposition"].empty_label = _("– please choose –")
        self.fields["datum"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]


class SachberichtPartnerForm(forms.ModelForm):
    """The Träger's narrative report for a period: a text, and a file if it has one."""

    datei = AnhangField(label=_("attachment"), required=False)

    class Meta:
        model = Sachbericht
        fields = ["von", "bis", "text", "datei"]
        labels = {"text": _("What was done, who was reached, what changed")}
        help_texts = {
            "text": _(
                "A few paragraphs are enough. Please name no participants: count them instead."
            ),
        }
        widgets = {
            "von": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bis": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 10, "maxlength": 20000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].validators.append(MaxLengthValidator(20000))
        for name in ("von", "bis"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]


# --- the Verfügungsfonds ---------------------------------------------------------------------


class EntscheidungForm(forms.Form):
    """The decision on an application: by the office up to its limit, above it as the
    committee (or the council) decided in a meeting."""

    ergebnis = forms.ChoiceField(
        label=_("decision"),
        choices=[(s.value, s.label) for s in Antragsstatus if s in ENTSCHEIDUNGEN],
        widget=forms.RadioSelect,
    )
    betrag = forms.DecimalField(
        label=_("amount approved (EUR)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Only for a partial approval; an approval gives the amount applied for."),
    )
    sitzung = forms.ModelChoiceField(
        label=_("meeting that decided"),
        queryset=Sitzung.objects.none(),
        required=False,
        help_text=_("Needed above the office's limit."),
    )
    auflagen = forms.CharField(
        label=_("conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sitzung"].queryset = (
            Sitzung.objects.filter(gremium__quartier=antrag.fonds.quartier_id)
            .select_related("gremium")
            .order_by("-beginn")
        )


class AuszahlungForm(forms.Form):
    """A payment to an application, or money returned from it."""

    art = forms.ChoiceField(label=_("kind"), choices=Auszahlung.Art.choices)
    betrag = forms.DecimalField(
        label=_("amount (EUR)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    datum = forms.DateField(label=_("date"), initial=timezone.localdate)
