import django_filters
from django.utils.translation import gettext_lazy as _

from quartier.forms import DatumInput

from .models import Anliegen, Kategorie, Status

OEFFENTLICHE_STATUS = [
    (s.value, s.label) for s in Status if s not in (Status.DUPLIKAT, Status.ZURUECKGEZOGEN)
]


class AnliegenFilter(django_filters.FilterSet):
    """Filters of the public documentation."""

    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Anliegen.Art.choices, empty_label=_("all")
    )
    kategorie = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Kategorie.objects, empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OEFFENTLICHE_STATUS, empty_label=_("all")
    )
    von = django_filters.DateFilter(
        label=_("Received from"),
        field_name="eingegangen_at",
        lookup_expr="date__gte",
        widget=DatumInput,
    )
    bis = django_filters.DateFilter(
        label=_("Received until"),
        field_name="eingegangen_at",
        lookup_expr="date__lte",
        widget=DatumInput,
    )

    class Meta:
        model = Anliegen
        fields = ["art", "kategorie", "status", "von", "bis"]

    def __init__(self, *args, quartier=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Kategorie.objects.filter(quartier=quartier) if quartier else Kategorie.objects.none()
        self.filters["kategorie"].queryset = qs
        for f in self.form.fields.values():
            f.required = False
