import re

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.bereich import url_im_quartier
from quartier.constraints import ConstraintFieldsMixin
from quartier.forms import ENDE_NACH_BEGINN
from quartier.models import Quartier, Wochentag

from .fields import (
    ChoiceArrayField,
    WebsiteField,
    get_private_storage,
    kein_html,
    telefon_validator,
)

SUCH_KONFIGURATION = "german"
_WORT = re.compile(r"[^\W_]+", re.UNICODE)


def suchbegriff(text: str) -> str | None:
    """A German prefix tsquery from what a resident typed: every word must match the start of
    a stemmed word (“Hausaufgabe” finds “Hausaufgabenhilfe”). Only letters and digits are
    kept, so tsquery operators in the input (``& | ! ( ) :*``) never reach PostgreSQL.
    None when nothing searchable is left."""
    woerter = [w.lower() for w in _WORT.findall(text or "")][:8]
    if not woerter:
        return None
    return " & ".join(f"{wort}:*" for wort in woerter)


def suchanfrage(text: str) -> SearchQuery | None:
    raw = suchbegriff(text)
    if raw is None:
        return None
    return SearchQuery(raw, search_type="raw", config=SUCH_KONFIGURATION)


def _vektor(*teile: tuple[str, str]):
    """A weighted tsvector from (text, weight) pairs, computed by PostgreSQL."""
    vektor = None
    for text, gewicht in teile:
        teil = SearchVector(Value(text or ""), weight=gewicht, config=SUCH_KONFIGURATION)
        vektor = teil if vektor is None else vektor + teil
    return vektor


def choices_labels(choices, values) -> list[str]:
    labels = dict(choices)
    return [str(labels.get(value, value)) for value in values]


class Zielgruppe(models.TextChoices):
    """Target groups, shared by actors, offers, events and projects."""

    KINDER = "kinder", _("Children")
    JUGENDLICHE = "jugendliche", _("Young people")
    FAMILIEN = "familien", _("Families")
    SENIOREN = "senioren", _("Older people")
    MIGRATION = "migration", _("People with a migration background")
    BEHINDERUNG = "behinderung", _("People with disabilities")
    ALLE = "alle", _("Everyone")


class Sprache(models.TextChoices):
    """Languages spoken in offers, events and by actors (ISO 639-1)."""

    DE = "de", _("German")
    TR = "tr", _("Turkish")
    AR = "ar", _("Arabic")
    RU = "ru", _("Russian")
    UK = "uk", _("Ukrainian")
    PL = "pl", _("Polish")
    RO = "ro", _("Romanian")
    BG = "bg", _("Bulgarian")
    FA = "fa", _("Persian")
    KU = "ku", _("Kurdish")
    EN = "en", _("English")
    FR = "fr", _("French")
    IT = "it", _("Italian")
    ES = "es", _("Spanish")
    SGS = "sgn", _("Sign language")


class Handlungsfeld(models.Model):
    """A field of action of the programme (Wohnen, Bildung, Integration …), staff-managed;
    used by actors, concern categories and projects."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class AkteurQuerySet(models.QuerySet):
    def oeffentlich(self):
        return self.filter(oeffentlich=True)

    def suche(self, text: str):
        """Full-text search (German, prefix), best matches first."""
        query = suchanfrage(text)
        if query is None:
            return self
        return (
            self.filter(suchvektor=query)
            .annotate(rang=SearchRank(F("suchvektor"), query))
            .order_by("-rang", "name")
        )

    def fuer(self, user):
        """What a logged-in user may manage: staff their areas' actors, partners their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_staff:
            inner = Akteur.objects.filter(quartiere__in=Quartier.objects.fuer(user)).values("pk")
            return self.filter(pk__in=inner)
        return self.filter(mitglieder=user)


