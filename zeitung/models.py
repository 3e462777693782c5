"""The Quartierszeitung: an area's newspaper issues, their sections and articles with
photos.

An issue (`Zeitungsausgabe`; "Ausgabe" alone is a fund's expense, see docs/glossar.md)
goes through Planung → in Redaktion → Satz → Druckfreigabe → erschienen; from
Druckfreigabe on it and its articles are frozen. An article goes Entwurf → in Prüfung →
freigegeben; only who holds `zeitung.freigeben_artikel` (Redaktion, Quartiersmanagement)
releases it. A photo showing recognisable people is shown only with their consent.
Residents may subscribe by e-mail (`Abonnement`, double opt-in): each published issue is
mailed once to the confirmed subscribers of its area.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.fields import get_private_storage
from quartier.bereich import url_im_quartier
from quartier.constraints import ConstraintFieldsMixin
from quartier.models import Quartier

from .text import RichTextField, klartext


def _im_quartier(queryset, user, lookup: str):
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{lookup}__in": Quartier.objects.fuer(user)})


class Rubrik(ConstraintFieldsMixin, models.Model):
    """A section of an area's newspaper (Aus dem Quartier, Termine, Porträt …); its name
    is the running head of its pages."""

    quartier = models.ForeignKey(
        Quartier, on_delete=models.PROTECT, related_name="rubriken", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=80)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("newspaper section")
        verbose_name_plural = _("newspaper sections")
        ordering = ["reihenfolge", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "name"],
                name="rubrik_name_je_quartier",
                violation_error_message=_("This area has a section of this name already."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ZeitungsausgabeQuerySet(models.QuerySet):
    def fuer(self, user):
        """The issues of the staff user's areas."""
        return _im_quartier(self, user, "quartier")

    def erschienen(self):
        return self.filter(status=Zeitungsausgabe.Status.ERSCHIENEN)


