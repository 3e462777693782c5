from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.models import Quartier


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


class Akteur(models.Model):
    """An organisation or group active in the district: club, charity, school, city office …"""

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
    telefon = models.CharField(_("phone"), max_length=40, blank=True)
    oeffentlich = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the public directory.")
    )
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

    def __str__(self) -> str:
        return self.name
