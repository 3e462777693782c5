"""The public sections, in the order of the main navigation.

A section appears once its app routes the URL name; sections not built yet stay hidden.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    label: Promise
    icon: str


SECTIONS = [
    Section("anliegen:anliegen_list", _("Concerns"), "chat-square-text"),
    Section("veranstaltungen:veranstaltung_list", _("Events"), "calendar-event"),
    Section("raeume:raum_list", _("Rooms"), "door-open"),
    Section("netzwerk:akteur_list", _("Network"), "diagram-3"),
    Section("projekte:projekt_list", _("Projects"), "lightbulb"),
    Section("zeitung:ausgabe_list", _("Newspaper"), "newspaper"),
]


@cache
def url_or_none(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def public_sections() -> list[tuple[Section, str]]:
    return [(s, url) for s in SECTIONS if (url := url_or_none(s.url_name))]
