"""Projects of an area, the funding programmes that pay for them, their grants, financing
plans, expenses with receipts, and the area's budget per year.

Money is Decimal in euros everywhere (`DecimalField(decimal_places=2)`); the database keeps
every amount non-negative. A financing plan balances when its cost lines and its financing
lines sum to the same amount; only then can a project be submitted (`beantragt`).
"""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.fields import ChoiceArrayField, WebsiteField, get_private_storage, kein_html
from netzwerk.models import Akteur, Handlungsfeld, Zielgruppe, choices_labels
from quartier.constraints import ConstraintFieldsMixin
from quartier.models import Quartier

EURO = Decimal("0.01")
NULL_EURO = Decimal("0.00")
BETRAG_NICHT_NEGATIV = _("An amount cannot be negative.")
BIS_NACH_VON = _("The end cannot be before the start.")


def euro(value) -> Decimal:
    """An amount rounded to the cent, half up (as a German bookkeeper rounds)."""
    return Decimal(value or 0).quantize(EURO, ROUND_HALF_UP)


def summe(queryset, feld: str = "betrag") -> Decimal:
    """The sum of a money field in one aggregate query, 0.00 for none."""
    return queryset.aggregate(
        summe=Coalesce(Sum(feld), Decimal(0), output_field=models.DecimalField())
    )["summe"].quantize(EURO)


def geld(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("max_digits", 12)
    kwargs.setdefault("decimal_places", 2)
    return models.DecimalField(verbose_name, **kwargs)


def wer(verbose_name, *, editable: bool = False) -> models.ForeignKey:
    """Who took a step (recorded, checked, decided): a user, kept as empty when the account
    goes; set by the use case, not typed in."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=editable,
    )


def _nicht_negativ(feld: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{feld}__gte": 0}) | Q(**{f"{feld}__isnull": True}),
        name=name,
        violation_error_message=BETRAG_NICHT_NEGATIV,
    )


def _bis_nach_von(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(von__isnull=True) | Q(bis__isnull=True) | Q(bis__gte=F("von")),
        name=name,
        violation_error_message=BIS_NACH_VON,
    )


def _privat_pfad(ordner: str):
    def pfad(instance, filename: str) -> str:
        return f"projekte/{ordner}/{timezone.now():%Y/%m}/{secrets.token_hex(12)}-{filename[-40:]}"

    pfad.__name__ = f"{ordner}_pfad"
    pfad.__qualname__ = pfad.__name__
    return pfad


def beleg_pfad(instance, filename: str) -> str:
    return _privat_pfad("belege")(instance, filename)


def nachweis_pfad(instance, filename: str) -> str:
    return _privat_pfad("nachweise")(instance, filename)


def sachbericht_pfad(instance, filename: str) -> str:
    return _privat_pfad("sachberichte")(instance, filename)


# --- funding programmes ----------------------------------------------------------------------


class FoerderprogrammQuerySet(models.QuerySet):
    def fuer(self, user):
        """The programmes everyone uses (no area) and those of the user's areas."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(quartier__isnull=True) | Q(quartier__in=Quartier.objects.fuer(user)))


class Foerderprogramm(ConstraintFieldsMixin, models.Model):
    """A funding programme (ESF Plus, BIWAQ, Sozialer Zusammenhalt, a foundation …), historic
    ones included. Programmes without an area are shared by every area of the installation;
    an office may add its own (a local foundation)."""

    class Ebene(models.TextChoices):
        EU = "eu", _("European Union")
        BUND = "bund", _("Federal government")
        LAND = "land", _("Federal state")
        KOMMUNE = "kommune", _("Municipality")
        STIFTUNG = "stiftung", _("Foundation")
        PRIVAT = "privat", _("Private")

    class Anforderung(models.TextChoices):
        ZWISCHENNACHWEIS = "zwischennachweis", _("interim report")
        VERWENDUNGSNACHWEIS = "verwendungsnachweis", _("proof of use")
        SACHBERICHT = "sachbericht", _("narrative report")
        BELEGLISTE = "belegliste", _("list of receipts")
        TEILNEHMENDENLISTEN = "teilnehmendenlisten", _("participant lists")
        LOGO = "logo", _("funder's logo on publications")
        FOTOS = "fotos", _("photos of the project")

    quartier = models.ForeignKey(
        Quartier,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty: a programme every area of this installation can use."),
    )
    name = models.CharField(_("name"), max_length=200, unique=True, validators=[kein_html])
    kurzname = models.CharField(_("short name"), max_length=40, validators=[kein_html])
    ebene = models.CharField(_("level"), max_length=20, choices=Ebene.choices)
    geber = models.CharField(
        _("funder"),
        max_length=200,
        validators=[kein_html],
        help_text=_("Who grants the money, e.g. “Bundesministerium für Wohnen”."),
    )
    beschreibung = models.TextField(_("description"), blank=True, validators=[kein_html])
    foerdersatz = models.DecimalField(
        _("funding rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The share of the eligible costs the programme pays, e.g. 90."),
    )
    kofinanzierung = models.CharField(
        _("co-funding rule"),
        max_length=300,
        blank=True,
        validators=[kein_html],
        help_text=_("e.g. “a tenth from own or municipal means”."),
    )
    anforderungen = ChoiceArrayField(
        models.CharField(max_length=30, choices=Anforderung.choices),
        verbose_name=_("requirements"),
        default=list,
        blank=True,
    )
    von = models.DateField(_("runs from"), null=True, blank=True)
    bis = models.DateField(_("runs until"), null=True, blank=True)
    website = WebsiteField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="projekte/logos/",
        blank=True,
        help_text=_("Shown as “funded by” on the public pages of the projects it funds."),
    )
    logo_alt = models.CharField(
        _("text of the logo"),
        max_length=200,
        blank=True,
        validators=[kein_html],
        help_text=_("What the logo says, for people who cannot see it."),
    )

    objects = FoerderprogrammQuerySet.as_manager()

    constraint_fields = {"foerderprogramm_satz": "foerdersatz", "foerderprogramm_bis": "bis"}

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(foerdersatz__isnull=True) | Q(foerdersatz__gt=0, foerdersatz__lte=100),
                name="foerderprogramm_satz",
                violation_error_message=_("A funding rate lies between 0 and 100 %."),
            ),
            _bis_nach_von("foerderprogramm_bis"),
        ]

    def __str__(self) -> str:
        return self.kurzname or self.name

    @property
    def ist_historisch(self) -> bool:
        return bool(self.bis and self.bis < timezone.localdate())

    def anforderungen_labels(self) -> list[str]:
        return choices_labels(self.Anforderung.choices, self.anforderungen)


