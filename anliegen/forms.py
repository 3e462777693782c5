import secrets

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from quartier.forms import DatumInput, ModelForm, SpamGuardMixin
from quartier.images import SafeImageField

from .models import ABSCHLUSS, Anliegen, Kategorie, Status

MAX_FOTOS = 3
MAX_FOTOS_GESAMT = 10


def _foto_feld(nummer: int) -> SafeImageField:
    return SafeImageField(
        label=_("Photo %(n)s") % {"n": nummer},
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB.") if nummer == 1 else "",
    )


class AnliegenForm(SpamGuardMixin, ModelForm):
    """The resident's report: phone first, works without JavaScript, spam-guarded."""

    min_seconds_setting = "ANLIEGEN_MINDESTZEIT"
    rejected_message = _("Your concern could not be sent. Please try again.")

    foto_1 = _foto_feld(1)
    foto_2 = _foto_feld(2)
    foto_3 = _foto_feld(3)
    # Ends in Anliegen.formular_token (64 characters): a longer one was a DataError (500).
    formular_token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
        error_messages={"max_length": rejected_message, "invalid": rejected_message},
    )

    class Meta:
        model = Anliegen
        fields = [
            "art",
            "kategorie",
            "beschreibung",
            "strasse",
            "hausnummer",
            "ortsbeschreibung",
            "lat",
            "lon",
            "name",
            "email",
            "telefon",
            "einwilligung_veroeffentlichung",
            "einwilligung_kontakt",
        ]
        labels = {
            "art": _("What is it about?"),
            "beschreibung": _("Your concern"),
            "strasse": _("Street"),
            "ortsbeschreibung": _("Or describe the place"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail (optional)"),
            "telefon": _("Your phone (optional)"),
            "einwilligung_veroeffentlichung": _(
                "The office may publish my concern (text and photos, never my name) in the "
                "public documentation after checking it."
            ),
            "einwilligung_kontakt": _(
                "The responsible office (e.g. the city) may receive my contact data to ask me "
                "about it."
            ),
        }
        help_texts = {
            "beschreibung": _(
                "What is the matter, since when? Please do not enter health data and do not "
                "name other persons."
            ),
            "email": _("For the confirmation and news about your concern."),
            "ortsbeschreibung": _("E.g. “playground behind the school”."),
            "hausnummer": "",
        }
        widgets = {
            "art": forms.RadioSelect,
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "lat": forms.HiddenInput,
            "lon": forms.HiddenInput,
            "strasse": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, quartier, **kwargs):
        super().__init__(*args, **kwargs)
        self.quartier = quartier
        self.fields["kategorie"].queryset = Kategorie.objects.filter(quartier=quartier, aktiv=True)
        self.fields["kategorie"].empty_label = _("– please choose –")
        self.fields["art"].choices = Anliegen.Art.choices  # radio buttons without "---"
        self.fields["einwilligung_kontakt"].help_text = ""
        self.fields["beschreibung"].validators.append(MaxLengthValidator(5000))
        self.fields["beschreibung"].widget.attrs["maxlength"] = 5000
        if not self.is_bound:
            self.initial["formular_token"] = secrets.token_urlsafe(24)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        if "formular_token" in self.errors:
            # Only a tampered form has a broken token: sent again, it gets a valid one.
            self.data = self.data.copy()
            self.data["formular_token"] = secrets.token_urlsafe(24)
        art = data.get("art")
        has_place = data.get("strasse") or data.get("ortsbeschreibung") or data.get("lat")
        if art and art != Anliegen.Art.FRAGE and not has_place:
            self.add_error(
                "strasse",
                _("Please give a street or describe the place (not needed for questions)."),
            )
        lat, lon = data.get("lat"), data.get("lon")
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            # The location is optional; an incomplete or impossible one is dropped.
            data["lat"] = data["lon"] = None
            self.errors.pop("lat", None)
            self.errors.pop("lon", None)
        if data.get("einwilligung_kontakt") and not (data.get("email") or data.get("telefon")):
            self.add_error(
                "einwilligung_kontakt",
                _("To be contacted, please give an e-mail address or a phone number."),
            )
        return data

    def fotos(self) -> list:
        return [
            self.cleaned_data[f"foto_{n}"]
            for n in range(1, MAX_FOTOS + 1)
            if self.cleaned_data.get(f"foto_{n}")
        ]

    def anliegen_daten(self) -> dict:
        keys = [f for f in self._meta.fields if f not in ("art", "kategorie", "beschreibung")]
        return {key: self.cleaned_data.get(key) for key in keys}


class PinForm(forms.Form):
    nummer = forms.CharField(
        label=_("Case number"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "A-2026-00042", "autocomplete": "off"}),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_nummer(self):
        return self.cleaned_data["nummer"].strip().upper()


class ErgaenzungForm(forms.Form):
    text = forms.CharField(
        label=_("Additional information"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    foto_1 = _foto_feld(1)
    foto_2 = _foto_feld(2)
    foto_3 = _foto_feld(3)

    def __init__(self, *args, vorhandene_fotos: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.vorhandene_fotos = vorhandene_fotos

    def clean(self):
        data = super().clean()
        if not data.get("text") and not self.fotos():
            raise forms.ValidationError(_("Please write something or attach a photo."))
        if self.vorhandene_fotos + len(self.fotos()) > MAX_FOTOS_GESAMT:
            raise forms.ValidationError(
                _("A concern can have at most %(max)s photos.") % {"max": MAX_FOTOS_GESAMT}
            )
        return data

    def fotos(self) -> list:
        return [
            self.cleaned_data[f"foto_{n}"]
            for n in range(1, MAX_FOTOS + 1)
            if self.cleaned_data.get(f"foto_{n}")
        ]


class NichtGeloestForm(forms.Form):
    begruendung = forms.CharField(
        label=_("What is still wrong?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class WeiterleitungAntwortForm(forms.Form):
    aktenzeichen = forms.CharField(label=_("Your reference"), required=False, max_length=80)
    antwort = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


# --- staff forms (admin) ---------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    antwort = forms.CharField(
        label=_("Public answer"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
        help_text=_("Shown to the resident and, when published, to everyone."),
    )
    notiz = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text=_("Never shown publicly."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") in ABSCHLUSS and not data.get("antwort", "").strip():
            self.add_error("antwort", _("Please write a public answer: closing needs one."))
        return data


class WeiterleitenForm(forms.Form):
    akteur = forms.ModelChoiceField(label=_("Forward to"), queryset=None)
    antwort_bis = forms.DateField(label=_("Answer expected by"), widget=DatumInput)
    nachricht = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kontakt_weitergeben = forms.BooleanField(
        label=_("Pass on the resident's contact data"), required=False
    )

    def __init__(self, *args, anliegen, akteure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = akteure
        if not anliegen.einwilligung_kontakt:
            self.fields["kontakt_weitergeben"].disabled = True
            self.fields["kontakt_weitergeben"].help_text = _(
                "The resident did not agree to pass on their contact data."
            )


class ModerationForm(forms.Form):
    oeffentlicher_text = forms.CharField(
        label=_("Public text"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
    )
    fotos = forms.MultipleChoiceField(
        label=_("Released photos"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, anliegen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fotos"].choices = [(str(f.pk), str(f)) for f in anliegen.fotos.all()]
