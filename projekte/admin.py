from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.admin import EigeneAkteureMixin
from netzwerk.models import Sitzung
from quartier import audit
from quartier.admin import (
    AbHeuteFilter,
    Abkuerzung,
    BedingungsFilter,
    ImBereichFilter,
    QuartierScopedAdmin,
    ab_heute,
)
from quartier.bereich import url_im_quartier
from quartier.exports import xlsx_mappe
from quartier.images import SafeImageField
from quartier.models import AuditEntry, Quartier, User
from quartier.stadtteildaten import EinwohnerAusStadtteildatenForm
from quartier.storage import private_file_response

from . import briefe, fondszahlen, services, verwendungsnachweis
from .forms import AuszahlungForm, BelegField, BeratungForm, EntscheidungForm
from .models import (
    ANTRAG_UEBERGAENGE,
    NACHWEISBAR,
    UEBERGAENGE,
    Antrag,
    Antragsdatei,
    Antragskosten,
    Antragsrunde,
    Antragsschritt,
    Antragsstatus,
    Ausgabe,
    Auszahlung,
    Bewilligung,
    Budgetjahr,
    Finanzierungsposition,
    Foerderprogramm,
    Fonds,
    Indikator,
    Kostenposition,
    Meilenstein,
    Mittelabruf,
    Nachweis,
    Phase,
    Projekt,
    Projektfoto,
    Sachbericht,
    Status,
    summe,
)

# The receipts carry personal data (who was paid): whoever may see the expenses.
BELEGE_SEHEN = "projekte.view_ausgabe"


class InlinesImProtokoll:
    """Objects edited inline (photos, lines of the plan, payment requests …) are audited
    one by one, under the area of the object they belong to."""

    def _quartier_von(self, obj):
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        quartier = self._quartier_von(form.instance)
        for formset in formsets:
            for obj in formset.new_objects:
                audit.record(
                    obj, action=AuditEntry.Action.CREATED, user=request.user, quartier=quartier
                )
            for obj, changed in formset.changed_objects:
                audit.record(
                    obj,
                    action=AuditEntry.Action.CHANGED,
                    user=request.user,
                    quartier=quartier,
                    changes={name: ("", "") for name in changed},
                )
            for obj in formset.deleted_objects:
                audit.record(
                    obj, action=AuditEntry.Action.DELETED, user=request.user, quartier=quartier
                )


# --- funding programmes ----------------------------------------------------------------------


class LaufzeitFilter(AbHeuteFilter):
    """Programmes and projects running today first, finished ones under "past": an open end
    (a programme without end, an idea without dates) runs on."""

    feld = "bis"

    @classmethod
    def bedingung(cls, value, request, model=None) -> Q:
        bedingung = super().bedingung(value, request, model)
        return bedingung | Q(bis__isnull=True) if value == cls.KOMMEND else bedingung


class NachweisFaelligFilter(BedingungsFilter):
    """Grants with a report (interim report or proof of use) not submitted: due within 30
    days, or overdue."""

    title = _("report due")
    parameter_name = "nachweis"
    TAGE = 30

    def lookups(self, request, model_admin):
        return [
            ("bald", _("due within 30 days")),
            ("ueberfaellig", _("overdue")),
        ]

    @classmethod
    def bedingung(cls, value, request):
        heute = timezone.localdate()
        offen = Nachweis.objects.filter(bewilligung=OuterRef("pk"), eingereicht_am__isnull=True)
        if value == "bald":
            faellig = offen.filter(
                faellig_am__gte=heute, faellig_am__lte=heute + timedelta(cls.TAGE)
            )
            return Q(Exists(faellig))
        if value == "ueberfaellig":
            return Q(Exists(offen.filter(faellig_am__lt=heute)))
        return Q()


class VerwendungsnachweisFilter(BedingungsFilter):
    """Approved applications whose proof of use is past the fund's deadline and not sent."""

    title = _("proof of use")
    parameter_name = "verwendungsnachweis"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("overdue"))]

    @classmethod
    def bedingung(cls, value, request):
        if value == "ueberfaellig":
            return Q(status__in=NACHWEISBAR, fonds__nachweisfrist__lt=timezone.localdate())
        return Q()


