from django.conf import settings

from .models import Quartier


def default_quartier() -> Quartier | None:
    """The area this installation presents first (DEFAULT_QUARTIER, else the oldest)."""
    qs = Quartier.objects.order_by("pk")
    if settings.DEFAULT_QUARTIER:
        return qs.filter(slug=settings.DEFAULT_QUARTIER).first() or qs.first()
    return qs.first()