class Akteur(ConstraintFieldsMixin, models.Model):
    """An organisation or group active in the district: club, charity, school, city office …"""

    class Barrierefreiheit(models.TextChoices):
        UNBEKANNT = "", _("not stated")
        BARRIEREFREI = "barrierefrei", _("step-free access")
        TEILWEISE = "teilweise", _("partly accessible")
        NICHT = "nicht", _("not accessible")

    class Art(models.TextChoices):
        VEREIN = "verein", _("Association (Verein)")
        FREIER_TRAEGER = "freier_traeger", _("Independent welfare organisation")
        FACHAMT = "fachamt", _("Institution / authority / city office")
        POLITIK = "politik", _("Politics")
        SCHULE_KITA = "schule_kita", _("School / day care")
        RELIGION = "religion", _("Religious community")
        WOHNUNGSUNTERNEHMEN = "wohnungsunternehmen", _("Housing company")
        LOKALE_OEKONOMIE = "lokale_oekonomie", _("Local business")
        INITIATIVE = "initiative", _("Initiative")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=200, unique=True)
    art = models.CharField(_("kind"), max_length=30, choices=Art.choices)
    quartiere = models.ManyToManyField(
        Quartier,
        verbose_name=_("areas"),
        related_name="akteure",
        help_text=_("The areas this actor works in."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("General address; forwarded concerns go here.")
    )
    telefon = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[telefon_validator]
    )
    oeffentlich = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the public directory.")
    )
    beschreibung = models.TextField(
        _("description"),
        blank=True,
        validators=[kein_html],
        help_text=_("What you do and for whom, in plain words. Plain text."),
    )
    strasse = models.CharField(_("street and number"), max_length=200, blank=True)
    plz = models.CharField(_("postcode"), max_length=5, blank=True)
    ort = models.CharField(_("town"), max_length=120, blank=True)
    oeffnungszeiten = models.TextField(
        _("opening hours"),
        blank=True,
        validators=[kein_html],
        help_text=_("One line per day, e.g. “Mo–Fr 9–12 Uhr”."),
    )
    website = WebsiteField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="netzwerk/logos/", blank=True)
    handlungsfelder = models.ManyToManyField(
        Handlungsfeld, verbose_name=_("fields of action"), related_name="akteure", blank=True
    )
    zielgruppen = ChoiceArrayField(
        models.CharField(max_length=20, choices=Zielgruppe.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    sprachen = ChoiceArrayField(
        models.CharField(max_length=3, choices=Sprache.choices),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    barrierefreiheit = models.CharField(
        _("accessibility of the premises"),
        max_length=20,
        choices=Barrierefreiheit.choices,
        default=Barrierefreiheit.UNBEKANNT,
        blank=True,
    )
    barrierefreiheit_hinweis = models.CharField(
        _("note on accessibility"),
        max_length=300,
        blank=True,
        validators=[kein_html],
        help_text=_("e.g. “Ramp at the back entrance, accessible toilet”."),
    )
    zur_pruefung_vorgemerkt_at = models.DateTimeField(
        _("to review since"),
        null=True,
        blank=True,
        help_text=_("Set when a partner changes public text; staff clear it after review."),
    )
    suchvektor = SearchVectorField(null=True, editable=False)
    mitglieder = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner users"),
        related_name="akteure",
        blank=True,
        help_text=_("Accounts that keep this entry current and book rooms for it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = AkteurQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["suchvektor"], name="akteur_suchvektor_gin"),
            # The directory lists by name, 20 a page: without it, every page sorts all rows.
            models.Index(fields=["name"], name="akteur_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(plz="") | Q(plz__regex=r"^[0-9]{5}$"),
                name="akteur_plz_five_digits",
                violation_error_message=_("A German postcode has five digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:akteur_detail", kwargs={"slug": self.slug})

    def get_partner_url(self) -> str:
        return reverse("partner:akteur_edit", kwargs={"slug": self.slug})

    @property
    def anschrift(self) -> str:
        ort = " ".join(part for part in (self.plz, self.ort) if part)
        return ", ".join(part for part in (self.strasse, ort) if part)

    def oeffnungszeiten_zeilen(self) -> list[str]:
        return [line.strip() for line in self.oeffnungszeiten.splitlines() if line.strip()]

    def zielgruppen_labels(self) -> list[str]:
        return choices_labels(Zielgruppe.choices, self.zielgruppen)

    def sprachen_labels(self) -> list[str]:
        return choices_labels(Sprache.choices, self.sprachen)

    def aktualisiere_suchvektor(self) -> None:
        """Store the search vectors of this actor and its offers: name, description, fields of
        action and public offers. Called by every service and admin save that changes them."""
        angebote = list(self.angebote.filter(oeffentlich=True).values_list("titel", "beschreibung"))
        angebot_text = " ".join(f"{titel} {text}" for titel, text in angebote)
        felder = " ".join(self.handlungsfelder.values_list("name", flat=True))
        Akteur.objects.filter(pk=self.pk).update(
            suchvektor=_vektor(
                (self.name, "A"),
                (f"{angebot_text} {felder}", "B"),
                (f"{self.beschreibung} {self.get_art_display()}", "C"),
            )
        )
        self.angebote.all().aktualisiere_suchvektoren()

    def zur_pruefung_vormerken(self) -> None:
        if self.zur_pruefung_vorgemerkt_at is None:
            self.zur_pruefung_vorgemerkt_at = timezone.now()
            Akteur.objects.filter(pk=self.pk, zur_pruefung_vorgemerkt_at__isnull=True).update(
                zur_pruefung_vorgemerkt_at=self.zur_pruefung_vorgemerkt_at
            )


class Ansprechperson(models.Model):
    """A contact person of an actor. Shown publicly only with their consent."""

    AUDIT_PRIVATE_FIELDS = ("name", "email", "telefon")

    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="ansprechpersonen",
    )
    name = models.CharField(_("name"), max_length=150, validators=[kein_html])
    funktion = models.CharField(_("function"), max_length=150, blank=True, validators=[kein_html])
    email = models.EmailField(_("e-mail"), blank=True)
    telefon = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[telefon_validator]
    )
    einwilligung_oeffentlich = models.BooleanField(
        _("consents to be shown publicly"),
        default=False,
        help_text=_(
            "Only tick this when the person agreed that name, function and contact details "
            "appear on the public website."
        ),
    )
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.akteur})" if self.akteur_id else self.name


class AngebotQuerySet(models.QuerySet):
    def aktualisiere_suchvektoren(self) -> int:
        """One UPDATE for all offers in this queryset: title, description and address."""
        return self.update(
            suchvektor=SearchVector("titel", weight="A", config=SUCH_KONFIGURATION)
            + SearchVector("beschreibung", weight="B", config=SUCH_KONFIGURATION)
            + SearchVector("adresse", weight="C", config=SUCH_KONFIGURATION)
        )

    def oeffentlich(self):
        return self.filter(oeffentlich=True, akteur__oeffentlich=True)

    def suche(self, text: str):
        query = suchanfrage(text)
        if query is None:
            return self
        return (
            self.filter(suchvektor=query)
            .annotate(rang=SearchRank(F("suchvektor"), query))
            .order_by("-rang", "titel")
        )


class Angebot(ConstraintFieldsMixin, models.Model):
    """An offer of an actor: a homework club, a counselling hour, a seniors' breakfast …"""

    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="angebote"
    )
    titel = models.CharField(_("title"), max_length=200, validators=[kein_html])
    beschreibung = models.TextField(_("description"), blank=True, validators=[kein_html])
    zielgruppen = ChoiceArrayField(
        models.CharField(max_length=20, choices=Zielgruppe.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    sprachen = ChoiceArrayField(
        models.CharField(max_length=3, choices=Sprache.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    zeit = models.CharField(
        _("when"),
        max_length=200,
        blank=True,
        validators=[kein_html],
        help_text=_("In words, e.g. “every Tuesday 15–17 Uhr, not in the school holidays”."),
    )
    wochentag = models.PositiveSmallIntegerField(
        _("weekday"), choices=Wochentag.choices, null=True, blank=True
    )
    beginn = models.TimeField(_("from"), null=True, blank=True)
    ende = models.TimeField(_("until"), null=True, blank=True)
    adresse = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        validators=[kein_html],
        help_text=_("Where it takes place, when not at the actor's own address."),
    )
    kostenlos = models.BooleanField(_("free of charge"), default=True)
    kosten = models.DecimalField(
        _("cost (EUR)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only when not free of charge."),
    )
    anmeldung_noetig = models.BooleanField(_("registration needed"), default=False)
    oeffentlich = models.BooleanField(_("public"), default=True)
    kooperationspartner = models.ManyToManyField(
        Akteur,
        verbose_name=_("in cooperation with"),
        related_name="kooperationsangebote",
        blank=True,
    )
    suchvektor = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = AngebotQuerySet.as_manager()

    constraint_fields = {"angebot_kosten_passen": "kosten", "angebot_ende_nach_beginn": "ende"}

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["titel"]
        indexes = [GinIndex(fields=["suchvektor"], name="angebot_suchvektor_gin")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kostenlos=True, kosten__isnull=True) | Q(kostenlos=False, kosten__gt=0),
                name="angebot_kosten_passen",
                violation_error_message=_(
                    "An offer is either free of charge or costs more than 0 euros."
                ),
            ),
            models.CheckConstraint(
                condition=Q(beginn__isnull=True) | Q(ende__isnull=True) | Q(ende__gt=F("beginn")),
                name="angebot_ende_nach_beginn",
                violation_error_message=ENDE_NACH_BEGINN,
            ),
            models.CheckConstraint(
                condition=Q(wochentag__isnull=True) | Q(wochentag__gte=0, wochentag__lte=6),
                name="angebot_wochentag",
                violation_error_message=_("Please choose a weekday."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:akteur_detail", kwargs={"slug": self.akteur.slug}) + (
            f"#angebot-{self.pk}"
        )

    def zielgruppen_labels(self) -> list[str]:
        return choices_labels(Zielgruppe.choices, self.zielgruppen)

    def sprachen_labels(self) -> list[str]:
        return choices_labels(Sprache.choices, self.sprachen)


class Gremium(models.Model):
    """A committee or working group the office runs or takes part in."""

    class Art(models.TextChoices):
        BUERGERGREMIUM = "buergergremium", _("Residents' council (Bürgergremium)")
        STADTTEILKONFERENZ = "stadtteilkonferenz", _("District conference")
        ARBEITSKREIS = "arbeitskreis", _("Working group")
        GEWERBESTAMMTISCH = "gewerbestammtisch", _("Local business round table")
        VERGABEBEIRAT = "vergabebeirat", _("Funding panel (Vergabebeirat)")
        SONSTIGES = "sonstiges", _("Other")

    quartier = models.ForeignKey(
        Quartier, verbose_name=_("area"), on_delete=models.CASCADE, related_name="gremien"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=200, unique=True)
    art = models.CharField(_("kind"), max_length=30, choices=Art.choices)
    zweck = models.TextField(_("purpose"), blank=True, validators=[kein_html])
    oeffentlich = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the website with its public meetings.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_im_quartier(
            self.quartier_id, "netzwerk:gremium_detail", kwargs={"slug": self.slug}
        )


class GremiumMitglied(ConstraintFieldsMixin, models.Model):
    """A member of a committee: an actor, or a person (resident or staff of an authority)."""

    class Typ(models.TextChoices):
        BEWOHNER = "bewohner", _("Resident")
        INSTITUTION = "institution", _("Institution")
        VERWALTUNG = "verwaltung", _("Administration")
        POLITIK = "politik", _("Politics")

    gremium = models.ForeignKey(
        Gremium, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="mitglieder"
    )
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="gremium_mitgliedschaften",
        null=True,
        blank=True,
    )
    name = models.CharField(
        _("person"),
        max_length=150,
        blank=True,
        help_text=_("Name of the person; never shown publicly for residents."),
    )
    rolle = models.CharField(_("role"), max_length=100, blank=True)
    typ = models.CharField(_("member is"), max_length=20, choices=Typ.choices)

    constraint_fields = {"gremiummitglied_akteur_oder_name": "name"}

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["typ", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gremium", "akteur"],
                condition=Q(akteur__isnull=False),
                name="gremiummitglied_akteur_einmal",
                violation_error_message=_("This actor is a member already."),
            ),
            models.CheckConstraint(
                condition=Q(akteur__isnull=False) | ~Q(name=""),
                name="gremiummitglied_akteur_oder_name",
                violation_error_message=_("Please choose an actor or enter a name."),
            ),
        ]

    def __str__(self) -> str:
        wer = self.name or str(self.akteur)
        return f"{wer} ({self.get_typ_display()})"


class SitzungQuerySet(models.QuerySet):
    def oeffentlich(self):
        return self.filter(oeffentlich=True, gremium__oeffentlich=True)


class Sitzung(models.Model):
    """A meeting of a committee, with agenda and minutes."""

    gremium = models.ForeignKey(
        Gremium, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="sitzungen"
    )
    beginn = models.DateTimeField(_("date and time"))
    adresse = models.CharField(_("address"), max_length=200)
    tagesordnung = models.TextField(_("agenda"), blank=True, validators=[kein_html])
    protokoll = models.TextField(_("minutes"), blank=True, validators=[kein_html])
    protokoll_pdf = models.FileField(
        _("minutes (PDF)"),
        upload_to="netzwerk/protokolle/",
        storage=get_private_storage,
        blank=True,
        help_text=_("Served only for a public meeting whose minutes are published."),
    )
    protokoll_veroeffentlicht = models.BooleanField(
        _("minutes published"),
        default=False,
        help_text=_("Published minutes of a public meeting appear on the website."),
    )
    teilnehmende = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    oeffentlich = models.BooleanField(_("public meeting"), default=True)

    objects = SitzungQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-beginn"]

    def __str__(self) -> str:
        when = timezone.localtime(self.beginn).strftime("%d.%m.%Y")
        return f"{self.gremium} – {when}"

    def get_protokoll_url(self) -> str:
        return url_im_quartier(
            self.gremium.quartier_id,
            "netzwerk:sitzung_protokoll",
            kwargs={"slug": self.gremium.slug, "pk": self.pk},
        )

    def tagesordnung_punkte(self) -> list[str]:
        return [line.strip() for line in self.tagesordnung.splitlines() if line.strip()]