class Zeitungsausgabe(ConstraintFieldsMixin, models.Model):
    """One issue of an area's newspaper."""

    class Status(models.TextChoices):
        PLANUNG = "planung", _("in planning")
        REDAKTION = "redaktion", _("in editing")
        SATZ = "satz", _("in layout")
        DRUCKFREIGABE = "druckfreigabe", _("approved for print")
        ERSCHIENEN = "erschienen", _("published")

    # The steps in their order; from Druckfreigabe on nothing of the issue changes.
    REIHENFOLGE = list(Status)
    EINGEFROREN = {Status.DRUCKFREIGABE, Status.ERSCHIENEN}

    quartier = models.ForeignKey(
        Quartier,
        on_delete=models.PROTECT,
        related_name="zeitungsausgaben",
        verbose_name=_("area"),
    )
    nummer = models.PositiveIntegerField(
        _("number"), help_text=_("Counted on through the years: 1, 2, 3 …")
    )
    titel = models.CharField(
        _("title"), max_length=150, help_text=_("E.g. “Sommer 2026” or the main topic.")
    )
    erscheinungsdatum = models.DateField(_("publication date"))
    zeitraum_bis = models.DateField(
        _("dates until"),
        null=True,
        blank=True,
        help_text=_(
            "The events and meetings the issue lists run from its publication date to this "
            "day. Empty: three months."
        ),
    )
    auflage = models.PositiveIntegerField(_("print run"), default=0)
    seitenzahl = models.PositiveSmallIntegerField(
        _("planned pages"), default=12, help_text=_("A multiple of 4 (folded sheets).")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANUNG
    )
    # The print PDF, rendered by `zeitung.tasks.pdf_erzeugen` and kept with the hash of what
    # it was made from (`zeitung.druck`): reused while that is unchanged.
    pdf = models.FileField(
        _("print PDF"),
        storage=get_private_storage,
        upload_to="zeitung/pdf/",
        blank=True,
        editable=False,
    )
    pdf_schluessel = models.CharField(max_length=64, blank=True, editable=False)
    # The web edition of the same content: PDF/UA, tagged, lighter photos.
    web_pdf = models.FileField(
        _("web PDF"),
        storage=get_private_storage,
        upload_to="zeitung/pdf/",
        blank=True,
        editable=False,
    )
    # What the print PDF measured: for each planned page the printed pages it took and its
    # thumbnail (`[{"seite": 1, "von": 1, "bis": 1, "bild": "zeitung/seiten/…png"}, …]`).
    pdf_seiten = models.JSONField(default=list, blank=True, editable=False)
    beschnitt = models.BooleanField(
        _("bleed and crop marks"),
        default=False,
        help_text=_("For a printer who asks for it: 3 mm bleed around each page and crop marks."),
    )
    pdf_angefordert_at = models.DateTimeField(
        _("PDF requested"), null=True, blank=True, editable=False
    )
    pdf_fertig_at = models.DateTimeField(_("PDF made"), null=True, blank=True, editable=False)
    # When the issue was mailed to the area's subscribers (`services.ausgabe_versenden`):
    # an issue is mailed once.
    versandt_at = models.DateTimeField(
        _("mailed to subscribers"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ZeitungsausgabeQuerySet.as_manager()

    class Meta:
        verbose_name = _("newspaper issue")
        verbose_name_plural = _("newspaper issues")
        ordering = ["quartier", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "nummer"],
                name="zeitungsausgabe_nummer_je_quartier",
                violation_error_message=_("This area has an issue with this number already."),
            ),
            models.CheckConstraint(
                condition=Q(seitenzahl__gte=4),
                name="zeitungsausgabe_mindestens_4_seiten",
                violation_error_message=_("An issue has at least 4 pages."),
            ),
            models.CheckConstraint(
                condition=Exact(Mod("seitenzahl", 4), Value(0)),
                name="zeitungsausgabe_seitenzahl_vielfaches_von_4",
                violation_error_message=_(
                    "The number of pages must be a multiple of 4 (4, 8, 12, 16 …)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(nummer__gte=1),
                name="zeitungsausgabe_nummer_positiv",
                violation_error_message=_("The number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}: {self.titel}"

    @property
    def eingefroren(self) -> bool:
        """Approved for print or published: the issue and its articles stay as they are."""
        return self.status in self.EINGEFROREN

    @property
    def zeitraum(self) -> tuple:
        """The days whose events and meetings the issue lists."""
        from dateutil.relativedelta import relativedelta

        bis = self.zeitraum_bis or self.erscheinungsdatum + relativedelta(months=3)
        return self.erscheinungsdatum, bis

    @property
    def pdf_in_arbeit(self) -> bool:
        """Requested and not yet made (the worker renders it)."""
        return self.pdf_angefordert_at is not None and (
            self.pdf_fertig_at is None or self.pdf_fertig_at < self.pdf_angefordert_at
        )

    @property
    def web_pdf_groesse(self) -> int | None:
        """The web PDF's size in bytes; None when there is none (or its file is gone: the
        issue's page then shows no link rather than failing)."""
        if not self.web_pdf:
            return None
        try:
            return self.web_pdf.size
        except OSError:
            return None

    def naechster_status(self) -> str | None:
        index = self.REIHENFOLGE.index(self.status)
        return self.REIHENFOLGE[index + 1] if index + 1 < len(self.REIHENFOLGE) else None

    def voriger_status(self) -> str | None:
        """One step back is possible until the issue is approved for print."""
        if self.eingefroren:
            return None
        index = self.REIHENFOLGE.index(self.status)
        return self.REIHENFOLGE[index - 1] if index > 0 else None


class ArtikelQuerySet(models.QuerySet):
    def base_queryset(self):
        return self.select_related("quartier", "ausgabe", "rubrik", "akteur")

    def fuer(self, user):
        """The articles of the staff user's areas."""
        return _im_quartier(self, user, "quartier")

    def der_organisationen(self, user):
        """The articles the user's organisations submitted (no other organisation's)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(akteur__mitglieder=user)

    def freigegeben(self):
        return self.filter(status=Artikel.Status.FREIGEGEBEN)


class Artikel(ConstraintFieldsMixin, models.Model):
    """An article of the newspaper, written by the office or submitted by a partner."""

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("draft")
        IN_PRUEFUNG = "in_pruefung", _("in review")
        FREIGEGEBEN = "freigegeben", _("released")

    class Spalten(models.IntegerChoices):
        EINE = 1, _("one column")
        ZWEI = 2, _("two columns")
        DREI = 3, _("three columns")

    quartier = models.ForeignKey(
        Quartier, on_delete=models.PROTECT, related_name="zeitungsartikel", verbose_name=_("area")
    )
    ausgabe = models.ForeignKey(
        Zeitungsausgabe,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="artikel",
        verbose_name=_("newspaper issue"),
        help_text=_("Empty until the editorial team plans the article into an issue."),
    )
    rubrik = models.ForeignKey(
        Rubrik,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="artikel",
        verbose_name=_("newspaper section"),
    )
    dachzeile = models.CharField(
        _("kicker"), max_length=120, blank=True, help_text=_("A short line above the headline.")
    )
    titel = models.CharField(_("headline"), max_length=150)
    vorspann = models.TextField(
        _("teaser"), max_length=600, blank=True, help_text=_("Two or three sentences, plain text.")
    )
    text = RichTextField(_("text"), blank=True)
    autor = models.CharField(_("author"), max_length=150, blank=True)
    nachweis = models.CharField(
        _("credit line"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Text: Nachbarschaftsverein, Fotos: Elif Demir”."),
    )
    spalten = models.PositiveSmallIntegerField(
        _("columns"), choices=Spalten.choices, default=Spalten.ZWEI
    )
    neue_seite = models.BooleanField(
        _("new page before"), default=False, help_text=_("The article starts on a new page.")
    )
    zeichen_ziel = models.PositiveIntegerField(
        _("length target (characters)"),
        null=True,
        blank=True,
        help_text=_("How long the text should be, in characters with spaces."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zeitungsartikel",
        verbose_name=_("submitted by"),
    )
    akteur = models.ForeignKey(
        "netzwerk.Akteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zeitungsartikel",
        verbose_name=_("actor"),
        help_text=_("The organisation that submitted the article."),
    )
    freigegeben_at = models.DateTimeField(_("released"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ArtikelQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at"]
        permissions = [("freigeben_artikel", _("Can release articles"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(spalten__gte=1, spalten__lte=3),
                name="artikel_spalten_1_bis_3",
                violation_error_message=_("An article runs in one, two or three columns."),
            ),
            models.CheckConstraint(
                condition=~Q(titel=""),
                name="artikel_titel_pflicht",
                violation_error_message=_("Please enter a headline."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def status_klasse(self) -> str:
        """The badge colour of the status."""
        return {
            self.Status.FREIGEGEBEN: "text-bg-success",
            self.Status.IN_PRUEFUNG: "text-bg-warning",
        }.get(self.status, "text-bg-secondary")

    @property
    def eingefroren(self) -> bool:
        """Its issue is approved for print or published: the article stays as it is."""
        return self.ausgabe_id is not None and self.ausgabe.eingefroren

    def zeichen(self) -> int:
        """The length of teaser and text in characters with spaces."""
        return len(" ".join(filter(None, [self.vorspann.strip(), klartext(self.text)])))


class ArtikelfotoQuerySet(models.QuerySet):
    def zeigbar(self):
        """Photos that may be shown: no recognisable people, or their consent recorded."""
        return self.filter(Q(personen_erkennbar=False) | Q(einwilligung=True))


class Artikelfoto(ConstraintFieldsMixin, models.Model):
    """A photo of an article, scaled at upload to what print needs (300 dpi at the width
    of the type area), so rendering never resamples it."""

    artikel = models.ForeignKey(
        Artikel, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("article")
    )
    # Private: a photo is served only through views that check who may see it (the office,
    # the submitting partner, the public only when its article is published and consented).
    bild = models.ImageField(_("photo"), storage=get_private_storage, upload_to="zeitung/fotos/")
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. “Children planting "
            "a tree in the courtyard”."
        ),
    )
    bildunterschrift = models.CharField(_("caption"), max_length=300, blank=True)
    urheber = models.CharField(
        _("photo credit"), max_length=150, help_text=_("Who took the photo.")
    )
    lizenz = models.CharField(
        _("licence"),
        max_length=150,
        help_text=_("E.g. “free for the Quartierszeitung” or “CC BY 4.0”."),
    )
    personen_erkennbar = models.BooleanField(
        _("people recognisable"),
        default=False,
        help_text=_("Tick when a person can be recognised on the photo."),
    )
    einwilligung = models.BooleanField(
        _("consent given"),
        default=False,
        help_text=_("The people shown agreed to the photo appearing in the newspaper and online."),
    )
    einwilligung_vermerk = models.CharField(
        _("consent record"),
        max_length=300,
        blank=True,
        help_text=_("How and when the consent was given, e.g. “in writing on 3 May 2026”."),
    )
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ArtikelfotoQuerySet.as_manager()

    constraint_fields = {"artikelfoto_einwilligung_mit_vermerk": "einwilligung_vermerk"}

    class Meta:
        verbose_name = _("article photo")
        verbose_name_plural = _("article photos")
        ordering = ["reihenfolge", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt=""),
                name="artikelfoto_alt_text_pflicht",
                violation_error_message=_(
                    "Please describe the photo for people who cannot see it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(einwilligung=False) | ~Q(einwilligung_vermerk=""),
                name="artikelfoto_einwilligung_mit_vermerk",
                violation_error_message=_("Please note how and when the consent was given."),
            ),
        ]

    def __str__(self) -> str:
        return self.alt

    @property
    def zeigbar(self) -> bool:
        return not self.personen_erkennbar or self.einwilligung


class Platzierung(ConstraintFieldsMixin, models.Model):
    """One entry of an issue's page plan (Seitenplan): an article, or a block the portal
    fills (events, office hours, committee dates, funded micro-projects, answered concerns,
    imprint), on a page in an order; a block that is turned off is not printed."""

    class Art(models.TextChoices):
        ARTIKEL = "artikel", _("Article")
        TERMINE = "termine", _("Events")
        SPRECHZEITEN = "sprechzeiten", _("Office hours and contacts")
        GREMIEN = "gremien", _("Committee dates")
        VERFUEGUNGSFONDS = "verfuegungsfonds", _("Funded micro-projects")
        ANLIEGEN = "anliegen", _("You asked – we answer")
        IMPRESSUM = "impressum", _("Imprint")

    ausgabe = models.ForeignKey(
        Zeitungsausgabe,
        on_delete=models.CASCADE,
        related_name="platzierungen",
        verbose_name=_("newspaper issue"),
    )
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices, default=Art.ARTIKEL)
    artikel = models.ForeignKey(
        Artikel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="platzierungen",
        verbose_name=_("article"),
    )
    seite = models.PositiveSmallIntegerField(_("page"), default=1)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)
    aktiv = models.BooleanField(_("printed"), default=True)

    constraint_fields = {"platzierung_artikel_nur_bei_artikeln": "artikel"}

    class Meta:
        verbose_name = _("page plan entry")
        verbose_name_plural = _("page plan")
        ordering = ["seite", "reihenfolge", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seite__gte=1),
                name="platzierung_seite_ab_1",
                violation_error_message=_("Pages are counted from 1."),
            ),
            models.CheckConstraint(
                condition=(Q(art="artikel") & Q(artikel__isnull=False))
                | (~Q(art="artikel") & Q(artikel__isnull=True)),
                name="platzierung_artikel_nur_bei_artikeln",
                violation_error_message=_(
                    "Choose an article for an article entry, and none for a block."
                ),
            ),
            models.UniqueConstraint(
                fields=["ausgabe", "artikel"],
                name="platzierung_artikel_einmal",
                violation_error_message=_("This article is in the page plan already."),
            ),
            models.UniqueConstraint(
                fields=["ausgabe", "art"],
                condition=~Q(art="artikel"),
                name="platzierung_block_einmal",
                violation_error_message=_("This block is in the page plan already."),
            ),
        ]

    def __str__(self) -> str:
        return self.artikel.titel if self.artikel_id else self.get_art_display()


def _neues_token() -> str:
    return secrets.token_urlsafe(24)


class AbonnementQuerySet(models.QuerySet):
    def fuer(self, user):
        """The subscriptions of the staff user's areas."""
        return _im_quartier(self, user, "quartier")

    def bestaetigt(self):
        """Confirmed by the link in the confirmation mail (double opt-in): only these get
        the issues."""
        return self.filter(bestaetigt_at__isnull=False)


class Abonnement(ConstraintFieldsMixin, models.Model):
    """A resident's e-mail subscription to the area's newspaper. Only the address is kept,
    no name. It gets issues once confirmed by the private link of the confirmation mail
    (double opt-in); the same link's token unsubscribes (the row is deleted)."""

    quartier = models.ForeignKey(
        Quartier,
        on_delete=models.CASCADE,
        related_name="zeitungsabonnements",
        verbose_name=_("area"),
    )
    # Kept in lower case (`services.abonnieren`), so one address is one subscription.
    email = models.EmailField(_("e-mail"))
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_neues_token, editable=False
    )
    angefragt_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    bestaetigt_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AbonnementQuerySet.as_manager()

    class Meta:
        verbose_name = _("newspaper subscription")
        verbose_name_plural = _("newspaper subscriptions")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "email"],
                name="abonnement_email_je_quartier",
                violation_error_message=_(
                    "This address has subscribed to this area's newspaper already."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def get_absolute_url(self) -> str:
        """The private page that confirms the subscription (the link of the mail)."""
        return url_im_quartier(
            self.quartier_id, "zeitung:abonnement_bestaetigen", kwargs={"token": self.token}
        )

    @property
    def bestaetigt(self) -> bool:
        return self.bestaetigt_at is not None
