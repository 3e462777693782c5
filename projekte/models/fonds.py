"""The Verfügungsfonds: an area's small fund for residents' own micro-projects. Its budget
follows the programme's rule (shared/domain/001: 0.50 EUR per resident, at least 2,000 EUR
below 5,000 residents) as the fund's parameters, or an amount the office sets; its rules are
data (maximum per application, own share, excluded cost kinds, who decides up to which
amount). The fund never approves more than it holds: `projekte.services.antrag_entscheiden`
locks the fund's row and checks the sum in the same transaction."""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.fields import ChoiceArrayField, get_private_storage, kein_html
from netzwerk.models import Sitzung, Zielgruppe, choices_labels
from quartier.constraints import ConstraintFieldsMixin
from quartier.models import Quartier

from .projekte import BIS_NACH_VON, NULL_EURO, _nicht_negativ, _privat_pfad, euro, geld, wer


class Kostenart(models.TextChoices):
    """What a micro-project's money is spent on: the fund's rules name the excluded ones."""

    MATERIAL = "material", _("Material")
    MIETE = "miete", _("Rent and equipment hire")
    HONORARE = "honorare", _("Fees to others")
    EIGENHONORAR = "eigenhonorar", _("Fees to the applicant")
    OEFFENTLICHKEITSARBEIT = "oeffentlichkeitsarbeit", _("Publicity")
    VERPFLEGUNG = "verpflegung", _("Catering")
    SONSTIGES = "sonstiges", _("Other")


class Entscheidungsweg(models.TextChoices):
    """Who decides an application, by its amount (the fund's limits)."""

    BUERO = "buero", _("the office alone")
    GREMIUM = "gremium", _("the committee")
    RAT = "rat", _("the district council")


class FondsQuerySet(models.QuerySet):
    def fuer(self, user):
        return self.filter(quartier__in=Quartier.objects.fuer(user))


