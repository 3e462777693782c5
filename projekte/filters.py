from datetime import date

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Handlungsfeld

from .models import OEFFENTLICHE_STATUS, Projekt

# The public list offers the years from the first projects on the portal to next year.
ERSTES_JAHR = 2015


def jahre() -> list[tuple[int, str]]:
    bis = timezone.localdate().year + 1
    return [(jahr, str(jahr)) for jahr in range(bis, ERSTES_JAHR - 1, -1)]


class ProjektFilter(django_filters.FilterSet):
    """The public list's filters: field of action, status and the year a project ran in."""

    handlungsfeld = django_filters.ModelChoiceFilter(
        label=_("Field of action"),
        field_name="handlungsfelder",
        to_field_name="slug",
        queryset=Handlungsfeld.objects.all(),
        empty_label=_("all fields of action"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in OEFFENTLICHE_STATUS],
        empty_label=_("all states"),
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Projekt.Art.choices, empty_label=_("all kinds")
    )
    jahr = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=jahre,
        empty_label=_("all years"),
        method="filter_jahr",
    )

    class Meta:
        model = Projekt
        fields = ["handlungsfeld", "status", "art", "jahr"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def filter_jahr(self, queryset, name, value):
        """The projects that ran at some time of the year: begun by its end, not ended
        before it began. A project without dates counts in no year."""
        jahr = int(value)  # one of the offered years: the form has checked it
        anfang, ende = date(jahr, 1, 1), date(jahr, 12, 31)
        return queryset.filter(von__lte=ende).filter(Q(bis__isnull=True) | Q(bis__gte=anfang))
