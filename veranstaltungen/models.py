"""Events and their registrations. An event in one of the office's rooms books it through
`raeume` (the booking is the event's `buchung`)."""

import secrets
from collections import defaultdict
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur, Sprache, Zielgruppe
from quartier.bereich import url_im_quartier
from quartier.constraints import ConstraintFieldsMixin
from quartier.exports import Monat, Table
from quartier.forms import ENDE_NACH_BEGINN
from quartier.models import Quartier
from raeume.models import (
    Buchung,
    Raum,
    Serie,
    schadensfoto_pfad,  # noqa: F401 - named by migration 0003_sicherheit
)


class Anmeldestatus(models.TextChoices):
    """What every page, card and list says about taking part in an event
    (`Veranstaltung.anmeldestatus`, shown by `veranstaltungen/_anmeldestatus.html`)."""

    OHNE_ANMELDUNG = "ohne_anmeldung", _("no registration needed")
    ANMELDUNG = "anmeldung", _("registration needed")
    WENIGE_PLAETZE = "wenige_plaetze", _("only a few places left")
    WARTELISTE = "warteliste", _("fully booked – waiting list")
    AUSGEBUCHT = "ausgebucht", _("fully booked")
    GESCHLOSSEN = "geschlossen", _("registration closed")
    ABGESAGT = "abgesagt", pgettext_lazy("event", "cancelled")
    VORBEI = "vorbei", _("past")

    @property
    def css(self) -> str:
        """The badge's Bootstrap classes."""
        return ANMELDESTATUS_CSS[self]


ANMELDESTATUS_CSS = {
    Anmeldestatus.OHNE_ANMELDUNG: "text-bg-light border",
    Anmeldestatus.ANMELDUNG: "text-bg-info",
    Anmeldestatus.WENIGE_PLAETZE: "text-bg-warning",
    Anmeldestatus.WARTELISTE: "text-bg-warning",
    Anmeldestatus.AUSGEBUCHT: "text-bg-secondary",
    Anmeldestatus.GESCHLOSSEN: "text-bg-secondary",
    Anmeldestatus.ABGESAGT: "text-bg-danger",
    Anmeldestatus.VORBEI: "text-bg-secondary",
}

# "Only a few places left" when at most this share of the places is free.
WENIGE_PLAETZE_ANTEIL = Decimal("0.2")


class Freigabestatus(models.TextChoices):
    """Where a partner's event stands in the office's review (`Veranstaltung.freigabestatus`,
    shown by `veranstaltungen/_freigabestatus.html`)."""

    WARTET = "wartet", _("waiting for review")
    VEROEFFENTLICHT = "veroeffentlicht", _("published")
    INTERN = "intern", _("reviewed, not public")

    @property
    def css(self) -> str:
        return FREIGABESTATUS_CSS[self]


FREIGABESTATUS_CSS = {
    Freigabestatus.WARTET: "text-bg-warning",
    Freigabestatus.VEROEFFENTLICHT: "text-bg-success",
    Freigabestatus.INTERN: "text-bg-secondary",
}