# --- projects --------------------------------------------------------------------------------


class Status(models.TextChoices):
    IDEE = "idee", _("Idea")
    IN_ABSTIMMUNG = "in_abstimmung", _("Being agreed")
    BEANTRAGT = "beantragt", _("Applied for")
    BEWILLIGT = "bewilligt", _("Approved")
    LAUFEND = "laufend", _("Running")
    ABGESCHLOSSEN = "abgeschlossen", _("Completed")
    ABGELEHNT = "abgelehnt", _("Rejected")
    ZURUECKGESTELLT = "zurueckgestellt", _("Postponed")


# The ways a project's status may move; anything else is refused by the service.
UEBERGAENGE = {
    Status.IDEE: {Status.IN_ABSTIMMUNG, Status.ZURUECKGESTELLT, Status.ABGELEHNT},
    Status.IN_ABSTIMMUNG: {Status.IDEE, Status.BEANTRAGT, Status.ZURUECKGESTELLT},
    Status.BEANTRAGT: {Status.BEWILLIGT, Status.ABGELEHNT, Status.IN_ABSTIMMUNG},
    Status.BEWILLIGT: {Status.LAUFEND, Status.ZURUECKGESTELLT},
    Status.LAUFEND: {Status.ABGESCHLOSSEN, Status.ZURUECKGESTELLT},
    Status.ABGESCHLOSSEN: {Status.LAUFEND},
    Status.ABGELEHNT: {Status.IDEE},
    Status.ZURUECKGESTELLT: {Status.IDEE, Status.IN_ABSTIMMUNG, Status.LAUFEND},
}
# Shown on the public pages.
OEFFENTLICHE_STATUS = (Status.BEWILLIGT, Status.LAUFEND, Status.ABGESCHLOSSEN)
# The area's means on a project in these states are planned; from approval on, committed.
GEPLANT = (Status.IDEE, Status.IN_ABSTIMMUNG, Status.BEANTRAGT, Status.ZURUECKGESTELLT)
GEBUNDEN = (Status.BEWILLIGT, Status.LAUFEND, Status.ABGESCHLOSSEN)


