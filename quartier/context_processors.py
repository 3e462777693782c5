from django.utils.functional import SimpleLazyObject

from .models import Seite
from .navigation import public_sections, url_or_none
from .services import default_quartier


def portal(request):
    return {
        "nav_sections": [
            {
                "url": url,
                "label": section.label,
                "icon": section.icon,
                "active": request.path.startswith(url),
                "current": request.path == url,
            }
            for section, url in public_sections()
        ],
        "legal_pages": Seite.Art,
        # Fetched only when a template uses it (the footer does: one query per page).
        "office": SimpleLazyObject(default_quartier),
        "anliegen_melden_url": url_or_none("anliegen:anliegen_create"),
        "raum_buchen_url": url_or_none("raeume:raum_list"),
        "veranstaltungen_url": url_or_none("veranstaltungen:veranstaltung_list"),
    }