class Fonds(ConstraintFieldsMixin, models.Model):
    """An area's Verfügungsfonds of one year: its budget rule, its origin and its rules."""

    class Herkunft(models.TextChoices):
        STAEDTEBAUFOERDERUNG = "staedtebaufoerderung", _("Urban development funding")
        KOMMUNAL = "kommunal", _("The city's own budget")
        PRIVAT = "privat", _("Private money (foundations, donations)")
        GEMISCHT = "gemischt", _("Mixed")

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="fonds"
    )
    jahr = models.PositiveSmallIntegerField(_("year"))
    herkunft = models.CharField(
        _("origin of the money"),
        max_length=30,
        choices=Herkunft.choices,
        default=Herkunft.STAEDTEBAUFOERDERUNG,
    )
    beschreibung = models.TextField(
        _("what the fund is for"),
        blank=True,
        validators=[kein_html],
        help_text=_("In plain words, for the public page."),
    )
    # The budget rule (shared/domain/001), as the area's parameters.
    einwohner = models.PositiveIntegerField(_("residents"))
    je_einwohner = geld(_("per resident (EUR)"), max_digits=6, default=Decimal("0.50"))
    mindestens = geld(_("at least (EUR)"), default=Decimal("2000.00"))
    mindestens_unter_einwohner = models.PositiveIntegerField(
        _("the minimum applies below residents"), default=5000
    )
    festgesetzt = geld(
        _("amount set by the office (EUR)"),
        null=True,
        blank=True,
        help_text=_("Overrides the rule, e.g. when the city grants a different amount."),
    )
    # The rules of an application.
    hoechstbetrag = geld(_("at most per application (EUR)"), default=Decimal("1500.00"))
    eigenanteil_prozent = models.DecimalField(
        _("own share required (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    pauschale_prozent = models.DecimalField(
        _("flat rate on the costs (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Added to the cost plan for small expenses without receipts, e.g. 5 %."),
    )
    ehrenamt_zaehlt = models.BooleanField(_("volunteer hours count as own share"), default=True)
    ehrenamt_stundensatz = geld(
        _("value of a volunteer hour (EUR)"), max_digits=6, default=Decimal("15.00")
    )
    ausgeschlossen = ChoiceArrayField(
        models.CharField(max_length=30, choices=Kostenart.choices),
        verbose_name=_("excluded cost kinds"),
        blank=True,
        default=list,
    )
    # Who decides: the office alone up to `grenze_buero`, the committee up to
    # `grenze_gremium` (none: every amount above the office's), the council above.
    grenze_buero = geld(_("the office decides alone up to (EUR)"), default=Decimal("500.00"))
    grenze_gremium = geld(
        _("the committee decides up to (EUR)"),
        null=True,
        blank=True,
        help_text=_("Empty: the committee decides every amount above the office's limit."),
    )
    gremium = models.ForeignKey(
        "netzwerk.Gremium",
        verbose_name=_("deciding committee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nachweisfrist = models.DateField(
        _("proofs of use due by"),
        null=True,
        blank=True,
        help_text=_("E.g. 31 January of the following year."),
    )
    mindestalter = models.PositiveSmallIntegerField(_("minimum age of an applicant"), default=18)
    # The year's end: what is still free carries over to next year's fund, if the rules allow.
    uebertrag_erlaubt = models.BooleanField(
        _("what is left carries over to next year"), default=True
    )
    uebertrag = geld(_("carried over from last year (EUR)"), null=True, blank=True, editable=False)
    abgeschlossen_at = models.DateTimeField(_("year closed"), null=True, blank=True, editable=False)
    uebertragen = geld(_("carried over to next year (EUR)"), null=True, blank=True, editable=False)

    objects = FondsQuerySet.as_manager()

    constraint_fields = {
        "fonds_je_einwohner": "je_einwohner",
        "fonds_mindestens": "mindestens",
        "fonds_festgesetzt": "festgesetzt",
        "fonds_hoechstbetrag": "hoechstbetrag",
        "fonds_grenzen": "grenze_gremium",
        "fonds_eigenanteil": "eigenanteil_prozent",
        "fonds_pauschale": "pauschale_prozent",
    }

    class Meta:
        verbose_name = _("Verfügungsfonds")
        verbose_name_plural = _("Verfügungsfonds")
        ordering = ["-jahr", "quartier__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "jahr"],
                name="fonds_je_jahr",
                violation_error_message=_("The area already has a fund for this year."),
            ),
            _nicht_negativ("je_einwohner", "fonds_je_einwohner"),
            _nicht_negativ("mindestens", "fonds_mindestens"),
            _nicht_negativ("festgesetzt", "fonds_festgesetzt"),
            models.CheckConstraint(
                condition=Q(hoechstbetrag__gt=0),
                name="fonds_hoechstbetrag",
                violation_error_message=_("The maximum per application is more than 0 euros."),
            ),
            models.CheckConstraint(
                condition=Q(grenze_buero__gte=0)
                & (Q(grenze_gremium__isnull=True) | Q(grenze_gremium__gte=F("grenze_buero"))),
                name="fonds_grenzen",
                violation_error_message=_(
                    "The committee's limit cannot be below the office's limit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(eigenanteil_prozent__gte=0, eigenanteil_prozent__lte=100),
                name="fonds_eigenanteil",
                violation_error_message=_("The own share is between 0 and 100 per cent."),
            ),
            models.CheckConstraint(
                condition=Q(pauschale_prozent__gte=0, pauschale_prozent__lte=100),
                name="fonds_pauschale",
                violation_error_message=_("The flat rate is between 0 and 100 per cent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Verfügungsfonds')} {self.quartier} {self.jahr}"

    def get_absolute_url(self) -> str:
        return reverse("verfuegungsfonds:fonds")

    def budget(self) -> Decimal:
        """The year's budget: the amount set by the office, else the rule; with what last
        year's fund carried over."""
        return self.jahresbudget() + (self.uebertrag or NULL_EURO)

    def jahresbudget(self) -> Decimal:
        """The year's own money: the amount set by the office, else the rule."""
        if self.festgesetzt is not None:
            return euro(self.festgesetzt)
        betrag = euro(self.einwohner * self.je_einwohner)
        if self.einwohner < self.mindestens_unter_einwohner:
            betrag = max(betrag, euro(self.mindestens))
        return betrag

    def pauschale(self, kosten: Decimal) -> Decimal:
        """The flat rate the fund adds to a cost plan of this sum."""
        return euro(kosten * self.pauschale_prozent / 100)

    def nimmt_antraege(self, heute=None) -> tuple[bool, "Antragsrunde | None"]:
        """Whether the fund takes applications today, and the round they go to (the one
        whose deadline is next, today included): this year's open fund, all year long
        without rounds, else until the last round's deadline. One query."""
        heute = heute or timezone.localdate()
        if self.jahr != heute.year or self.abgeschlossen_at is not None:
            return False, None
        runden = list(self.runden.select_related("sitzung__gremium").order_by("antragsschluss"))
        naechste = next((r for r in runden if r.antragsschluss >= heute), None)
        return (naechste is not None or not runden), naechste

    def entscheidungsweg(self, betrag: Decimal) -> str:
        """Who decides an application of this amount."""
        if betrag <= self.grenze_buero:
            return Entscheidungsweg.BUERO
        if self.grenze_gremium is None or betrag <= self.grenze_gremium:
            return Entscheidungsweg.GREMIUM
        return Entscheidungsweg.RAT

    def ausgeschlossen_labels(self) -> list[str]:
        return choices_labels(Kostenart.choices, self.ausgeschlossen)


class Antragsrunde(models.Model):
    """A round of a fund: the applications sent by its deadline are decided together, in
    the committee meeting it names. A fund without rounds takes applications all year."""

    fonds = models.ForeignKey(
        Fonds, verbose_name=_("fund"), on_delete=models.CASCADE, related_name="runden"
    )
    antragsschluss = models.DateField(_("deadline for applications"))
    sitzung = models.ForeignKey(
        Sitzung,
        verbose_name=_("decided in the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["antragsschluss"]
        constraints = [
            models.UniqueConstraint(
                fields=["fonds", "antragsschluss"],
                name="antragsrunde_je_frist",
                violation_error_message=_("The fund already has a round with this deadline."),
            )
        ]

    def __str__(self) -> str:
        return _("Round until %(datum)s") % {
            "datum": formats.date_format(self.antragsschluss, "j. F Y")
        }

    def clean(self):
        if self.sitzung_id is None or self.fonds_id is None:
            return
        fehler = []
        if self.sitzung.gremium.quartier_id != self.fonds.quartier_id:
            fehler.append(_("The meeting belongs to another area."))
        if self.sitzung.beginn.date() < self.antragsschluss:
            fehler.append(_("The meeting is after the deadline, not before it."))
        if fehler:
            raise ValidationError({"sitzung": fehler})


class Antragsstatus(models.TextChoices):
    """The states of an application (issue 14's workflow)."""

    ENTWURF = "entwurf", _("Draft")
    EINGEREICHT = "eingereicht", _("Submitted")
    VORPRUEFUNG = "vorpruefung", _("Being checked")
    RUECKFRAGE = "rueckfrage", _("Question to the applicant")
    ZUR_ENTSCHEIDUNG = "zur_entscheidung", _("Up for decision")
    BEWILLIGT = "bewilligt", _("Approved")
    TEILBEWILLIGT = "teilbewilligt", _("Partly approved")
    ABGELEHNT = "abgelehnt", _("Refused")
    ZURUECKGESTELLT = "zurueckgestellt", _("Deferred")
    VEREINBARUNG = "vereinbarung", _("Agreement signed")
    ABSCHLAG_AUSGEZAHLT = "abschlag_ausgezahlt", _("Advance paid")
    IN_DURCHFUEHRUNG = "in_durchfuehrung", _("Under way")
    NACHWEIS_EINGEREICHT = "nachweis_eingereicht", _("Proof of use submitted")
    NACHWEIS_GEPRUEFT = "nachweis_geprueft", _("Proof of use checked")
    NACHFORDERUNG = "nachforderung", _("Proof of use incomplete")
    ABGESCHLOSSEN = "abgeschlossen", _("Completed")
    ZURUECKGEZOGEN = "zurueckgezogen", _("Withdrawn")
    VERFALLEN = "verfallen", _("Lapsed")
    RUECKFORDERUNG = "rueckforderung", _("Money reclaimed")


S = Antragsstatus
# The approved amount binds the fund in these states (less what came back).
BINDEND = {
    S.BEWILLIGT,
    S.TEILBEWILLIGT,
    S.VEREINBARUNG,
    S.ABSCHLAG_AUSGEZAHLT,
    S.IN_DURCHFUEHRUNG,
    S.NACHWEIS_EINGEREICHT,
    S.NACHWEIS_GEPRUEFT,
    S.NACHFORDERUNG,
}
# Closed with money paid: what was paid and not returned stays spent; the rest is free.
ABGERECHNET = {S.ABGESCHLOSSEN, S.RUECKFORDERUNG}
ENTSCHEIDUNGEN = {S.BEWILLIGT, S.TEILBEWILLIGT, S.ABGELEHNT, S.ZURUECKGESTELLT}
# The office's steps (a decision is `services.antrag_entscheiden`, a payment `auszahlen`).
ANTRAG_UEBERGAENGE: dict[str, set[str]] = {
    S.EINGEREICHT: {S.VORPRUEFUNG, S.ZURUECKGEZOGEN},
    S.VORPRUEFUNG: {S.RUECKFRAGE, S.ZUR_ENTSCHEIDUNG, S.ZURUECKGEZOGEN},
    S.RUECKFRAGE: {S.VORPRUEFUNG, S.ZURUECKGEZOGEN, S.VERFALLEN},
    S.ZUR_ENTSCHEIDUNG: {S.RUECKFRAGE, S.ZURUECKGEZOGEN},
    S.ZURUECKGESTELLT: {S.ZUR_ENTSCHEIDUNG, S.ZURUECKGEZOGEN, S.VERFALLEN},
    S.BEWILLIGT: {S.VEREINBARUNG, S.ZURUECKGEZOGEN, S.VERFALLEN},
    S.TEILBEWILLIGT: {S.VEREINBARUNG, S.ZURUECKGEZOGEN, S.VERFALLEN},
    S.VEREINBARUNG: {S.IN_DURCHFUEHRUNG, S.ZURUECKGEZOGEN},
    S.ABSCHLAG_AUSGEZAHLT: {S.IN_DURCHFUEHRUNG},
    S.IN_DURCHFUEHRUNG: {S.NACHWEIS_EINGEREICHT, S.RUECKFORDERUNG},
    S.NACHWEIS_EINGEREICHT: {S.NACHWEIS_GEPRUEFT, S.NACHFORDERUNG},
    S.NACHFORDERUNG: {S.NACHWEIS_EINGEREICHT, S.RUECKFORDERUNG},
    S.NACHWEIS_GEPRUEFT: {S.ABGESCHLOSSEN, S.RUECKFORDERUNG},
}
# Publicly listed (with the applicant's consent): funded micro-projects.
OEFFENTLICH = BINDEND | {S.ABGESCHLOSSEN}
# The applicant's own steps through the tracking link.
ZURUECKZIEHBAR = {
    S.ENTWURF,
    S.EINGEREICHT,
    S.VORPRUEFUNG,
    S.RUECKFRAGE,
    S.ZUR_ENTSCHEIDUNG,
    S.ZURUECKGESTELLT,
    S.BEWILLIGT,
    S.TEILBEWILLIGT,
}
# The proof of use is sent from these states (after the agreement).
NACHWEISBAR = {S.VEREINBARUNG, S.ABSCHLAG_AUSGEZAHLT, S.IN_DURCHFUEHRUNG, S.NACHFORDERUNG}
# What the state means for the applicant, in plain words (their tracking page and mails).
ERKLAERUNG = {
    S.ENTWURF: _(
        "You have saved your application as a draft. It reaches the office only once you send it."
    ),
    S.EINGEREICHT: _("Your application has arrived. The office will check it soon."),
    S.VORPRUEFUNG: _(
        "The office is checking whether your application is complete and fits the fund's rules."
    ),
    S.RUECKFRAGE: _(
        "The office has a question about your application. Please answer it below, then it goes on."
    ),
    S.ZUR_ENTSCHEIDUNG: _(
        "Your application is complete. It is decided next: small amounts by the office, "
        "larger ones in the committee's next meeting."
    ),
    S.BEWILLIGT: _(
        "Good news: your application is approved. The office sends you the agreement to sign."
    ),
    S.TEILBEWILLIGT: _(
        "Your application is approved with a smaller amount. The office sends you the "
        "agreement to sign."
    ),
    S.ABGELEHNT: _("Sadly your application was not approved. The reason is given below."),
    S.ZURUECKGESTELLT: _(
        "The decision on your application has been put off, for example to the next meeting."
    ),
    S.VEREINBARUNG: _("The agreement is signed. You can start your project; keep all receipts."),
    S.ABSCHLAG_AUSGEZAHLT: _(
        "An advance has been paid to you. Keep all receipts for the proof of use."
    ),
    S.IN_DURCHFUEHRUNG: _(
        "Your project is under way. When it is done, send the receipts and a short report here."
    ),
    S.NACHWEIS_EINGEREICHT: _(
        "Thank you: your receipts and report have arrived. The office checks them."
    ),
    S.NACHWEIS_GEPRUEFT: _("Your proof of use is checked. The office pays what is still due."),
    S.NACHFORDERUNG: _(
        "Something is missing from your proof of use. Please see the office's note and add "
        "it below."
    ),
    S.ABGESCHLOSSEN: _("Your project is completed and settled. Thank you for your idea!"),
    S.ZURUECKGEZOGEN: _("The application was withdrawn."),
    S.VERFALLEN: _("The application has lapsed, for example because a deadline passed."),
    S.RUECKFORDERUNG: _(
        "The office reclaims money from this project. Please see the note and contact the office."
    ),
}


def _antrag_token() -> str:
    return secrets.token_urlsafe(24)


class AntragQuerySet(models.QuerySet):
    def fuer(self, user):
        return self.filter(fonds__quartier__in=Quartier.objects.fuer(user))

    def oeffentlich(self):
        return self.filter(status__in=OEFFENTLICH, einwilligung_veroeffentlichung=True)

    def eingegangen(self):
        """Sent to the office: every application but the applicants' own drafts."""
        return self.exclude(status=S.ENTWURF)


class Antrag(ConstraintFieldsMixin, models.Model):
    """An application to the Verfügungsfonds: who applies, for what, its cost and financing
    plan, the decision and the payments. The contact data is private to the office."""

    AUDIT_PRIVATE_FIELDS = ("name", "email", "telefon")

    class Antragsteller(models.TextChoices):
        PERSON = "person", _("A resident")
        INITIATIVE = "initiative", _("A residents' initiative")
        VEREIN = "verein", _("A club or association")

    fonds = models.ForeignKey(
        Fonds, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="antraege"
    )
    nummer = models.CharField(
        _("number"), max_length=20, blank=True, editable=False
    )  # empty while a draft
    token = models.CharField(max_length=64, unique=True, default=_antrag_token, editable=False)
    status = models.CharField(
        _("status"), max_length=30, choices=Antragsstatus.choices, default=S.EINGEREICHT
    )
    antragsteller = models.CharField(
        _("applicant"), max_length=20, choices=Antragsteller.choices, default=Antragsteller.PERSON
    )
    organisation = models.CharField(
        _("initiative or club"), max_length=200, blank=True, validators=[kein_html]
    )
    name = models.CharField(_("contact person"), max_length=200, validators=[kein_html])
    email = models.EmailField(_("e-mail"), blank=True)
    telefon = models.CharField(_("phone"), max_length=40, blank=True, validators=[kein_html])
    titel = models.CharField(_("title"), max_length=200, validators=[kein_html])
    beschreibung = models.TextField(_("what and why"), validators=[kein_html])
    zielgruppen = ChoiceArrayField(
        models.CharField(max_length=30, choices=Zielgruppe.choices),
        verbose_name=_("target groups"),
        blank=True,
        default=list,
    )
    ort = models.CharField(_("place"), max_length=200, blank=True, validators=[kein_html])
    von = models.DateField(_("from"), null=True, blank=True)
    bis = models.DateField(_("until"), null=True, blank=True)
    kooperationspartner = models.CharField(
        _("cooperation partners"), max_length=300, blank=True, validators=[kein_html]
    )
    handlungsfelder = models.ManyToManyField(
        "netzwerk.Handlungsfeld",
        verbose_name=_("fields of action"),
        blank=True,
        related_name="fondsantraege",
        help_text=_("Set by the office, for the figures the city asks for."),
    )
    # The financing of the cost plan besides the fund.
    eigenanteil = geld(_("own money (EUR)"), default=NULL_EURO)
    drittmittel = geld(_("other money (EUR)"), default=NULL_EURO)
    ehrenamt_stunden = models.DecimalField(
        _("volunteer hours"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    beantragt = geld(_("amount applied for (EUR)"), null=True)  # empty only in a draft
    # The fund's flat rate on the cost plan, as it stood when the application was sent.
    pauschale = geld(_("flat rate (EUR)"), default=NULL_EURO, editable=False)
    # The decision.
    bewilligt = geld(_("amount approved (EUR)"), null=True, blank=True, editable=False)
    entscheidungsweg = models.CharField(
        _("decided by"), max_length=20, choices=Entscheidungsweg.choices, blank=True, editable=False
    )
    sitzung = models.ForeignKey(
        Sitzung,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    auflagen = models.TextField(_("conditions"), blank=True, validators=[kein_html])
    entschieden_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    entschieden_von = wer(_("recorded by"))
    einwilligung_veroeffentlichung = models.BooleanField(
        _("the office may publish title, short text and amount"), default=False
    )
    # The declarations of an application sent on the website.
    mindestalter_bestaetigt = models.BooleanField(_("of the minimum age"), default=False)
    nicht_begonnen = models.BooleanField(_("not started yet"), default=False)
    keine_doppelfoerderung = models.BooleanField(
        _("no other funding of the same costs"), default=False
    )
    foerderhinweis = models.BooleanField(_("names the fund in its publicity"), default=False)
    # Ends the same form sent twice (one application), as for concerns.
    formular_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    eingereicht_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    # The proof of use, sent through the tracking link.
    bericht = models.TextField(_("short report"), blank=True, validators=[kein_html])
    ist_kosten = geld(_("actual costs (EUR)"), null=True, blank=True)
    nachweis_at = models.DateTimeField(
        _("proof of use sent"), null=True, blank=True, editable=False
    )
    nachweis_erinnert_at = models.DateTimeField(
        _("reminded of the proof of use"), null=True, blank=True, editable=False
    )
    runde = models.ForeignKey(
        Antragsrunde,
        verbose_name=_("round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="antraege",
        editable=False,
    )
    erstellt_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)

    objects = AntragQuerySet.as_manager()

    constraint_fields = {
        "antrag_beantragt": "beantragt",
        "antrag_eigenanteil": "eigenanteil",
        "antrag_drittmittel": "drittmittel",
        "antrag_ehrenamt": "ehrenamt_stunden",
        "antrag_bis_nach_von": "bis",
    }

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-erstellt_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fonds", "nummer"],
                condition=~Q(nummer=""),
                name="antrag_nummer_je_fonds",
                violation_error_message=_("This number is taken."),
            ),
            models.CheckConstraint(
                condition=Q(status="entwurf") | (~Q(nummer="") & Q(beantragt__isnull=False)),
                name="antrag_eingereicht_vollstaendig",
                violation_error_message=_("A sent application has a number and an amount."),
            ),
            models.CheckConstraint(
                condition=Q(beantragt__gt=0),
                name="antrag_beantragt",
                violation_error_message=_("An application is for more than 0 euros."),
            ),
            _nicht_negativ("eigenanteil", "antrag_eigenanteil"),
            _nicht_negativ("drittmittel", "antrag_drittmittel"),
            _nicht_negativ("ehrenamt_stunden", "antrag_ehrenamt"),
            models.CheckConstraint(
                condition=Q(bewilligt__isnull=True) | Q(bewilligt__gt=0),
                name="antrag_bewilligt",
                violation_error_message=_("An approval is for more than 0 euros."),
            ),
            models.CheckConstraint(
                condition=Q(von__isnull=True) | Q(bis__isnull=True) | Q(bis__gte=F("von")),
                name="antrag_bis_nach_von",
                violation_error_message=BIS_NACH_VON,
            ),
        ]
        indexes = [models.Index(fields=["fonds", "status"], name="antrag_fonds_status_idx")]

    def __str__(self) -> str:
        return f"{self.nummer or _('Draft')} {self.titel}"

    def get_verfolgen_url(self) -> str:
        return reverse("verfuegungsfonds:antrag_verfolgen", args=[self.token])

    def erklaerung(self) -> str:
        return ERKLAERUNG[self.status]

    @property
    def zurueckziehbar(self) -> bool:
        return self.status in ZURUECKZIEHBAR

    @property
    def nachweisbar(self) -> bool:
        return self.status in NACHWEISBAR

    def zielgruppen_labels(self) -> list[str]:
        return choices_labels(Zielgruppe.choices, self.zielgruppen)

    def kosten_summe(self) -> Decimal:
        return euro(
            self.kosten.aggregate(s=Coalesce(Sum("betrag"), NULL_EURO))["s"]
            if self.pk
            else NULL_EURO
        )

    def gesamtkosten(self) -> Decimal:
        """The cost plan with the fund's flat rate."""
        return self.kosten_summe() + self.pauschale

    def ehrenamt_wert(self) -> Decimal:
        if not self.fonds.ehrenamt_zaehlt:
            return NULL_EURO
        return euro(self.ehrenamt_stunden * self.fonds.ehrenamt_stundensatz)

    def ausgezahlt_summe(self) -> Decimal:
        return euro(
            self.auszahlungen.aggregate(s=Coalesce(Sum("betrag"), NULL_EURO))["s"]
            if self.pk
            else NULL_EURO
        )


class Antragskosten(ConstraintFieldsMixin, models.Model):
    """A line of an application's cost plan."""

    antrag = models.ForeignKey(
        Antrag, verbose_name=_("application"), on_delete=models.CASCADE, related_name="kosten"
    )
    art = models.CharField(_("kind"), max_length=30, choices=Kostenart.choices)
    bezeichnung = models.CharField(_("item"), max_length=200, validators=[kein_html])
    betrag = geld(_("amount (EUR)"))

    constraint_fields = {"antragskosten_betrag": "betrag"}

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost plan")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(betrag__gt=0),
                name="antragskosten_betrag",
                violation_error_message=_("A cost line is more than 0 euros."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.betrag} €)"


class Auszahlung(ConstraintFieldsMixin, models.Model):
    """Money paid to an application (advance, rest) or returned from it (a reclaim or an
    unspent rest: a negative amount, which frees the fund again)."""

    class Art(models.TextChoices):
        ABSCHLAG = "abschlag", _("Advance")
        REST = "rest", _("Remaining payment")
        RUECKZAHLUNG = "rueckzahlung", _("Money returned")

    antrag = models.ForeignKey(
        Antrag,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="auszahlungen",
    )
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    betrag = geld(_("amount (EUR)"), help_text=_("Returned money is negative."))
    datum = models.DateField(_("date"), default=timezone.localdate)
    erfasst_von = wer(_("recorded by"))

    constraint_fields = {"auszahlung_vorzeichen": "betrag"}

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(art="rueckzahlung") & Q(betrag__gt=0))
                | (Q(art="rueckzahlung") & Q(betrag__lt=0)),
                name="auszahlung_vorzeichen",
                violation_error_message=_(
                    "A payment is more than 0 euros; returned money is entered as negative."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.betrag} €"


def antragsdatei_pfad(instance, filename: str) -> str:
    return _privat_pfad("antraege")(instance, filename)


class Antragsdatei(models.Model):
    """A file of an application, sent through the tracking link: a quote with the
    application, a receipt or a photo with the proof of use. Made safe before it is stored
    (images re-encoded without metadata, PDFs checked), privately: only the area's staff
    and the applicant's link open it."""

    class Art(models.TextChoices):
        ANGEBOT = "angebot", _("Quote or other attachment")
        BELEG = "beleg", _("Receipt")
        FOTO = "foto", _("Photo of the project")

    antrag = models.ForeignKey(
        Antrag, verbose_name=_("application"), on_delete=models.CASCADE, related_name="dateien"
    )
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    datei = models.FileField(_("file"), storage=get_private_storage, upload_to=antragsdatei_pfad)
    personen_einwilligung = models.BooleanField(
        _("the people shown agree to its publication"), default=False
    )
    hochgeladen_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("file of an application")
        verbose_name_plural = _("files of the application")
        ordering = ["hochgeladen_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.hochgeladen_at:%d.%m.%Y}"

    @property
    def dateiname(self) -> str:
        return self.datei.name.rsplit("/", 1)[-1].split("-", 1)[-1]


class Beratung(ConstraintFieldsMixin, models.Model):
    """An application on the list of a committee meeting (*Sitzung*): the committee's vote
    on it (yes, no, abstentions), the members who did not vote for a conflict of interest,
    and its decision, which goes into the meeting's minutes."""

    sitzung = models.ForeignKey(
        Sitzung, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="beratungen"
    )
    antrag = models.ForeignKey(
        Antrag, verbose_name=_("application"), on_delete=models.CASCADE, related_name="beratungen"
    )
    ja = models.PositiveSmallIntegerField(_("yes"), null=True, blank=True)
    nein = models.PositiveSmallIntegerField(_("no"), null=True, blank=True)
    enthaltung = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    befangen = models.ManyToManyField(
        "netzwerk.GremiumMitglied",
        verbose_name=_("not voting (conflict of interest)"),
        blank=True,
        related_name="+",
    )
    ergebnis = models.CharField(
        _("decision"), max_length=30, choices=Antragsstatus.choices, blank=True
    )
    beraten_at = models.DateTimeField(_("decided"), null=True, blank=True)
    beraten_von = wer(_("recorded by"))

    class Meta:
        verbose_name = _("item of a meeting")
        verbose_name_plural = _("items of the meeting")
        ordering = ["sitzung", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sitzung", "antrag"],
                name="beratung_einmal_je_sitzung",
                violation_error_message=_("The application is on this meeting's list already."),
            ),
            models.CheckConstraint(
                condition=Q(ergebnis="")
                | Q(ja__isnull=False, nein__isnull=False, enthaltung__isnull=False),
                name="beratung_mit_stimmen",
                violation_error_message=_("A committee's decision records its votes."),
            ),
        ]

    constraint_fields = {"beratung_mit_stimmen": "ja"}

    def __str__(self) -> str:
        return f"{self.antrag} – {self.sitzung}"


class Antragsschritt(models.Model):
    """The history of an application: every step, who took it, and what the applicant was
    told (their tracking page shows the steps meant for them)."""

    antrag = models.ForeignKey(
        Antrag, verbose_name=_("application"), on_delete=models.CASCADE, related_name="schritte"
    )
    status = models.CharField(_("status"), max_length=30, choices=Antragsstatus.choices)
    notiz = models.TextField(_("note"), blank=True)
    fuer_antragsteller = models.BooleanField(_("shown to the applicant"), default=True)
    # The applicant's own step through the tracking link (their answer, proof, withdrawal).
    vom_antragsteller = models.BooleanField(_("by the applicant"), default=False)
    user = wer(_("by"), editable=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.created_at:%d.%m.%Y}"


__all__ = [
    "ABGERECHNET",
    "ANTRAG_UEBERGAENGE",
    "BINDEND",
    "ENTSCHEIDUNGEN",
    "OEFFENTLICH",
    "Antrag",
    "Antragsdatei",
    "Antragskosten",
    "Antragsrunde",
    "Antragsschritt",
    "Antragsstatus",
    "Auszahlung",
    "Beratung",
    "ERKLAERUNG",
    "NACHWEISBAR",
    "ZURUECKZIEHBAR",
    "Entscheidungsweg",
    "Fonds",
    "Kostenart",
]
