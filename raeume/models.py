"""Rooms and their bookings (issue 5).

A booking (`Buchung`) occupies one or more physical rooms: the room booked and any rooms
combined with it (the community kitchen only together with the hall). Each occupied room
is one `Belegung` row holding the time range *including* the room's set-up and clean-up
buffers; a PostgreSQL exclusion constraint over those rows makes two active bookings of the
same physical room at overlapping times impossible, however many requests race.
"""

import secrets
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur
from quartier.bereich import url_im_quartier
from quartier.constraints import ConstraintFieldsMixin
from quartier.exports import Monat, Table
from quartier.forms import ENDE_NACH_BEGINN
from quartier.models import Quartier, Wochentag
from quartier.storage import private_storage


class Ausstattung(models.TextChoices):
    """Equipment a room has (with a quantity) and a booking may ask for."""

    BEAMER = "beamer", _("Projector")
    LEINWAND = "leinwand", _("Screen")
    STUEHLE = "stuehle", _("Chairs")
    TISCHE = "tische", _("Tables")
    KUECHE = "kueche", _("Kitchen")
    MIKROFON = "mikrofon", _("Microphone")
    FLIPCHART = "flipchart", _("Flip chart")
    WLAN = "wlan", _("Wi-Fi")


class Umfang(models.TextChoices):
    """Which dates of a series a decision or change applies to (not stored)."""

    DIESE = "diese", _("only this date")
    FOLGENDE = "folgende", _("this and all following dates")
    ALLE = "alle", _("all coming dates of the series")


class Nutzungsart(models.TextChoices):
    """Kind of use, for the funding reports."""

    ARBEITSKREIS = "arbeitskreis", _("Working group")
    GREMIUM = "gremium", _("Committee")
    VERANSTALTUNG = "veranstaltung", _("Event")
    PRIVAT = "privat", _("Private")


