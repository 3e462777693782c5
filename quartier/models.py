import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, Permission
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .constraints import ConstraintFieldsMixin

EURO = Decimal("0.01")


class Wochentag(models.IntegerChoices):
    """The weekday of every app (opening hours, offers, bookable hours): Monday = 0 …
    Sunday = 6, as Python's `date.weekday()`."""

    MONTAG = 0, _("Monday")
    DIENSTAG = 1, _("Tuesday")
    MITTWOCH = 2, _("Wednesday")
    DONNERSTAG = 3, _("Thursday")
    FREITAG = 4, _("Friday")
    SAMSTAG = 5, _("Saturday")
    SONNTAG = 6, _("Sunday")


HAUSNUMMER = re.compile(r"\s+\d+\s*[a-zA-Z]?(\s*[-/]\s*\d+\s*[a-zA-Z]?)?$")
STRASSE_KURZ = re.compile(r"(?i)(str\.?|strasse)$")


def strassenname(text: str) -> str:
    """A street as people type it, as it is listed: "Brunnenstr. 14a" → "Brunnenstraße"."""
    name = HAUSNUMMER.sub("", " ".join(text.split()))
    return STRASSE_KURZ.sub("straße", name)


class QuartierQuerySet(models.QuerySet):
    def fuer(self, user) -> "QuartierQuerySet":
        """The areas a user may see in the back office: all for superusers, else their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(mitarbeitende=user)

    def suche(self, text: str) -> "QuartierQuerySet":
        """Areas whose name or municipality, or one of whose streets, contains `text` (a
        street may be typed with its house number and "str." for "straße")."""
        text = " ".join(text.split())
        if not text:
            return self
        strasse = strassenname(text)
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(gemeinde__icontains=text)
            | models.Q(
                pk__in=Quartiersstrasse.objects.filter(name__icontains=strasse).values("quartier")
            )
        )


class Quartier(ConstraintFieldsMixin, models.Model):
    """A district served by the office: everything else belongs to one of these."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    gemeinde = models.CharField(_("municipality"), max_length=120)
    einwohner = models.PositiveIntegerField(_("residents"))
    einwohner_stichtag = models.DateField(_("residents counted on"))
    vollzeitstellen = models.DecimalField(
        _("full-time posts"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2.00"),
        help_text=_("Staff of the office in full-time equivalents (VbE)."),
    )
    traeger = models.CharField(
        _("operating organisation"), max_length=200, help_text=_("The Träger of the office.")
    )
    buero_name = models.CharField(_("office"), max_length=200)
    strasse = models.CharField(_("street and number"), max_length=200)
    plz = models.CharField(_("postcode"), max_length=5)
    ort = models.CharField(_("town"), max_length=120)
    sprechzeiten = models.TextField(
        _("office hours"), help_text=_("One line per day, e.g. “Di 15–18 Uhr”.")
    )
    telefon = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The legal details of the Träger, filled into the legal pages (quartier.seiten).
    vertreten_durch = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Who may represent the Träger (legal notice), e.g. “Anna Beispiel, CEO”."),
    )
    registereintrag = models.CharField(
        _("register entry"),
        max_length=200,
        blank=True,
        help_text=_(
            "Register court and number, e.g. “Amtsgericht Lindenau, VR 1234”; "
            "“entfällt” if the Träger is not registered."
        ),
    )
    verantwortlich_inhalt = models.CharField(
        _("responsible for the content"),
        max_length=300,
        blank=True,
        help_text=_("Name and address of the person responsible under § 18 (2) MStV."),
    )
    datenschutz_kontakt = models.CharField(
        _("data protection officer"),
        max_length=300,
        blank=True,
        help_text=_("How to reach the data protection officer (privacy policy)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = QuartierQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(plz__regex=r"^[0-9]{5}$"),
                name="quartier_plz_five_digits",
                violation_error_message=_("A German postcode has five digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(vollzeitstellen__gte=0),
                name="quartier_vollzeitstellen_positive",
                violation_error_message=_("The full-time posts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from .bereich import url_im_quartier

        return url_im_quartier(self, "home")

    @property
    def anschrift(self) -> str:
        return f"{self.strasse}, {self.plz} {self.ort}"

    def sprechzeiten_zeilen(self) -> list[str]:
        return [line.strip() for line in self.sprechzeiten.splitlines() if line.strip()]


class Quartiersstrasse(ConstraintFieldsMixin, models.Model):
    """A street (or part of one) in an area: residents find their area by it."""

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="strassen"
    )
    name = models.CharField(_("street"), max_length=120, help_text=_("Without house number."))

    class Meta:
        verbose_name = _("street of the area")
        verbose_name_plural = _("streets of the area")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "quartier",
                Lower("name"),
                name="quartiersstrasse_unique_per_quartier",
                violation_error_message=_("This street is already listed for the area."),
            ),
        ]
        indexes = [models.Index(Lower("name"), name="quartiersstrasse_name_idx")]

    def __str__(self) -> str:
        return self.name


TITEL = frozenset(
    {"dr", "prof", "dipl", "ing", "med", "phil", "rer", "nat", "jur", "habil", "mag", "pd"}
    | {"herr", "frau", "hr", "fr", "mr", "mrs", "ms"}
)


def nur_titel(text: str) -> bool:
    """Whether a form of address holds titles and salutations only ("Dr.", "Prof. Dr.",
    "Frau Dr."), so that greeting with it would read "Hallo Dr.."."""
    woerter = [w for w in re.split(r"[\s.\-]+", text.lower()) if w]
    return all(w in TITEL for w in woerter)


class UserQuerySet(models.QuerySet):
    def bearbeitende(self, quartiere, permission: str) -> "UserQuerySet":
        """Active staff assigned to one of `quartiere` (areas or their ids) who hold
        `permission` ("app_label.codename") through a role or directly: those who can work
        on an object of these areas, e.g. the choices of a concern's assignee."""
        app_label, codename = permission.split(".", 1)
        perm = {"codename": codename, "content_type__app_label": app_label}
        halten = Q(groups__permissions__in=Permission.objects.filter(**perm)) | Q(
            user_permissions__in=Permission.objects.filter(**perm)
        )
        zugeordnet = self.model.objects.filter(quartiere__in=quartiere).values("pk")
        return self.filter(
            Q(is_superuser=True) | Q(pk__in=self.model.objects.filter(halten).values("pk")),
            pk__in=zugeordnet,
            is_active=True,
            is_staff=True,
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(ConstraintFieldsMixin, AbstractUser):
    """A person who logs in: staff of the office, city staff or an actor's partner user.

    Residents need no account. Log-in is by e-mail address.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    kurzname = models.CharField(
        _("short form of address"),
        max_length=80,
        blank=True,
        help_text=_("How the portal greets you, e.g. “Anna” or “Dr. Berg”. Empty: your full name."),
    )
    quartiere = models.ManyToManyField(
        Quartier,
        verbose_name=_("areas"),
        related_name="mitarbeitende",
        blank=True,
        help_text=_("Staff see and change only the areas they are assigned to."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("There is already an account with this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        """How the portal greets the user: the short form they chose, else the full name
        (never the first word of it: that may be a title like "Dr.")."""
        if self.kurzname.strip() and not nur_titel(self.kurzname):
            return self.kurzname.strip()
        return self.name or self.email

    def clean(self):
        super().clean()
        if self.kurzname.strip() and nur_titel(self.kurzname):
            raise ValidationError(
                {"kurzname": _("Please add your name: a title alone is no form of address.")}
            )

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def has_role(self, rolle: str) -> bool:
        return self.groups.filter(name=rolle).exists()

    @cached_property
    def fuer_alle_quartiere(self) -> bool:
        """An operator: a superuser, or staff assigned to every area. What they do reaches
        everything, also what belongs to no area (e.g. mails of password resets)."""
        if self.is_superuser:
            return True
        return not Quartier.objects.exclude(pk__in=Quartier.objects.fuer(self)).exists()

    def wirkungsbereich(self) -> "QuartierQuerySet | None":
        """The areas this user's actions reach; None for an operator (everywhere)."""
        return None if self.fuer_alle_quartiere else Quartier.objects.fuer(self)


class Seite(models.Model):
    """The legal pages in the footer; staff edit their text, defaults come with the install."""

    class Art(models.TextChoices):
        IMPRESSUM = "impressum", _("Legal notice")
        DATENSCHUTZ = "datenschutz", _("Privacy policy")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Accessibility statement")

    art = models.CharField(_("page"), max_length=30, choices=Art.choices, unique=True)
    titel = models.CharField(_("title"), max_length=200)
    inhalt = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. An empty line starts a new paragraph. Text in [square brackets] is "
            "a placeholder: the known ones are filled from the area's data (Träger, office, "
            "legal details); replace the others here."
        ),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["art"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("seite", kwargs={"art": self.art})

    def inhalt_fuer(self, quartier) -> str:
        """The text as the area's residents read it: known placeholders filled in."""
        from .seiten import ausfuellen

        return ausfuellen(self.inhalt, quartier)


class OutgoingMail(models.Model):
    """A mail the portal promised to send: stored first, sent after commit, retried on failure.

    Nothing acknowledged to a user is lost when the mail server or the worker is down: the
    row stays until it is sent (see `quartier.mail`).
    """

    quartier = models.ForeignKey(
        Quartier,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Staff see the mails of their areas; mails without an area only operators."),
    )
    to = ArrayField(models.EmailField(), verbose_name=_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra headers of the message (name -> value), e.g. List-Unsubscribe (RFC 8058).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoingmail_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class AuditEntry(models.Model):
    """Who changed what, when: written by services and the admin for every change."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")
        OTHER = "other", _("other")

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(
        _("by"), max_length=150, blank=True, help_text=_("Shown when no user acted.")
    )
    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object number"), max_length=64)
    obj = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        who = self.user or self.actor or "—"
        when = f"{self.created_at:%d.%m.%Y %H:%M}"
        return f"{when} {who}: {self.get_action_display()} {self.object_repr}"


class Benachrichtigungsart(models.TextChoices):
    """What a person is told about: each one is something that waits for them (see
    `quartier.benachrichtigungen`, which says who is told of each)."""

    ANLIEGEN_EINGEGANGEN = "anliegen_eingegangen", _("New concern")
    ANLIEGEN_ZUGEWIESEN = "anliegen_zugewiesen", _("Concern assigned to you")
    ANLIEGEN_ERGAENZT = "anliegen_ergaenzt", _("Resident added to a concern")
    ANLIEGEN_NICHT_GELOEST = "anliegen_nicht_geloest", _("Resident says a concern is not solved")
    WEITERLEITUNG_BEANTWORTET = "weiterleitung_beantwortet", _("Reply to a forwarded concern")
    BUCHUNG_ANGEFRAGT = "buchung_angefragt", _("Booking request")
    VERANSTALTUNG_EINGEREICHT = "veranstaltung_eingereicht", _("Event submitted by a partner")
    VERANSTALTUNG_FREIGEGEBEN = "veranstaltung_freigegeben", _("Your event was published")
    VERANSTALTUNG_ABGELEHNT = "veranstaltung_abgelehnt", _("Your event was not accepted")
    AKTEUR_ZUR_PRUEFUNG = "akteur_zur_pruefung", _("Partner profile to review")
    SACHBERICHT_EINGEREICHT = "sachbericht_eingereicht", _("Narrative report submitted")
    SACHBERICHT_GEPRUEFT = "sachbericht_geprueft", _("Your narrative report was checked")
    ANTRAG_EINGEGANGEN = "antrag_eingegangen", _("New application to the Verfügungsfonds")
    ANTRAG_BEANTWORTET = "antrag_beantwortet", _("Applicant answered the office's question")
    ANTRAG_NACHWEIS = "antrag_nachweis", _("Proof of use of a fund application submitted")
    ANTRAG_ZURUECKGEZOGEN = "antrag_zurueckgezogen", _("Applicant withdrew an application")
    ARTIKEL_EINGEREICHT = "artikel_eingereicht", _("Newspaper article submitted by a partner")


class Zustellung(models.TextChoices):
    """How a person wants to be told of one kind of notification."""

    SOFORT = "sofort", _("immediately, one mail")
    TAEGLICH = "taeglich", _("in the daily digest")
    NIE = "nie", _("never")


class Benachrichtigungseinstellung(ConstraintFieldsMixin, models.Model):
    """A person's choice for one kind of notification; without a row: immediately."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="benachrichtigungseinstellungen",
    )
    art = models.CharField(_("notification"), max_length=40, choices=Benachrichtigungsart.choices)
    zustellung = models.CharField(
        _("delivery"), max_length=10, choices=Zustellung.choices, default=Zustellung.SOFORT
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "art"],
                name="benachrichtigungseinstellung_einmal",
                violation_error_message=_("This notification is chosen already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.get_zustellung_display()}"


class Benachrichtigung(ConstraintFieldsMixin, models.Model):
    """One notice for one person, stored in the transaction of the change it tells about
    and mailed after commit (alone or with others of the same kind) or in the daily digest.
    It holds no personal data of residents: a line and a link to the back office."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="benachrichtigungen",
    )
    art = models.CharField(_("notification"), max_length=40, choices=Benachrichtigungsart.choices)
    zustellung = models.CharField(_("delivery"), max_length=10, choices=Zustellung.choices)
    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE
    )
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    gesendet_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["zustellung", "user"],
                condition=models.Q(gesendet_at__isnull=True),
                name="benachrichtigung_offen_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(zustellung="nie"),
                name="benachrichtigung_nicht_nie",
                violation_error_message=_("A notification nobody wants is not stored."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.text[:60]}"


class BerichtsdateiQuerySet(models.QuerySet):
    def fuer(self, user) -> "BerichtsdateiQuerySet":
        """The report files a user may download: those whose areas are all theirs."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        fremd = Quartier.objects.exclude(pk__in=Quartier.objects.fuer(user).values("pk"))
        return self.exclude(quartiere__in=fremd)


def _private_storage():
    from .storage import private_storage

    return private_storage


class Berichtsdatei(models.Model):
    """The PDF of a report for the city, made by the worker and kept for download. Keyed by
    a hash of what it shows (areas, period, every figure): while the data stays the same,
    asking again gives the same file at once."""

    schluessel = models.CharField(max_length=64, unique=True, editable=False)
    quartiere = models.ManyToManyField(Quartier, verbose_name=_("areas"), related_name="+")
    von = models.DateField(_("from"))
    bis = models.DateField(_("until"))
    zeitraum_art = models.CharField(max_length=10, default="spanne", editable=False)
    # The report's sections as shown to city staff (small counts suppressed), serialised by
    # `quartier.reporting.als_daten`: the worker renders exactly what was asked for.
    daten = models.JSONField(editable=False)
    datei = models.FileField(
        _("PDF"), storage=_private_storage, upload_to="berichte/", blank=True, editable=False
    )
    angefordert_at = models.DateTimeField(_("asked for"), default=timezone.now)
    fertig_at = models.DateTimeField(_("finished"), null=True, blank=True)
    fehler = models.TextField(_("error"), blank=True, editable=False)

    objects = BerichtsdateiQuerySet.as_manager()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-angefordert_at"]

    def __str__(self) -> str:
        return f"{self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    @property
    def in_arbeit(self) -> bool:
        return not self.datei and not self.fehler


class StadtteildatenQuerySet(models.QuerySet):
    def fuer(self, user) -> "StadtteildatenQuerySet":
        return self.filter(quartier__in=Quartier.objects.fuer(user))


def _anteil(label):
    return models.DecimalField(
        label, max_digits=4, decimal_places=1, null=True, blank=True, help_text=_("In per cent.")
    )


class Stadtteildaten(ConstraintFieldsMixin, models.Model):
    """An area's figures for one year as the city's statistics office gives them: how many
    live there, their ages, households, the share receiving benefits and the languages
    spoken. Entered by the office or imported from the statistics office's CSV file
    (`quartier.stadtteildaten`); the residents' count feeds the budget rules of the year
    after (`einwohner_fuer`) and the area's current count."""

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="stadtteildaten"
    )
    jahr = models.PositiveSmallIntegerField(_("year"))
    stichtag = models.DateField(
        _("counted on"), help_text=_("The day the figures refer to, e.g. 31.12. of the year.")
    )
    einwohner = models.PositiveIntegerField(_("residents"))
    unter_18 = models.PositiveIntegerField(_("under 18"), null=True, blank=True)
    von_18_bis_64 = models.PositiveIntegerField(_("18 to 64"), null=True, blank=True)
    ab_65 = models.PositiveIntegerField(_("65 and older"), null=True, blank=True)
    haushalte = models.PositiveIntegerField(_("households"), null=True, blank=True)
    anteil_transferleistungen = _anteil(_("receiving benefits (%)"))
    anteil_migrationshintergrund = _anteil(_("with a migration background (%)"))
    sprachen = models.CharField(
        _("languages spoken"),
        max_length=300,
        blank=True,
        help_text=_("The most spoken languages besides German, separated by commas."),
    )
    quelle = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("Who gave the figures, e.g. “Statistikstelle der Stadt, Stand 03/2026”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = StadtteildatenQuerySet.as_manager()

    constraint_fields = {
        "stadtteildaten_stichtag_im_jahr": "stichtag",
        "stadtteildaten_altersgruppen": "ab_65",
        "stadtteildaten_haushalte": "haushalte",
    }

    class Meta:
        verbose_name = _("area statistics")
        verbose_name_plural = _("area statistics")
        ordering = ["-jahr", "quartier__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "jahr"],
                name="stadtteildaten_einmal",
                violation_error_message=_("This area has statistics for this year already."),
            ),
            models.CheckConstraint(
                condition=Q(jahr__gte=1990, jahr__lte=2100),
                name="stadtteildaten_jahr",
                violation_error_message=_("Please enter a year between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(stichtag__year=models.F("jahr")),
                name="stadtteildaten_stichtag_im_jahr",
                violation_error_message=_("The day counted on must lie in the year."),
            ),
            models.CheckConstraint(
                condition=Q(
                    einwohner__gte=Coalesce("unter_18", 0)
                    + Coalesce("von_18_bis_64", 0)
                    + Coalesce("ab_65", 0)
                ),
                name="stadtteildaten_altersgruppen",
                violation_error_message=_(
                    "The age groups together cannot be more than the residents."
                ),
            ),
            models.CheckConstraint(
                condition=Q(haushalte__lte=models.F("einwohner")) | Q(haushalte__isnull=True),
                name="stadtteildaten_haushalte",
                violation_error_message=_("There cannot be more households than residents."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(anteil_transferleistungen__isnull=True)
                    | Q(anteil_transferleistungen__gte=0, anteil_transferleistungen__lte=100)
                ),
                name="stadtteildaten_anteil_transferleistungen",
                violation_error_message=_("A share lies between 0 and 100 per cent."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(anteil_migrationshintergrund__isnull=True)
                    | Q(anteil_migrationshintergrund__gte=0, anteil_migrationshintergrund__lte=100)
                ),
                name="stadtteildaten_anteil_migrationshintergrund",
                violation_error_message=_("A share lies between 0 and 100 per cent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quartier} {self.jahr}"

    def sprachen_liste(self) -> list[str]:
        return [s.strip() for s in self.sprachen.split(",") if s.strip()]