class ProjektQuerySet(models.QuerySet):
    def fuer(self, user):
        """Staff: the projects of their areas; partners: their organisations' projects (as
        Träger or cooperation partner)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_staff:
            return self.filter(quartier__in=Quartier.objects.fuer(user))
        return self.der_organisationen(user)

    def oeffentlich(self):
        return self.filter(oeffentlich=True, status__in=OEFFENTLICHE_STATUS)

    def der_organisationen(self, user):
        """The projects of the user's organisations: as Träger or cooperation partner."""
        if not user.is_authenticated:
            return self.none()
        akteure = Akteur.objects.filter(mitglieder=user).values("pk")
        return self.filter(
            Q(traeger__in=akteure)
            | Q(
                pk__in=Projekt.kooperationspartner.through.objects.filter(
                    akteur__in=akteure
                ).values("projekt")
            )
        )


class Projekt(ConstraintFieldsMixin, models.Model):
    """A project of an area: developed with local actors, run by the office or an actor
    (the Träger), or a building measure of the city the office accompanies."""

    class Art(models.TextChoices):
        PROJEKT = "projekt", _("Project")
        BAUMASSNAHME = "baumassnahme", _("Building measure")

    Status = Status

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    titel = models.CharField(_("title"), max_length=200, validators=[kein_html])
    slug = models.SlugField(_("short name"), max_length=200)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices, default=Art.PROJEKT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEE
    )
    kurzbeschreibung = models.CharField(
        _("summary"),
        max_length=300,
        validators=[kein_html],
        help_text=_("One or two sentences for the list of projects."),
    )
    beschreibung = models.TextField(_("description"), blank=True, validators=[kein_html])
    handlungsfelder = models.ManyToManyField(
        Handlungsfeld, verbose_name=_("fields of action"), related_name="projekte", blank=True
    )
    zielgruppen = ChoiceArrayField(
        models.CharField(max_length=20, choices=Zielgruppe.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    traeger = models.ForeignKey(
        Akteur,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="projekte",
        null=True,
        blank=True,
        help_text=_("The actor that runs the project. Empty: the office itself."),
    )
    kooperationspartner = models.ManyToManyField(
        Akteur,
        verbose_name=_("cooperation partners"),
        related_name="kooperationsprojekte",
        blank=True,
    )
    adresse = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        validators=[kein_html],
        help_text=_("Where it takes place, e.g. “Innenhof Lindenstraße 12–18”."),
    )
    von = models.DateField(_("from"), null=True, blank=True)
    bis = models.DateField(_("until"), null=True, blank=True)
    oeffentlich = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Approved, running and completed public projects appear on the website."),
    )
    # Building measures: how residents can take part, and whom they can ask.
    beteiligung = models.TextField(
        _("how residents can take part"),
        blank=True,
        validators=[kein_html],
        help_text=_("e.g. dates of the planning workshops, where the plans are on display."),
    )
    kontakt_name = models.CharField(
        _("public contact"),
        max_length=150,
        blank=True,
        validators=[kein_html],
        help_text=_("Shown on the website: only with the person's consent."),
    )
    kontakt_stelle = models.CharField(
        _("office of the contact"),
        max_length=200,
        blank=True,
        validators=[kein_html],
        help_text=_("e.g. “Grünflächenamt, Abteilung Spielplätze”."),
    )
    kontakt_email = models.EmailField(_("contact e-mail"), blank=True)
    kontakt_telefon = models.CharField(_("contact phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ProjektQuerySet.as_manager()

    constraint_fields = {"projekt_bis_nach_von": "bis", "projekt_slug_einmal": "slug"}

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-von", "titel"]
        permissions = [("geld_entscheiden", _("Can decide money (grants, budgets, expenses)"))]
        constraints = [
            _bis_nach_von("projekt_bis_nach_von"),
            models.UniqueConstraint(
                fields=["quartier", "slug"],
                name="projekt_slug_einmal",
                violation_error_message=_("This area has a project of this short name already."),
            ),
        ]
        indexes = [
            models.Index(fields=["quartier", "status", "von"], name="projekt_liste_idx"),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("projekte:projekt_detail", kwargs={"slug": self.slug})

    def get_idee_url(self) -> str:
        return reverse("projekte:projekt_idee", kwargs={"slug": self.slug})

    @property
    def ist_baumassnahme(self) -> bool:
        return self.art == self.Art.BAUMASSNAHME

    @property
    def ist_oeffentlich(self) -> bool:
        return self.oeffentlich and self.status in OEFFENTLICHE_STATUS

    @property
    def status_klasse(self) -> str:
        """The badge colour of the public status."""
        return {
            Status.BEWILLIGT: "text-bg-info",
            Status.LAUFEND: "text-bg-success",
        }.get(self.status, "text-bg-secondary")

    @property
    def traeger_name(self) -> str:
        return str(self.traeger) if self.traeger_id else self.quartier.buero_name

    def zielgruppen_labels(self) -> list[str]:
        return choices_labels(Zielgruppe.choices, self.zielgruppen)

    def aktuelle_phase(self, *, heute=None):
        """The phase of a building measure today: the one that spans today, else the last
        one begun; from the phases as prefetched (`phasen`)."""
        heute = heute or timezone.localdate()
        begonnen = [p for p in self.phasen.all() if p.von <= heute]
        for phase in begonnen:
            if phase.bis is None or phase.bis >= heute:
                return phase
        return begonnen[-1] if begonnen else None

    # The financing plan ---------------------------------------------------------------
    def kosten_summe(self) -> Decimal:
        return summe(self.kostenpositionen.all())

    def finanzierung_summe(self) -> Decimal:
        return summe(self.finanzierungspositionen.all())

    def differenz(self) -> Decimal:
        """Costs minus financing: positive when money is missing, negative when the plan
        holds more money than it costs."""
        return self.kosten_summe() - self.finanzierung_summe()

    def ausgaben_summe(self) -> Decimal:
        return summe(Ausgabe.objects.filter(kostenposition__projekt=self))


class Projektfoto(models.Model):
    """A photo of a project, public with its project: re-encoded without metadata."""

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="fotos"
    )
    bild = models.ImageField(_("image"), upload_to="projekte/fotos/")
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        validators=[kein_html],
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    bildnachweis = models.CharField(
        _("photo credit"), max_length=200, validators=[kein_html], help_text=_("e.g. “Foto: QM”.")
    )
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["reihenfolge", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Meilenstein(models.Model):
    """A milestone of a project, with its date."""

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="meilensteine"
    )
    titel = models.CharField(_("title"), max_length=200, validators=[kein_html])
    datum = models.DateField(_("date"))
    erreicht = models.BooleanField(_("reached"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return self.titel


class Phase(ConstraintFieldsMixin, models.Model):
    """A phase of a building measure (planning, participation, construction …)."""

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phasen"
    )
    name = models.CharField(_("name"), max_length=120, validators=[kein_html])
    von = models.DateField(_("from"))
    bis = models.DateField(_("until"), null=True, blank=True)
    beschreibung = models.TextField(_("description"), blank=True, validators=[kein_html])
    beteiligung_moeglich = models.BooleanField(
        _("residents can take part"),
        default=False,
        help_text=_("A participation phase: the project page invites ideas and remarks."),
    )

    constraint_fields = {"phase_bis_nach_von": "bis"}

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["von", "pk"]
        constraints = [_bis_nach_von("phase_bis_nach_von")]

    def __str__(self) -> str:
        return self.name


class Indikator(ConstraintFieldsMixin, models.Model):
    """A measure of a project's effect, with its target and actual value (participants,
    events held, square metres greened …)."""

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="indikatoren"
    )
    name = models.CharField(_("indicator"), max_length=200, validators=[kein_html])
    einheit = models.CharField(_("unit"), max_length=40, blank=True, validators=[kein_html])
    zielwert = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    istwert = models.DecimalField(
        _("actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    constraint_fields = {"indikator_ziel_positiv": "zielwert", "indikator_ist_positiv": "istwert"}

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]
        constraints = [
            _nicht_negativ("zielwert", "indikator_ziel_positiv"),
            _nicht_negativ("istwert", "indikator_ist_positiv"),
        ]

    def __str__(self) -> str:
        return self.name


# --- grants ----------------------------------------------------------------------------------


class BewilligungQuerySet(models.QuerySet):
    def fuer(self, user):
        return self.filter(projekt__in=Projekt.objects.fuer(user))


class Bewilligung(ConstraintFieldsMixin, models.Model):
    """A grant: a programme's decision to fund a project, with its file number, period,
    amount and conditions."""

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="bewilligungen"
    )
    programm = models.ForeignKey(
        Foerderprogramm,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        related_name="bewilligungen",
    )
    aktenzeichen = models.CharField(
        _("funder's file number"), max_length=100, blank=True, validators=[kein_html]
    )
    bescheid_datum = models.DateField(_("date of the decision"), null=True, blank=True)
    von = models.DateField(_("from"))
    bis = models.DateField(_("until"))
    betrag = geld(_("approved amount (EUR)"))
    auflagen = models.TextField(
        _("conditions"),
        blank=True,
        validators=[kein_html],
        help_text=_("What the decision requires (reports, logos, deadlines, eligible costs)."),
    )
    zustaendig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the reminder before each report falls due."),
    )
    # The proof of use as PDF, made by a task (`tasks.verwendungsnachweis_erstellen`).
    nachweis_pdf = models.FileField(
        _("proof of use (PDF)"),
        storage=get_private_storage,
        upload_to=nachweis_pfad,
        blank=True,
        editable=False,
    )
    nachweis_pdf_angefordert_at = models.DateTimeField(
        _("proof of use requested"), null=True, blank=True, editable=False
    )
    nachweis_pdf_at = models.DateTimeField(
        _("proof of use made"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BewilligungQuerySet.as_manager()

    constraint_fields = {"bewilligung_betrag": "betrag", "bewilligung_bis_nach_von": "bis"}

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-von", "pk"]
        constraints = [
            _nicht_negativ("betrag", "bewilligung_betrag"),
            _bis_nach_von("bewilligung_bis_nach_von"),
        ]

    def __str__(self) -> str:
        nummer = f" {self.aktenzeichen}" if self.aktenzeichen else ""
        return f"{self.programm}{nummer} – {self.projekt}"

    def abgerufen_summe(self) -> Decimal:
        return summe(self.mittelabrufe.exclude(status=Mittelabruf.Status.ABGELEHNT))


class Mittelabruf(ConstraintFieldsMixin, models.Model):
    """A payment request: part of a grant asked from the funder."""

    class Status(models.TextChoices):
        GEPLANT = "geplant", _("Planned")
        ANGEFORDERT = "angefordert", _("Requested")
        EINGEGANGEN = "eingegangen", _("Received")
        ABGELEHNT = "abgelehnt", _("Refused")

    bewilligung = models.ForeignKey(
        Bewilligung,
        verbose_name=_("grant"),
        on_delete=models.CASCADE,
        related_name="mittelabrufe",
    )
    betrag = geld(_("amount (EUR)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    angefordert_am = models.DateField(_("requested on"), null=True, blank=True)
    eingegangen_am = models.DateField(_("received on"), null=True, blank=True)

    constraint_fields = {"mittelabruf_betrag": "betrag"}

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        ordering = ["angefordert_am", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(betrag__gt=0),
                name="mittelabruf_betrag",
                violation_error_message=_("A payment request is for more than 0 euros."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.betrag} € ({self.get_status_display()})"


class NachweisQuerySet(models.QuerySet):
    def offen(self):
        return self.filter(eingereicht_am__isnull=True)


class Nachweis(models.Model):
    """A report a grant requires by a date: interim report or proof of use."""

    class Art(models.TextChoices):
        ZWISCHENNACHWEIS = "zwischennachweis", _("Interim report")
        VERWENDUNGSNACHWEIS = "verwendungsnachweis", _("Proof of use")

    bewilligung = models.ForeignKey(
        Bewilligung, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="nachweise"
    )
    art = models.CharField(_("kind"), max_length=30, choices=Art.choices)
    faellig_am = models.DateField(_("due on"))
    eingereicht_am = models.DateField(_("submitted on"), null=True, blank=True)
    erinnert_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)

    objects = NachweisQuerySet.as_manager()

    class Meta:
        verbose_name = _("report due")
        verbose_name_plural = _("reports due")
        ordering = ["faellig_am", "pk"]
        indexes = [
            models.Index(
                fields=["faellig_am"],
                condition=Q(eingereicht_am__isnull=True, erinnert_at__isnull=True),
                name="nachweis_zu_erinnern_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.faellig_am:%d.%m.%Y}"


# --- the financing plan ------------------------------------------------------------------------


class Kostenposition(ConstraintFieldsMixin, models.Model):
    """A cost line of a project's financing plan: what it will cost, by kind."""

    class Art(models.TextChoices):
        PERSONAL = "personal", _("Staff")
        SACHKOSTEN = "sachkosten", _("Material")
        HONORARE = "honorare", _("Fees")
        MIETE = "miete", _("Rent")
        OEFFENTLICHKEITSARBEIT = "oeffentlichkeitsarbeit", _("Publicity")
        INVESTITION = "investition", _("Investment")
        SONSTIGES = "sonstiges", _("Other")

    projekt = models.ForeignKey(
        Projekt,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="kostenpositionen",
    )
    art = models.CharField(_("kind"), max_length=30, choices=Art.choices)
    bezeichnung = models.CharField(_("item"), max_length=200, validators=[kein_html])
    betrag = geld(_("planned (EUR)"))
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    constraint_fields = {"kostenposition_betrag": "betrag"}

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["reihenfolge", "pk"]
        constraints = [_nicht_negativ("betrag", "kostenposition_betrag")]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.get_art_display()})"


class Finanzierungsposition(ConstraintFieldsMixin, models.Model):
    """A financing line: where the money of a project comes from."""

    class Art(models.TextChoices):
        FOERDERMITTEL = "foerdermittel", _("Grant")
        PROJEKTMITTEL = "projektmittel", _("Project means of the area")
        SACHKOSTEN = "sachkosten", _("Material costs of the office")
        EIGENANTEIL = "eigenanteil", _("Own share")
        DRITTMITTEL = "drittmittel", _("Third-party money")
        EHRENAMT = "ehrenamt", _("Volunteer hours")

    # The area's own budget (Budgetjahr): these lines name the year they are paid from.
    AUS_DEM_BUDGET = (Art.PROJEKTMITTEL, Art.SACHKOSTEN)

    projekt = models.ForeignKey(
        Projekt,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="finanzierungspositionen",
    )
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    bezeichnung = models.CharField(_("source"), max_length=200, validators=[kein_html])
    bewilligung = models.ForeignKey(
        Bewilligung,
        verbose_name=_("grant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="finanzierungspositionen",
    )
    haushaltsjahr = models.PositiveSmallIntegerField(
        _("budget year"),
        null=True,
        blank=True,
        help_text=_("For the area's project means and material costs: the year they come from."),
    )
    stunden = models.DecimalField(_("hours"), max_digits=8, decimal_places=1, null=True, blank=True)
    stundensatz = geld(_("rate per hour (EUR)"), max_digits=7, null=True, blank=True)
    betrag = geld(_("amount (EUR)"))

    constraint_fields = {
        "finanzierungsposition_betrag": "betrag",
        "finanzierungsposition_budgetjahr": "haushaltsjahr",
        "finanzierungsposition_ehrenamt": "stunden",
    }

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["pk"]
        constraints = [
            _nicht_negativ("betrag", "finanzierungsposition_betrag"),
            models.CheckConstraint(
                condition=~Q(art__in=["projektmittel", "sachkosten"])
                | Q(haushaltsjahr__isnull=False, haushaltsjahr__gte=2000, haushaltsjahr__lte=2100),
                name="finanzierungsposition_budgetjahr",
                violation_error_message=_(
                    "Means of the area's budget need the budget year they come from."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(art="ehrenamt")
                | Q(
                    stunden__isnull=False,
                    stunden__gt=0,
                    stundensatz__isnull=False,
                    stundensatz__gte=0,
                ),
                name="finanzierungsposition_ehrenamt",
                violation_error_message=_("Volunteer hours need the hours and a rate per hour."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.get_art_display()})"

    def save(self, *args, **kwargs):
        if self.art == self.Art.EHRENAMT and self.stunden and self.stundensatz is not None:
            self.betrag = euro(self.stunden * self.stundensatz)
        super().save(*args, **kwargs)


# --- expenses ----------------------------------------------------------------------


class AusgabeQuerySet(models.QuerySet):
    def fuer(self, user):
        return self.filter(kostenposition__projekt__in=Projekt.objects.fuer(user))


class Ausgabe(ConstraintFieldsMixin, models.Model):
    """An expense against a cost line, with its receipt (Beleg): stored privately, served
    only to the area's staff and the project's Träger."""

    AUDIT_PRIVATE_FIELDS = ("empfaenger",)

    kostenposition = models.ForeignKey(
        Kostenposition,
        verbose_name=_("cost line"),
        on_delete=models.PROTECT,
        related_name="ausgaben",
    )
    datum = models.DateField(_("date paid"))
    betrag = geld(_("amount (EUR)"))
    bezeichnung = models.CharField(_("what for"), max_length=200, validators=[kein_html])
    empfaenger = models.CharField(_("paid to"), max_length=200, blank=True, validators=[kein_html])
    belegnummer = models.CharField(
        _("receipt number"), max_length=40, blank=True, validators=[kein_html]
    )
    beleg = models.FileField(
        _("receipt"), storage=get_private_storage, upload_to=beleg_pfad, blank=True
    )
    erfasst_von = wer(_("recorded by"))
    erfasst_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    geprueft_at = models.DateTimeField(_("checked"), null=True, blank=True, editable=False)
    geprueft_von = wer(_("checked by"))

    objects = AusgabeQuerySet.as_manager()

    constraint_fields = {"ausgabe_betrag": "betrag"}

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(betrag__gt=0),
                name="ausgabe_betrag",
                violation_error_message=_("An expense is more than 0 euros."),
            ),
        ]
        indexes = [models.Index(fields=["kostenposition", "datum"], name="ausgabe_position_idx")]

    def __str__(self) -> str:
        return f"{self.datum:%d.%m.%Y} {self.bezeichnung} ({self.betrag} €)"

    @property
    def projekt(self) -> Projekt:
        return self.kostenposition.projekt


# --- the Träger's narrative report ---------------------------------------------------------------


class SachberichtQuerySet(models.QuerySet):
    def fuer(self, user):
        return self.filter(projekt__in=Projekt.objects.fuer(user))


class Sachbericht(ConstraintFieldsMixin, models.Model):
    """The short report (Sachbericht) the project's Träger writes for a period: what was done,
    who was reached, what changed. The office checks it: accepted, or sent back with its
    remark; a report sent back is corrected and submitted again. Stored privately, seen
    only by the area's staff and the Träger (it may name people); never by city staff."""

    class Status(models.TextChoices):
        EINGEREICHT = "eingereicht", _("Submitted")
        NACHBESSERN = "nachbessern", _("Changes asked")
        ANGENOMMEN = "angenommen", _("Accepted")

    projekt = models.ForeignKey(
        Projekt, verbose_name=_("project"), on_delete=models.CASCADE, related_name="sachberichte"
    )
    von = models.DateField(_("period from"))
    bis = models.DateField(_("period to"))
    text = models.TextField(_("report"), validators=[kein_html])
    datei = models.FileField(
        _("attachment"),
        storage=get_private_storage,
        upload_to=sachbericht_pfad,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EINGEREICHT
    )
    rueckmeldung = models.TextField(
        _("the office's remark"),
        blank=True,
        validators=[kein_html],
        help_text=_("The organisation reads it: what to add or correct."),
    )
    eingereicht_von = wer(_("submitted by"))
    eingereicht_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    geprueft_von = wer(_("checked by"))
    geprueft_at = models.DateTimeField(_("checked"), null=True, blank=True, editable=False)

    objects = SachberichtQuerySet.as_manager()

    constraint_fields = {"sachbericht_bis_nach_von": "bis"}

    class Meta:
        verbose_name = _("narrative report")
        verbose_name_plural = _("narrative reports")
        ordering = ["-von", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gte=F("von")),
                name="sachbericht_bis_nach_von",
                violation_error_message=BIS_NACH_VON,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.projekt} {self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    @property
    def status_klasse(self) -> str:
        """The badge colour of the status."""
        return {
            self.Status.ANGENOMMEN: "text-bg-success",
            self.Status.NACHBESSERN: "text-bg-warning",
        }.get(self.status, "text-bg-light border")

    @property
    def aenderbar(self) -> bool:
        """The Träger may still change it: not yet checked, or sent back."""
        return self.status != self.Status.ANGENOMMEN


# --- the area's budget per year ----------------------------------------------------------------


class Budgetjahr(ConstraintFieldsMixin, models.Model):
    """The area's budget of one year: the programme's rules (shared/domain/001) as the
    area's parameters, and the amounts they give. A set amount overrides the rule."""

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    jahr = models.PositiveSmallIntegerField(_("year"))
    einwohner = models.PositiveIntegerField(_("residents"))
    vollzeitstellen = models.DecimalField(_("full-time posts"), max_digits=4, decimal_places=2)
    projektmittel_je_einwohner = geld(
        _("project means per resident (EUR)"), max_digits=6, default=Decimal("2.00")
    )
    projektmittel_mindestens = geld(_("project means at least (EUR)"), default=Decimal("5000.00"))
    sachkosten_je_stelle = geld(
        _("material costs per full-time post (EUR)"), max_digits=8, default=Decimal("3500.00")
    )
    projektmittel_festgesetzt = geld(
        _("project means set (EUR)"),
        null=True,
        blank=True,
        help_text=_("Only when the city set another amount than the rule gives."),
    )

    constraint_fields = {
        "budgetjahr_einmal": "jahr",
        "budgetjahr_jahr": "jahr",
        "budgetjahr_werte": "projektmittel_je_einwohner",
    }

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "jahr"],
                name="budgetjahr_einmal",
                violation_error_message=_("This area has a budget for this year already."),
            ),
            models.CheckConstraint(
                condition=Q(jahr__gte=2000, jahr__lte=2100),
                name="budgetjahr_jahr",
                violation_error_message=_("Please enter a year between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(
                    projektmittel_je_einwohner__gte=0,
                    projektmittel_mindestens__gte=0,
                    sachkosten_je_stelle__gte=0,
                    vollzeitstellen__gte=0,
                )
                & (Q(projektmittel_festgesetzt__isnull=True) | Q(projektmittel_festgesetzt__gte=0)),
                name="budgetjahr_werte",
                violation_error_message=BETRAG_NICHT_NEGATIV,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quartier} {self.jahr}"

    def projektmittel_nach_regel(self) -> Decimal:
        return euro(
            max(self.projektmittel_je_einwohner * self.einwohner, self.projektmittel_mindestens)
        )

    def projektmittel(self) -> Decimal:
        if self.projektmittel_festgesetzt is not None:
            return euro(self.projektmittel_festgesetzt)
        return self.projektmittel_nach_regel()

    def sachkosten(self) -> Decimal:
        return euro(self.sachkosten_je_stelle * self.vollzeitstellen)
