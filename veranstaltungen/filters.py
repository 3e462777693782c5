from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur, Zielgruppe

from .models import Veranstaltung


class VeranstaltungFilter(django_filters.FilterSet):
    """The public calendar's filters; the same as query parameters of the feed."""

    ZEITRAEUME = [
        ("heute", _("today")),
        ("woche", _("this week")),
        ("monat", _("this month")),
    ]

    zeitraum = django_filters.ChoiceFilter(
        label=_("When"), choices=ZEITRAEUME, method="filter_zeitraum", empty_label=_("all coming")
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Veranstaltung.Art.choices, empty_label=_("all kinds")
    )
    zielgruppe = django_filters.ChoiceFilter(
        label=_("For"),
        choices=Zielgruppe.choices,
        method="filter_zielgruppe",
        empty_label=_("everyone"),
    )
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
    barrierefrei = django_filters.BooleanFilter(
        label=_("Step-free"), method="filter_barrierefrei", widget=forms.CheckboxInput
    )

    class Meta:
        model = Veranstaltung
        fields = ["zeitraum", "art", "zielgruppe", "veranstalter", "kostenlos", "barrierefrei"]

    def filter_zeitraum(self, queryset, name, value):
        heute = timezone.localdate()
        if value == "heute":
            bis = heute + timedelta(days=1)
        elif value == "woche":
            bis = heute + timedelta(days=7 - heute.weekday())
        elif value == "monat":
            bis = (heute.replace(day=1) + timedelta(days=32)).replace(day=1)
        else:
            return queryset
        return queryset.filter(beginn__date__lt=bis)

    def filter_zielgruppe(self, queryset, name, value):
        return queryset.filter(zielgruppen__contains=[value]) if value else queryset

    def filter_kostenlos(self, queryset, name, value):
        return queryset.filter(kosten=0) if value else queryset

    def filter_barrierefrei(self, queryset, name, value):
        return queryset.filter(barrierefrei=True) if value else queryset
