import secrets

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Sprache, Zielgruppe
from quartier import recurrence
from quartier.forms import DatumInput, ModelForm, SpamGuardMixin, ende_nach_beginn
from quartier.images import SafeImageField
from raeume.forms import VIERTELSTUNDEN, wiederholung_feld
from raeume.models import Raum, lokal
from raeume.services import am, raum_pruefen

from .models import Anmeldung, Veranstaltung


class _Helper:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


MAX_PERSONEN = 10


class AnmeldungForm(_Helper, SpamGuardMixin, ModelForm):
    """A resident registers without an account; spam-guarded like every public form."""

    min_seconds_setting = "ANMELDUNG_MINDESTZEIT"
    rejected_message = _("Your registration could not be sent. Please check it and send it again.")
    einwilligung = forms.BooleanField(
        label=_(
            "I agree that the office stores my details to organise this event. They are "
            "deleted after the event."
        ),
        error_messages={"required": _("Please agree so that we can register you.")},
    )

    class Meta:
        model = Anmeldung
        fields = ["name", "email", "telefon", "personen", "aus_dem_quartier"]

    def __init__(self, *args, veranstaltung, **kwargs):
        super().__init__(*args, **kwargs)
        personen = self.fields["personen"]  # at least one: the model's constraint
        personen.max_value = personen.widget.attrs["max"] = MAX_PERSONEN
        personen.validators.append(
            MaxValueValidator(
                MAX_PERSONEN,
                message=_("At most %(limit_value)s people can register at once."),
            )
        )
        self.fragen = veranstaltung.fragen_liste()
        for i, frage in enumerate(self.fragen):
            self.fields[f"frage_{i}"] = forms.CharField(label=frage, max_length=500, required=False)
        if veranstaltung.reservierte_plaetze:
            self.fields["aus_dem_quartier"].label = _(
                "I live in %(quartier)s (places are kept for residents)"
            ) % {"quartier": veranstaltung.quartier.name}
        else:
            del self.fields["aus_dem_quartier"]
        self.order_fields([*self._meta.fields, *[f"frage_{i}" for i in range(len(self.fragen))]])
        self._helper()
        sichtbar = [f for f in self.fields if f != "website"]
        self.helper.layout = Layout(*sichtbar, Div("website", css_class="d-none"))

    def clean(self):
        data = super().clean()
        # The hidden fields' messages are shown above the form.
        for feld in ("website", "zeit"):
            for fehler in self.errors.pop(feld, []):
                self.add_error(None, fehler)
        return data

    def antworten(self) -> dict:
        return {
            frage: self.cleaned_data.get(f"frage_{i}", "")
            for i, frage in enumerate(self.fragen)
            if self.cleaned_data.get(f"frage_{i}")
        }


