from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image

from netzwerk.forms import PrivateFileInput
from quartier.forms import ModelForm, SpamGuardMixin
from quartier.images import DECODE_ERRORS, SafeImageField

from .models import Artikel, Artikelfoto
from .text import aus_eingabe, klartext

# A photo is printed at most as wide as the type area of an A4 page (210 mm less 2 × 15 mm
# margins); at 300 dpi that is all the pixels print needs. Stored at that size, WeasyPrint
# embeds it as it is and never resamples it while rendering.
DRUCKBREITE_MM = 180
DRUCK_DPI = 300
DRUCKBREITE_PX = round(DRUCKBREITE_MM / 25.4 * DRUCK_DPI)
# A very tall photo is still bounded (three type-area widths high).
HOECHSTE_SEITE_PX = 3 * DRUCKBREITE_PX


def druck_seitenlaenge(breite: int, hoehe: int) -> int:
    """The longest side a photo of this size keeps when scaled to the print width."""
    if breite <= DRUCKBREITE_PX:
        return min(max(breite, hoehe), HOECHSTE_SEITE_PX)
    return min(round(max(breite, hoehe) * DRUCKBREITE_PX / breite), HOECHSTE_SEITE_PX)


class Fotofeld(SafeImageField):
    """An article photo: cleaned like every upload (type, size, metadata, orientation) and
    scaled to 300 dpi at the print width. Stored privately, so shown by name, not linked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", PrivateFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if data and hasattr(data, "size") and data is not initial:
            self.max_side = HOECHSTE_SEITE_PX
            try:
                data.seek(0)
                with Image.open(data) as bild:
                    breite, hoehe = bild.size
                    # A photo shot upright is stored upright; its width is then the short side.
                    if bild.getexif().get(0x0112) in (5, 6, 7, 8):
                        breite, hoehe = hoehe, breite
                self.max_side = druck_seitenlaenge(breite, hoehe)
            except DECODE_ERRORS:
                pass  # the cleaning below refuses it in German
            finally:
                data.seek(0)
        return super().clean(data, initial)


class ArtikelfotoForm(ModelForm):
    bild = Fotofeld(label=_("photo"))

    class Meta:
        model = Artikelfoto
        fields = [
            "bild",
            "alt",
            "bildunterschrift",
            "urheber",
            "lizenz",
            "personen_erkennbar",
            "einwilligung",
            "einwilligung_vermerk",
            "reihenfolge",
        ]


class ArtikelAdminForm(ModelForm):
    """An article in the back office: its issue and section are of its own area."""

    class Meta:
        model = Artikel
        fields = "__all__"

    def clean(self):
        data = super().clean()
        quartier = data.get("quartier")
        if quartier is not None:
            for feld in ("ausgabe", "rubrik"):
                wert = data.get(feld)
                if wert is not None and wert.quartier_id != quartier.pk:
                    self.add_error(feld, _("This belongs to another area than the article."))
        return data


class ArtikelPartnerForm(ModelForm):
    """A partner's article for the newspaper: the text as typed (paragraphs separated by an
    empty line), for one of the partner's organisations; the editorial team reviews it."""

    class Meta:
        model = Artikel
        fields = ["akteur", "dachzeile", "titel", "vorspann", "text", "autor", "nachweis"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = user.akteure.order_by("name")
        self.fields["akteur"].required = True
        self.fields["akteur"].empty_label = None
        self.fields["akteur"].help_text = ""
        self.fields["titel"].required = True
        self.fields["text"].required = True
        self.fields["text"].help_text = _(
            "Separate paragraphs by an empty line. The editorial team may shorten the text."
        )
        self.fields["autor"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_text(self):
        text = aus_eingabe(self.cleaned_data.get("text", ""))
        if not klartext(text):
            raise forms.ValidationError(_("Please write the text of the article."))
        return text


class PartnerFotoForm(ArtikelfotoForm):
    class Meta(ArtikelfotoForm.Meta):
        fields = [f for f in ArtikelfotoForm.Meta.fields if f != "reihenfolge"]


class FotoFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


PartnerFotoFormSet = forms.inlineformset_factory(
    Artikel,
    Artikelfoto,
    form=PartnerFotoForm,
    formset=FotoFormSet,
    extra=2,
    max_num=3,
    validate_max=True,
    can_delete=False,
)


class AbonnementForm(SpamGuardMixin, forms.Form):
    """A resident subscribes to the area's newspaper by e-mail: only the address, no name;
    spam-guarded like every public form."""

    rejected_message = _("Your subscription could not be sent. Please try again.")

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Please enter your e-mail address.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
