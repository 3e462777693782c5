from datetime import date, timedelta

import django_filters
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.filters import ZielgruppeFilter
from netzwerk.models import Akteur
from quartier.kalender import monatsanfang_danach, woche

from . import kalender
from .models import Veranstaltung


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
    veranstalter = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        # Only public actors with released public events: nobody else's name is listed.
        queryset=Akteur.objects.oeffentlich().filter(
            pk__in=Veranstaltung.objects.oeffentlich().values("veranstalter")
        ),
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
