import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur, Handlungsfeld
from quartier.bereich import url_im_quartier
from quartier.constraints import ConstraintFieldsMixin
from quartier.models import Quartier, User
from quartier.storage import private_storage

NICHT_GELOEST_FRIST = timedelta(weeks=6)


def neues_token() -> str:
    return secrets.token_urlsafe(24)


def neue_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


# --- PIN hashes ----------------------------------------------------------------------------
# The PIN is a random six-digit secret whose guesses the look-up limits (per address and per
# case, see `anliegen.views.anliegen_pin`). It used to be stored with Django's password
# hasher, PBKDF2 with a million rounds: half a second or more of CPU on every report and
# every look-up, which residents waited for; and stretching buys little for a secret with
# only a million values, which an attacker holding the database tries on a graphics card
# in hours anyway.
# What protects a stolen database here is a key the database does not hold: a keyed
# HMAC-SHA256 (the key derived from SECRET_KEY) makes the hashes worthless without the
# server's secret, and costs microseconds. Each hash has its own salt, so equal PINs give
# different hashes. The older PBKDF2 hashes still verify and are rewritten on the first
# successful look-up (no migration can do it: that would need the PIN).
PIN_ALGORITHMUS = "hmac_sha256"


def _pin_digest(pin: str, salt: str, secret: str) -> str:
    return salted_hmac(f"anliegen.pin.{salt}", pin, secret=secret, algorithm="sha256").hexdigest()


def pin_hash_erzeugen(pin: str) -> str:
    """The stored form of a PIN: `hmac_sha256$<salt>$<hex digest>`."""
    salt = get_random_string(22)
    return f"{PIN_ALGORITHMUS}${salt}${_pin_digest(pin, salt, settings.SECRET_KEY)}"


def pin_hash_pruefen(pin: str, encoded: str) -> tuple[bool, bool]:
    """Whether `pin` fits `encoded`, and whether `encoded` should be rewritten (an older
    hasher, or a key from SECRET_KEY_FALLBACKS). Compares in constant time."""
    if not encoded:
        return False, False
    algorithmus, _, rest = encoded.partition("$")
    if algorithmus == PIN_ALGORITHMUS:
        salt, _, digest = rest.partition("$")
        for nummer, secret in enumerate([settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]):
            if constant_time_compare(_pin_digest(pin, salt, secret), digest):
                return True, nummer > 0
        return False, False
    # Hashes written before: PBKDF2 in every installation (its hasher named explicitly, as
    # the settings may list other password hashers); whatever else the password hashers
    # of the settings read (the test settings' MD5).
    if algorithmus == PBKDF2PasswordHasher.algorithm:
        ok = PBKDF2PasswordHasher().verify(pin, encoded)
    else:
        try:
            ok = check_password(pin, encoded)
        except ValueError:  # an unknown hasher: nothing fits
            ok = False
    return ok, ok


