"""The public sections, in the order of the main navigation.

A fixed list of the sections that exist; every entry is reversed on each page, so a wrong URL
name fails at once instead of hiding the entry. A section is added here with its app.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    label: Promise
    icon: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


SECTIONS = [
    Section("anliegen:anliegen_list", _("Concerns"), "chat-square-text"),
    Section("veranstaltungen:veranstaltung_list", _("Events"), "calendar-event"),
    Section("raeume:raum_list", _("Rooms"), "door-open"),
    Section("netzwerk:akteur_list", _("Network"), "diagram-3"),
    Section("projekte:projekt_list", _("Projects"), "kanban"),
    Section("verfuegungsfonds:fonds", _("Verfügungsfonds"), "piggy-bank"),
    Section("zeitung:ausgabe_list", _("Newspaper"), "newspaper"),
]
