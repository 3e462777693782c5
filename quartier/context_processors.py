from django.utils.functional import SimpleLazyObject

from .models import Seite
from .navigation import SECTIONS
from .services import default_quartier


def portal(request):
    nav_sections = []
    for section in SECTIONS:
        url = section.url
        nav_sections.append(
            {
                "url": url,
                "label": section.label,
                "icon": section.icon,
                "active": request.path.startswith(url),
                "current": request.path == url,
            }
        )
    return {
        "nav_sections": nav_sections,
        "legal_pages": Seite.Art,
        # The request's area (quartier.bereich); fetched only when a template uses it (the
        # footer does: one query per page without prefix, none more under `/q/<slug>/`).
        "office": (
            request.quartier if hasattr(request, "quartier") else SimpleLazyObject(default_quartier)
        ),
    }
