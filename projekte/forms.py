"""Forms of projects: the receipt of an expense, made safe as the concern photos are, and a
resident's idea on a project."""

import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from anliegen.models import Anliegen
from netzwerk.forms import PrivateFileInput
from netzwerk.models import GremiumMitglied, Sitzung
from quartier.forms import DatumInput, ModelForm, SpamGuardMixin
from quartier.images import DEFAULT_MAX_BYTES, SafeImageField, process_image

from .models import (
    ENTSCHEIDUNGEN,
    Antrag,
    Antragskosten,
    Antragsstatus,
    Ausgabe,
    Auszahlung,
    Kostenart,
    Sachbericht,
)

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


class _EntscheidungFelder(forms.Form):
    """What every decision on an application says: the result, a partial amount, the
    conditions (the office's decision page and the committee's list alike)."""

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
    auflagen = forms.CharField(
        label=_("conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class EntscheidungForm(_EntscheidungFelder):
    """The decision on an application: by the office up to its limit, above it as the
    committee (or the council) decided in a meeting."""

    sitzung = forms.ModelChoiceField(
        label=_("meeting that decided"),
        queryset=Sitzung.objects.none(),
        required=False,
        help_text=_("Needed above the office's limit."),
    )
    field_order = ["ergebnis", "betrag", "sitzung", "auflagen"]

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


# --- the online application to the Verfügungsfonds -------------------------------------------


class AngebotField(BelegField):
    """A quote or another attachment of an application: a PDF or a photo, made safe."""

    format_fehler = _("An attachment is a PDF or a photo (JPEG, PNG or WebP).")
    name = "angebot"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Optional: a PDF or a photo (at most 10 MB)."))
        super().__init__(*args, **kwargs)


def _token_feld(rejected_message) -> forms.CharField:
    return forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
        error_messages={"max_length": rejected_message, "invalid": rejected_message},
    )


# The declarations an application sent on the website makes (all required to send).
ERKLAERUNGEN = [
    "mindestalter_bestaetigt",
    "nicht_begonnen",
    "keine_doppelfoerderung",
    "foerderhinweis",
]
# What a draft needs: enough to know whose it is and what it is about.
ENTWURF_PFLICHT = {"titel", "name"}


class AntragForm(SpamGuardMixin, ModelForm):
    """A resident's application to the Verfügungsfonds, without an account: phone first,
    works without JavaScript, spam-guarded. Saved as a draft (`entwurf=True`) it needs only
    a title and a name; sent, it needs everything the fund asks for."""

    min_seconds_setting = "ANLIEGEN_MINDESTZEIT"
    rejected_message = _("Your application could not be sent. Please try again.")

    # Ends in Antrag.formular_token: the same form sent twice makes one application.
    formular_token = _token_feld(rejected_message)
    angebot_1 = AngebotField(label=_("Quote or attachment 1"))
    angebot_2 = AngebotField(label=_("Quote or attachment 2"), help_text="")

    class Meta:
        model = Antrag
        fields = [
            "antragsteller",
            "organisation",
            "name",
            "email",
            "telefon",
            "titel",
            "beschreibung",
            "zielgruppen",
            "ort",
            "von",
            "bis",
            "kooperationspartner",
            "beantragt",
            "eigenanteil",
            "drittmittel",
            "ehrenamt_stunden",
            *ERKLAERUNGEN,
            "einwilligung_veroeffentlichung",
        ]
        labels = {
            "antragsteller": _("Who applies?"),
            "organisation": _("Name of the initiative or club"),
            "name": _("Your name"),
            "email": _("Your e-mail"),
            "telefon": _("Your phone"),
            "titel": _("Title of your idea"),
            "beschreibung": _("What do you plan, and why?"),
            "zielgruppen": _("For whom?"),
            "ort": _("Where?"),
            "von": _("From"),
            "bis": _("Until"),
            "kooperationspartner": _("Who takes part or helps? (optional)"),
            "beantragt": _("Amount you apply for (EUR)"),
            "eigenanteil": _("Your own money (EUR)"),
            "drittmittel": _("Money from elsewhere (EUR)"),
            "ehrenamt_stunden": _("Volunteer hours you put in"),
            "nicht_begonnen": _("The project has not started yet."),
            "keine_doppelfoerderung": _(
                "No other funder pays for the same costs (no double funding)."
            ),
            "foerderhinweis": _(
                "On flyers, posters and posts we will name the Verfügungsfonds as funder."
            ),
            "einwilligung_veroeffentlichung": _(
                "If my idea is funded, the office may publish its title, a short text and the "
                "amount on its website (never my name or contact data)."
            ),
        }
        help_texts = {
            "beschreibung": _(
                "A few sentences are enough: what happens, who it is for, what it changes."
            ),
            "email": _("For the confirmation, the private link and the office's questions."),
            "telefon": _("Please give an e-mail address or a phone number."),
            "ort": _("E.g. “Lindenplatz” or “courtyard of Brunnenstraße 14”."),
            "drittmittel": _("E.g. from a foundation, a donation or ticket sales."),
            "kooperationspartner": "",
        }
        widgets = {
            "antragsteller": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "beschreibung": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "von": DatumInput,
            "bis": DatumInput,
            "beantragt": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "eigenanteil": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "drittmittel": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "ehrenamt_stunden": forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        }

    def __init__(self, *args, fonds, entwurf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fonds = self.instance.fonds = fonds
        self.entwurf = entwurf
        self.fields["antragsteller"].choices = Antrag.Antragsteller.choices
        self.fields["beschreibung"].validators.append(MaxLengthValidator(5000))
        self.fields["mindestalter_bestaetigt"].label = _("I am at least %(alter)s years old.") % {
            "alter": fonds.mindestalter
        }
        for name in ("von", "bis"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if not fonds.ehrenamt_zaehlt:
            del self.fields["ehrenamt_stunden"]
        else:
            self.fields["ehrenamt_stunden"].help_text = _(
                "Each hour counts as %(satz)s € of your own share."
            ) % {"satz": number_format(fonds.ehrenamt_stundensatz, decimal_pos=2)}
        self.fields["beantragt"].help_text = _("At most %(betrag)s €.") % {
            "betrag": number_format(fonds.hoechstbetrag, decimal_pos=2, force_grouping=True)
        }
        if self.instance.pk:
            # A draft finished from its link: it is the application already.
            del self.fields["formular_token"]
        elif not self.is_bound:
            self.initial["formular_token"] = secrets.token_urlsafe(24)
        for name in ("beantragt", *ERKLAERUNGEN):
            self.fields[name].required = False  # required to send: see clean()
        if entwurf:
            for name, field in self.fields.items():
                if name not in ENTWURF_PFLICHT and name not in ("zeit", "formular_token"):
                    field.required = False

    def clean(self):
        data = super().clean()
        if "formular_token" in self.errors:
            # Only a tampered form has a broken token: sent again, it gets a valid one.
            self.data = self.data.copy()
            self.data["formular_token"] = secrets.token_urlsafe(24)
        if self.entwurf:
            return data
        if data.get("antragsteller") not in (
            None,
            "",
            Antrag.Antragsteller.PERSON,
        ) and not data.get("organisation"):
            self.add_error("organisation", _("Please give the name of the initiative or club."))
        if not (data.get("email") or data.get("telefon")) and "email" not in self.errors:
            self.add_error(
                "telefon",
                _("Please give an e-mail address or a phone number, so we can reach you."),
            )
        if data.get("beantragt") is None and "beantragt" not in self.errors:
            self.add_error("beantragt", _("Please enter the amount you apply for."))
        for name in ERKLAERUNGEN:
            if not data.get(name):
                self.add_error(name, _("Please confirm this to send the application."))
        return data

    def angebote(self) -> list:
        return [
            self.cleaned_data[n] for n in ("angebot_1", "angebot_2") if self.cleaned_data.get(n)
        ]


class AntragskostenForm(ModelForm):
    """A line of the cost plan: only the kinds of cost the fund pays for."""

    class Meta:
        model = Antragskosten
        fields = ["art", "bezeichnung", "betrag"]
        labels = {"art": _("Kind"), "bezeichnung": _("What exactly?"), "betrag": _("Amount (EUR)")}
        widgets = {
            "betrag": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        }

    def __init__(self, *args, fonds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("– please choose –"))] + [
            (wert, text) for wert, text in Kostenart.choices if wert not in fonds.ausgeschlossen
        ]


# At most so many cost lines; three empty ones to fill in, more after saving.
MAX_KOSTENZEILEN = 30
AntragskostenFormSet = forms.formset_factory(
    AntragskostenForm, extra=3, can_delete=True, max_num=MAX_KOSTENZEILEN, validate_max=True
)


def kostenzeilen(formset) -> list[Antragskosten]:
    """The filled-in, not deleted lines of a valid cost formset, as unsaved rows (a saved
    line counts unchanged; an empty new one does not)."""
    return [
        form.save(commit=False)
        for form in formset.forms
        if (form.initial or form.has_changed())
        and form.cleaned_data
        and not form.cleaned_data.get("DELETE")
    ]


class AntwortForm(forms.Form):
    """The applicant's answer to the office's question, through the tracking link."""

    text = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
    )
    angebot_1 = AngebotField(label=_("Attachment (optional)"))

    def angebote(self) -> list:
        return [self.cleaned_data["angebot_1"]] if self.cleaned_data.get("angebot_1") else []


def _beleg_feld(nummer: int) -> BelegField:
    return BelegField(
        label=_("Receipt %(n)s") % {"n": nummer},
        required=False,
        help_text=_("A PDF or a photo of the receipt (at most 10 MB).") if nummer == 1 else "",
    )


def _foto_feld(nummer: int) -> SafeImageField:
    return SafeImageField(
        label=_("Photo %(n)s") % {"n": nummer},
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB.") if nummer == 1 else "",
    )


class NachweisForm(forms.Form):
    """The proof of use through the tracking link: what happened, what it cost, the
    receipts, and photos with the consent of the people shown."""

    bericht = forms.CharField(
        label=_("What happened? A short report"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        help_text=_("How many came, what went well, what you would do differently."),
    )
    ist_kosten = forms.DecimalField(
        label=_("What did it cost in the end? (EUR)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
    )
    beleg_1 = _beleg_feld(1)
    beleg_2 = _beleg_feld(2)
    beleg_3 = _beleg_feld(3)
    foto_1 = _foto_feld(1)
    foto_2 = _foto_feld(2)
    foto_3 = _foto_feld(3)
    einwilligung = forms.BooleanField(
        label=_(
            "The photos may be published: nobody is recognisable on them, or everyone "
            "recognisable agrees."
        ),
        required=False,
        help_text=_("Without it the office uses the photos only for checking."),
    )

    def belege(self) -> list:
        return [
            self.cleaned_data[f"beleg_{n}"]
            for n in range(1, 4)
            if self.cleaned_data.get(f"beleg_{n}")
        ]

    def fotos(self) -> list:
        return [
            self.cleaned_data[f"foto_{n}"]
            for n in range(1, 4)
            if self.cleaned_data.get(f"foto_{n}")
        ]


class BeratungForm(_EntscheidungFelder):
    """The committee's vote and decision on one application of a meeting's list."""

    ja = forms.IntegerField(label=_("yes"), min_value=0, max_value=999)
    nein = forms.IntegerField(label=_("no"), min_value=0, max_value=999)
    enthaltung = forms.IntegerField(label=_("abstentions"), min_value=0, max_value=999)
    befangen = forms.ModelMultipleChoiceField(
        label=_("not voting (conflict of interest)"),
        queryset=GremiumMitglied.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["ja", "nein", "enthaltung", "befangen", "ergebnis", "betrag", "auflagen"]

    def __init__(self, *args, sitzung, mitglieder: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["befangen"].queryset = sitzung.gremium.mitglieder.all()
        # The members, read once for every application of the list (not once per form).
        self.fields["befangen"].choices = [(m.pk, str(m)) for m in mitglieder]
