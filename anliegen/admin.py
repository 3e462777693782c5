"""The back office for concerns: the triage queue, status changes with answer templates,
forwarding, moderation before publication, receipts, and the data-protection tools.

Every state change goes through `anliegen.services`, as the public views do.
"""

import json
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk.models import Akteur
from quartier.admin import Abkuerzung, BedingungsFilter, ImBereichFilter, QuartierScopedAdmin
from quartier.models import Quartier, User

from . import pruefung, services
from .forms import ModerationForm, StatusForm, WeiterleitenForm
from .models import (
    ABSCHLUSS,
    OFFEN,
    Anliegen,
    Foto,
    Kategorie,
    Notiz,
    Status,
    Statuswechsel,
    Textbaustein,
    Weiterleitung,
)
from .quittung import quittung_html, quittung_pdf

PINS = "anliegen_pins"


class TextbausteinInline(admin.StackedInline):
    model = Textbaustein
    extra = 0
    fields = ["status", "titel", "text"]


@admin.register(Kategorie)
class KategorieAdmin(QuartierScopedAdmin):
    list_display = ["name", "quartier", "zustaendig", "handlungsfeld", "frist_tage", "aktiv"]
    list_filter = ["aktiv", ("quartier", ImBereichFilter)]
    list_select_related = ["quartier", "zustaendig", "handlungsfeld"]
    search_fields = ["name"]
    inlines = [TextbausteinInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "zustaendig":
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.instance.quartier_id is None:
                inline_form.instance.quartier = form.instance.quartier
        super().save_formset(request, form, formset, change)


@admin.register(Textbaustein)
class TextbausteinAdmin(QuartierScopedAdmin):
    list_display = ["titel", "kategorie", "status", "quartier"]
    list_filter = ["status", ("quartier", ImBereichFilter)]
    list_select_related = ["kategorie", "quartier"]
    search_fields = ["titel", "text"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kategorie":
            kwargs["queryset"] = Kategorie.objects.filter(
                quartier__in=Quartier.objects.fuer(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ZustaendigFilter(BedingungsFilter):
    title = _("assignee")
    parameter_name = "zustaendig"

    def lookups(self, request, model_admin):
        return [
            ("ich", _("My concerns")),
            ("keiner", _("Unassigned")),
            *model_admin.kollegen(request),
        ]

    @classmethod
    def bedingung(cls, value, request):
        if value == "ich":
            return Q(zustaendig=request.user)
        if value == "keiner":
            return Q(zustaendig__isnull=True)
        if value and value.isdigit():
            return Q(zustaendig_id=int(value))
        return Q()


class UeberfaelligFilter(BedingungsFilter):
    title = _("overdue")
    parameter_name = "ueberfaellig"

    def lookups(self, request, model_admin):
        return [
            ("frist", _("Past the category's deadline")),
            ("weiterleitung", _("Forwarding without answer in time")),
        ]

    @classmethod
    def bedingung(cls, value, request):
        if value == "frist":
            return Q(status__in=OFFEN, frist__lt=timezone.localdate())
        if value == "weiterleitung":
            return Q(weiterleitung_ueberfaellig=True)
        return Q()


class VeroeffentlichungFilter(BedingungsFilter):
    title = _("publication")
    parameter_name = "veroeffentlichung"

    def lookups(self, request, model_admin):
        return [
            ("pruefen", _("Consented, waiting for the check")),
            ("ja", _("published")),
            ("nein", _("not to be published")),
        ]

    @classmethod
    def bedingung(cls, value, request):
        if value == "pruefen":
            return Q(einwilligung_veroeffentlichung=True, text_freigegeben=False, spam=False)
        if value == "ja":
            return Q(einwilligung_veroeffentlichung=True, text_freigegeben=True)
        if value == "nein":
            return Q(einwilligung_veroeffentlichung=False)
        return Q()


class OffenFilter(BedingungsFilter):
    title = _("open or closed")
    parameter_name = "offen"

    def lookups(self, request, model_admin):
        return [("ja", _("open")), ("nein", _("closed"))]

    @classmethod
    def bedingung(cls, value, request):
        if value == "ja":
            return Q(status__in=OFFEN)
        if value == "nein":
            return ~Q(status__in=OFFEN)
        return Q()


class AnliegenActionForm(ActionForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "–"), *Status.choices]
    )
    antwort = forms.CharField(label=_("Public answer"), required=False, max_length=10000)
    # Choices are set per request (the staff of the user's areas), see changelist_view.
    zustaendig = forms.CharField(
        label=_("Assignee"),
        required=False,
        max_length=20,  # a user's id
        widget=forms.Select(choices=[("", "–")]),
    )
    original = forms.CharField(label=_("Original (case number)"), required=False, max_length=20)


class StatuswechselInline(admin.TabularInline):
    model = Statuswechsel
    extra = 0
    fields = ["created_at", "wer", "von", "nach", "antwort", "notiz"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description=_("who"))
    def wer(self, obj):
        return obj.user or obj.actor or "–"


class NotizInline(admin.TabularInline):
    model = Notiz
    extra = 1
    fields = ["created_at", "wer", "text"]
    readonly_fields = ["created_at", "wer"]
    can_delete = False

    @admin.display(description=_("who"))
    def wer(self, obj):
        # The name, not a link to the account: only managers of accounts may open it.
        return obj.user or "–"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_change_permission(self, request, obj=None):
        return False


class WeiterleitungInline(admin.TabularInline):
    model = Weiterleitung
    extra = 0
    fields = ["akteur", "created_at", "antwort_bis", "aktenzeichen", "beantwortet_at", "antwort"]
    readonly_fields = ["akteur", "created_at", "antwort_bis", "beantwortet_at", "antwort"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("akteur")


class FotoInline(admin.TabularInline):
    model = Foto
    extra = 0
    fields = ["vorschau", "created_at", "freigegeben"]
    readonly_fields = ["vorschau", "created_at", "freigegeben"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def vorschau(self, obj):
        return format_html(
            '<a href="{0}"><img src="{0}" alt="{1}" height="90"></a>',
            obj.get_absolute_url(),
            _("Photo"),
        )


class AnliegenAddForm(forms.ModelForm):
    """Staff record a concern taken by phone or at the office hours."""

    class Meta:
        model = Anliegen
        fields = [
            "quartier",
            "kanal",
            "art",
            "kategorie",
            "beschreibung",
            "strasse",
            "hausnummer",
            "ortsbeschreibung",
            "name",
            "email",
            "telefon",
            "einwilligung_veroeffentlichung",
            "einwilligung_kontakt",
            "zustaendig",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kanal" in self.fields:
            self.fields["kanal"].choices = [
                c for c in Anliegen.Kanal.choices if c[0] != Anliegen.Kanal.WEB
            ]

    def clean(self):
        data = super().clean()
        kategorie, quartier = data.get("kategorie"), data.get("quartier")
        if kategorie and quartier and kategorie.quartier_id != quartier.pk:
            self.add_error("kategorie", _("This category belongs to another area."))
        zustaendig = data.get("zustaendig")
        if (
            zustaendig
            and quartier
            and not Anliegen.bearbeitende([quartier.pk]).filter(pk=zustaendig.pk).exists()
        ):
            self.add_error("zustaendig", _("This person cannot work on concerns of this area."))
        if data.get("kanal") == Anliegen.Kanal.WEB:
            self.add_error("kanal", _("Choose phone or office hours."))
        return data


@admin.register(Anliegen)
class AnliegenAdmin(QuartierScopedAdmin):
    list_display = ["nummer", "kurz", "kategorie", "status", "zustaendig", "alter", "faellig"]
    list_display_links = ["nummer", "kurz"]
    list_filter = [
        OffenFilter,
        "status",
        "art",
        ("kategorie", ImBereichFilter),
        ZustaendigFilter,
        UeberfaelligFilter,
        VeroeffentlichungFilter,
        "kanal",
        ("quartier", ImBereichFilter),
    ]
    list_select_related = ["kategorie", "zustaendig", "quartier", "projekt"]
    search_fields = [
        "nummer",
        "beschreibung",
        "strasse",
        "ortsbeschreibung",
        "email",
        "name",
        "projekt__titel",
    ]
    ordering = ["-eingegangen_at"]
    list_per_page = 50
    action_form = AnliegenActionForm
    actions = [
        "mir_zuweisen",
        "zuweisen",
        "status_aendern",
        "als_duplikat_markieren",
        "als_spam_markieren",
    ]
    readonly_fields = [
        "nummer",
        "status",
        "kanal",
        "eingegangen_at",
        "bestaetigt_at",
        "benachrichtigen",
        "erste_antwort_at",
        "abgeschlossen_at",
        "antwort",
        "oeffentlich",
        "duplikat_von",
        "projekt",
        "koordinaten",
        "einwilligung_veroeffentlichung",
        "einwilligung_kontakt",
        "anonymisiert_at",
        "spam",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("nummer", "status"),
                    ("art", "kategorie"),
                    "projekt",
                    "zustaendig",
                    "frist",
                    "beschreibung",
                    "antwort",
                ]
            },
        ),
        (
            _("Address"),
            {"fields": [("strasse", "hausnummer"), "ortsbeschreibung", "koordinaten"]},
        ),
        (
            _("Resident"),
            {
                "fields": [
                    ("name", "email", "telefon"),
                    ("einwilligung_veroeffentlichung", "einwilligung_kontakt"),
                    ("bestaetigt_at", "benachrichtigen"),
                ]
            },
        ),
        (
            _("Dates and publication"),
            {
                "fields": [
                    ("kanal", "eingegangen_at", "erste_antwort_at", "abgeschlossen_at"),
                    "oeffentlich",
                    "duplikat_von",
                    "spam",
                    "anonymisiert_at",
                ]
            },
        ),
    ]
    inlines = [StatuswechselInline, WeiterleitungInline, FotoInline, NotizInline]
    change_form_template = "admin/anliegen/anliegen/change_form.html"
    # The public page exists only once published; the tracking link is the resident's.
    view_on_site = False
    change_list_template = "admin/anliegen/anliegen/change_list.html"

    # --- queue -------------------------------------------------------------------------
    def get_abkuerzungen(self, request):
        return [
            Abkuerzung(_("My open concerns"), {"zustaendig": "ich", "offen": "ja"}),
            Abkuerzung(_("Unassigned"), {"zustaendig": "keiner", "offen": "ja"}),
            Abkuerzung(_("Overdue"), {"ueberfaellig": "frist"}),
            Abkuerzung(_("To check for publication"), {"veroeffentlichung": "pruefen"}),
        ]

    def kollegen(self, request) -> list[tuple[str, str]]:
        """Those who can work on concerns of the user's areas (one query per request, shared
        by filter and actions)."""
        if not hasattr(request, "_anliegen_kollegen"):
            staff = Anliegen.bearbeitende(Quartier.objects.fuer(request.user))
            request._anliegen_kollegen = [(str(u.pk), u.name) for u in staff]
        return request._anliegen_kollegen

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        action_form = getattr(response, "context_data", {}).get("action_form")
        if action_form is not None:
            action_form.fields["zustaendig"].widget.choices = [
                ("", "–"),
                *self.kollegen(request),
            ]
        return response

    def get_queryset(self, request):
        offen = Weiterleitung.objects.filter(
            anliegen=OuterRef("pk"),
            beantwortet_at__isnull=True,
            antwort_bis__lt=timezone.localdate(),
        )
        return (
            super()
            .get_queryset(request)
            .annotate(weiterleitung_ueberfaellig=Exists(offen) & Q(status=Status.WEITERGELEITET))
        )

    @admin.display(description=_("concern"))
    def kurz(self, obj):
        text = obj.beschreibung
        text = text if len(text) <= 60 else text[:59] + "…"
        if obj.projekt_id:
            # An idea sent from a project's page: the queue shows which project.
            return format_html("{}<br><small>{}: {}</small>", text, _("Project"), obj.projekt)
        return text

    @admin.display(description=_("age"), ordering="eingegangen_at")
    def alter(self, obj):
        tage = (timezone.now() - obj.eingegangen_at).days
        return ngettext("%d day", "%d days", tage) % tage

    @admin.display(description=_("due"), ordering="frist")
    def faellig(self, obj):
        if obj.weiterleitung_ueberfaellig:
            return format_html('<strong class="errornote">{}</strong>', _("answer overdue"))
        if obj.ist_ueberfaellig:
            return format_html('<strong class="errornote">{}</strong>', _("overdue"))
        return obj.frist.strftime("%d.%m.%Y") if obj.frist else "–"

    @admin.display(description=_("public"))
    def oeffentlich(self, obj):
        return _("yes") if obj.ist_oeffentlich else _("no")

    @admin.display(description=_("coordinates"))
    def koordinaten(self, obj):
        return f"{obj.lat}, {obj.lon}" if obj.lat is not None else "–"

    # --- add (phone / office hours) ----------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AnliegenAddForm
            kwargs["fields"] = AnliegenAddForm.Meta.fields
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "zustaendig" in form.base_fields:
            # Only those who can work on concerns of this concern's area.
            form.base_fields["zustaendig"].queryset = Anliegen.bearbeitende([obj.quartier_id])
        return form

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": AnliegenAddForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is None else super().get_inlines(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kategorie":
            kwargs["queryset"] = Kategorie.objects.filter(
                quartier__in=Quartier.objects.fuer(request.user), aktiv=True
            )
        if db_field.name == "zustaendig":
            kwargs["queryset"] = Anliegen.bearbeitende(Quartier.objects.fuer(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = {"kanal": Anliegen.Kanal.TELEFON, "zustaendig": request.user.pk}
        quartier = Quartier.objects.fuer(request.user).first()
        if quartier is not None:
            initial["quartier"] = quartier.pk
        return {**initial, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        pin = services.aufnehmen(anliegen=obj, user=request.user)
        request.session.setdefault(PINS, {})[str(obj.pk)] = pin
        request.session.modified = True

    def save_formset(self, request, form, formset, change):
        if formset.model is Notiz:
            for inline_form in formset.extra_forms:
                if inline_form.has_changed():
                    inline_form.instance.user = request.user
        super().save_formset(request, form, formset, change)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect("admin:anliegen_anliegen_quittung", obj.pk)

    # --- bulk actions ------------------------------------------------------------------
    @admin.action(description=_("Assign to me"), permissions=["change"])
    def mir_zuweisen(self, request, queryset):
        n = services.zuweisen(
            anliegen_ids=list(queryset.values_list("pk", flat=True)),
            zustaendig=request.user,
            user=request.user,
        )
        self.message_user(request, ngettext("%d concern assigned.", "%d concerns assigned.", n) % n)

    @admin.action(description=_("Assign to the chosen person"), permissions=["change"])
    def zuweisen(self, request, queryset):
        gewaehlt = request.POST.get("zustaendig", "")
        erlaubt = dict(self.kollegen(request))
        if gewaehlt not in erlaubt:
            self.message_user(request, _("Please choose a staff member."), messages.ERROR)
            return
        person = User.objects.get(pk=gewaehlt)
        try:
            n = services.zuweisen(
                anliegen_ids=list(queryset.values_list("pk", flat=True)),
                zustaendig=person,
                user=request.user,
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, ngettext("%d concern assigned.", "%d concerns assigned.", n) % n)

    @admin.action(description=_("Set the chosen status"), permissions=["change"])
    def status_aendern(self, request, queryset):
        form = AnliegenActionForm(request.POST)
        form.is_valid()
        status = form.cleaned_data.get("status")
        antwort = form.cleaned_data.get("antwort", "")
        if not status:
            self.message_user(request, _("Please choose a status."), messages.ERROR)
            return
        seite = self.bestaetigen_lassen(
            request,
            queryset,
            title=_("Set the status of the selected concerns"),
            folgen=_(
                "These concerns get the status “%(status)s”; residents who asked for status "
                "mails are told by mail."
            )
            % {"status": Status(status).label},
            knopf=_("Yes, set the status"),
            felder=["status", "antwort"],
        )
        if seite is not None:
            return seite
        fehler = 0
        geaendert = 0
        for anliegen in queryset:
            try:
                services.status_setzen(
                    anliegen=anliegen, status=status, antwort=antwort, user=request.user
                )
                geaendert += 1
            except ValidationError:
                fehler += 1
        if geaendert:
            self.message_user(
                request,
                ngettext("%d concern changed.", "%d concerns changed.", geaendert) % geaendert,
            )
        if fehler:
            self.message_user(
                request,
                ngettext(
                    "%d concern not changed: closing needs a public answer.",
                    "%d concerns not changed: closing needs a public answer.",
                    fehler,
                )
                % fehler,
                messages.ERROR,
            )

    @admin.action(description=_("Mark as duplicate of the original"), permissions=["change"])
    def als_duplikat_markieren(self, request, queryset):
        form = AnliegenActionForm(request.POST)
        form.is_valid()
        nummer = (form.cleaned_data.get("original") or "").strip().upper()
        original = self.get_queryset(request).filter(nummer=nummer).first()
        if original is None:
            self.message_user(
                request, _("Please give the case number of the original."), messages.ERROR
            )
            return
        seite = self.bestaetigen_lassen(
            request,
            queryset.exclude(pk=original.pk),
            title=_("Merge into %(nummer)s") % {"nummer": original.nummer},
            folgen=_(
                "These concerns are closed as duplicates of %(nummer)s with a public answer "
                "pointing there; their residents follow the original from then on."
            )
            % {"nummer": original.nummer},
            knopf=_("Yes, merge"),
            felder=["original"],
        )
        if seite is not None:
            return seite
        n = 0
        for anliegen in queryset.exclude(pk=original.pk):
            try:
                n += services.als_duplikat(anliegen=anliegen, original=original, user=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
        self.message_user(
            request,
            ngettext("%d concern merged.", "%d concerns merged.", n) % n,
        )

    # Spam is deleted 30 days later, so marking it is a decision for those who may delete.
    @admin.action(description=_("Mark as spam"), permissions=["delete"])
    def als_spam_markieren(self, request, queryset):
        seite = self.bestaetigen_lassen(
            request,
            queryset,
            title=_("Mark as spam"),
            folgen=_(
                "These concerns are hidden from their tracking pages and from the public, and "
                "deleted with their photos 30 days later."
            ),
            knopf=_("Yes, mark as spam"),
        )
        if seite is not None:
            return seite
        n = services.als_spam_markieren(
            anliegen_ids=list(queryset.values_list("pk", flat=True)), user=request.user
        )
        self.message_user(
            request, ngettext("%d concern marked as spam.", "%d concerns marked as spam.", n) % n
        )

    # --- views of one concern -----------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/status/", wrap(self.status_view), name="anliegen_anliegen_status"),
            path(
                "<int:pk>/weiterleiten/",
                wrap(self.weiterleiten_view),
                name="anliegen_anliegen_weiterleiten",
            ),
            path(
                "<int:pk>/moderation/",
                wrap(self.moderation_view),
                name="anliegen_anliegen_moderation",
            ),
            path("<int:pk>/duplikat/", wrap(self.duplikat_view), name="anliegen_anliegen_duplikat"),
            path("<int:pk>/quittung/", wrap(self.quittung_view), name="anliegen_anliegen_quittung"),
            path("<int:pk>/pin/", wrap(self.pin_view), name="anliegen_anliegen_pin"),
            path("auskunft/", wrap(self.auskunft_view), name="anliegen_anliegen_auskunft"),
            *super().get_urls(),
        ]

    def _anliegen(self, request, pk, *, perm="change"):
        anliegen = self.get_object(request, str(pk))
        allowed = (
            self.has_change_permission(request, anliegen)
            if perm == "change"
            else self.has_view_or_change_permission(request, anliegen)
        )
        if not allowed:
            raise PermissionDenied
        return anliegen

    def _render(self, request, template, anliegen, **context):
        return TemplateResponse(
            request,
            f"admin/anliegen/anliegen/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": anliegen,
                "anliegen": anliegen,
                "title": context.pop("title", str(anliegen)),
                **context,
            },
        )

    def status_view(self, request, pk):
        anliegen = self._anliegen(request, pk)
        bausteine = Textbaustein.objects.filter(quartier_id=anliegen.quartier_id).filter(
            Q(kategorie=anliegen.kategorie) | Q(kategorie__isnull=True)
        )
        if request.method == "POST":
            form = StatusForm(request.POST)
            if form.is_valid():
                try:
                    services.status_setzen(
                        anliegen=anliegen, user=request.user, **form.cleaned_data
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    self.message_user(request, _("The status has been changed."))
                    return redirect("admin:anliegen_anliegen_change", anliegen.pk)
        else:
            status = request.GET.get("status") or anliegen.status
            initial = {"status": status, "antwort": anliegen.antwort}
            wahl = request.GET.get("baustein", "")
            baustein = bausteine.filter(pk=int(wahl)).first() if wahl.isdigit() else None
            if baustein is not None:
                initial = {"status": baustein.status, "antwort": baustein.fuellen(anliegen)}
            form = StatusForm(initial=initial)
        return self._render(
            request,
            "status.html",
            anliegen,
            form=form,
            bausteine=bausteine.order_by("status", "titel"),
            abschluss=[s.value for s in ABSCHLUSS],
            aehnliche=self._aehnliche(anliegen),
            title=_("Change status of %(nummer)s") % {"nummer": anliegen.nummer},
        )

    @staticmethod
    def _aehnliche(anliegen) -> list:
        """Possible duplicates, each marked whether `anliegen` can be merged into it."""
        aehnliche = list(services.aehnliche(anliegen))
        for a in aehnliche:
            try:
                services.zusammenfuehren_pruefen(anliegen, a)
            except ValidationError:
                a.zusammenfuehrbar = False
            else:
                a.zusammenfuehrbar = True
        return aehnliche

    def duplikat_view(self, request, pk):
        """Merge into `?original=<pk>`: a page saying what will happen (GET), the merge
        (POST). Offered and done only where `services.zusammenfuehren_pruefen` passes."""
        anliegen = self._anliegen(request, pk)
        wahl = (request.POST if request.method == "POST" else request.GET).get("original", "")
        if not wahl.isdigit():
            raise Http404
        original = get_object_or_404(self.get_queryset(request), pk=int(wahl))
        if request.method == "POST":
            try:
                zusammengefuehrt = services.als_duplikat(
                    anliegen=anliegen, original=original, user=request.user
                )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Merged into %(nummer)s; its resident now follows the original.")
                    % {"nummer": original.nummer}
                    if zusammengefuehrt
                    else _("Already merged into %(nummer)s; nothing changed.")
                    % {"nummer": original.nummer},
                    messages.SUCCESS if zusammengefuehrt else messages.INFO,
                )
            return redirect("admin:anliegen_anliegen_change", anliegen.pk)
        try:
            services.zusammenfuehren_pruefen(anliegen, original)
        except ValidationError as exc:
            hindernis = " ".join(exc.messages)
        else:
            hindernis = ""
        return self._render(
            request,
            "duplikat.html",
            anliegen,
            original=original,
            hindernis=hindernis,
            title=_("Merge %(nummer)s into %(original)s")
            % {"nummer": anliegen.nummer, "original": original.nummer},
        )

    def weiterleiten_view(self, request, pk):
        anliegen = self._anliegen(request, pk)
        akteure = Akteur.objects.fuer(request.user).order_by("art", "name")
        if request.method == "POST":
            form = WeiterleitenForm(request.POST, anliegen=anliegen, akteure=akteure)
            if form.is_valid():
                try:
                    services.weiterleiten(anliegen=anliegen, user=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    self.message_user(
                        request, _("Forwarded; the recipient gets a mail with a private link.")
                    )
                    return redirect("admin:anliegen_anliegen_change", anliegen.pk)
        else:
            form = WeiterleitenForm(
                anliegen=anliegen,
                akteure=akteure,
                initial={
                    "akteur": anliegen.kategorie.zustaendig_id,
                    "antwort_bis": timezone.localdate() + timedelta(days=14),
                },
            )
        return self._render(
            request,
            "weiterleiten.html",
            anliegen,
            form=form,
            title=_("Forward %(nummer)s") % {"nummer": anliegen.nummer},
        )

    def moderation_view(self, request, pk):
        anliegen = self._anliegen(request, pk)
        fotos = list(anliegen.fotos.all())
        if request.method == "POST":
            form = ModerationForm(request.POST, anliegen=anliegen)
            aktion = request.POST.get("aktion", "vorschau")
            if form.is_valid():
                text = form.cleaned_data["oeffentlicher_text"]
                foto_ids = [int(i) for i in form.cleaned_data["fotos"]]
                if aktion in ("schwaerzen", "uebernehmen"):
                    quelle = anliegen.beschreibung if aktion == "uebernehmen" else text
                    data = request.POST.copy()
                    data["oeffentlicher_text"] = pruefung.schwaerzen(quelle)
                    form = ModerationForm(data, anliegen=anliegen)
                    form.is_valid()
                elif aktion in ("freigeben", "sperren"):
                    try:
                        services.moderieren(
                            anliegen=anliegen,
                            text=text,
                            freigeben=aktion == "freigeben",
                            foto_ids=foto_ids if aktion == "freigeben" else [],
                            user=request.user,
                        )
                    except ValidationError as exc:
                        form.add_error(None, exc)
                    else:
                        self.message_user(
                            request,
                            _("Released for publication.")
                            if aktion == "freigeben"
                            else _("Not published."),
                        )
                        return redirect("admin:anliegen_anliegen_change", anliegen.pk)
        else:
            form = ModerationForm(
                initial={
                    "oeffentlicher_text": anliegen.oeffentlicher_text or anliegen.beschreibung,
                    "fotos": [str(f.pk) for f in fotos if f.freigegeben],
                },
                anliegen=anliegen,
            )
        text = form["oeffentlicher_text"].value() or ""
        gewaehlt = {str(v) for v in (form["fotos"].value() or [])}
        return self._render(
            request,
            "moderation.html",
            anliegen,
            form=form,
            markiert=pruefung.markieren(anliegen.beschreibung),
            funde=pruefung.funde(text),
            vorschau_fotos=[f for f in fotos if str(f.pk) in gewaehlt],
            fotos=fotos,
            title=_("Publication check of %(nummer)s") % {"nummer": anliegen.nummer},
        )

    def quittung_view(self, request, pk):
        anliegen = self._anliegen(request, pk, perm="view")
        pin = request.session.get(PINS, {}).get(str(anliegen.pk))
        if request.GET.get("format") in ("pdf", "druck"):
            if not pin:
                return redirect("admin:anliegen_anliegen_quittung", anliegen.pk)
            if request.GET["format"] == "druck":
                return HttpResponse(quittung_html(anliegen=anliegen, pin=pin, request=request))
            groesse = "a6" if request.GET.get("groesse") == "a6" else "a4"
            response = HttpResponse(
                quittung_pdf(anliegen=anliegen, pin=pin, request=request, groesse=groesse),
                content_type="application/pdf",
            )
            response["Content-Disposition"] = (
                f'inline; filename="{anliegen.nummer}-{groesse.upper()}.pdf"'
            )
            return response
        return self._render(
            request,
            "quittung.html",
            anliegen,
            pin=pin,
            link=settings.SITE_URL + anliegen.get_verfolgen_url(),
            title=_("Receipt for %(nummer)s") % {"nummer": anliegen.nummer},
        )

    def pin_view(self, request, pk):
        anliegen = self._anliegen(request, pk)
        if request.method == "POST":
            pin = services.neue_pin_setzen(anliegen=anliegen, user=request.user)
            request.session.setdefault(PINS, {})[str(anliegen.pk)] = pin
            request.session.modified = True
        return redirect("admin:anliegen_anliegen_quittung", anliegen.pk)

    def auskunft_view(self, request):
        """Auskunft (JSON or readable HTML) and Löschen of everything held about an e-mail."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        email = (request.POST.get("email") or "").strip()
        aktion = request.POST.get("aktion")
        fehler = ""
        if request.method == "POST":
            try:
                forms.EmailField().clean(email)
            except ValidationError:
                fehler = _("Please enter a valid e-mail address.")
            else:
                if aktion == "loeschen":
                    if not self.has_delete_permission(request):
                        raise PermissionDenied
                    if request.POST.get("bestaetigt") != "ja":
                        return self._render(
                            request,
                            "loeschen.html",
                            None,
                            email=email,
                            umfang=services.loeschen_umfang(email=email, user=request.user),
                            title=_("Erase the data of %(email)s") % {"email": email},
                        )
                    else:
                        n = services.loeschen(email=email, user=request.user)
                        self.message_user(
                            request,
                            ngettext(
                                "Personal data erased in %d concern.",
                                "Personal data erased in %d concerns.",
                                n,
                            )
                            % n,
                        )
                        return redirect("admin:anliegen_anliegen_auskunft")
                else:
                    daten = services.auskunft(email=email, user=request.user)
                    if aktion == "json":
                        response = HttpResponse(
                            json.dumps(daten, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8",
                        )
                        response["Content-Disposition"] = 'attachment; filename="auskunft.json"'
                        return response
                    return self._render(
                        request,
                        "auskunft_ergebnis.html",
                        None,
                        daten=daten,
                        title=_("Information about %(email)s") % {"email": email},
                    )
        return self._render(
            request,
            "auskunft.html",
            None,
            email=email,
            fehler=fehler,
            darf_loeschen=self.has_delete_permission(request),
            title=_("Information and erasure (GDPR)"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        extra_context["kann_aendern"] = self.has_change_permission(request, obj)
        if obj.status in OFFEN:
            extra_context["aehnliche"] = list(services.aehnliche(obj))
        return super().change_view(request, object_id, form_url, extra_context)
