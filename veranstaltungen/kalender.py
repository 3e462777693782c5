"""The public calendar: the area's events and the public meetings of public committees.

Committee meetings (`netzwerk.Sitzung`) belong to Netzwerk; the calendar shows them next to
the events, as kind "Sitzung", linking to the committee's page. They have no end time, so
the calendar gives them `SITZUNG_DAUER`. The list pages over both sources with one SQL
UNION (ordered by start), so its query count stays fixed whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.models import Sitzung
from quartier import ical

from .models import Anmeldestatus, Veranstaltung

SITZUNG_DAUER = timedelta(hours=2)


class Quelle(models.IntegerChoices):
    """Where a row of the calendar's UNION comes from."""

    VERANSTALTUNG = 0
    SITZUNG = 1


@dataclass
class Kalendersitzung:
    """A public committee meeting as the calendar shows it (the attributes of an event
    card: kind "Sitzung", free of charge, no registration, linking to the committee)."""

    sitzung: Sitzung

    anmeldung = False
    abgesagt = False
    absage_notiz = ""
    kostenlos = True
    stufenlos = False

    @property
    def pk(self) -> int:
        return self.sitzung.pk

    @property
    def uid(self) -> str:
        return f"sitzung-{self.sitzung.pk}@quartier"

    @property
    def beginn(self) -> datetime:
        return self.sitzung.beginn

    @property
    def ende(self) -> datetime:
        return self.sitzung.beginn + SITZUNG_DAUER

    @property
    def titel(self) -> str:
        return _("%(gremium)s: public meeting") % {"gremium": self.sitzung.gremium.name}

    @property
    def veranstaltungsort(self) -> str:
        return self.sitzung.adresse

    def anmeldestatus(self, jetzt=None) -> Anmeldestatus:
        """Open to everyone without registration, as events without registration."""
        if self.ende < (jetzt or timezone.now()):
            return Anmeldestatus.VORBEI
        return Anmeldestatus.OHNE_ANMELDUNG

    def get_art_display(self) -> str:
        return str(Veranstaltung.Art.SITZUNG.label)

    def get_absolute_url(self) -> str:
        return self.sitzung.gremium.get_absolute_url()

    def termin(self) -> ical.Termin:
        return ical.Termin(
            uid=self.uid,
            beginn=self.beginn,
            ende=self.ende,
            titel=self.titel,
            ort=self.veranstaltungsort,
            beschreibung="\n".join(self.sitzung.tagesordnung_punkte()),
            url=settings.SITE_URL + self.get_absolute_url(),
        )


def oeffentliche_sitzungen(quartier):
    """Public meetings of the area's public committees."""
    return (
        Sitzung.objects.oeffentlich().filter(gremium__quartier=quartier).select_related("gremium")
    )


def sitzungen_filtern(qs, daten: dict):
    """Apply the calendar's filters (the event filter's cleaned data) to meetings.

    Meetings are of kind "Sitzung", free of charge and open to everyone, so they are found
    with every target group (as everything for everyone is, see `ZielgruppeFilter`); they
    have no organiser among the actors and no step-free information, so filtering by an
    organiser or by step-free access leaves them out.
    """
    art = daten.get("art")
    if art and art != Veranstaltung.Art.SITZUNG:
        return qs.none()
    if daten.get("veranstalter") or daten.get("barrierefrei"):
        return qs.none()
    bis = daten.get("bis")
    if bis is not None:
        qs = qs.filter(beginn__date__lt=bis)
    return qs


def seiten_zeilen(veranstaltungen, sitzungen):
    """(source, pk, start) of both, as one ordered UNION that a paginator can slice."""
    v = (
        veranstaltungen.order_by()
        .annotate(quelle=Value(Quelle.VERANSTALTUNG, output_field=IntegerField()))
        .values_list("quelle", "pk", "beginn")
    )
    s = (
        sitzungen.order_by()
        .annotate(quelle=Value(Quelle.SITZUNG, output_field=IntegerField()))
        .values_list("quelle", "pk", "beginn")
    )
    return v.union(s, all=True).order_by("beginn", "quelle", "pk")


def eintraege(zeilen, veranstaltungen, sitzungen) -> list:
    """The objects for a page of `seiten_zeilen` rows, in their order (two queries)."""
    zeilen = list(zeilen)
    v_ids = [pk for quelle, pk, _beginn in zeilen if quelle == Quelle.VERANSTALTUNG]
    s_ids = [pk for quelle, pk, _beginn in zeilen if quelle == Quelle.SITZUNG]
    v_by_id = {v.pk: v for v in veranstaltungen.filter(pk__in=v_ids)} if v_ids else {}
    s_by_id = {s.pk: Kalendersitzung(s) for s in sitzungen.filter(pk__in=s_ids)} if s_ids else {}
    quellen = {Quelle.VERANSTALTUNG: v_by_id, Quelle.SITZUNG: s_by_id}
    return [quellen[quelle][pk] for quelle, pk, _beginn in zeilen if pk in quellen[quelle]]


def kommend(qs, jetzt=None):
    """Meetings not yet over."""
    return qs.filter(beginn__gte=(jetzt or timezone.now()) - SITZUNG_DAUER)