class Median(Aggregate):
    """PostgreSQL's median (works on numbers and intervals)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


class Status(models.TextChoices):
    """The workflow of a concern, in the words residents read on their tracking page."""

    EINGEGANGEN = "eingegangen", _("received")
    IN_PRUEFUNG = "in_pruefung", _("being checked")
    IN_BEARBEITUNG = "in_bearbeitung", _("in progress")
    WEITERGELEITET = "weitergeleitet", _("forwarded")
    ERLEDIGT = "erledigt", _("done")
    BEANTWORTET = "beantwortet", _("answered")
    NICHT_ZUSTAENDIG = "nicht_zustaendig", _("not our responsibility")
    NICHT_UMSETZBAR = "nicht_umsetzbar", _("not feasible")
    DUPLIKAT = "duplikat", _("duplicate")
    ZURUECKGEZOGEN = "zurueckgezogen", _("withdrawn")


# Closing statuses: each needs a public answer.
ABSCHLUSS = [
    Status.ERLEDIGT,
    Status.BEANTWORTET,
    Status.NICHT_ZUSTAENDIG,
    Status.NICHT_UMSETZBAR,
    Status.DUPLIKAT,
]
GESCHLOSSEN = [*ABSCHLUSS, Status.ZURUECKGEZOGEN]
OFFEN = [s for s in Status if s not in GESCHLOSSEN]
GELOEST = [Status.ERLEDIGT, Status.BEANTWORTET]

NAECHSTER_SCHRITT = {
    Status.EINGEGANGEN: _("The neighbourhood office will read your concern and check it soon."),
    Status.IN_PRUEFUNG: _("The office is checking who can help and what can be done."),
    Status.IN_BEARBEITUNG: _("The office is working on it. You will hear from us when it moves."),
    Status.WEITERGELEITET: _(
        "The responsible office has your concern. We follow up if no answer arrives in time."
    ),
}


class Kategorie(ConstraintFieldsMixin, models.Model):
    """A category of concerns, staff-managed per area: who handles it and how fast."""

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        verbose_name=_("field of action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    zustaendig = models.ForeignKey(
        Akteur,
        verbose_name=_("default handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The office or company concerns of this category usually go to."),
    )
    frist_tage = models.PositiveSmallIntegerField(
        _("deadline (days)"),
        default=14,
        help_text=_("A concern of this category is overdue when still open after these days."),
    )
    aktiv = models.BooleanField(_("active"), default=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["reihenfolge", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "name"],
                name="kategorie_name_unique",
                violation_error_message=_("This area has a category of this name already."),
            ),
            models.CheckConstraint(
                condition=Q(frist_tage__gte=1),
                name="kategorie_frist_positiv",
                violation_error_message=_("The deadline is at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Textbaustein(models.Model):
    """An answer template per category and status; placeholders {nummer}, {kategorie},
    {datum}, {status}, {adresse} are filled in, then staff edit the text before sending."""

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    kategorie = models.ForeignKey(
        Kategorie,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="textbausteine",
        help_text=_("Empty: for every category."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    titel = models.CharField(_("title"), max_length=120)
    text = models.TextField(
        _("text"),
        help_text=_("Placeholders: {nummer}, {kategorie}, {datum}, {status}, {adresse}."),
    )

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["status", "titel"]

    def __str__(self) -> str:
        return self.titel

    def clean(self):
        if (
            self.kategorie_id
            and self.quartier_id
            and self.kategorie.quartier_id != self.quartier_id
        ):
            raise ValidationError({"kategorie": _("This category belongs to another area.")})

    def fuellen(self, anliegen: "Anliegen") -> str:
        werte = {
            "nummer": anliegen.nummer,
            "kategorie": str(anliegen.kategorie or ""),
            "datum": timezone.localdate(anliegen.eingegangen_at).strftime("%d.%m.%Y"),
            "status": str(Status(self.status).label),
            "adresse": anliegen.adresse,
        }
        text = self.text
        for key, value in werte.items():
            text = text.replace("{" + key + "}", value)
        return text


class Fallzaehler(models.Model):
    """The last case number given out per year; locked while a new number is drawn."""

    jahr = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    letzte_nummer = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case counter")
        verbose_name_plural = _("case counters")

    def __str__(self) -> str:
        return f"{self.jahr}: {self.letzte_nummer}"


class AnliegenQuerySet(models.QuerySet):
    def base_queryset(self):
        return self.select_related("kategorie", "quartier", "zustaendig")

    def fuer(self, user):
        """Staff: the concerns of their areas."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(quartier__in=Quartier.objects.fuer(user))

    def offen(self):
        return self.filter(status__in=OFFEN)

    def oeffentlich(self):
        """Consented and moderated: the public documentation."""
        return self.filter(einwilligung_veroeffentlichung=True, text_freigegeben=True).exclude(
            status__in=[Status.ZURUECKGEZOGEN, Status.DUPLIKAT]
        )

    def ueberfaellig(self, *, heute=None):
        heute = heute or timezone.localdate()
        return self.offen().filter(frist__lt=heute)

    def kennzahlen(self) -> dict:
        """Received, solved, median time to the first answer: one aggregate query."""
        return self.exclude(spam=True).aggregate(
            eingegangen=Count("pk"),
            geloest=Count("pk", filter=Q(status__in=GELOEST)),
            median_erste_antwort=Median(
                ExpressionWrapper(
                    F("erste_antwort_at") - F("eingegangen_at"), output_field=DurationField()
                ),
                filter=Q(erste_antwort_at__isnull=False),
            ),
        )

    def pro_monat(self, *, monate: int = 12) -> list[dict]:
        """Received and solved per month over the last `monate` months (one grouped query)."""
        heute = timezone.localdate()
        index = heute.year * 12 + heute.month - 1 - (monate - 1)
        seit = heute.replace(year=index // 12, month=index % 12 + 1, day=1)
        return list(
            self.exclude(spam=True)
            .filter(eingegangen_at__date__gte=seit)
            .annotate(monat=TruncMonth("eingegangen_at"))
            .values("monat")
            .annotate(eingegangen=Count("pk"), geloest=Count("pk", filter=Q(status__in=GELOEST)))
            .order_by("monat")
        )


class Anliegen(ConstraintFieldsMixin, models.Model):
    """A resident's concern: problem, idea, question or praise, from report to answer."""

    # Residents' personal data: the audit trail records that these changed, not their values.
    AUDIT_PRIVATE_FIELDS = ("name", "email", "telefon", "hausnummer", "lat", "lon")
    # Working on a concern (status, assignee, forwarding) needs this permission: the
    # assignee is chosen among those who hold it (`bearbeitende`).
    BEARBEITEN = "anliegen.change_anliegen"

    class Art(models.TextChoices):
        MANGEL = "mangel", _("Problem")
        IDEE = "idee", _("Idea")
        FRAGE = "frage", _("Question")
        LOB_KRITIK = "lob_kritik", _("Praise or criticism")

    class Kanal(models.TextChoices):
        WEB = "web", _("web form")
        TELEFON = "telefon", _("phone")
        SPRECHSTUNDE = "sprechstunde", _("office hours")

    Status = Status

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    nummer = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=neues_token, editable=False)
    pin_hash = models.CharField(max_length=128, editable=False)
    formular_token = models.CharField(max_length=64, unique=True, null=True, editable=False)
    kanal = models.CharField(_("channel"), max_length=20, choices=Kanal.choices, default="web")
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    kategorie = models.ForeignKey(
        Kategorie, verbose_name=_("category"), on_delete=models.PROTECT, related_name="anliegen"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EINGEGANGEN
    )
    beschreibung = models.TextField(_("description"))
    strasse = models.CharField(_("street"), max_length=120, blank=True)
    hausnummer = models.CharField(_("house number"), max_length=10, blank=True)
    ortsbeschreibung = models.CharField(_("place description"), max_length=300, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefon = models.CharField(_("phone"), max_length=40, blank=True)
    einwilligung_veroeffentlichung = models.BooleanField(_("consent to publish"), default=False)
    einwilligung_kontakt = models.BooleanField(
        _("consent to pass on contact data"),
        default=False,
        help_text=_("The resident agreed that the responsible office may contact them."),
    )
    bestaetigt_at = models.DateTimeField(
        _("confirmed by the resident"),
        null=True,
        blank=True,
        help_text=_(
            "When the resident first acted on the tracking page (e.g. asked for status mails). "
            "Merely opening the link confirms nothing: mail systems open links by themselves."
        ),
    )
    benachrichtigen = models.BooleanField(
        _("status mails"),
        default=False,
        help_text=_("On while the resident wants status mails (chosen on the tracking page)."),
    )
    zustaendig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplikat_von = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplikate",
    )
    # An idea or remark a resident sent from a project's page: the triage sees the project.
    projekt = models.ForeignKey(
        "projekte.Projekt",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anliegen",
    )
    antwort = models.TextField(_("public answer"), blank=True)
    text_freigegeben = models.BooleanField(_("text released"), default=False)
    oeffentlicher_text = models.TextField(
        _("public text"), blank=True, help_text=_("The moderated description shown publicly.")
    )
    spam = models.BooleanField(_("spam"), default=False)
    spam_markiert_at = models.DateTimeField(_("marked as spam"), null=True, blank=True)
    frist = models.DateField(_("due by"), null=True, blank=True)
    eingegangen_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    erste_antwort_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    abgeschlossen_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymisiert_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = AnliegenQuerySet.as_manager()

    constraint_fields = {
        "anliegen_abschluss_braucht_antwort": "antwort",
        "anliegen_koordinaten_gueltig": "lat",
    }

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-eingegangen_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=ABSCHLUSS) | ~Q(antwort=""),
                name="anliegen_abschluss_braucht_antwort",
                violation_error_message=_("A closing status needs a public answer."),
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="anliegen_koordinaten_gueltig",
                violation_error_message=_("This location does not exist on the map."),
            ),
            models.CheckConstraint(
                condition=Q(nummer__regex=r"^A-[0-9]{4}-[0-9]{5,}$"),
                name="anliegen_nummer_format",
                violation_error_message=_("A case number looks like A-2026-00042."),
            ),
        ]
        indexes = [
            models.Index(fields=["quartier", "status", "eingegangen_at"]),
            models.Index(
                fields=["eingegangen_at"],
                condition=Q(einwilligung_veroeffentlichung=True, text_freigegeben=True),
                name="anliegen_oeffentlich_idx",
            ),
            # The queue's shortcuts (open, unassigned, mine, overdue; to check for
            # publication) read only these rows, a few percent of years of concerns.
            models.Index(
                fields=["quartier", "zustaendig"],
                condition=Q(status__in=OFFEN),
                name="anliegen_offen_idx",
            ),
            models.Index(
                fields=["quartier"],
                condition=Q(
                    einwilligung_veroeffentlichung=True, spam=False, text_freigegeben=False
                ),
                name="anliegen_zu_pruefen_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.get_art_display()}"

    def get_absolute_url(self) -> str:
        return url_im_quartier(
            self.quartier_id, "anliegen:anliegen_detail", kwargs={"nummer": self.nummer}
        )

    def get_verfolgen_url(self) -> str:
        return url_im_quartier(
            self.quartier_id, "anliegen:anliegen_verfolgen", kwargs={"token": self.token}
        )

    # --- reading ---------------------------------------------------------------------
    @property
    def adresse(self) -> str:
        """Where the concern is, as one line: street, number and the description."""
        strasse = " ".join(part for part in [self.strasse, self.hausnummer] if part)
        return ", ".join(part for part in [strasse, self.ortsbeschreibung] if part)

    @property
    def oeffentliche_adresse(self) -> str:
        """The street without house number: a number may point to a person's home."""
        return self.strasse

    @property
    def ist_geschlossen(self) -> bool:
        return self.status in GESCHLOSSEN

    @property
    def ist_oeffentlich(self) -> bool:
        return (
            self.einwilligung_veroeffentlichung
            and self.text_freigegeben
            and self.status not in (Status.ZURUECKGEZOGEN, Status.DUPLIKAT)
        )

    @property
    def wartet_auf_pruefung(self) -> bool:
        return (
            self.einwilligung_veroeffentlichung
            and not self.text_freigegeben
            and self.status not in (Status.ZURUECKGEZOGEN, Status.DUPLIKAT)
        )

    @property
    def ist_ueberfaellig(self) -> bool:
        return bool(self.frist and self.status in OFFEN and self.frist < timezone.localdate())

    @property
    def naechster_schritt(self):
        return NAECHSTER_SCHRITT.get(self.status, "")

    @property
    def kann_zusammengefuehrt_werden(self) -> bool:
        """Can be merged into another concern as its duplicate: open, not merged yet."""
        return self.status in OFFEN and self.duplikat_von_id is None and not self.spam

    @property
    def kann_original_sein(self) -> bool:
        """Can take in a duplicate: open, itself no duplicate."""
        return self.status in OFFEN and self.duplikat_von_id is None and not self.spam

    @staticmethod
    def bearbeitende(quartiere):
        """The accounts that can work on concerns of these areas (the assignee choices)."""
        return User.objects.bearbeitende(quartiere, Anliegen.BEARBEITEN).order_by("name")

    def kann_nicht_geloest_melden(self, *, jetzt=None) -> bool:
        jetzt = jetzt or timezone.now()
        return (
            self.status in ABSCHLUSS
            and self.status != Status.DUPLIKAT
            and self.abgeschlossen_at is not None
            and jetzt - self.abgeschlossen_at <= NICHT_GELOEST_FRIST
        )

    @property
    def bekommt_statusmails(self) -> bool:
        """Only when the resident asked for them on the tracking page (a POST): opening the
        link is not enough, as mail systems' link scanners open every link."""
        return bool(self.email and self.benachrichtigen)

    # --- PIN -------------------------------------------------------------------------
    def set_pin(self, pin: str) -> None:
        self.pin_hash = pin_hash_erzeugen(pin)

    def check_pin(self, pin: str) -> bool:
        """Whether `pin` is this concern's PIN; an old-style hash that fits is rewritten as
        the current one (see `pin_hash_erzeugen`), without touching anything else."""
        ok, veraltet = pin_hash_pruefen(pin, self.pin_hash)
        if ok and veraltet and self.pk is not None:
            alt, self.pin_hash = self.pin_hash, pin_hash_erzeugen(pin)
            Anliegen.objects.filter(pk=self.pk, pin_hash=alt).update(pin_hash=self.pin_hash)
        return ok


class Statuswechsel(models.Model):
    """One entry in a concern's history: who, when, from, to, internal note, public answer."""

    anliegen = models.ForeignKey(
        Anliegen, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="verlauf"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(_("by"), max_length=150, blank=True)
    von = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    nach = models.CharField(_("to"), max_length=20, choices=Status.choices)
    notiz = models.TextField(_("internal note"), blank=True)
    antwort = models.TextField(_("public answer"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_von_display() or '–'} → {self.get_nach_display()}"


class Notiz(models.Model):
    """An internal note of staff on a concern; never shown publicly."""

    anliegen = models.ForeignKey(
        Anliegen, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="notizen"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Ergaenzung(models.Model):
    """Information the resident added later on the tracking page."""

    anliegen = models.ForeignKey(
        Anliegen, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="ergaenzungen"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("addition")
        verbose_name_plural = _("additions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


def foto_pfad(instance, filename: str) -> str:
    return f"anliegen/{timezone.now():%Y/%m}/{secrets.token_hex(12)}-{filename[-40:]}"


class Foto(models.Model):
    """A photo of a concern: metadata-free, stored privately, released one by one."""

    anliegen = models.ForeignKey(
        Anliegen, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="fotos"
    )
    datei = models.FileField(_("file"), storage=private_storage, upload_to=foto_pfad)
    freigegeben = models.BooleanField(_("released for publication"), default=False)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.anliegen.nummer} #{self.pk}"

    def get_absolute_url(self) -> str:
        return url_im_quartier(self.anliegen.quartier_id, "anliegen:foto", kwargs={"pk": self.pk})

    @property
    def ist_oeffentlich(self) -> bool:
        return self.freigegeben and self.anliegen.ist_oeffentlich


class WeiterleitungQuerySet(models.QuerySet):
    def aktiv(self, *, jetzt=None):
        """Forwardings whose private link still works: not for spam or anonymised concerns,
        and not longer than WEITERLEITUNG_LINK_TAGE after the concern was closed."""
        jetzt = jetzt or timezone.now()
        grenze = jetzt - timedelta(days=settings.WEITERLEITUNG_LINK_TAGE)
        return self.filter(anliegen__spam=False, anliegen__anonymisiert_at__isnull=True).exclude(
            anliegen__status__in=GESCHLOSSEN, anliegen__abgeschlossen_at__lt=grenze
        )


class Weiterleitung(ConstraintFieldsMixin, models.Model):
    """A concern forwarded to an office or company: when, their reference, answer by when;
    the recipient reads it and answers through a private link."""

    anliegen = models.ForeignKey(
        Anliegen,
        verbose_name=_("concern"),
        on_delete=models.CASCADE,
        related_name="weiterleitungen",
    )
    akteur = models.ForeignKey(
        Akteur, verbose_name=_("forwarded to"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("forwarded"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aktenzeichen = models.CharField(_("their reference"), max_length=80, blank=True)
    antwort_bis = models.DateField(_("answer expected by"))
    nachricht = models.TextField(_("message to the recipient"), blank=True)
    kontakt_weitergeben = models.BooleanField(_("contact data passed on"), default=False)
    token = models.CharField(max_length=64, unique=True, default=neues_token, editable=False)
    antwort = models.TextField(_("their reply"), blank=True)
    beantwortet_at = models.DateTimeField(_("replied"), null=True, blank=True)

    objects = WeiterleitungQuerySet.as_manager()

    constraint_fields = {"weiterleitung_antwort_mit_datum": "antwort"}

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beantwortet_at__isnull=True) | ~Q(antwort=""),
                name="weiterleitung_antwort_mit_datum",
                violation_error_message=_("A forwarding marked as replied needs their reply."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anliegen.nummer} → {self.akteur}"

    def get_absolute_url(self) -> str:
        return url_im_quartier(
            self.anliegen.quartier_id,
            "anliegen:weiterleitung_antwort",
            kwargs={"token": self.token},
        )

    @property
    def ist_ueberfaellig(self) -> bool:
        return self.beantwortet_at is None and self.antwort_bis < timezone.localdate()


class Abonnement(ConstraintFieldsMixin, models.Model):
    """Another resident following a concern (the resident of a merged duplicate)."""

    anliegen = models.ForeignKey(
        Anliegen, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="abonnements"
    )
    email = models.EmailField(_("e-mail"))
    quelle = models.ForeignKey(
        Anliegen,
        verbose_name=_("from duplicate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["anliegen", "email"],
                name="abonnement_unique",
                violation_error_message=_("This e-mail address follows the concern already."),
            ),
        ]

    def __str__(self) -> str:
        return self.email
