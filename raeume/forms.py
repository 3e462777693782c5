from datetime import time, timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.models import Akteur
from quartier import parameter
from quartier.forms import DatumInput, ModelForm, UhrzeitInput, ende_nach_beginn
from quartier.images import SafeImageField

from .models import (
    Ausstattung,
    Buchung,
    Nutzungsart,
    Raum,
    Raumfoto,
    Serie,
    Uebergabe,
    Umfang,
    lokal,
)
from .services import Buchungswunsch

VIERTELSTUNDEN = UhrzeitInput(attrs={"step": 900})  # rooms are booked by quarter hours


def datum_pruefen(datum, vorlauf_max, *, raum=None):
    """A wished date: not in the past, at most `vorlauf_max` ahead (the room's rule)."""
    heute = timezone.localdate()
    if datum < heute:
        raise forms.ValidationError(_("The date lies in the past."))
    if vorlauf_max is not None and datum > heute + vorlauf_max:
        if raum is not None:
            raise forms.ValidationError(
                _("%(raum)s can be booked at most %(tage)s days ahead.")
                % {"raum": raum.name, "tage": vorlauf_max.days}
            )
        raise forms.ValidationError(
            _("Rooms can be booked at most %(tage)s days ahead.") % {"tage": vorlauf_max.days}
        )
    return datum


class _Helper:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def wiederholung_feld(**kwargs) -> forms.ChoiceField:
    """Whether and how a booking (or an event) repeats."""
    return forms.ChoiceField(
        label=_("Repeat"),
        choices=[("", _("no, one date only")), *Serie.Regel.choices],
        required=False,
        **kwargs,
    )


