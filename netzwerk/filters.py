import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from quartier.models import Wochentag

from .models import Akteur, Angebot, Handlungsfeld, Sprache, Zielgruppe


class _ZielgruppeFeld(ChoiceField):
    """Offers the target groups; `alle` (in links and feeds of before) stays a valid value."""

    def valid_value(self, value):
        return value == Zielgruppe.ALLE or super().valid_value(value)


class ZielgruppeFilter(django_filters.ChoiceFilter):
    """One target group and what is for everyone: a senior looking for offers for older
    people also finds those for everyone. So "everyone" is not a choice of its own beside
    "all target groups" (the empty choice, no filter)."""

    field_class = _ZielgruppeFeld

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "zielgruppen")
        kwargs.setdefault("empty_label", _("all target groups"))
        kwargs.setdefault("choices", [c for c in Zielgruppe.choices if c[0] != Zielgruppe.ALLE])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        gruppen = {value, Zielgruppe.ALLE}
        return qs.filter(**{f"{self.field_name}__overlap": sorted(gruppen)})


class SucheFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_suche",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. homework")}),
    )
    zielgruppe = ZielgruppeFilter(label=_("Target group"))
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