class RaumQuerySet(models.QuerySet):
    def buchbar(self):
        """Rooms a booking can start from (not the ones bookable only with another room)."""
        return self.filter(aktiv=True, nur_mit__isnull=True)

    def fuer(self, user):
        """Staff: the rooms of their areas; partners: the rooms of the areas their actors
        work in (the rooms they may book); nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_staff:
            return self.filter(quartier__in=Quartier.objects.fuer(user))
        return self.filter(quartier__in=Quartier.objects.filter(akteure__mitglieder=user))


class Raum(ConstraintFieldsMixin, models.Model):
    """A room of the office that partners can book."""

    quartier = models.ForeignKey(
        Quartier, on_delete=models.PROTECT, related_name="raeume", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    beschreibung = models.TextField(_("description"), blank=True)
    adresse = models.CharField(_("address"), max_length=200, blank=True)
    kapazitaet = models.PositiveSmallIntegerField(_("capacity (people)"))
    flaeche = models.PositiveSmallIntegerField(_("size (m²)"), null=True, blank=True)
    ausstattung = models.JSONField(
        _("equipment"),
        default=dict,
        blank=True,
        help_text=_('Equipment and quantity, e.g. {"beamer": 1, "stuehle": 40}.'),
    )
    stufenlos = models.BooleanField(_("step-free access"), default=False)
    barrierefreies_wc = models.BooleanField(_("accessible toilet"), default=False)
    hoeranlage = models.BooleanField(_("hearing loop"), default=False)
    hausordnung = models.TextField(_("house rules"), blank=True)
    nur_mit = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zusatzraeume",
        verbose_name=_("bookable only together with"),
        help_text=_("E.g. the community kitchen can only be booked together with the hall."),
    )
    vorbereitung = models.DurationField(
        _("set-up buffer"), default=timedelta(0), help_text=_("Kept free before each booking.")
    )
    nachbereitung = models.DurationField(
        _("clean-up buffer"), default=timedelta(0), help_text=_("Kept free after each booking.")
    )
    vorlauf_min = models.DurationField(
        _("minimum notice"), default=timedelta(days=2), help_text=_("E.g. 2 days, 00:00:00.")
    )
    vorlauf_max = models.DurationField(_("maximum notice"), default=timedelta(days=365))
    dauer_max = models.DurationField(_("maximum length"), default=timedelta(hours=12))
    automatisch_bestaetigen = models.BooleanField(
        _("confirm automatically"),
        default=False,
        help_text=_("Requests for this room are confirmed without review."),
    )
    vertraute_akteure = models.ManyToManyField(
        Akteur,
        blank=True,
        related_name="vertraute_raeume",
        verbose_name=_("confirmed automatically for"),
        help_text=_("Requests of these actors are confirmed without review."),
    )
    aktiv = models.BooleanField(_("bookable"), default=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RaumQuerySet.as_manager()

    class Meta:
        db_table = "veranstaltungen_raum"
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["quartier", "reihenfolge", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kapazitaet__gt=0),
                name="raum_kapazitaet_positiv",
                violation_error_message=_("A room holds at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(vorbereitung__gte=timedelta(0)),
                name="raum_vorbereitung_nicht_negativ",
                violation_error_message=_("The set-up buffer cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(nachbereitung__gte=timedelta(0)),
                name="raum_nachbereitung_nicht_negativ",
                violation_error_message=_("The clean-up buffer cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(dauer_max__gt=timedelta(0)),
                name="raum_dauer_max_positiv",
                violation_error_message=_("The maximum length must be longer than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_im_quartier(self.quartier_id, "raeume:raum_detail", kwargs={"slug": self.slug})

    def ausstattung_liste(self) -> list[tuple[str, int]]:
        labels = dict(Ausstattung.choices)
        return [(str(labels.get(k, k)), v) for k, v in sorted(self.ausstattung.items())]

    def barrierefreiheit_merkmale(self) -> list[str]:
        items = []
        if self.stufenlos:
            items.append(str(_("step-free access")))
        if self.barrierefreies_wc:
            items.append(str(_("accessible toilet")))
        if self.hoeranlage:
            items.append(str(_("hearing loop")))
        return items

    def zeitraum_mit_puffer(self, beginn: datetime, ende: datetime) -> tuple[datetime, datetime]:
        return beginn - self.vorbereitung, ende + self.nachbereitung


class Raumfoto(ConstraintFieldsMixin, models.Model):
    """A photo of a room, shown on its public page in order; the alternative text is
    required (it is what screen reader users get instead of the photo)."""

    raum = models.ForeignKey(
        Raum, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("room")
    )
    bild = models.ImageField(_("photo"), upload_to="raeume/")
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. “Hall with "
            "round tables and a stage”."
        ),
    )
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "veranstaltungen_raumfoto"
        verbose_name = _("room photo")
        verbose_name_plural = _("room photos")
        ordering = ["reihenfolge", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt=""),
                name="raumfoto_alt_text_pflicht",
                violation_error_message=_(
                    "Please describe the photo for people who cannot see it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.alt


class Buchungszeit(ConstraintFieldsMixin, models.Model):
    """When a room can be booked on one weekday (several rows per day are allowed)."""

    raum = models.ForeignKey(
        Raum, on_delete=models.CASCADE, related_name="buchungszeiten", verbose_name=_("room")
    )
    wochentag = models.PositiveSmallIntegerField(_("weekday"), choices=Wochentag.choices)
    von = models.TimeField(_("from"))
    bis = models.TimeField(_("until"))

    constraint_fields = {"buchungszeit_von_bis": "bis"}

    class Meta:
        db_table = "veranstaltungen_buchungszeit"
        verbose_name = _("bookable hours")
        verbose_name_plural = _("bookable hours")
        ordering = ["raum", "wochentag", "von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gt=models.F("von")),
                name="buchungszeit_von_bis",
                violation_error_message=ENDE_NACH_BEGINN,
            ),
            models.CheckConstraint(
                condition=Q(wochentag__gte=0, wochentag__lte=6),
                name="buchungszeit_wochentag",
                violation_error_message=_("Please choose a weekday."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_wochentag_display()} {self.von:%H:%M}–{self.bis:%H:%M}"


class Sperrzeit(ConstraintFieldsMixin, models.Model):
    """A closure: holidays, renovation. Without a room it closes every room of the area."""

    quartier = models.ForeignKey(
        Quartier, on_delete=models.CASCADE, related_name="sperrzeiten", verbose_name=_("area")
    )
    raum = models.ForeignKey(
        Raum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sperrzeiten",
        verbose_name=_("room"),
        help_text=_("Empty: all rooms of the area are closed."),
    )
    von = models.DateField(_("from"))
    bis = models.DateField(_("until (inclusive)"))
    grund = models.CharField(_("reason"), max_length=200)

    constraint_fields = {"sperrzeit_von_bis": "bis"}

    class Meta:
        db_table = "veranstaltungen_sperrzeit"
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gte=models.F("von")),
                name="sperrzeit_von_bis",
                violation_error_message=_("The closure must end on or after its first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grund} ({self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y})"


class Nutzungsvereinbarung(ConstraintFieldsMixin, models.Model):
    """The terms of use of an area's rooms, versioned; a booking records the one accepted."""

    quartier = models.ForeignKey(
        Quartier,
        on_delete=models.PROTECT,
        related_name="nutzungsvereinbarungen",
        verbose_name=_("area"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    gueltig_ab = models.DateTimeField(_("valid from"), default=timezone.now)

    class Meta:
        db_table = "veranstaltungen_nutzungsvereinbarung"
        verbose_name = _("terms of use")
        verbose_name_plural = _("terms of use")
        ordering = ["quartier", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "version"],
                name="nutzungsvereinbarung_version_unique",
                violation_error_message=_("This version of the terms of use exists already."),
            ),
        ]

    def __str__(self) -> str:
        return _("Terms of use, version %(version)s") % {"version": self.version}

    @classmethod
    def aktuelle(cls, quartier) -> "Nutzungsvereinbarung | None":
        return (
            cls.objects.filter(quartier=quartier, gueltig_ab__lte=timezone.now())
            .order_by("-version")
            .first()
        )


