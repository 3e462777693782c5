from datetime import date, timedelta

import django_filters
from django import forms
from django.db import models
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.filters import ZielgruppeFilter
from netzwerk.models import Akteur
from quartier.cache import quartier_id_of
from quartier.forms import LangeAuswahl
from quartier.kalender import monatsanfang_danach, woche

from . import kalender
from .models import Veranstaltung


class _AuswahlIterator(ModelChoiceIterator):
    """The offered organisers as (pk, name) rows: no model instances for the options."""

    def __init__(self, field):
        super().__init__(field)
        auswahl = getattr(field, "_auswahl", None)
        if auswahl is not None:
            self.queryset = auswahl

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class VeranstalterField(forms.ModelChoiceField):
    """Accepts every public organiser (a subscribed feed keeps its filter when the
    organiser has nothing coming), but offers as `<option>` only `auswahl`: those with
    coming public events (in the area shown), by name, fetching only pk and name. At city
    scale the full list was 8,000 options and a sort of whole actor rows on every request."""

    iterator = _AuswahlIterator
    widget = LangeAuswahl

    def __init__(self, *args, auswahl=None, **kwargs):
        self._auswahl = None
        super().__init__(*args, **kwargs)
        self._auswahl = auswahl
        self.widget.choices = self.choices

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._auswahl = self._auswahl
        result.widget.choices = result.choices
        return result


class VeranstalterFilter(django_filters.ModelChoiceFilter):
    field_class = VeranstalterField


def veranstalter_auswahl(request=None):
    """The organisers offered in the filter: public actors with coming public events."""
    events = Veranstaltung.objects.oeffentlich().kommend()
    quartier_id = quartier_id_of(request)
    if quartier_id is not None:
        events = events.filter(quartier_id=quartier_id)
    return (
        Akteur.objects.oeffentlich()
        .filter(pk__in=events.values("veranstalter"))
        .only("pk", "name")
        .order_by("name", "pk")
    )


class VeranstaltungFilter(django_filters.FilterSet):
    """The public calendar's filters; the same as query parameters of the feed."""

    class Zeitraum(models.TextChoices):
        HEUTE = "heute", _("today")
        WOCHE = "woche", _("this week")
        MONAT = "monat", _("this month")

    zeitraum = django_filters.ChoiceFilter(
        label=_("When"),
        choices=Zeitraum.choices,
        method="filter_zeitraum",
        empty_label=_("all coming"),
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Veranstaltung.Art.choices, empty_label=_("all kinds")
    )
    zielgruppe = ZielgruppeFilter(label=_("For"))
    veranstalter = VeranstalterFilter(
        label=_("Organiser"),
        # Only public actors with released public events: nobody else's name is listed.
        queryset=Akteur.objects.oeffentlich()
        .filter(pk__in=Veranstaltung.objects.oeffentlich().values("veranstalter"))
        .only("pk", "name"),
        empty_label=_("all organisers"),
    )
    kostenlos = django_filters.BooleanFilter(
        label=_("Free of charge"), method="filter_kostenlos", widget=forms.CheckboxInput
    )
    # The parameter keeps its name `barrierefrei` (subscribed feed URLs use it); it
    # filters step-free events (`Veranstaltung.stufenlos`).
    barrierefrei = django_filters.BooleanFilter(
        label=_("Step-free"), method="filter_stufenlos", widget=forms.CheckboxInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["veranstalter"].extra["auswahl"] = veranstalter_auswahl(self.request)

    class Meta:
        model = Veranstaltung
        fields = ["zeitraum", "art", "zielgruppe", "veranstalter", "kostenlos", "barrierefrei"]

    @staticmethod
    def zeitraum_bis(value) -> date | None:
        """The first day no longer shown for "today", "this week" or "this month"."""
        heute = timezone.localdate()
        if value == VeranstaltungFilter.Zeitraum.HEUTE:
            return heute + timedelta(days=1)
        if value == VeranstaltungFilter.Zeitraum.WOCHE:
            return woche(heute).stop
        if value == VeranstaltungFilter.Zeitraum.MONAT:
            return monatsanfang_danach(heute)
        return None

    def filter_zeitraum(self, queryset, name, value):
        bis = self.zeitraum_bis(value)
        return queryset if bis is None else queryset.filter(beginn__date__lt=bis)

    def sitzungen(self, qs):
        """The public committee meetings that match these filters (see `kalender`)."""
        daten = {}
        if self.is_bound:
            self.form.is_valid()  # invalid values are ignored, as for the events
            daten = dict(self.form.cleaned_data)
        daten["bis"] = self.zeitraum_bis(daten.get("zeitraum"))
        return kalender.sitzungen_filtern(qs, daten)

    def filter_kostenlos(self, queryset, name, value):
        return queryset.filter(kosten=0) if value else queryset

    def filter_stufenlos(self, queryset, name, value):
        return queryset.filter(stufenlos=True) if value else queryset
