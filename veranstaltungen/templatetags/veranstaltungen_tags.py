from django import template

from ..models import Veranstaltung

register = template.Library()


@register.simple_tag
def naechste_veranstaltungen(quartier, anzahl: int = 3):
    """The next public events of an area with their places taken (one query), for the
    home page."""
    if quartier is None:
        return []
    return list(
        Veranstaltung.objects.base_queryset()
        .oeffentlich()
        .kommend()
        .filter(quartier=quartier)
        .mit_belegung()
        .order_by("beginn")[:anzahl]
    )