@admin.register(Foerderprogramm)
class FoerderprogrammAdmin(QuartierScopedAdmin):
    """Shared programmes (no area) are kept by the operator; an office adds its own."""

    list_display = ["name", "kurzname", "ebene", "foerdersatz", "von", "bis"]
    list_filter = [LaufzeitFilter, "ebene"]
    search_fields = ["name", "kurzname", "geber"]
    fieldsets = [
        (None, {"fields": ["name", "kurzname", "ebene", "geber", "quartier", "beschreibung"]}),
        (
            _("Rules"),
            {"fields": ["foerdersatz", "kofinanzierung", "anforderungen", ("von", "bis")]},
        ),
        (_("Funded by"), {"fields": ["website", "logo", "logo_alt"]}),
    ]

    def get_queryset(self, request):
        return Foerderprogramm.objects.fuer(request.user)

    def _gemeinsam(self, request, obj) -> bool:
        """A shared programme that this user may not change (not an operator)."""
        return obj is not None and obj.quartier_id is None and not request.user.fuer_alle_quartiere

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._gemeinsam(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._gemeinsam(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "quartier" and not request.user.fuer_alle_quartiere:
            formfield.required = True
            formfield.help_text = _("The area whose office uses this programme.")
        return formfield

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "logo":
            return SafeImageField(
                label=db_field.verbose_name, required=False, help_text=db_field.help_text
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- projects --------------------------------------------------------------------------------


class ProjektfotoInline(admin.TabularInline):
    model = Projektfoto
    extra = 0
    fields = ["bild", "alt_text", "bildnachweis", "reihenfolge"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "bild":
            return SafeImageField(label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class MeilensteinInline(admin.TabularInline):
    model = Meilenstein
    extra = 0
    fields = ["titel", "datum", "erreicht"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["name", "von", "bis", "beteiligung_moeglich", "beschreibung"]


class IndikatorInline(admin.TabularInline):
    model = Indikator
    extra = 0
    fields = ["name", "einheit", "zielwert", "istwert"]


class KostenpositionInline(admin.TabularInline):
    model = Kostenposition
    extra = 0
    fields = ["art", "bezeichnung", "betrag", "ausgegeben", "reihenfolge"]
    readonly_fields = ["ausgegeben"]

    @admin.display(description=_("spent (EUR)"))
    def ausgegeben(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        betrag = summe(obj.ausgaben.all())
        if betrag > obj.betrag:
            return _("%(betrag)s – overspent") % {"betrag": services.betrag_text(betrag)}
        return services.betrag_text(betrag)


class FinanzierungspositionInline(admin.TabularInline):
    model = Finanzierungsposition
    extra = 0
    fields = [
        "art",
        "bezeichnung",
        "bewilligung",
        "haushaltsjahr",
        "stunden",
        "stundensatz",
        "betrag",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bewilligung":
            kwargs["queryset"] = Bewilligung.objects.fuer(request.user).select_related(
                "programm", "projekt"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProjektAdminForm(forms.ModelForm):
    neuer_status = forms.ChoiceField(
        label=_("change status to"),
        required=False,
        help_text=_(
            "Applying for a project needs a financing plan whose costs and financing balance."
        ),
    )

    class Meta:
        model = Projekt
        fields = [  # the status changes only through `neuer_status` (services.status_setzen)
            "quartier",
            "titel",
            "slug",
            "art",
            "kurzbeschreibung",
            "beschreibung",
            "oeffentlich",
            "traeger",
            "kooperationspartner",
            "handlungsfelder",
            "zielgruppen",
            "adresse",
            "von",
            "bis",
            "beteiligung",
            "kontakt_name",
            "kontakt_stelle",
            "kontakt_email",
            "kontakt_telefon",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        alt = self.instance.status if self.instance.pk else None
        erlaubt = UEBERGAENGE.get(alt, set()) if alt else {Status.IN_ABSTIMMUNG}
        self.fields["neuer_status"].choices = [("", _("(unchanged)"))] + [
            (s.value, s.label) for s in Status if s in erlaubt
        ]

    def clean_neuer_status(self):
        status = self.cleaned_data.get("neuer_status")
        if status in services.GELD_STATUS and not self.user.has_perm(services.GELD_ENTSCHEIDEN):
            raise ValidationError(_("Only the Quartiersmanagement decides about money."))
        return status


@admin.register(Projekt)
class ProjektAdmin(InlinesImProtokoll, EigeneAkteureMixin, QuartierScopedAdmin):
    form = ProjektAdminForm
    list_display = ["titel", "quartier", "art", "status", "traeger", "von", "bis"]
    list_filter = [
        LaufzeitFilter,
        "status",
        "art",
        "handlungsfelder",
        ("traeger", ImBereichFilter),
        ("quartier", ImBereichFilter),
    ]
    list_select_related = ["quartier", "traeger"]
    search_fields = ["titel", "kurzbeschreibung"]

    def view_on_site(self, obj):
        """The public page in the project's own area, while the project is public."""
        if not obj.ist_oeffentlich:
            return None
        return url_im_quartier(
            obj.quartier_id, "projekte:projekt_detail", kwargs={"slug": obj.slug}
        )

    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["traeger", "kooperationspartner"]
    filter_horizontal = ["handlungsfelder"]
    readonly_fields = ["status_anzeige", "finanzierungsplan", "created_at", "updated_at"]
    inlines = [
        KostenpositionInline,
        FinanzierungspositionInline,
        MeilensteinInline,
        IndikatorInline,
        PhaseInline,
        ProjektfotoInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "quartier",
                    "titel",
                    "slug",
                    "art",
                    ("status_anzeige", "neuer_status"),
                    "kurzbeschreibung",
                    "beschreibung",
                    "oeffentlich",
                ]
            },
        ),
        (
            _("Who, where, when"),
            {
                "fields": [
                    "traeger",
                    "kooperationspartner",
                    "handlungsfelder",
                    "zielgruppen",
                    "adresse",
                    ("von", "bis"),
                ]
            },
        ),
        (
            _("Building measure: participation and contact"),
            {
                "fields": [
                    "beteiligung",
                    ("kontakt_name", "kontakt_stelle"),
                    ("kontakt_email", "kontakt_telefon"),
                ]
            },
        ),
        (_("Financing plan"), {"fields": ["finanzierungsplan"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def _quartier_von(self, obj):
        return obj.quartier

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class MitBenutzer(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return MitBenutzer

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: the status is shown, there is nothing to choose.
        ohne_wahl = {("status_anzeige", "neuer_status"): "status_anzeige"}
        return [
            (titel, {**optionen, "fields": [ohne_wahl.get(f, f) for f in optionen["fields"]]})
            for titel, optionen in fieldsets
        ]

    @admin.display(description=_("status"))
    def status_anzeige(self, obj):
        return obj.get_status_display() if obj and obj.pk else Status.IDEE.label

    @admin.display(description=_("costs and financing"))
    def finanzierungsplan(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        kosten, finanzierung = obj.kosten_summe(), obj.finanzierung_summe()
        text = _("costs %(kosten)s · financing %(finanzierung)s · spent %(ausgaben)s") % {
            "kosten": services.betrag_text(kosten),
            "finanzierung": services.betrag_text(finanzierung),
            "ausgaben": services.betrag_text(obj.ausgaben_summe()),
        }
        if kosten != finanzierung:
            differenz = kosten - finanzierung
            text += " · " + (
                _("%(betrag)s not financed")
                if differenz > 0
                else _("%(betrag)s more financing than costs")
            ) % {"betrag": services.betrag_text(abs(differenz))}
        return text

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        neu = form.cleaned_data.get("neuer_status")
        if not neu:
            return
        try:
            services.status_setzen(projekt=form.instance, status=neu, user=request.user)
        except (ValidationError, PermissionDenied) as fehler:
            meldung = (
                " ".join(fehler.messages) if isinstance(fehler, ValidationError) else str(fehler)
            )
            messages.error(
                request,
                _("The status stays “%(status)s”: %(fehler)s")
                % {"status": form.instance.get_status_display(), "fehler": meldung},
            )
        else:
            form.instance.refresh_from_db(fields=["status"])


# --- grants ----------------------------------------------------------------------------------


class MittelabrufFormSet(forms.BaseInlineFormSet):
    """The grant's payment requests, never more than the approved amount. The admin saves
    inside one transaction: the grant's row is locked here, so two people adding requests
    at once are checked one after the other, each against what the other saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        offen = [
            f
            for f in self.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("status") != Mittelabruf.Status.ABGELEHNT
        ]
        gesamt = sum((f.cleaned_data.get("betrag") or 0 for f in offen), start=Decimal(0))
        if self.instance.pk:
            list(Bewilligung.objects.select_for_update().filter(pk=self.instance.pk).values("pk"))
            hier = [f.instance.pk for f in self.forms if f.instance.pk]
            gesamt += summe(
                Mittelabruf.objects.filter(bewilligung_id=self.instance.pk)
                .exclude(pk__in=hier)
                .exclude(status=Mittelabruf.Status.ABGELEHNT)
            )
        bewilligt = self.instance.betrag
        if bewilligt is not None and gesamt > bewilligt:
            raise ValidationError(
                _("The payment requests (%(summe)s) exceed the approved amount (%(betrag)s).")
                % {"summe": services.betrag_text(gesamt), "betrag": services.betrag_text(bewilligt)}
            )


class MittelabrufInline(admin.TabularInline):
    model = Mittelabruf
    formset = MittelabrufFormSet
    extra = 0
    fields = ["betrag", "status", "angefordert_am", "eingegangen_am"]


class NachweisInline(admin.TabularInline):
    model = Nachweis
    extra = 0
    fields = ["art", "faellig_am", "eingereicht_am", "erinnert_at"]
    readonly_fields = ["erinnert_at"]


@admin.register(Bewilligung)
class BewilligungAdmin(InlinesImProtokoll, QuartierScopedAdmin):
    quartier_lookup = "projekt__quartier"
    list_display = ["projekt", "programm", "aktenzeichen", "betrag", "laufzeit"]
    list_filter = [ab_heute("bis"), NachweisFaelligFilter, ("programm", ImBereichFilter)]
    list_select_related = ["projekt", "programm"]
    search_fields = ["aktenzeichen", "projekt__titel"]
    autocomplete_fields = ["projekt"]
    inlines = [MittelabrufInline, NachweisInline]
    fields = [
        "projekt",
        "programm",
        "aktenzeichen",
        "bescheid_datum",
        ("von", "bis"),
        "betrag",
        "auflagen",
        "zustaendig",
        "verwendungsnachweis",
    ]
    readonly_fields = ["verwendungsnachweis"]

    def get_abkuerzungen(self, request):
        # Reports fall due after a grant ended too: all dates, not only running grants.
        return [
            Abkuerzung(_("Report due within 30 days"), {"nachweis": "bald", "zeitraum": "alle"}),
            Abkuerzung(_("Report overdue"), {"nachweis": "ueberfaellig", "zeitraum": "alle"}),
        ]

    def _quartier_von(self, obj):
        return obj.projekt.quartier

    # --- the proof of use: the receipts carry personal data, so it needs the expenses' view
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/verwendungsnachweis/",
                view(self.nachweis_view),
                name="projekte_bewilligung_verwendungsnachweis",
            ),
            *super().get_urls(),
        ]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not request.user.has_perm(BELEGE_SEHEN):
            fields = [f for f in fields if f != "verwendungsnachweis"]
        return fields

    def _fuer_nachweis(self, request, pk) -> Bewilligung:
        if not (self.has_view_permission(request) and request.user.has_perm(BELEGE_SEHEN)):
            raise PermissionDenied
        return get_object_or_404(
            self.get_queryset(request).select_related("projekt__quartier", "programm"), pk=pk
        )

    def nachweis_view(self, request, pk):
        """The proof of use of a grant: the page with its figures, its downloads
        (`?format=xlsx`, `?format=pdf` once made), and the PDF asked for (POST)."""
        bewilligung = self._fuer_nachweis(request, pk)
        fmt = request.GET.get("format")
        if fmt == "xlsx":
            return xlsx_mappe(
                f"{verwendungsnachweis.dateiname(bewilligung)}.xlsx",
                verwendungsnachweis.tabellen(verwendungsnachweis.daten(bewilligung)),
            )
        if fmt == "pdf":
            return private_file_response(
                bewilligung.nachweis_pdf,
                content_type="application/pdf",
                filename=f"{verwendungsnachweis.dateiname(bewilligung)}.pdf",
            )
        if request.method == "POST":
            services.verwendungsnachweis_anfordern(bewilligung=bewilligung, user=request.user)
            self.message_user(
                request,
                gettext("The PDF is being made. Reload this page in a moment to download it."),
                messages.SUCCESS,
            )
            return redirect("admin:projekte_bewilligung_verwendungsnachweis", bewilligung.pk)
        nachweis = verwendungsnachweis.daten(bewilligung)
        in_arbeit = bewilligung.nachweis_pdf_angefordert_at is not None and (
            bewilligung.nachweis_pdf_at is None
            or bewilligung.nachweis_pdf_at < bewilligung.nachweis_pdf_angefordert_at
        )
        context = self.view_context(
            request,
            title=gettext("Proof of use: %(grant)s") % {"grant": bewilligung},
            bewilligung=bewilligung,
            n=nachweis,
            in_arbeit=in_arbeit,
        )
        return TemplateResponse(
            request, "admin/projekte/bewilligung/verwendungsnachweis.html", context
        )

    @admin.display(description=_("proof of use"))
    def verwendungsnachweis(self, obj):
        if obj is None or not obj.pk:
            return "–"
        url = reverse("admin:projekte_bewilligung_verwendungsnachweis", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("receipts and planned against spent"))

    @admin.display(description=_("period"), ordering="von")
    def laufzeit(self, obj):
        # One column for both dates keeps the list within a laptop's width.
        von, bis = (date_format(tag, "SHORT_DATE_FORMAT") for tag in (obj.von, obj.bis))
        return f"{von} – {bis}"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "projekt":
            kwargs["queryset"] = Projekt.objects.fuer(request.user)
        elif db_field.name == "programm":
            kwargs["queryset"] = Foerderprogramm.objects.fuer(request.user)
        elif db_field.name == "zustaendig":
            kwargs["queryset"] = User.objects.bearbeitende(
                Quartier.objects.fuer(request.user), "projekte.change_projekt"
            ).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- expenses --------------------------------------------------------------------------------


class AusgabeAdminForm(forms.ModelForm):
    beleg = BelegField(label=_("receipt"), required=False)

    class Meta:
        model = Ausgabe
        fields = [
            "kostenposition",
            "datum",
            "betrag",
            "bezeichnung",
            "empfaenger",
            "belegnummer",
            "beleg",
        ]


@admin.register(Ausgabe)
class AusgabeAdmin(QuartierScopedAdmin):
    form = AusgabeAdminForm
    quartier_lookup = "kostenposition__projekt__quartier"
    list_display = ["datum", "bezeichnung", "betrag", "kostenposition", "projekt", "geprueft_at"]
    list_select_related = ["kostenposition__projekt"]
    list_filter = ["kostenposition__art"]
    search_fields = ["bezeichnung", "belegnummer", "kostenposition__projekt__titel"]
    date_hierarchy = "datum"
    readonly_fields = ["beleg_oeffnen", "erfasst_von", "erfasst_at", "geprueft_von", "geprueft_at"]
    actions = ["als_geprueft"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/beleg/",
                self.admin_site.admin_view(self.beleg_view),
                name="projekte_ausgabe_beleg",
            ),
            *super().get_urls(),
        ]

    def beleg_view(self, request, pk):
        """The receipt, for staff who may see the area's expenses (private storage)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        ausgabe = get_object_or_404(self.get_queryset(request), pk=pk)
        return private_file_response(ausgabe.beleg, filename=ausgabe.beleg.name.rsplit("/", 1)[-1])

    @admin.display(description=_("open the receipt"))
    def beleg_oeffnen(self, obj):
        if obj is None or not obj.pk or not obj.beleg:
            return "–"
        url = reverse("admin:projekte_ausgabe_beleg", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("open the receipt"))

    @admin.display(description=_("project"))
    def projekt(self, obj):
        return obj.kostenposition.projekt

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kostenposition":
            kwargs["queryset"] = Kostenposition.objects.filter(
                projekt__in=Projekt.objects.fuer(request.user)
            ).select_related("projekt")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.erfasst_von = request.user
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(services.GELD_ENTSCHEIDEN):
            actions.pop("als_geprueft", None)
        return actions

    @admin.action(description=_("Mark selected expenses as checked"))
    def als_geprueft(self, request, queryset):
        anzahl = services.ausgaben_pruefen(ausgaben=list(queryset), user=request.user)
        self.message_user(
            request,
            ngettext("%(n)d expense checked.", "%(n)d expenses checked.", anzahl) % {"n": anzahl},
            messages.SUCCESS,
        )


# --- narrative reports ------------------------------------------------------------------------


class SachberichtPruefenForm(forms.ModelForm):
    """The office's check of a narrative report: accept it, or ask for changes with a
    remark the organisation reads."""

    status = forms.ChoiceField(
        label=_("decision"),
        choices=[
            (Sachbericht.Status.ANGENOMMEN, _("Accept")),
            (Sachbericht.Status.NACHBESSERN, _("Ask for changes")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Sachbericht
        fields = ["status", "rueckmeldung"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status == Sachbericht.Status.EINGEREICHT and not self.is_bound:
            self.initial["status"] = None

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Sachbericht.Status.NACHBESSERN
            and not (data.get("rueckmeldung") or "").strip()
        ):
            self.add_error(
                "rueckmeldung", gettext("Say what the organisation should add or correct.")
            )
        return data


@admin.register(Sachbericht)
class SachberichtAdmin(QuartierScopedAdmin):
    form = SachberichtPruefenForm
    quartier_lookup = "projekt__quartier"
    list_display = ["projekt", "zeitraum", "status", "eingereicht_at", "geprueft_at"]
    list_select_related = ["projekt"]
    list_filter = ["status"]
    search_fields = ["projekt__titel", "text"]
    readonly_fields = [
        "projekt",
        "von",
        "bis",
        "text",
        "datei_oeffnen",
        "eingereicht_von",
        "eingereicht_at",
        "geprueft_von",
        "geprueft_at",
    ]
    fieldsets = [
        (None, {"fields": ["projekt", ("von", "bis"), "text", "datei_oeffnen"]}),
        (None, {"fields": [("eingereicht_von", "eingereicht_at")]}),
        (_("Check"), {"fields": ["status", "rueckmeldung", ("geprueft_von", "geprueft_at")]}),
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/datei/",
                self.admin_site.admin_view(self.datei_view),
                name="projekte_sachbericht_datei",
            ),
            *super().get_urls(),
        ]

    def datei_view(self, request, pk):
        """The report's attachment, for staff who may see the area's reports."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        sachbericht = get_object_or_404(self.get_queryset(request), pk=pk)
        return private_file_response(
            sachbericht.datei, filename=sachbericht.datei.name.rsplit("/", 1)[-1]
        )

    @admin.display(description=_("attachment"))
    def datei_oeffnen(self, obj):
        if obj is None or not obj.pk or not obj.datei:
            return "–"
        url = reverse("admin:projekte_sachbericht_datei", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("open the attachment"))

    @admin.display(description=_("period"), ordering="von")
    def zeitraum(self, obj):
        return f"{date_format(obj.von, 'd.m.Y')}–{date_format(obj.bis, 'd.m.Y')}"

    def get_abkuerzungen(self, request):
        return [
            Abkuerzung(_("Waiting for a check"), {"status__exact": Sachbericht.Status.EINGEREICHT})
        ]

    def has_add_permission(self, request):
        # The Träger writes it in the partner area; the office checks it here.
        return False

    def save_model(self, request, obj, form, change):
        services.sachbericht_pruefen(
            sachbericht=obj,
            status=form.cleaned_data["status"],
            rueckmeldung=form.cleaned_data.get("rueckmeldung") or "",
            user=request.user,
        )

    def save_related(self, request, form, formsets, change):
        # The check is recorded by the service, with its decision.
        form.save_m2m()


# --- the area's budget per year ----------------------------------------------------------------


@admin.register(Budgetjahr)
class BudgetjahrAdmin(QuartierScopedAdmin):
    form = EinwohnerAusStadtteildatenForm
    list_display = [
        "jahr",
        "quartier",
        "einwohner",
        "vollzeitstellen",
        "projektmittel_anzeige",
        "sachkosten_anzeige",
    ]
    list_filter = [("quartier", ImBereichFilter)]
    list_select_related = ["quartier"]
    readonly_fields = ["uebersicht"]
    fieldsets = [
        (None, {"fields": ["quartier", "jahr", "einwohner", "vollzeitstellen"]}),
        (
            _("Rules of the programme"),
            {
                "fields": [
                    "projektmittel_je_einwohner",
                    "projektmittel_mindestens",
                    "sachkosten_je_stelle",
                    "projektmittel_festgesetzt",
                ]
            },
        ),
        (_("The year at a glance"), {"fields": ["uebersicht"]}),
    ]

    @admin.display(description=_("project means (EUR)"))
    def projektmittel_anzeige(self, obj):
        return services.betrag_text(obj.projektmittel())

    @admin.display(description=_("material costs (EUR)"))
    def sachkosten_anzeige(self, obj):
        return services.betrag_text(obj.sachkosten())

    @admin.display(description=_("planned, committed, spent"))
    def uebersicht(self, obj):
        from django.template.loader import render_to_string

        if obj is None or obj.pk is None:
            return "–"
        return render_to_string(
            "admin/projekte/budgetjahr/uebersicht.html",
            {"toepfe": services.budget_uebersicht(obj)},
        )


# --- the Verfügungsfonds ---------------------------------------------------------------------


class AntragsrundeInline(admin.TabularInline):
    model = Antragsrunde
    extra = 1
    fields = ["antragsschluss", "sitzung"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "sitzung":
            kwargs["queryset"] = Sitzung.objects.filter(
                gremium__quartier__in=Quartier.objects.fuer(request.user)
            ).select_related("gremium")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Fonds)
class FondsAdmin(InlinesImProtokoll, QuartierScopedAdmin):
    form = EinwohnerAusStadtteildatenForm
    list_display = ["jahr", "quartier", "budget_anzeige", "hoechstbetrag", "grenze_buero"]
    list_filter = [("quartier", ImBereichFilter)]
    list_select_related = ["quartier"]
    inlines = [AntragsrundeInline]
    readonly_fields = [
        "zahlen",
        "zahlen_link",
        "beschlusslisten",
        "uebertrag",
        "jahresende",
    ]
    fieldsets = [
        (None, {"fields": ["quartier", "jahr", "herkunft", "beschreibung"]}),
        (
            _("Budget"),
            {
                "fields": [
                    "einwohner",
                    "je_einwohner",
                    "mindestens",
                    "mindestens_unter_einwohner",
                    "festgesetzt",
                    "uebertrag",
                    "zahlen",
                    "zahlen_link",
                ]
            },
        ),
        (
            _("Rules of an application"),
            {
                "fields": [
                    "hoechstbetrag",
                    "eigenanteil_prozent",
                    "pauschale_prozent",
                    "ehrenamt_zaehlt",
                    "ehrenamt_stundensatz",
                    "ausgeschlossen",
                ]
            },
        ),
        (
            _("Who decides"),
            {"fields": ["grenze_buero", "grenze_gremium", "gremium", "beschlusslisten"]},
        ),
        (_("Dates"), {"fields": ["nachweisfrist"]}),
        (_("The year's end"), {"fields": ["uebertrag_erlaubt", "jahresende"]}),
    ]

    def _quartier_von(self, obj):
        return obj.quartier

    def get_urls(self):
        return [
            path(
                "<int:pk>/zahlen/",
                self.admin_site.admin_view(self.zahlen_view),
                name="projekte_fonds_zahlen",
            ),
            path(
                "<int:pk>/jahresabschluss/",
                self.admin_site.admin_view(self.jahresabschluss_view),
                name="projekte_fonds_jahresabschluss",
            ),
            *super().get_urls(),
        ]

    def jahresabschluss_view(self, request, pk):
        """Close the fund's year (the money permission): a page that says what will happen,
        and the button that does it."""
        if not request.user.has_perm(services.GELD_ENTSCHEIDEN):
            raise PermissionDenied
        fonds = get_object_or_404(self.get_queryset(request).select_related("quartier"), pk=pk)
        fehler = None
        if request.method == "POST":
            try:
                naechster = services.jahresabschluss(fonds=fonds, user=request.user)
            except ValidationError as error:
                fehler = error.messages
            else:
                if naechster is not None:
                    self.message_user(
                        request,
                        gettext("The year is closed; %(betrag)s carried over to %(fonds)s.")
                        % {
                            "betrag": services.betrag_text(naechster.uebertrag),
                            "fonds": naechster,
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:projekte_fonds_change", naechster.pk)
                self.message_user(request, gettext("The year is closed."), messages.SUCCESS)
                return redirect("admin:projekte_fonds_change", fonds.pk)
        zahlen = services.fonds_zahlen(fonds)
        naechster = Fonds.objects.filter(quartier=fonds.quartier, jahr=fonds.jahr + 1).first()
        context = self.view_context(
            request,
            title=gettext("Close the year: %(fonds)s") % {"fonds": fonds},
            fonds=fonds,
            zahlen=zahlen,
            frei=max(zahlen.frei, services.NULL_EURO),
            naechster=naechster,
            laufend=timezone.localdate().year <= fonds.jahr,
            offen=fonds.antraege.filter(status__in=services.UNENTSCHIEDEN).count(),
            fehler=fehler,
        )
        return TemplateResponse(request, "admin/projekte/fonds/jahresabschluss.html", context)

    @admin.display(description=_("the year's end"))
    def jahresende(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        if obj.abgeschlossen_at is not None:
            return gettext("Closed on %(datum)s; %(betrag)s carried over to next year.") % {
                "datum": date_format(timezone.localtime(obj.abgeschlossen_at), "d.m.Y"),
                "betrag": services.betrag_text(obj.uebertragen or services.NULL_EURO),
            }
        if not getattr(obj, "_darf_geld", False) or timezone.localdate().year <= obj.jahr:
            return gettext("Open; a fund's year is closed in January of the following year.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:projekte_fonds_jahresabschluss", args=[obj.pk]),
            gettext("close the year and carry over what is left"),
        )

    def zahlen_view(self, request, pk):
        """The fund's figures for the city's annual proof (everyone who may see the fund,
        city staff included): the page, `?format=xlsx` and `?format=pdf`."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        fonds = get_object_or_404(self.get_queryset(request).select_related("quartier"), pk=pk)
        fmt = request.GET.get("format")
        if fmt == "pdf":
            antwort = HttpResponse(fondszahlen.pdf(fonds), content_type="application/pdf")
            antwort["Content-Disposition"] = (
                f'attachment; filename="{fondszahlen.dateiname(fonds)}.pdf"'
            )
            return antwort
        jahr = fondszahlen.daten(fonds)
        tabellen = fondszahlen.tabellen(jahr)
        if fmt == "xlsx":
            return xlsx_mappe(f"{fondszahlen.dateiname(fonds)}.xlsx", tabellen)
        context = self.view_context(
            request,
            title=gettext("Figures: %(fonds)s") % {"fonds": fonds},
            fonds=fonds,
            tabellen=tabellen,
        )
        return TemplateResponse(request, "admin/projekte/fonds/zahlen.html", context)

    @admin.display(description=_("figures for the city"))
    def zahlen_link(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:projekte_fonds_zahlen", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("figures, XLSX and PDF"))

    def get_object(self, request, object_id, from_field=None):
        fonds = super().get_object(request, object_id, from_field)
        if fonds is not None:
            # The committee's lists are the Quartiersmanagement's: only they get links.
            fonds._darf_geld = request.user.has_perm(services.GELD_ENTSCHEIDEN)
        return fonds

    @admin.display(description=_("the committee's lists"))
    def beschlusslisten(self, obj):
        """The deciding committee's meetings of the fund's year, each linked to its list
        of applications with the votes."""
        if obj is None or obj.pk is None or not obj.gremium_id:
            return gettext("Choose the deciding committee first.") if obj and obj.pk else "–"
        sitzungen = Sitzung.objects.filter(gremium_id=obj.gremium_id, beginn__year=obj.jahr)
        eintraege = [
            (
                reverse("admin:projekte_antrag_sitzung", args=[s.pk]),
                date_format(timezone.localtime(s.beginn), "d.m.Y"),
            )
            for s in sitzungen.order_by("beginn")
        ]
        if not eintraege:
            return gettext("The committee has no meeting in this year yet.")
        if not getattr(obj, "_darf_geld", False):
            return ", ".join(datum for _url, datum in eintraege)
        return format_html_join(", ", '<a href="{}">{}</a>', eintraege)

    @admin.display(description=_("budget (EUR)"))
    def budget_anzeige(self, obj):
        return services.betrag_text(obj.budget())

    @admin.display(description=_("the fund today"))
    def zahlen(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        z = services.fonds_zahlen(obj)
        return gettext(
            "budget %(budget)s · approved %(gebunden)s · paid %(ausgezahlt)s · free %(frei)s"
        ) % {
            "budget": services.betrag_text(z.budget),
            "gebunden": services.betrag_text(z.gebunden),
            "ausgezahlt": services.betrag_text(z.ausgezahlt),
            "frei": services.betrag_text(z.frei),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gremium":
            from netzwerk.models import Gremium

            kwargs["queryset"] = Gremium.objects.filter(
                quartier__in=Quartier.objects.fuer(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AntragskostenInline(admin.TabularInline):
    model = Antragskosten
    extra = 0
    fields = ["art", "bezeichnung", "betrag"]


class AuszahlungInline(admin.TabularInline):
    """Payments are recorded through their page (checked against the approval); here
    they are listed."""

    model = Auszahlung
    extra = 0
    fields = ["datum", "art", "betrag", "erfasst_von"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AntragsdateiInline(admin.TabularInline):
    """The files the applicant sent through the link (quotes, receipts, photos), opened
    through the checked view below; nothing to change here."""

    model = Antragsdatei
    extra = 0
    fields = ["art", "oeffnen", "personen_einwilligung", "hochgeladen_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def oeffnen(self, obj):
        if obj is None or not obj.pk:
            return "–"
        url = reverse("admin:projekte_antrag_datei", args=[obj.antrag_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.dateiname)


class AntragsschrittInline(admin.TabularInline):
    model = Antragsschritt
    extra = 0
    fields = ["created_at", "status", "notiz", "user", "vom_antragsteller", "fuer_antragsteller"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AntragAdminForm(forms.ModelForm):
    neuer_status = forms.ChoiceField(label=_("next step"), required=False)
    notiz = forms.CharField(
        label=_("note on the step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    class Meta:
        model = Antrag
        fields = [  # the status changes only through `neuer_status` and the decision page
            "fonds",
            "antragsteller",
            "organisation",
            "name",
            "email",
            "telefon",
            "titel",
            "beschreibung",
            "zielgruppen",
            "ort",
            "von",
            "bis",
            "kooperationspartner",
            "handlungsfelder",
            "eigenanteil",
            "drittmittel",
            "ehrenamt_stunden",
            "beantragt",
            "einwilligung_veroeffentlichung",
            "mindestalter_bestaetigt",
            "nicht_begonnen",
            "keine_doppelfoerderung",
            "foerderhinweis",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alt = self.instance.status if self.instance.pk else None
        erlaubt = ANTRAG_UEBERGAENGE.get(alt, set()) if alt else set()
        self.fields["neuer_status"].choices = [("", _("(unchanged)"))] + [
            (s.value, s.label) for s in Antragsstatus if s in erlaubt
        ]


@admin.register(Antrag)
class AntragAdmin(QuartierScopedAdmin):
    form = AntragAdminForm
    quartier_lookup = "fonds__quartier"
    list_display = ["nummer", "titel", "status", "beantragt", "bewilligt", "erstellt_at"]
    list_filter = ["status", VerwendungsnachweisFilter, ("fonds__quartier", ImBereichFilter)]
    list_select_related = ["fonds__quartier"]
    search_fields = ["nummer", "titel", "organisation"]
    filter_horizontal = ["handlungsfelder"]
    inlines = [AntragskostenInline, AntragsdateiInline, AuszahlungInline, AntragsschrittInline]
    readonly_fields = [
        "nummer",
        "status",
        "entscheidung",
        "erstellt_at",
        "eingereicht_at",
        "bericht",
        "ist_kosten",
        "nachweis_at",
    ]
    fieldsets = [
        (None, {"fields": ["fonds", "nummer", "status", ("erstellt_at", "eingereicht_at")]}),
        (
            _("Applicant"),
            {"fields": ["antragsteller", "organisation", "name", "email", "telefon"]},
        ),
        (
            _("The micro-project"),
            {
                "fields": [
                    "titel",
                    "beschreibung",
                    "zielgruppen",
                    "ort",
                    ("von", "bis"),
                    "kooperationspartner",
                    "handlungsfelder",
                    "einwilligung_veroeffentlichung",
                ]
            },
        ),
        (
            _("Financing"),
            {"fields": ["eigenanteil", "drittmittel", "ehrenamt_stunden", "beantragt"]},
        ),
        (
            _("Declarations"),
            {
                "fields": [
                    "mindestalter_bestaetigt",
                    "nicht_begonnen",
                    "keine_doppelfoerderung",
                    "foerderhinweis",
                ]
            },
        ),
        (_("Decision and payments"), {"fields": ["entscheidung"]}),
        (_("Proof of use"), {"fields": ["nachweis_at", "ist_kosten", "bericht"]}),
        (_("Next step"), {"fields": ["neuer_status", "notiz"]}),
    ]

    def get_abkuerzungen(self, request):
        return [
            Abkuerzung(_("Up for decision"), {"status__exact": Antragsstatus.ZUR_ENTSCHEIDUNG}),
            Abkuerzung(_("New"), {"status__exact": Antragsstatus.EINGEREICHT}),
            Abkuerzung(_("Proof of use overdue"), {"verwendungsnachweis": "ueberfaellig"}),
        ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/entscheiden/",
                view(self.entscheiden_view),
                name="projekte_antrag_entscheiden",
            ),
            path(
                "<int:pk>/auszahlen/", view(self.auszahlen_view), name="projekte_antrag_auszahlen"
            ),
            path(
                "<int:pk>/datei/<int:datei>/",
                view(self.datei_view),
                name="projekte_antrag_datei",
            ),
            path(
                "<int:pk>/brief/<slug:art>/",
                view(self.brief_view),
                name="projekte_antrag_brief",
            ),
            path(
                "sitzung/<int:sitzung>/",
                view(self.sitzung_view),
                name="projekte_antrag_sitzung",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        # An applicant's draft is theirs until they send it: the office does not see it.
        return super().get_queryset(request).eingegangen()

    def brief_view(self, request, pk, art):
        """The decision letter or the agreement as a PDF, for staff who may see the area's
        applications (404 while the application has none)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        antrag = get_object_or_404(
            self.get_queryset(request).select_related("fonds__quartier", "sitzung__gremium"),
            pk=pk,
        )
        if art not in briefe.verfuegbar(antrag):
            raise Http404
        antwort = HttpResponse(briefe.pdf(antrag, art), content_type="application/pdf")
        antwort["Content-Disposition"] = f'attachment; filename="{briefe.dateiname(antrag, art)}"'
        return antwort

    def datei_view(self, request, pk, datei):
        """A file the applicant sent, for staff who may see the area's applications."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        eintrag = get_object_or_404(
            Antragsdatei.objects.filter(antrag__in=self.get_queryset(request)),
            antrag_id=pk,
            pk=datei,
        )
        return private_file_response(eintrag.datei, filename=eintrag.dateiname)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # The fund of a recorded application is fixed: its number and money are its.
        return [*fields, "fonds"] if obj is not None else fields

    def get_object(self, request, object_id, from_field=None):
        antrag = super().get_object(request, object_id, from_field)
        # The decision and payment pages are the Quartiersmanagement's: only they get links.
        antrag._darf_geld = request.user.has_perm(services.GELD_ENTSCHEIDEN)
        return antrag

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "fonds":
            kwargs["queryset"] = Fonds.objects.fuer(request.user).select_related("quartier")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("decision"))
    def entscheidung(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        teile = []
        if obj.bewilligt is not None:
            teile.append(
                gettext("approved %(betrag)s by %(wer)s, paid %(bezahlt)s")
                % {
                    "betrag": services.betrag_text(obj.bewilligt),
                    "wer": obj.get_entscheidungsweg_display(),
                    "bezahlt": services.betrag_text(obj.ausgezahlt_summe()),
                }
            )
        links = []
        if not getattr(obj, "_darf_geld", False):
            return " · ".join(teile) or "–"
        if obj.status in services.ENTSCHEIDBAR:
            links.append((reverse("admin:projekte_antrag_entscheiden", args=[obj.pk]), _("Decide")))
        texte = {
            briefe.BESCHEID: _("Decision letter (PDF)"),
            briefe.VEREINBARUNG: _("Agreement (PDF)"),
        }
        for art in briefe.verfuegbar(obj):
            links.append((reverse("admin:projekte_antrag_brief", args=[obj.pk, art]), texte[art]))
        for beratung in obj.beratungen.select_related("sitzung__gremium"):
            links.append(
                (
                    reverse("admin:projekte_antrag_sitzung", args=[beratung.sitzung_id]),
                    gettext("List of %(sitzung)s") % {"sitzung": beratung.sitzung},
                )
            )
        if obj.status in services.BINDEND:
            links.append(
                (reverse("admin:projekte_antrag_auszahlen", args=[obj.pk]), _("Record a payment"))
            )
        return format_html(
            "{} {}",
            " · ".join(teile) or "–",
            format_html_join(" ", '<a class="button" href="{}">{}</a>', links),
        )

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        obj._neu = True

    def save_related(self, request, form, formsets, change):
        if getattr(form.instance, "_neu", False):
            # Its number and first step; the cost lines are the inline's, saved below in
            # the admin's same transaction.
            services.antrag_erfassen(antrag=form.instance, kosten=[], user=request.user)
        super().save_related(request, form, formsets, change)
        if not change:
            return
        neu = form.cleaned_data.get("neuer_status")
        if not neu:
            return
        try:
            services.antrag_status_setzen(
                antrag=form.instance,
                status=neu,
                user=request.user,
                notiz=form.cleaned_data.get("notiz") or "",
            )
        except ValidationError as fehler:
            messages.error(request, " ".join(fehler.messages))

    def _antrag(self, request, pk) -> Antrag:
        if not request.user.has_perm(services.GELD_ENTSCHEIDEN):
            raise PermissionDenied
        return get_object_or_404(
            self.get_queryset(request).select_related("fonds__quartier"), pk=pk
        )

    def _formular(self, request, antrag, form, *, title, knopf):
        context = self.view_context(
            request,
            title=title,
            antrag=antrag,
            form=form,
            knopf=knopf,
            zahlen=services.fonds_zahlen(antrag.fonds),
        )
        return TemplateResponse(request, "admin/projekte/antrag/formular.html", context)

    def entscheiden_view(self, request, pk):
        """The decision on an application (the money permission): the fund's row is locked
        while it is checked against what is free."""
        antrag = self._antrag(request, pk)
        form = EntscheidungForm(request.POST or None, antrag=antrag)
        if request.method == "POST" and form.is_valid():
            try:
                services.antrag_entscheiden(
                    antrag=antrag,
                    ergebnis=form.cleaned_data["ergebnis"],
                    betrag=form.cleaned_data["betrag"],
                    sitzung=form.cleaned_data["sitzung"],
                    auflagen=form.cleaned_data["auflagen"],
                    user=request.user,
                )
            except ValidationError as fehler:
                _fehler_ins_formular(form, fehler)
            else:
                self.message_user(request, gettext("The decision is recorded."), messages.SUCCESS)
                return redirect("admin:projekte_antrag_change", antrag.pk)
        return self._formular(
            request,
            antrag,
            form,
            title=gettext("Decide: %(antrag)s") % {"antrag": antrag},
            knopf=gettext("Record the decision"),
        )

    def sitzung_view(self, request, sitzung):
        """The committee's list for one meeting (the money permission): the applications
        on it with a vote and a decision each, and those that could be added."""
        if not request.user.has_perm(services.GELD_ENTSCHEIDEN):
            raise PermissionDenied
        sitzung = get_object_or_404(
            Sitzung.objects.select_related("gremium").filter(
                gremium__quartier__in=Quartier.objects.fuer(request.user)
            ),
            pk=sitzung,
        )
        beratungen = list(
            sitzung.beratungen.select_related("antrag__fonds").prefetch_related("befangen__akteur")
        )
        formulare = {}
        if request.method == "POST" and "hinzufuegen" in request.POST:
            ids = [i for i in request.POST.getlist("antrag") if i.isdigit()]
            anzahl = services.auf_die_liste(
                sitzung=sitzung, antraege=Antrag.objects.filter(pk__in=ids), user=request.user
            )
            self.message_user(
                request,
                ngettext(
                    "%(anzahl)s application put on the list.",
                    "%(anzahl)s applications put on the list.",
                    anzahl,
                )
                % {"anzahl": anzahl},
                messages.SUCCESS,
            )
            return redirect("admin:projekte_antrag_sitzung", sitzung.pk)
        gewaehlt = request.POST.get("beratung") if request.method == "POST" else None
        mitglieder = list(sitzung.gremium.mitglieder.select_related("akteur"))
        for beratung in beratungen:
            if beratung.ergebnis:
                continue
            daten = request.POST if gewaehlt == str(beratung.pk) else None
            form = BeratungForm(
                daten, sitzung=sitzung, mitglieder=mitglieder, prefix=f"b{beratung.pk}"
            )
            formulare[beratung.pk] = form
            if daten is None or not form.is_valid():
                continue
            try:
                services.beratung_entscheiden(
                    beratung=beratung, user=request.user, **form.cleaned_data
                )
            except ValidationError as fehler:
                _fehler_ins_formular(form, fehler)
            else:
                self.message_user(
                    request,
                    gettext("The decision on %(antrag)s is recorded.")
                    % {"antrag": beratung.antrag},
                    messages.SUCCESS,
                )
                return redirect("admin:projekte_antrag_sitzung", sitzung.pk)
        context = self.view_context(
            request,
            title=gettext("Fund applications: %(sitzung)s") % {"sitzung": sitzung},
            sitzung=sitzung,
            zeilen=[(b, formulare.get(b.pk)) for b in beratungen],
            beratbar=list(services.beratbare_antraege(sitzung)),
        )
        status = 400 if gewaehlt and any(f.errors for f in formulare.values()) else 200
        return TemplateResponse(
            request, "admin/projekte/antrag/sitzung.html", context, status=status
        )

    def auszahlen_view(self, request, pk):
        """A payment to an application or money returned (the money permission)."""
        antrag = self._antrag(request, pk)
        form = AuszahlungForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.auszahlen(antrag=antrag, user=request.user, **form.cleaned_data)
            except ValidationError as fehler:
                _fehler_ins_formular(form, fehler)
            else:
                self.message_user(request, gettext("The payment is recorded."), messages.SUCCESS)
                return redirect("admin:projekte_antrag_change", antrag.pk)
        return self._formular(
            request,
            antrag,
            form,
            title=gettext("Payment: %(antrag)s") % {"antrag": antrag},
            knopf=gettext("Record the payment"),
        )


def _fehler_ins_formular(form, fehler: ValidationError) -> None:
    """A service's refusal beside the field it names, else above the form."""
    if hasattr(fehler, "error_dict"):
        for feld, liste in fehler.error_dict.items():
            form.add_error(feld if feld in form.fields else None, liste)
    else:
        form.add_error(None, fehler)
