import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.models import Wochentag

from .models import Akteur, Angebot, Handlungsfeld, Sprache, Zielgruppe


class SucheFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_suche",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. homework")}),
    )
    zielgruppe = django_filters.ChoiceFilter(
        label=_("Target group"),
        choices=Zielgruppe.choices,
        empty_label=_("all target groups"),
        method="filter_array",
        field_name="zielgruppen",
    )
    sprache = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Sprache.choices,
        empty_label=_("all languages"),
        method="filter_array",
        field_name="sprachen",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            else:
                widget.attrs.setdefault("class", "form-control")

    def filter_suche(self, queryset, name, value):
        return queryset.suche(value)

    def filter_array(self, queryset, name, value):
        return queryset.filter(**{f"{name}__contains": [value]})


class AkteurFilter(SucheFilterMixin):
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Akteur.Art.choices, empty_label=_("all kinds")
    )
    handlungsfeld = django_filters.ModelChoiceFilter(
        label=_("Field of action"),
        field_name="handlungsfelder",
        to_field_name="slug",
        queryset=Handlungsfeld.objects.all(),
        empty_label=_("all fields of action"),
    )

    class Meta:
        model = Akteur
        fields = ["q", "art", "handlungsfeld", "zielgruppe", "sprache"]


class AngebotFilter(SucheFilterMixin):
    wochentag = django_filters.ChoiceFilter(
        label=_("Weekday"), choices=Wochentag.choices, empty_label=_("any day")
    )
    kostenlos = django_filters.BooleanFilter(
        label=_("Free of charge only"),
        widget=forms.CheckboxInput,
        method="filter_kostenlos",
    )

    class Meta:
        model = Angebot
        fields = ["q", "zielgruppe", "sprache", "wochentag", "kostenlos"]

    def filter_kostenlos(self, queryset, name, value):
        return queryset.filter(kostenlos=True) if value else queryset