class VeranstaltungQuerySet(models.QuerySet):
    def base_queryset(self):
        return self.select_related("quartier", "veranstalter", "raum")

    def oeffentlich(self):
        return self.filter(oeffentlich=True, freigegeben=True)

    def kommend(self, jetzt=None):
        return self.filter(ende__gte=jetzt or timezone.now())

    def mit_belegung(self):
        """Annotate the people registered (companions included) and waiting.

        Subqueries per event, not a join with GROUP BY: grouping joined the whole rows of
        event, area, organiser and room and sorted them (at city scale 490 ms for the month
        view's 950 events, against a few ms this way)."""

        def summe(bedingung):
            personen = (
                Anmeldung.objects.filter(bedingung, veranstaltung=OuterRef("pk"))
                .order_by()
                .values("veranstaltung")
                .annotate(summe=Sum("personen"))
                .values("summe")
            )
            return Coalesce(Subquery(personen, output_field=models.IntegerField()), 0)

        return self.annotate(
            angemeldet_personen=summe(Q(status=Anmeldung.Status.ANGEMELDET)),
            warteliste_personen=summe(Q(status=Anmeldung.Status.WARTELISTE)),
            anwesend_personen=summe(Q(anwesend=True) & ~Q(status=Anmeldung.Status.STORNIERT)),
        )

    def zahlen(self, jahr: int, *, jetzt=None) -> Table:
        """Events and participants per month, kind and target group, of held, published
        events (begun by `jetzt`; one query; submissions waiting for review and cancelled
        events do not count). An event for several target groups counts in each.

        Participants are the people of confirmed registrations (companions included),
        checked in the people marked present; after the registrations' personal data was
        deleted, the counts kept on the event. Events without registration have no count:
        a row of such events only leaves these cells empty."""
        arten = dict(Veranstaltung.Art.choices)
        gruppen = dict(Zielgruppe.choices)
        summen: dict[tuple, list] = defaultdict(lambda: [0, None, None])
        qs = self if "angemeldet_personen" in self.query.annotations else self.mit_belegung()
        zeilen = (
            qs.filter(
                beginn__year=jahr,
                beginn__lte=jetzt or timezone.now(),
                status=Veranstaltung.Status.GEPLANT,
                freigegeben=True,
            )
            .order_by()
            .values(
                "beginn",
                "art",
                "zielgruppen",
                "anmeldung",
                "teilnehmende",
                "anwesende",
                "angemeldet_personen",
                "anwesend_personen",
            )
        )
        for v in zeilen:
            gezaehlt = v["anmeldung"] or v["teilnehmende"] is not None
            angemeldet = (
                v["teilnehmende"] if v["teilnehmende"] is not None else v["angemeldet_personen"]
            )
            anwesend = v["anwesende"] if v["anwesende"] is not None else v["anwesend_personen"]
            for gruppe in v["zielgruppen"] or ["alle"]:
                key = (
                    Monat.von(v["beginn"]),
                    str(arten.get(v["art"], v["art"])),
                    str(gruppen.get(gruppe, gruppe)),
                )
                summe = summen[key]
                summe[0] += 1
                if gezaehlt:
                    summe[1] = (summe[1] or 0) + angemeldet
                    summe[2] = (summe[2] or 0) + anwesend
        return Table(
            filename=f"veranstaltungen-{jahr}",
            title=gettext("Events"),
            header=[
                gettext("Month"),
                gettext("Kind"),
                gettext("Target group"),
                gettext("Events"),
                gettext("Participants"),
                gettext("People checked in"),
            ],
            rows=[[*key, *summe] for key, summe in sorted(summen.items())],
        )


