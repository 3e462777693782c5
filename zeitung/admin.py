"""The editorial back office: issues, sections, articles with their photos.

Status changes are actions that call `zeitung.services`; the status itself is never a form
field. From Druckfreigabe on, an issue and its articles are shown read-only.
"""

import os

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur
from quartier.admin import Abkuerzung, ImBereichFilter, QuartierScopedAdmin, termin
from quartier.models import Quartier
from quartier.storage import private_file_response

from . import druck, seitenplan, services
from .forms import ArtikelAdminForm, ArtikelfotoForm
from .models import Abonnement, Artikel, Artikelfoto, Platzierung, Rubrik, Zeitungsausgabe


@admin.register(Rubrik)
class RubrikAdmin(QuartierScopedAdmin):
    list_display = ["name", "quartier", "reihenfolge"]
    list_filter = [("quartier", ImBereichFilter)]
    list_select_related = ["quartier"]
    fields = ["quartier", "name", "reihenfolge"]


class ArtikelInline(admin.TabularInline):
    model = Artikel
    extra = 0
    fields = ["titel", "rubrik", "status", "spalten"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PlatzierungInline(admin.TabularInline):
    """The page plan: which article or block on which page, in which order; a block can
    be turned off. The editor reorders by page and order numbers (works without script)."""

    model = Platzierung
    extra = 2
    fields = ["seite", "reihenfolge", "art", "artikel", "aktiv"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "artikel":
            # The articles of the area that are in this issue or in none; read once
            # per page, not once per row.
            ausgabe = getattr(request, "_zeitung_ausgabe", None)
            if ausgabe is None:
                formfield.queryset = Artikel.objects.none()
            elif not hasattr(request, "_zeitung_artikelwahl"):
                artikel = Artikel.objects.filter(quartier_id=ausgabe.quartier_id).filter(
                    Q(ausgabe=ausgabe) | Q(ausgabe__isnull=True)
                )
                formfield.queryset = artikel
                request._zeitung_artikelwahl = list(formfield.choices)
            if ausgabe is not None:
                formfield.choices = request._zeitung_artikelwahl
        return formfield

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("artikel")

    def get_formset(self, request, obj=None, **kwargs):
        request._zeitung_ausgabe = obj
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_delete_permission(request, obj)


@admin.register(Zeitungsausgabe)
class ZeitungsausgabeAdmin(QuartierScopedAdmin):
    list_display = ["nummer", "titel", "quartier", "erscheinungsdatum", "seitenzahl", "status"]
    list_filter = [("quartier", ImBereichFilter), "status"]
    list_select_related = ["quartier"]
    search_fields = ["titel"]
    fields = [
        "quartier",
        "nummer",
        "titel",
        "erscheinungsdatum",
        "auflage",
        "seitenzahl",
        "beschnitt",
    ]
    readonly_fields = ["status", "druck_pdf", "seitenplan"]
    inlines = [PlatzierungInline, ArtikelInline]
    actions = ["naechster_schritt", "voriger_schritt"]

    def get_fields(self, request, obj=None):
        return (
            [*self.fields, "zeitraum_bis", "status", "seitenplan"]
            if obj
            else [
                *self.fields,
                "zeitraum_bis",
            ]
        )

    def get_inlines(self, request, obj):
        # A new issue has no page plan yet: it is made on the saved issue's page.
        return self.inlines if obj else []

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/pdf/", view(self.pdf_view), name="zeitung_zeitungsausgabe_pdf"),
            path(
                "<int:pk>/pdf/datei/",
                view(self.pdf_datei_view),
                name="zeitung_zeitungsausgabe_pdf_datei",
            ),
            path(
                "<int:pk>/pdf/seite/<int:seite>/",
                view(self.seitenbild_view),
                name="zeitung_zeitungsausgabe_seitenbild",
            ),
            *super().get_urls(),
        ]

    def _ausgabe(self, request, pk) -> Zeitungsausgabe:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request).select_related("quartier"), pk=pk)

    def pdf_view(self, request, pk):
        """The print PDF of an issue: "PDF erzeugen" (POST) asks the worker for it; the page
        shows the progress until it is there (htmx asks every two seconds, without script
        the page reloads itself) and then offers the download."""
        ausgabe = self._ausgabe(request, pk)
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            try:
                services.pdf_anfordern(ausgabe=ausgabe, user=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:zeitung_zeitungsausgabe_pdf", ausgabe.pk)
        context = self.view_context(
            request,
            title=gettext("Print PDF of issue %(nummer)s") % {"nummer": ausgabe.nummer},
            ausgabe=ausgabe,
            darf_erzeugen=self.has_change_permission(request)
            and not (ausgabe.eingefroren and ausgabe.pdf),
        )
        if request.GET.get("teil") == "status":
            return TemplateResponse(request, "admin/zeitung/_pdf_status.html", context)
        return TemplateResponse(request, "admin/zeitung/pdf.html", context)

    def pdf_datei_view(self, request, pk):
        ausgabe = self._ausgabe(request, pk)
        return private_file_response(
            ausgabe.pdf,
            content_type="application/pdf",
            filename=f"{druck.dateiname(ausgabe)}.pdf",
        )

    def seitenbild_view(self, request, pk, seite):
        """The thumbnail of a planned page, from the last print PDF."""
        ausgabe = self._ausgabe(request, pk)
        bild = next((m.get("bild") for m in ausgabe.pdf_seiten if m.get("seite") == seite), None)
        if not bild:
            raise Http404
        datei = ausgabe.pdf.storage
        if not datei.exists(bild):
            raise Http404
        response = FileResponse(datei.open(bild, "rb"), content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    @admin.display(description=_("print PDF"))
    def druck_pdf(self, ausgabe):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:zeitung_zeitungsausgabe_pdf", args=[ausgabe.pk]),
            gettext("Print PDF"),
        )

    @admin.display(description=_("page plan"))
    def seitenplan(self, ausgabe):
        return render_to_string("zeitung/admin/seitenplan.html", {"plan": seitenplan.plan(ausgabe)})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.seitenplan_uebernehmen(ausgabe=form.instance, user=request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.eingefroren:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.eingefroren:
            return False
        return super().has_delete_permission(request, obj)

    def _schritt(self, request, queryset, welcher: str):
        geaendert = 0
        for ausgabe in queryset:
            ziel = getattr(ausgabe, welcher)()
            try:
                if ziel is None:
                    raise ValidationError(_("There is no such step for this issue."))
                services.ausgabe_status_setzen(ausgabe=ausgabe, status=ziel, user=request.user)
                geaendert += 1
            except ValidationError as exc:
                self.message_user(request, f"{ausgabe}: {' '.join(exc.messages)}", messages.ERROR)
        if geaendert:
            self.message_user(
                request,
                ngettext("%d issue moved on.", "%d issues moved on.", geaendert) % geaendert,
                messages.SUCCESS,
            )

    @admin.action(description=_("Next step of the selected issues"), permissions=["change"])
    def naechster_schritt(self, request, queryset):
        self._schritt(request, queryset, "naechster_status")

    @admin.action(description=_("One step back for the selected issues"), permissions=["change"])
    def voriger_schritt(self, request, queryset):
        self._schritt(request, queryset, "voriger_status")


class ArtikelfotoInline(admin.StackedInline):
    """Photos of the article, cleaned and scaled to print size on upload."""

    model = Artikelfoto
    form = ArtikelfotoForm
    extra = 0

    # `obj` is the article: the photos of a frozen issue's article stay as they are.
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.eingefroren) and super().has_delete_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = list(ArtikelfotoForm.Meta.fields)
        if not self.has_change_permission(request, obj):
            # Read-only, Django would link the file by its URL; a private photo has none.
            fields[fields.index("bild")] = "bild_datei"
        return fields

    def get_readonly_fields(self, request, obj=None):
        if not self.has_change_permission(request, obj):
            return self.get_fields(request, obj)
        return []

    @admin.display(description=_("photo"))
    def bild_datei(self, foto):
        return os.path.basename(foto.bild.name) if foto.bild else ""


@admin.register(Artikel)
class ArtikelAdmin(QuartierScopedAdmin):
    form = ArtikelAdminForm
    list_display = ["titel", "ausgabe_nummer", "rubrik", "status", "akteur", "updated_at"]
    list_filter = [("quartier", ImBereichFilter), "status"]
    list_select_related = ["ausgabe", "rubrik", "akteur", "quartier"]
    search_fields = ["titel", "dachzeile"]
    fieldsets = [
        (None, {"fields": ["quartier", "ausgabe", "rubrik", "status"]}),
        (
            _("text"),
            {"fields": ["dachzeile", "titel", "vorspann", "text", "autor", "nachweis"]},
        ),
        (_("Layout"), {"fields": ["spalten", "neue_seite", "zeichen_ziel"]}),
        (_("Submission"), {"fields": ["akteur", "eingereicht_von"]}),
    ]
    readonly_fields = ["status", "eingereicht_von"]
    inlines = [ArtikelfotoInline]
    actions = ["zur_pruefung", "freigeben", "zurueck_an_entwurf"]

    @admin.display(description=_("No."), ordering="ausgabe__nummer")
    def ausgabe_nummer(self, obj):
        """The issue by its number alone: the list stays within a laptop's width."""
        return obj.ausgabe.nummer if obj.ausgabe_id else "–"

    def get_abkuerzungen(self, request):
        # The editorial team's queue: what partners submitted and drafts sent for review.
        return [
            Abkuerzung(_("To review"), {"status__exact": Artikel.Status.IN_PRUEFUNG}),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only what belongs to the editor's areas may be chosen.
        if db_field.related_model is Zeitungsausgabe:
            kwargs["queryset"] = Zeitungsausgabe.objects.fuer(request.user).exclude(
                status__in=Zeitungsausgabe.EINGEFROREN
            )
        elif db_field.related_model is Rubrik:
            kwargs["queryset"] = Rubrik.objects.filter(
                quartier__in=Quartier.objects.fuer(request.user)
            ).select_related("quartier")
        elif db_field.related_model is Akteur:
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.eingefroren:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.eingefroren:
            return False
        return super().has_delete_permission(request, obj)

    def has_freigeben_permission(self, request):
        return request.user.has_perm(services.FREIGEBEN)

    def _schritt(self, request, queryset, service, erfolg: str):
        anzahl = 0
        for artikel in queryset.select_related("ausgabe"):
            try:
                service(artikel=artikel, user=request.user)
                anzahl += 1
            except (ValidationError, PermissionDenied) as exc:
                meldung = " ".join(getattr(exc, "messages", [str(exc)]))
                self.message_user(request, f"{artikel}: {meldung}", messages.ERROR)
        if anzahl:
            self.message_user(request, erfolg % anzahl, messages.SUCCESS)

    @admin.action(description=_("Send the selected articles for review"), permissions=["change"])
    def zur_pruefung(self, request, queryset):
        self._schritt(request, queryset, services.artikel_zur_pruefung, _("Articles sent: %d"))

    @admin.action(description=_("Release the selected articles"), permissions=["freigeben"])
    def freigeben(self, request, queryset):
        self._schritt(request, queryset, services.artikel_freigeben, _("Articles released: %d"))

    @admin.action(description=_("Back to draft"), permissions=["change"])
    def zurueck_an_entwurf(self, request, queryset):
        self._schritt(
            request, queryset, services.artikel_zurueck_an_entwurf, _("Articles back to draft: %d")
        )


@admin.register(Abonnement)
class AbonnementAdmin(QuartierScopedAdmin):
    """The area's e-mail subscribers, read-only: residents subscribe and confirm
    themselves (double opt-in); the office may delete a subscription (a wish passed on by
    phone, an address that bounces). No log keeps the address of a deleted one."""

    list_display = ["email", "quartier", "angefragt", "bestaetigt"]
    list_filter = [("quartier", ImBereichFilter), ("bestaetigt_at", admin.EmptyFieldListFilter)]
    list_select_related = ["quartier"]
    search_fields = ["email"]
    fields = ["quartier", "email", "angefragt_at", "bestaetigt_at"]
    readonly_fields = fields

    @admin.display(description=_("requested"), ordering="angefragt_at")
    def angefragt(self, obj):
        return termin(obj.angefragt_at)

    @admin.display(description=_("confirmed"), ordering="bestaetigt_at")
    def bestaetigt(self, obj):
        return termin(obj.bestaetigt_at) if obj.bestaetigt_at else "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def log_deletions(self, request, queryset):
        """The admin's log would keep the deleted address (its object_repr): an erasure
        leaves nothing behind."""