class Serie(models.Model):
    """A recurring booking: an RFC 5545 rule; each occurrence is one `Buchung` row."""

    class Regel(models.TextChoices):
        WOECHENTLICH = "woechentlich", _("weekly")
        ZWEIWOECHENTLICH = "zweiwoechentlich", _("every other week")
        MONATLICH = "monatlich", _("monthly on the same weekday (e.g. 2nd Tuesday)")

    regel = models.CharField(_("repeats"), max_length=20, choices=Regel.choices)
    rrule = models.CharField(_("RFC 5545 rule"), max_length=200)
    bis = models.DateField(_("until"))
    erinnert_at = models.DateTimeField(_("reminded of its end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "veranstaltungen_serie"
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_regel_display()} bis {self.bis:%d.%m.%Y}"


class BuchungQuerySet(models.QuerySet):
    def base_queryset(self):
        return self.select_related("raum", "akteur", "serie")

    def aktiv(self):
        return self.filter(status__in=Buchung.AKTIV)

    def fuer(self, user):
        """Partners: their actors' bookings; staff: their areas'; nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_staff:
            return self.filter(raum__quartier__in=Quartier.objects.fuer(user))
        return self.filter(akteur__in=user.akteure.all())

    def mit_offener_uebergabe(self):
        """Bookings whose handover is not finished: key out, damage noted or deposit not
        settled."""
        offen = Q()
        for bedingung in _offene_uebergabe().values():
            offen |= bedingung
        return self.filter(offen)

    def offene_uebergaben(self) -> dict[str, int]:
        """How many of these bookings have each open handover item (one query): keys not
        returned (`schluessel`), damage notes (`schaeden`), deposits not settled
        (`kaution`)."""
        return self.aggregate(
            **{punkt: Count("pk", filter=q) for punkt, q in _offene_uebergabe().items()}
        )

    def nutzungszahlen(self, jahr: int) -> Table:
        """Hours of confirmed bookings per month, room, actor and kind of use (one query;
        without set-up and clean-up time)."""
        arten = dict(Nutzungsart.choices)
        zeilen = (
            self.filter(status=Buchung.Status.BESTAETIGT, beginn__year=jahr)
            .annotate(monat=TruncMonth("beginn"))
            .values("monat", "raum__name", "akteur__name", "art")
            .annotate(
                anzahl=Count("pk"),
                dauer=Sum(ExpressionWrapper(F("ende") - F("beginn"), output_field=DurationField())),
            )
            .order_by("monat", "raum__name", "akteur__name", "art")
        )
        return Table(
            filename=f"raumnutzung-{jahr}",
            title=gettext("Room use"),
            header=[
                gettext("Month"),
                gettext("Room"),
                gettext("Actor"),
                gettext("Kind of use"),
                gettext("Bookings"),
                gettext("Hours"),
            ],
            rows=[
                [
                    Monat.von(z["monat"]),
                    z["raum__name"],
                    z["akteur__name"] or gettext("private person"),
                    str(arten.get(z["art"], z["art"])),
                    z["anzahl"],
                    (Decimal(z["dauer"].total_seconds()) / 3600).quantize(Decimal("0.1")),
                ]
                for z in zeilen
            ],
        )


def _offene_uebergabe() -> dict[str, Q]:
    """The open items of a booking's handover, each as a condition on bookings."""
    return {
        "schluessel": Q(
            uebergabe__schluessel_ausgegeben__isnull=False,
            uebergabe__schluessel_zurueck__isnull=True,
        ),
        "schaeden": Q(uebergabe__schaeden__gt=""),
        "kaution": Q(
            uebergabe__kaution__in=[Uebergabe.Kaution.OFFEN, Uebergabe.Kaution.HINTERLEGT]
        ),
    }


class Buchung(ConstraintFieldsMixin, models.Model):
    """A booking of a room (and the rooms combined with it) for one time slot."""

    # A private person's contact data: shown only to those `kontakt_sichtbar` allows (every
    # view that shows bookings asks it), and the audit trail records that it changed, not
    # the values.
    PERSONAL_FIELDS = ("name", "telefon", "email")
    AUDIT_PRIVATE_FIELDS = PERSONAL_FIELDS

    class Status(models.TextChoices):
        ANGEFRAGT = "angefragt", _("requested")
        BESTAETIGT = "bestaetigt", _("confirmed")
        ABGELEHNT = "abgelehnt", _("declined")
        STORNIERT = "storniert", _("cancelled")

        @property
        def css(self) -> str:
            """The badge's Bootstrap classes (`raeume/_buchungsstatus.html`)."""
            return BUCHUNGSSTATUS_CSS[self]

    AKTIV = (Status.ANGEFRAGT, Status.BESTAETIGT)

    raum = models.ForeignKey(
        Raum, on_delete=models.PROTECT, related_name="buchungen", verbose_name=_("room")
    )
    zusatzraeume = models.ManyToManyField(
        Raum,
        blank=True,
        related_name="zusatzbuchungen",
        verbose_name=_("together with"),
        help_text=_("Rooms bookable only together with this one, e.g. the kitchen."),
    )
    akteur = models.ForeignKey(
        Akteur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buchungen",
        verbose_name=_("actor"),
    )
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("For residents booking by phone.")
    )
    telefon = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gebucht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    beginn = models.DateTimeField(_("start"))
    ende = models.DateTimeField(_("end"))
    zweck = models.CharField(_("purpose"), max_length=200)
    art = models.CharField(_("kind of use"), max_length=20, choices=Nutzungsart.choices)
    personen = models.PositiveSmallIntegerField(_("expected people"))
    ausstattung = models.JSONField(_("equipment wanted"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ANGEFRAGT
    )
    grund = models.TextField(_("reason (declined/cancelled)"), blank=True)
    serie = models.ForeignKey(
        Serie,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="buchungen",
        verbose_name=_("series"),
    )
    nutzungsvereinbarung = models.ForeignKey(
        Nutzungsvereinbarung,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("terms of use accepted"),
    )
    akzeptiert_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    uid = models.CharField(_("calendar UID"), max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = BuchungQuerySet.as_manager()

    constraint_fields = {
        "buchung_ende": "ende",
        "buchung_akteur_oder_name": "name",
        "buchung_grund_bei_absage": "grund",
    }

    class Meta:
        db_table = "veranstaltungen_buchung"
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["beginn"]
        indexes = [models.Index(fields=["raum", "beginn"], name="buchung_raum_beginn_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")),
                name="buchung_ende",
                violation_error_message=ENDE_NACH_BEGINN,
            ),
            models.CheckConstraint(
                condition=Q(akteur__isnull=False) | ~Q(name=""),
                name="buchung_akteur_oder_name",
                violation_error_message=_("Please name the actor or the person booking."),
            ),
            models.CheckConstraint(
                condition=Q(personen__gt=0),
                name="buchung_personen_positiv",
                violation_error_message=_("At least one person is expected."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["abgelehnt", "storniert"]) | ~Q(grund=""),
                name="buchung_grund_bei_absage",
                violation_error_message=_("Please give a reason."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.beginn)
        return f"{self.raum} {local:%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = f"buchung-{secrets.token_hex(12)}@quartier"
        super().save(*args, **kwargs)

    def get_partner_url(self) -> str:
        return reverse("partner:buchung_detail", kwargs={"pk": self.pk})

    @property
    def ist_aktiv(self) -> bool:
        return self.status in self.AKTIV

    @staticmethod
    def kontakt_sichtbar(user) -> bool:
        """Whether `user` may see the `PERSONAL_FIELDS` of bookings: those who handle
        bookings; not city staff, who read bookings and figures only."""
        return user.has_perm("raeume.change_buchung")

    def statusanzeige(self) -> "Buchung.Status":
        """The status as partners, the office and the week plan see it (label and badge,
        `raeume/_buchungsstatus.html`)."""
        return self.Status(self.status)

    @property
    def wer(self) -> str:
        """Who booked: the actor, or the person by name (for those who may see it)."""
        if self.akteur_id:
            return self.akteur.name
        return self.name or gettext("private person")

    @property
    def wer_ohne_kontakt(self) -> str:
        return self.akteur.name if self.akteur_id else gettext("private person")

    def wer_fuer(self, user) -> str:
        """`wer` as `user` may see it."""
        return self.wer if self.kontakt_sichtbar(user) else self.wer_ohne_kontakt

    @property
    def stunden(self) -> float:
        return (self.ende - self.beginn).total_seconds() / 3600


BUCHUNGSSTATUS_CSS = {
    Buchung.Status.ANGEFRAGT: "text-bg-warning",
    Buchung.Status.BESTAETIGT: "text-bg-success",
    Buchung.Status.ABGELEHNT: "text-bg-secondary",
    Buchung.Status.STORNIERT: "text-bg-secondary",
}


class Belegung(ConstraintFieldsMixin, models.Model):
    """One physical room occupied by a booking, with the buffers. The database refuses two
    active rows of one room whose ranges overlap."""

    buchung = models.ForeignKey(
        Buchung, on_delete=models.CASCADE, related_name="belegungen", verbose_name=_("booking")
    )
    raum = models.ForeignKey(
        Raum, on_delete=models.PROTECT, related_name="belegungen", verbose_name=_("room")
    )
    zeitraum = DateTimeRangeField(_("occupied (with buffers)"))
    aktiv = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "veranstaltungen_belegung"
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        constraints = [
            ExclusionConstraint(
                name="belegung_keine_ueberschneidung",
                expressions=[("raum", RangeOperators.EQUAL), ("zeitraum", RangeOperators.OVERLAPS)],
                condition=Q(aktiv=True),
                violation_error_message=_("This room is already booked at that time."),
            ),
            models.UniqueConstraint(
                fields=["buchung", "raum"],
                name="belegung_einmal_je_raum",
                violation_error_message=_("A booking occupies each room once."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.raum}: {self.zeitraum}"


class Uebergabe(ConstraintFieldsMixin, models.Model):
    """Handover of the rooms for one booking: key, checklist, damage, deposit."""

    class Kaution(models.TextChoices):
        KEINE = "keine", _("no deposit")
        OFFEN = "offen", _("deposit due")
        HINTERLEGT = "hinterlegt", _("deposit paid")
        ZURUECK = "zurueck", _("deposit returned")
        EINBEHALTEN = "einbehalten", _("deposit withheld")

    class Checkpunkt(models.TextChoices):
        """The items of the checklist; `checkliste` holds each key with done or not."""

        KUECHE_SAUBER = "kueche_sauber", _("Kitchen clean, dishes put away")
        BODEN_GEREINIGT = "boden_gereinigt", _("Floor swept")
        MUELL_ENTSORGT = "muell_entsorgt", _("Rubbish taken out")
        TISCHE_STUEHLE = "tische_stuehle", _("Tables and chairs put back")
        FENSTER_LICHT = "fenster_licht", _("Windows closed, lights off")

    buchung = models.OneToOneField(
        Buchung, on_delete=models.CASCADE, related_name="uebergabe", verbose_name=_("booking")
    )
    schluessel_ausgegeben = models.DateTimeField(_("key handed out"), null=True, blank=True)
    schluessel_zurueck = models.DateTimeField(_("key returned"), null=True, blank=True)
    checkliste = models.JSONField(_("checklist"), default=dict, blank=True)
    schaeden = models.TextField(_("damage notes"), blank=True)
    kaution = models.CharField(
        _("deposit"), max_length=20, choices=Kaution.choices, default=Kaution.KEINE
    )
    kaution_betrag = models.DecimalField(
        _("deposit (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    constraint_fields = {"uebergabe_kaution_mit_betrag": "kaution_betrag"}

    class Meta:
        db_table = "veranstaltungen_uebergabe"
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        # Deposits are money: only the Quartiersmanagement decides them (see apps.py).
        permissions = [("kaution_entscheiden", _("Can decide deposits"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kaution_betrag__isnull=True) | Q(kaution_betrag__gte=0),
                name="uebergabe_kaution_nicht_negativ",
                violation_error_message=_("The deposit cannot be negative."),
            ),
            # A deposit paid or withheld is an amount of money: the amount is recorded.
            models.CheckConstraint(
                condition=~Q(kaution__in=["hinterlegt", "einbehalten"])
                | Q(kaution_betrag__isnull=False),
                name="uebergabe_kaution_mit_betrag",
                violation_error_message=_("Please enter the amount of the deposit."),
            ),
        ]

    def __str__(self) -> str:
        return _("Handover for %(buchung)s") % {"buchung": self.buchung}

    def checkliste_anzeige(self) -> list[tuple[str, bool]]:
        return [(str(p.label), bool(self.checkliste.get(p))) for p in self.Checkpunkt]


def schadensfoto_pfad(instance, filename: str) -> str:
    """A random name (the original one may name people or places), in private storage."""
    endung = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    endung = endung if endung in ("jpg", "jpeg", "png", "webp") else "jpg"
    return f"uebergaben/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{endung}"


class Schadensfoto(models.Model):
    uebergabe = models.ForeignKey(
        Uebergabe, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("handover")
    )
    bild = models.ImageField(_("photo"), storage=private_storage, upload_to=schadensfoto_pfad)
    beschreibung = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "veranstaltungen_schadensfoto"
        verbose_name = _("damage photo")
        verbose_name_plural = _("damage photos")

    def __str__(self) -> str:
        return self.beschreibung or self.bild.name

    def get_absolute_url(self) -> str:
        return reverse("raeume:schadensfoto", args=[self.pk])


class Kalenderzugang(models.Model):
    """The private token of an actor's booking feed (iCal subscription)."""

    akteur = models.OneToOneField(
        Akteur, on_delete=models.CASCADE, related_name="kalenderzugang", verbose_name=_("actor")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)

    class Meta:
        db_table = "veranstaltungen_kalenderzugang"
        verbose_name = _("calendar access")
        verbose_name_plural = _("calendar accesses")

    def __str__(self) -> str:
        return str(self.akteur)

    def get_absolute_url(self) -> str:
        return reverse("raeume:akteur_feed", kwargs={"token": self.token})

    @classmethod
    def fuer(cls, akteur) -> "Kalenderzugang":
        """The actor's feed access, made on first need (a write: call it from a service,
        e.g. when the actor's first booking is made, never on a GET)."""
        zugang, _created = cls.objects.get_or_create(
            akteur=akteur, defaults={"token": secrets.token_urlsafe(32)}
        )
        return zugang


def lokal(datum, uhrzeit: time) -> datetime:
    """A date and a wall-clock time in the office's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.combine(datum, uhrzeit))
