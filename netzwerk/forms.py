from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.forms import ModelForm, UhrzeitInput, ende_nach_beginn
from quartier.images import SafeImageField

from .models import Akteur, Angebot, Ansprechperson, Handlungsfeld, Sitzung

LOGO_MAX_SIDE = 600
LOGO_MAX_BYTES = 5 * 1024 * 1024
PDF_MAX_BYTES = 10 * 1024 * 1024


def logo_field() -> SafeImageField:
    return SafeImageField(
        label=_("Logo"),
        required=False,
        max_side=LOGO_MAX_SIDE,
        max_bytes=LOGO_MAX_BYTES,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. We shrink it and remove its metadata."),
    )


class PrivateFileInput(forms.ClearableFileInput):
    """Shows the stored file's name without a link: private files have no public URL.

    The stored file is announced as `gespeichert`, not as Django's `is_initial`: form
    renderers that draw file fields themselves (crispy's bootstrap5 pack) link an initial
    file by its URL, which a private file has not (a 500). The page that shows the form
    links the file through its own checked view."""

    template_name = "netzwerk/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["gespeichert"] = context["widget"]["is_initial"]
        context["widget"]["is_initial"] = False
        return context


class PdfField(forms.FileField):
    """A PDF upload: checked by its content (not its name) and size."""

    def __init__(self, *args, max_bytes: int = PDF_MAX_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("widget", PrivateFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and hasattr(value, "size") and value is not initial:
            if value.size > self.max_bytes:
                raise forms.ValidationError(
                    _("The file is too large (%(size)s MB). At most %(max)s MB are allowed."),
                    code="too_large",
                    params={
                        "size": f"{value.size / 1048576:.1f}",
                        "max": self.max_bytes // 1048576,
                    },
                )
            value.seek(0)
            head = value.read(1024)
            value.seek(0)
            if b"%PDF-" not in head:
                raise forms.ValidationError(
                    _("This file is not a PDF document. Please upload the minutes as PDF."),
                    code="not_a_pdf",
                )
        return value


class PartnerFormMixin:
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # German messages from the server, as everywhere
        self.helper.add_input(Submit("speichern", self.submit_label))


class AkteurPartnerForm(PartnerFormMixin, ModelForm):
    """What a partner keeps current about their actor (name, kind and areas are the
    office's)."""

    logo = logo_field()
    handlungsfelder = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=Handlungsfeld.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Akteur
        fields = [
            "beschreibung",
            "oeffnungszeiten",
            "strasse",
            "plz",
            "ort",
            "telefon",
            "email",
            "website",
            "logo",
            "handlungsfelder",
            "zielgruppen",
            "sprachen",
            "barrierefreiheit",
            "barrierefreiheit_hinweis",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 6}),
            "oeffnungszeiten": forms.Textarea(attrs={"rows": 4}),
            "plz": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "telefon": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_plz(self):
        plz = self.cleaned_data["plz"].strip()
        if plz and not (len(plz) == 5 and plz.isdigit()):
            raise forms.ValidationError(_("A German postcode has five digits."))
        return plz


class AngebotForm(PartnerFormMixin, ModelForm):
    class Meta:
        model = Angebot
        fields = [
            "titel",
            "beschreibung",
            "zielgruppen",
            "sprachen",
            "zeit",
            "wochentag",
            "beginn",
            "ende",
            "adresse",
            "kostenlos",
            "kosten",
            "anmeldung_noetig",
            "oeffentlich",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "beginn": UhrzeitInput,
            "ende": UhrzeitInput,
            # more than 0 euros when not free of charge (the constraint angebot_kosten_passen)
            "kosten": forms.NumberInput(attrs={"min": "0.01"}),
        }

    def clean(self):
        cleaned = super().clean()
        kostenlos, kosten = cleaned.get("kostenlos"), cleaned.get("kosten")
        if kostenlos and kosten:
            self.add_error(
                "kosten", _("An offer free of charge has no cost: remove the amount or untick.")
            )
        if not kostenlos and "kosten" in cleaned and not (kosten and kosten > 0):
            self.add_error("kosten", _("Please enter the cost in euros, or tick “free of charge”."))
        ende_nach_beginn(self, beginn="beginn", ende="ende")
        return cleaned


class AnsprechpersonForm(PartnerFormMixin, ModelForm):
    class Meta:
        model = Ansprechperson
        fields = ["name", "funktion", "email", "telefon", "einwilligung_oeffentlich"]
        widgets = {"telefon": forms.TextInput(attrs={"type": "tel"})}


class AkteurAdminForm(ModelForm):
    logo = logo_field()

    class Meta:
        model = Akteur
        fields = ["logo"]  # the admin's fieldsets name the rest


class SitzungAdminForm(ModelForm):
    protokoll_pdf = PdfField(label=_("Minutes (PDF)"), required=False)

    class Meta:
        model = Sitzung
        fields = [
            "gremium",
            "beginn",
            "adresse",
            "oeffentlich",
            "tagesordnung",
            "teilnehmende",
            "protokoll",
            "protokoll_pdf",
            "protokoll_veroeffentlicht",
        ]


class EinladungForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))


class ZusammenfuehrenForm(forms.Form):
    behalten = forms.ModelChoiceField(
        label=_("Keep this entry"),
        queryset=Akteur.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, akteure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behalten"].queryset = akteure