class Veranstaltung(ConstraintFieldsMixin, models.Model):
    """An event in the district: the office's or an actor's, public or internal."""

    class Art(models.TextChoices):
        SPAZIERGANG = "spaziergang", _("District walk")
        LESUNG = "lesung", _("Reading")
        VORTRAG = "vortrag", _("Talk")
        FEST = "fest", _("Festival")
        KURS = "kurs", _("Course")
        BERATUNG = "beratung", _("Advice / office hours")
        SITZUNG = "sitzung", _("Meeting of a committee")
        TREFFEN = "treffen", _("Get-together")
        SONSTIGES = "sonstiges", _("Other")

    class Status(models.TextChoices):
        GEPLANT = "geplant", _("planned")
        ABGESAGT = "abgesagt", _("cancelled")

    quartier = models.ForeignKey(
        Quartier, on_delete=models.PROTECT, related_name="veranstaltungen", verbose_name=_("area")
    )
    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    zielgruppen = ArrayField(
        models.CharField(max_length=20, choices=Zielgruppe.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    sprachen = ArrayField(
        models.CharField(max_length=5, choices=Sprache.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    veranstalter = models.ForeignKey(
        Akteur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="veranstaltungen",
        verbose_name=_("organiser"),
        help_text=_("Empty: the neighbourhood office."),
    )
    beginn = models.DateTimeField(_("start"))
    ende = models.DateTimeField(_("end"))
    raum = models.ForeignKey(
        Raum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="veranstaltungen",
        verbose_name=_("room"),
        help_text=_("One of the office's rooms: it is booked with the event."),
    )
    buchung = models.OneToOneField(
        Buchung,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="veranstaltung",
        verbose_name=_("room booking"),
    )
    serie = models.ForeignKey(
        Serie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="veranstaltungen",
        verbose_name=_("series"),
    )
    adresse = models.CharField(_("address"), max_length=200, blank=True)
    barrierefreiheit_hinweis = models.CharField(
        _("note on accessibility"), max_length=300, blank=True
    )
    stufenlos = models.BooleanField(_("step-free access"), default=False)
    kosten = models.DecimalField(
        _("cost (EUR)"), max_digits=7, decimal_places=2, default=Decimal(0)
    )
    bild = models.ImageField(_("image"), upload_to="veranstaltungen/", blank=True)
    oeffentlich = models.BooleanField(_("public"), default=True)
    freigegeben = models.BooleanField(
        _("reviewed"), default=True, help_text=_("Events submitted by partners wait for review.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    absage_notiz = models.CharField(_("cancellation note"), max_length=300, blank=True)
    anmeldung = models.BooleanField(_("registration required"), default=False)
    kapazitaet = models.PositiveIntegerField(_("places"), null=True, blank=True)
    anmeldeschluss = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    reservierte_plaetze = models.PositiveIntegerField(
        _("places kept for residents of the area"), default=0
    )
    fragen = models.TextField(
        _("questions when registering"),
        blank=True,
        help_text=_("One question per line, e.g. accessibility needs or childcare."),
    )
    teilnehmende = models.PositiveIntegerField(
        _("people registered (kept for reports)"),
        null=True,
        blank=True,
        help_text=_("Filled when the registrations' personal data is deleted after the event."),
    )
    anwesende = models.PositiveIntegerField(
        _("people checked in (kept for reports)"),
        null=True,
        blank=True,
        help_text=_("Filled when the registrations' personal data is deleted after the event."),
    )
    uid = models.CharField(_("calendar UID"), max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = VeranstaltungQuerySet.as_manager()

    constraint_fields = {
        "veranstaltung_ende": "ende",
        "veranstaltung_absage_mit_notiz": "absage_notiz",
        "veranstaltung_anmeldung_mit_plaetzen": "kapazitaet",
        "veranstaltung_raum_oder_adresse": "adresse",
        "veranstaltung_reserviert_hoechstens_kapazitaet": "reservierte_plaetze",
    }

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["beginn"]
        indexes = [models.Index(fields=["quartier", "beginn"], name="veranstaltung_beginn_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")),
                name="veranstaltung_ende",
                violation_error_message=ENDE_NACH_BEGINN,
            ),
            models.CheckConstraint(
                condition=~Q(status="abgesagt") | ~Q(absage_notiz=""),
                name="veranstaltung_absage_mit_notiz",
                violation_error_message=_("Please give a note why the event is cancelled."),
            ),
            models.CheckConstraint(
                condition=Q(anmeldung=False) | Q(kapazitaet__gt=0),
                name="veranstaltung_anmeldung_mit_plaetzen",
                violation_error_message=_("An event with registration needs a number of places."),
            ),
            models.CheckConstraint(
                condition=Q(kosten__gte=0),
                name="veranstaltung_kosten",
                violation_error_message=_("The cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(raum__isnull=False) | ~Q(adresse=""),
                name="veranstaltung_raum_oder_adresse",
                violation_error_message=_("Please choose a room or enter an address."),
            ),
            models.CheckConstraint(
                condition=Q(reservierte_plaetze=0)
                | Q(kapazitaet__gte=models.F("reservierte_plaetze")),
                name="veranstaltung_reserviert_hoechstens_kapazitaet",
                violation_error_message=_(
                    "At most as many places can be kept for residents as there are places."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = f"veranstaltung-{secrets.token_hex(12)}@quartier"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_im_quartier(
            self.quartier_id, "veranstaltungen:veranstaltung_detail", kwargs={"pk": self.pk}
        )

    @property
    def kostenlos(self) -> bool:
        return self.kosten == 0

    @property
    def abgesagt(self) -> bool:
        return self.status == self.Status.ABGESAGT

    @property
    def veranstaltungsort(self) -> str:
        """What the event's page shows as its place: the room's name, else the address."""
        return self.raum.name if self.raum_id else self.adresse

    @property
    def wer(self) -> str:
        return self.veranstalter.name if self.veranstalter_id else self.quartier.buero_name

    def fragen_liste(self) -> list[str]:
        return [f.strip() for f in self.fragen.splitlines() if f.strip()]

    def anmeldung_offen(self, jetzt=None) -> bool:
        jetzt = jetzt or timezone.now()
        if not self.anmeldung or self.abgesagt or self.beginn <= jetzt:
            return False
        return self.anmeldeschluss is None or jetzt <= self.anmeldeschluss

    def belegung(self) -> tuple[int, int]:
        """(people registered, people waiting): from `mit_belegung()`'s annotations, else
        counted (one query; lists annotate so that they never count per row)."""
        if hasattr(self, "angemeldet_personen"):
            return self.angemeldet_personen, self.warteliste_personen
        summen = self.anmeldungen.aggregate(
            angemeldet=Sum("personen", filter=Q(status=Anmeldung.Status.ANGEMELDET)),
            warteliste=Sum("personen", filter=Q(status=Anmeldung.Status.WARTELISTE)),
        )
        self.angemeldet_personen = summen["angemeldet"] or 0
        self.warteliste_personen = summen["warteliste"] or 0
        return self.angemeldet_personen, self.warteliste_personen

    def freie_plaetze(self) -> int | None:
        """Places not taken (None without registration)."""
        if not self.anmeldung:
            return None
        return max((self.kapazitaet or 0) - self.belegung()[0], 0)

    def anmeldestatus(self, jetzt=None) -> Anmeldestatus:
        """The one answer to "can I take part, and how?" that every page shows.

        Someone waits (or no place is free): new registrations go to the waiting list, as
        `services.anmelden` does; registration closed (deadline or start passed) with no
        place free: fully booked."""
        jetzt = jetzt or timezone.now()
        if self.abgesagt:
            return Anmeldestatus.ABGESAGT
        if self.ende < jetzt:
            return Anmeldestatus.VORBEI
        if not self.anmeldung:
            return Anmeldestatus.OHNE_ANMELDUNG
        frei = self.freie_plaetze()
        if not self.anmeldung_offen(jetzt):
            return Anmeldestatus.AUSGEBUCHT if frei == 0 else Anmeldestatus.GESCHLOSSEN
        if frei == 0 or self.belegung()[1] > 0:
            return Anmeldestatus.WARTELISTE
        if frei <= self.kapazitaet * WENIGE_PLAETZE_ANTEIL:
            return Anmeldestatus.WENIGE_PLAETZE
        return Anmeldestatus.ANMELDUNG

    def freigabestatus(self) -> Freigabestatus:
        """Where the event stands in the office's review, as its partner reads it."""
        if not self.freigegeben:
            return Freigabestatus.WARTET
        return Freigabestatus.VEROEFFENTLICHT if self.oeffentlich else Freigabestatus.INTERN


class AnmeldungQuerySet(models.QuerySet):
    def angemeldet(self):
        return self.filter(status=Anmeldung.Status.ANGEMELDET)

    def warteliste(self):
        return self.filter(status=Anmeldung.Status.WARTELISTE)

    def aktiv(self):
        """Registered or waiting: not cancelled."""
        return self.exclude(status=Anmeldung.Status.STORNIERT)

    def personen(self) -> int:
        """The people of these registrations, companions included."""
        return self.aggregate(n=Sum("personen"))["n"] or 0

    def teilnehmerliste(self, dateiname: str, *, mit_veranstaltung: bool = False) -> Table:
        """Who is registered or waiting, by event, status and time of registering (for
        print, CSV and XLSX)."""
        spalten = [
            gettext("Name"),
            gettext("E-mail"),
            gettext("Phone"),
            gettext("People"),
            gettext("Status"),
            gettext("checked in"),
        ]
        anmeldungen = (
            self.aktiv()
            .select_related("veranstaltung")
            .order_by("veranstaltung__beginn", "veranstaltung", "status", "created_at")
        )
        return Table(
            filename=dateiname,
            title=gettext("Participants"),
            header=[gettext("Event"), *spalten] if mit_veranstaltung else spalten,
            rows=[
                ([a.veranstaltung.titel] if mit_veranstaltung else [])
                + [
                    a.name,
                    a.email,
                    a.telefon,
                    a.personen,
                    a.get_status_display(),
                    a.anwesend,
                ]
                for a in anmeldungen
            ],
        )


class Anmeldung(ConstraintFieldsMixin, models.Model):
    """A registration for an event (a party of `personen`), registered or waiting."""

    class Status(models.TextChoices):
        ANGEMELDET = "angemeldet", _("registered")
        WARTELISTE = "warteliste", _("waiting list")
        STORNIERT = "storniert", _("cancelled")

        @property
        def css(self) -> str:
            """The badge's Bootstrap classes (`veranstaltungen/_anmeldungsstatus.html`)."""
            return ANMELDUNGSSTATUS_CSS[self]

    veranstaltung = models.ForeignKey(
        Veranstaltung,
        on_delete=models.CASCADE,
        related_name="anmeldungen",
        verbose_name=_("event"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    telefon = models.CharField(_("phone"), max_length=40, blank=True)
    personen = models.PositiveSmallIntegerField(
        _("people"), default=1, help_text=_("Including companions.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    erinnert_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    aus_dem_quartier = models.BooleanField(_("lives in the area"), default=False)
    antworten = models.JSONField(_("answers"), default=dict, blank=True)
    anwesend = models.BooleanField(_("checked in"), default=False)

    objects = AnmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(personen__gte=1),
                name="anmeldung_personen",
                violation_error_message=_("Please register at least one person."),
            ),
            models.UniqueConstraint(
                "veranstaltung",
                Lower("email"),
                condition=~Q(status="storniert"),
                name="anmeldung_einmal_je_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.personen})"

    def get_absolute_url(self) -> str:
        return url_im_quartier(
            self.veranstaltung.quartier_id,
            "veranstaltungen:anmeldung_detail",
            kwargs={"token": self.token},
        )

    def statusanzeige(self) -> "Anmeldung.Status":
        """The status as the registered person and the office see it (label and badge,
        `veranstaltungen/_anmeldungsstatus.html`)."""
        return self.Status(self.status)


ANMELDUNGSSTATUS_CSS = {
    Anmeldung.Status.ANGEMELDET: "text-bg-success",
    Anmeldung.Status.WARTELISTE: "text-bg-warning",
    Anmeldung.Status.STORNIERT: "text-bg-secondary",
}