class _WunschForm(forms.Form):
    """A wish for a booking: the room (and rooms combined with it), the date and time,
    what for, how many, and whether it repeats. `wunsch()` and `serie_angaben()` give it
    to `services.wunsch_buchen`."""

    raum = forms.ModelChoiceField(label=_("Room"), queryset=Raum.objects.none())
    zusatzraeume = forms.ModelMultipleChoiceField(
        label=_("Together with"),
        queryset=Raum.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    datum = forms.DateField(label=_("Date"), widget=DatumInput)
    von = forms.TimeField(label=_("From"), widget=VIERTELSTUNDEN)
    bis = forms.TimeField(label=_("Until"), widget=VIERTELSTUNDEN)
    art = forms.ChoiceField(label=_("Kind of use"), choices=Nutzungsart.choices)
    zweck = forms.CharField(label=_("Purpose"), max_length=200)
    personen = forms.IntegerField(label=_("Expected people"), min_value=1, max_value=1000)
    wiederholung = wiederholung_feld()
    serie_bis = forms.DateField(label=_("Repeat until"), widget=DatumInput, required=False)

    def __init__(self, *args, raeume, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raum"].queryset = raeume.filter(aktiv=True, nur_mit__isnull=True)
        self.fields["zusatzraeume"].queryset = raeume.filter(
            aktiv=True, nur_mit__isnull=False
        ).select_related("nur_mit")
        self.fields["zusatzraeume"].label_from_instance = lambda r: (
            _("%(zusatz)s (only with %(raum)s)") % {"zusatz": r.name, "raum": r.nur_mit.name}
        )

    def clean(self):
        data = super().clean()
        ende_nach_beginn(self)
        if data.get("wiederholung") and not data.get("serie_bis"):
            self.add_error("serie_bis", _("Please say until when the series repeats."))
        return data

    def wunsch(self, **extra) -> Buchungswunsch:
        """The booking the valid form asks for."""
        d = self.cleaned_data
        return Buchungswunsch(
            raum=d["raum"],
            zusatzraeume=list(d["zusatzraeume"]),
            beginn=lokal(d["datum"], d["von"]),
            ende=lokal(d["datum"], d["bis"]),
            zweck=d["zweck"],
            art=d["art"],
            personen=d["personen"],
            akteur=d["akteur"],
            name=d.get("name", ""),
            telefon=d.get("telefon", ""),
            email=d.get("email", ""),
            ausstattung=d.get("ausstattung", []),
            **extra,
        )

    def serie_angaben(self) -> dict:
        """The repetition asked for (`regel` empty: one date only), for `wunsch_buchen`."""
        return {"regel": self.cleaned_data["wiederholung"], "bis": self.cleaned_data["serie_bis"]}


class SucheForm(_Helper, forms.Form):
    """Availability search: date, time range, people, equipment."""

    datum = forms.DateField(label=_("Date"), widget=DatumInput)
    von = forms.TimeField(label=_("From"), widget=VIERTELSTUNDEN, initial=time(18))
    bis = forms.TimeField(label=_("Until"), widget=VIERTELSTUNDEN, initial=time(20))
    personen = forms.IntegerField(label=_("People"), min_value=1, max_value=1000, initial=10)
    ausstattung = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Ausstattung.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate() + timedelta(days=7)
        self._helper()

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        vorlauf = Raum.objects.filter(aktiv=True).aggregate(m=Max("vorlauf_max"))["m"]
        return datum_pruefen(datum, vorlauf or timedelta(days=365))

    def clean(self):
        data = super().clean()
        ende_nach_beginn(self)
        return data


class BuchungForm(_Helper, _WunschForm):
    """A partner's request: one date or a series, for one of their actors."""

    class BeiKonflikt(models.TextChoices):
        REST = "rest", _("book the free dates and list the taken ones")
        NICHTS = "nichts", _("book nothing")

    akteur = forms.ModelChoiceField(label=_("Actor"), queryset=Akteur.objects.none())
    ausstattung = forms.MultipleChoiceField(
        label=_("Equipment needed"),
        choices=Ausstattung.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bei_konflikt = forms.ChoiceField(
        label=_("If some dates are taken"),
        choices=BeiKonflikt.choices,
        initial=BeiKonflikt.REST,
        widget=forms.RadioSelect,
        required=False,
    )
    nutzungsvereinbarung = forms.BooleanField(
        label=_("I accept the terms of use shown above on behalf of the actor."),
        error_messages={"required": _("Please accept the terms of use to send the request.")},
    )

    field_order = [
        "akteur",
        "raum",
        "zusatzraeume",
        "datum",
        "von",
        "bis",
        "art",
        "zweck",
        "personen",
        "ausstattung",
        "wiederholung",
        "serie_bis",
        "bei_konflikt",
        "nutzungsvereinbarung",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, raeume=Raum.objects.fuer(user), **kwargs)
        self.fields["akteur"].queryset = user.akteure.order_by("name")
        self.fields["zusatzraeume"].help_text = _(
            "Rooms bookable only together with another, e.g. the kitchen with the hall."
        )
        self._helper()

    def clean_datum(self):
        return datum_pruefen(self.cleaned_data["datum"], None)

    def clean(self):
        data = super().clean()
        raum = data.get("raum")
        if raum and data.get("datum"):
            try:
                datum_pruefen(data["datum"], raum.vorlauf_max, raum=raum)
            except forms.ValidationError as exc:
                self.add_error("datum", exc)
        for zusatz in data.get("zusatzraeume") or []:
            if raum and zusatz.nur_mit_id != raum.pk:
                self.add_error(
                    "zusatzraeume",
                    _("%(zusatz)s can only be booked together with %(haupt)s.")
                    % {"zusatz": zusatz.name, "haupt": zusatz.nur_mit.name},
                )
        if data.get("wiederholung") and data.get("serie_bis") and data.get("datum"):
            if data["serie_bis"] <= data["datum"]:
                self.add_error("serie_bis", _("The series must end after its first date."))
            elif (data["serie_bis"] - data["datum"]).days > 366:
                self.add_error("serie_bis", _("A series can run for at most one year."))
        if raum and data.get("personen") and data["personen"] > raum.kapazitaet:
            self.add_error(
                "personen",
                _("%(raum)s holds at most %(kapazitaet)s people.")
                % {"raum": raum.name, "kapazitaet": raum.kapazitaet},
            )
        return data


def _umfang_feld(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Which dates"),
        choices=Umfang.choices,
        initial=Umfang.DIESE,
        required=False,
        **kwargs,
    )


class _TermineForm(_Helper, forms.Form):
    """A partner's change of a booking: of a series, this date, the following or all."""

    umfang = _umfang_feld(widget=forms.RadioSelect)

    def __init__(self, *args, serie: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if serie:
            self.order_fields([name for name in self.fields if name != "umfang"] + ["umfang"])
        else:
            del self.fields["umfang"]
        self._helper()


class StornoForm(_TermineForm):
    grund = forms.CharField(label=_("Reason"), max_length=500)


class AenderungForm(_TermineForm):
    von = forms.TimeField(label=_("From"), widget=VIERTELSTUNDEN)
    bis = forms.TimeField(label=_("Until"), widget=VIERTELSTUNDEN)
    zweck = forms.CharField(label=_("Purpose"), max_length=200)
    personen = forms.IntegerField(label=_("Expected people"), min_value=1, max_value=1000)

    def clean(self):
        data = super().clean()
        ende_nach_beginn(self)
        return data


class EntscheidungForm(forms.Form):
    """Staff: confirm, decline or cancel a booking (with reason)."""

    class Aktion(models.TextChoices):
        BESTAETIGEN = "bestaetigen", _("Confirm")
        ABLEHNEN = "ablehnen", _("Decline")
        STORNIEREN = "stornieren", pgettext_lazy("booking", "Cancel")

    aktion = forms.ChoiceField(
        label=_("Decision"), choices=Aktion.choices, widget=forms.RadioSelect
    )
    grund = forms.CharField(
        label=_("Reason (for declining or cancelling)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    umfang = _umfang_feld()

    def __init__(self, *args, buchung, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the decisions the booking's status allows (the services refuse the rest):
        # a request is confirmed or declined, a confirmed booking can only be cancelled.
        erlaubt = self.erlaubte_aktionen(buchung)
        self.fields["aktion"].choices = [c for c in self.Aktion.choices if c[0] in erlaubt]

    @classmethod
    def erlaubte_aktionen(cls, buchung) -> list[str]:
        if buchung.status == Buchung.Status.ANGEFRAGT:
            return [cls.Aktion.BESTAETIGEN, cls.Aktion.ABLEHNEN, cls.Aktion.STORNIEREN]
        if buchung.status == Buchung.Status.BESTAETIGT:
            return [cls.Aktion.STORNIEREN]
        return []

    def clean(self):
        data = super().clean()
        if data.get("aktion") != self.Aktion.BESTAETIGEN and not data.get("grund"):
            self.add_error("grund", _("Please give a reason."))
        return data


class PersonalBuchungForm(_WunschForm):
    """Staff book for anyone: an actor or a resident who phoned."""

    akteur = forms.ModelChoiceField(
        label=_("Actor"), queryset=Akteur.objects.none(), required=False
    )
    name = forms.CharField(label=_("or name of the person"), max_length=150, required=False)
    telefon = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    field_order = ["raum", "zusatzraeume", "akteur", "name", "telefon", "email"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, raeume=Raum.objects.fuer(user), **kwargs)
        self.fields["akteur"].queryset = Akteur.objects.fuer(user)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum.year not in parameter.JAHRE:
            raise forms.ValidationError(_("Please enter a date between 2000 and 2100."))
        return datum

    def clean(self):
        data = super().clean()
        if not data.get("akteur") and not data.get("name"):
            self.add_error("name", _("Please choose an actor or enter a name."))
        return data


class UebergabeForm(ModelForm):
    """Handover in the back office: the checklist as tick boxes, a damage photo made safe."""

    checkliste = forms.MultipleChoiceField(
        label=_("checklist"),
        choices=Uebergabe.Checkpunkt.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    foto = SafeImageField(label=_("Add a damage photo"), required=False)
    foto_beschreibung = forms.CharField(
        label=_("Photo description"), max_length=200, required=False
    )

    class Meta:
        model = Uebergabe
        fields = [
            "buchung",
            "schluessel_ausgegeben",
            "schluessel_zurueck",
            "checkliste",
            "schaeden",
            "foto",
            "foto_beschreibung",
            "kaution",
            "kaution_betrag",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        erledigt = self.instance.checkliste or {}
        self.initial["checkliste"] = [p.value for p in Uebergabe.Checkpunkt if erledigt.get(p)]

    def clean_checkliste(self) -> dict[str, bool]:
        """Stored as every item with done or not, as before."""
        erledigt = set(self.cleaned_data["checkliste"])
        return {p.value: p.value in erledigt for p in Uebergabe.Checkpunkt}

    def clean(self):
        data = super().clean()
        if data.get("kaution") in (Uebergabe.Kaution.HINTERLEGT, Uebergabe.Kaution.EINBEHALTEN):
            if data.get("kaution_betrag") is None:
                self.add_error("kaution_betrag", _("Please enter the amount of the deposit."))
        return data


class RaumfotoForm(ModelForm):
    """A photo of a room, made safe (type, size, metadata stripped) on upload."""

    bild = SafeImageField(label=_("photo"))

    class Meta:
        model = Raumfoto
        fields = ["bild", "alt", "reihenfolge"]