class EinreichungForm(_Helper, ModelForm):
    """A partner submits an event of their actor; staff review it before it is
    public. The place is one of the office's rooms (requested with the event, held until
    staff decide) or an address."""

    datum = forms.DateField(label=_("Date"), widget=DatumInput)
    von = forms.TimeField(label=_("From"), widget=VIERTELSTUNDEN)
    bis = forms.TimeField(label=_("Until"), widget=VIERTELSTUNDEN)
    zielgruppen = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=Zielgruppe.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sprachen = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Sprache.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Veranstaltung
        fields = [
            "veranstalter",
            "titel",
            "beschreibung",
            "art",
            "zielgruppen",
            "sprachen",
            "raum",
            "adresse",
            "stufenlos",
            "barrierefreiheit_hinweis",
            "kosten",
            "anmeldung",
            "kapazitaet",
        ]

    nutzungsvereinbarung = forms.BooleanField(
        label=_("I accept the terms of use of the office's rooms on behalf of the actor."),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veranstalter"].queryset = user.akteure.order_by("name")
        self.fields["veranstalter"].required = True
        self.fields["veranstalter"].empty_label = None
        self.fields["veranstalter"].help_text = ""
        self.fields["raum"].queryset = Raum.objects.fuer(user).buchbar().order_by("name")
        self.fields["raum"].empty_label = _("none – at the address below")
        self.fields["raum"].help_text = _(
            "The room is requested with the event and held for you until the office decides."
        )
        self.fields["adresse"].help_text = _("Where the event takes place if not in a room.")
        self.order_fields(
            ["veranstalter", "titel", "art", "datum", "von", "bis", "raum", "nutzungsvereinbarung"]
        )
        self._helper()

    def clean(self):
        data = super().clean()
        if not data.get("raum") and not data.get("adresse") and "raum" not in self.errors:
            self.add_error("adresse", _("Please choose a room or enter an address."))
        if data.get("raum") and not data.get("nutzungsvereinbarung"):
            self.add_error(
                "nutzungsvereinbarung", _("Please accept the terms of use to request the room.")
            )
        ende_nach_beginn(self)
        if data.get("datum") and data["datum"] < timezone.localdate():
            self.add_error("datum", _("The date lies in the past."))
        if data.get("anmeldung") and not data.get("kapazitaet"):
            self.add_error("kapazitaet", _("An event with registration needs a number of places."))
        return data


class VeranstaltungForm(ModelForm):
    """Staff add or change an event. In one of the rooms, the room is checked as the
    booking made with the event would check it (rules and clashes, on every date of a
    series), under a lock of the room, so that the save cannot be refused afterwards."""

    bild = SafeImageField(label=_("image"), required=False)
    wiederholung = wiederholung_feld(
        help_text=_("Only when adding: one event per date, each booking its room.")
    )
    wiederholen_bis = forms.DateField(
        label=_("Repeat until"), required=False, widget=AdminDateWidget
    )

    class Meta:
        model = Veranstaltung
        fields = [
            "quartier",
            "titel",
            "beschreibung",
            "art",
            "zielgruppen",
            "sprachen",
            "veranstalter",
            "beginn",
            "ende",
            "raum",
            "adresse",
            "stufenlos",
            "barrierefreiheit_hinweis",
            "kosten",
            "bild",
            "oeffentlich",
            "freigegeben",
            "status",
            "absage_notiz",
            "anmeldung",
            "kapazitaet",
            "anmeldeschluss",
            "reservierte_plaetze",
            "fragen",
            "wiederholung",
            "wiederholen_bis",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and not self.instance.abgesagt:
            # Cancelling tells everyone registered and frees the room: only through its own
            # page, which says so first ("Cancel event", `veranstaltung_absagen`).
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] != Veranstaltung.Status.ABGESAGT
            ]

    def clean(self):
        data = super().clean()
        ende_nach_beginn(self, beginn="beginn", ende="ende")
        if not data.get("raum") and not data.get("adresse"):
            self.add_error("adresse", _("Please choose a room or enter an address."))
        if data.get("anmeldung") and not data.get("kapazitaet"):
            self.add_error("kapazitaet", _("An event with registration needs a number of places."))
        if data.get("wiederholung") and not data.get("wiederholen_bis"):
            self.add_error("wiederholen_bis", _("Please say until when the series repeats."))
        if data.get("status") == Veranstaltung.Status.ABGESAGT and not data.get("absage_notiz"):
            self.add_error("absage_notiz", _("Please give a note why the event is cancelled."))
        raum, beginn, ende = data.get("raum"), data.get("beginn"), data.get("ende")
        gebucht = data.get("status") != Veranstaltung.Status.ABGESAGT  # else no booking
        if raum and beginn and ende and beginn < ende and gebucht:
            self._raum_pruefen(raum, beginn, ende)
        return data

    def _raum_pruefen(self, raum, beginn, ende) -> None:
        data = self.cleaned_data
        buchung = self.instance.buchung if self.instance.pk else None
        if meldungen := raum_pruefen(raum=raum, beginn=beginn, ende=ende, buchung=buchung):
            self.add_error("raum", meldungen)
        if not self.instance.pk and data.get("wiederholung") and data.get("wiederholen_bis"):
            start = timezone.localtime(beginn)
            regel = recurrence.regel(data["wiederholung"], start.date(), data["wiederholen_bis"])
            for tag in recurrence.termine(regel, start.date())[1:]:
                termin = lokal(tag, start.time())
                if meldungen := raum_pruefen(
                    raum=raum, beginn=termin, ende=termin + (ende - beginn)
                ):
                    self.add_error("wiederholung", am(tag, meldungen))


class RundmailForm(forms.Form):
    betreff = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Text"), max_length=10000, widget=forms.Textarea)
    warteliste = forms.BooleanField(label=_("Also to the waiting list"), required=False)
    # One key per opened form: sending the same form twice (a double click, the browser's
    # "send again") mails nobody a second time.
    formular_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["formular_token"] = secrets.token_urlsafe(24)


class AbsageForm(forms.Form):
    """Staff cancel an event: the note everyone registered reads."""

    absage_notiz = forms.CharField(
        label=_("Note on the cancellation"),
        max_length=300,
        widget=forms.Textarea,
        error_messages={"required": _("Please give a note why the event is cancelled.")},
    )
