from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quartier import audit
from quartier.admin import (
    ImBereichFilter,
    InstallationWideAdmin,
    QuartierScopedAdmin,
    ab_heute,
    termin,
)
from quartier.models import AuditEntry, Quartier, User
from quartier.roles import Rolle

from . import services
from .forms import AkteurAdminForm, EinladungForm, SitzungAdminForm, ZusammenfuehrenForm
from .models import (
    Akteur,
    Angebot,
    Ansprechperson,
    Gremium,
    GremiumMitglied,
    Handlungsfeld,
    Sitzung,
)


class EigeneAkteureMixin:
    """Actor choices (also through autocomplete, which would accept any id) limited to the
    actors of the editor's areas."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Akteur:
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Akteur:
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AnsprechpersonInline(admin.TabularInline):
    model = Ansprechperson
    extra = 0
    fields = ["name", "funktion", "email", "telefon", "einwilligung_oeffentlich", "reihenfolge"]


class AngebotInline(EigeneAkteureMixin, admin.StackedInline):
    model = Angebot
    extra = 0
    fk_name = "akteur"
    autocomplete_fields = ["kooperationspartner"]
    fields = [
        ("titel", "oeffentlich"),
        "beschreibung",
        ("zielgruppen", "sprachen"),
        "zeit",
        ("wochentag", "beginn", "ende"),
        "adresse",
        ("kostenlos", "kosten", "anmeldung_noetig"),
        "kooperationspartner",
    ]


class ZuPruefenFilter(admin.SimpleListFilter):
    title = _("partner changes")
    parameter_name = "zu_pruefen"

    def lookups(self, request, model_admin):
        return [("ja", _("to review")), ("nein", _("reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(zur_pruefung_vorgemerkt_at__isnull=False)
        if self.value() == "nein":
            return queryset.filter(zur_pruefung_vorgemerkt_at__isnull=True)
        return queryset


@admin.register(Akteur)
class AkteurAdmin(QuartierScopedAdmin):
    form = AkteurAdminForm
    quartier_lookup = "quartiere"
    list_display = ["name", "art", "oeffentlich", "zur_pruefung_vorgemerkt_at", "updated_at"]
    list_filter = [
        ZuPruefenFilter,
        "art",
        "oeffentlich",
        "handlungsfelder",
        ("quartiere", ImBereichFilter),
    ]
    search_fields = ["name", "email", "beschreibung"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["quartiere", "mitglieder", "handlungsfelder"]
    readonly_fields = [
        "zur_pruefung_vorgemerkt_at",
        "created_at",
        "updated_at",
        "offene_uebergaben",
    ]
    inlines = [AnsprechpersonInline, AngebotInline]
    actions = ["als_geprueft", "export_csv", "zusammenfuehren", "partner_einladen"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "art", "quartiere", "oeffentlich", "beschreibung"]}),
        (
            _("Contact"),
            {
                "fields": [
                    ("strasse", "plz", "ort"),
                    "oeffnungszeiten",
                    ("telefon", "email"),
                    "website",
                    "logo",
                ]
            },
        ),
        (
            _("Fields of action, target groups, languages"),
            {
                "fields": [
                    "handlungsfelder",
                    ("zielgruppen", "sprachen"),
                    ("barrierefreiheit", "barrierefreiheit_hinweis"),
                ]
            },
        ),
        (_("Partner accounts"), {"fields": ["mitglieder"]}),
        (_("Review"), {"fields": ["zur_pruefung_vorgemerkt_at", "created_at", "updated_at"]}),
        (_("Room handovers"), {"fields": ["offene_uebergaben"]}),
    ]

    # --- room handovers (Raeume), read only ----------------------------------------------
    # Through the reverse relation `buchungen` (Buchung.akteur, a `BuchungQuerySet`), so
    # that Netzwerk does not import Raeume. Counted only in the viewer's areas.

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.uebergaben_quartiere = Quartier.objects.fuer(request.user)
        return obj

    @admin.display(description=_("open handover items"))
    def offene_uebergaben(self, obj):
        if obj is None or obj.pk is None or not hasattr(obj, "uebergaben_quartiere"):
            return "–"
        zahlen = obj.buchungen.filter(
            raum__quartier__in=obj.uebergaben_quartiere
        ).offene_uebergaben()
        url = (
            reverse("admin:raeume_buchung_changelist")
            + f"?akteur__id__exact={obj.pk}&uebergabe=offen"
        )
        return format_html(
            '{}: {} · {}: {} · {}: {} · <a href="{}">{}</a>',
            _("keys not returned"),
            zahlen["schluessel"],
            _("with damage notes"),
            zahlen["schaeden"],
            _("deposit not settled"),
            zahlen["kaution"],
            url,
            _("Show these bookings"),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "mitglieder" and not request.user.is_superuser:
            # Partner accounts not tied to any other area: staff accounts and other areas'
            # partners stay out of the list (new partners come by invitation).
            kwargs["queryset"] = self._offered_members(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _offered_members(self, request):
        foreign = Quartier.objects.exclude(pk__in=Quartier.objects.fuer(request.user))
        return (
            User.objects.filter(is_staff=False, is_superuser=False, groups__name=Rolle.PARTNER)
            .exclude(pk__in=User.objects.filter(akteure__quartiere__in=foreign).values("pk"))
            .distinct()
        )

    def save_related(self, request, form, formsets, change):
        # Members the editor is not offered (partners also active in another area) stay.
        hidden = []
        if change and not request.user.is_superuser and "mitglieder" in form.fields:
            offered = self._offered_members(request).values("pk")
            hidden = list(form.instance.mitglieder.exclude(pk__in=offered))
        super().save_related(request, form, formsets, change)
        if hidden:
            form.instance.mitglieder.add(*hidden)
        # Offers and contact persons edited inline are audited one by one.
        quartier = form.instance.quartiere.order_by("pk").first()
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
                    message=", ".join(changed),
                )
            for obj in formset.deleted_objects:
                audit.record(
                    obj, action=AuditEntry.Action.DELETED, user=request.user, quartier=quartier
                )
        form.instance.aktualisiere_suchvektor()

    @admin.action(description=_("Mark partner changes as reviewed"), permissions=["change"])
    def als_geprueft(self, request, queryset):
        count = services.als_geprueft_markieren(akteure=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("%d entry marked as reviewed.", "%d entries marked as reviewed.", count)
            % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the directory as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return services.verzeichnis_export(queryset).csv()

    def _confirm(self, request, queryset, *, title, form, template, action):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, template, context)

    @admin.action(description=_("Merge duplicate entries …"), permissions=["delete"])
    def zusammenfuehren(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, _("Select at least two entries to merge."), messages.WARNING)
            return None
        form = ZusammenfuehrenForm(
            request.POST if "bestaetigt" in request.POST else None, akteure=queryset
        )
        if form.is_valid():
            behalten = form.cleaned_data["behalten"]
            duplikate = [a for a in queryset if a.pk != behalten.pk]
            services.akteure_zusammenfuehren(
                behalten=behalten, duplikate=duplikate, user=request.user
            )
            self.message_user(
                request,
                _("%(count)s entries were merged into “%(name)s”.")
                % {"count": len(duplikate), "name": behalten.name},
                messages.SUCCESS,
            )
            return None
        return self._confirm(
            request,
            queryset,
            title=_("Merge duplicate entries"),
            form=form,
            template="admin/netzwerk/akteur/zusammenfuehren.html",
            action="zusammenfuehren",
        )

    def has_invite_permission(self, request):
        return request.user.has_perm("quartier.add_user") and self.has_change_permission(request)

    @admin.action(description=_("Invite a partner by e-mail …"), permissions=["invite"])
    def partner_einladen(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one entry to invite a partner for."), messages.WARNING
            )
            return None
        akteur = queryset.get()
        form = EinladungForm(request.POST if "bestaetigt" in request.POST else None)
        if form.is_valid():
            try:
                partner = services.partner_einladen(
                    akteur=akteur,
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error("email", error)
                return self._confirm(
                    request,
                    queryset,
                    title=_("Invite a partner for “%(name)s”") % {"name": akteur.name},
                    form=form,
                    template="admin/netzwerk/akteur/einladen.html",
                    action="partner_einladen",
                )
            self.message_user(
                request,
                _("Invitation sent to %(email)s.") % {"email": partner.email},
                messages.SUCCESS,
            )
            return None
        return self._confirm(
            request,
            queryset,
            title=_("Invite a partner for “%(name)s”") % {"name": akteur.name},
            form=form,
            template="admin/netzwerk/akteur/einladen.html",
            action="partner_einladen",
        )


@admin.register(Handlungsfeld)
class HandlungsfeldAdmin(InstallationWideAdmin):
    list_display = ["name", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class GremiumMitgliedInline(EigeneAkteureMixin, admin.TabularInline):
    model = GremiumMitglied
    extra = 0
    autocomplete_fields = ["akteur"]
    fields = ["typ", "akteur", "name", "rolle"]


class SitzungInline(admin.TabularInline):
    model = Sitzung
    extra = 0
    fields = ["beginn", "adresse", "oeffentlich", "teilnehmende", "protokoll_veroeffentlicht"]
    show_change_link = True
    ordering = ["-beginn"]


@admin.register(Gremium)
class GremiumAdmin(QuartierScopedAdmin):
    quartier_lookup = "quartier"
    list_display = ["name", "art", "quartier", "oeffentlich"]
    list_filter = ["art", "oeffentlich", ("quartier", ImBereichFilter)]
    search_fields = ["name", "zweck"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GremiumMitgliedInline, SitzungInline]
    list_select_related = ["quartier"]


@admin.register(Sitzung)
class SitzungAdmin(QuartierScopedAdmin):
    form = SitzungAdminForm
    quartier_lookup = "gremium__quartier"
    list_display = ["gremium", "termin", "adresse", "oeffentlich_kurz", "protokoll_kurz"]
    list_filter = [
        ab_heute("beginn"),
        ("gremium", ImBereichFilter),
        "oeffentlich",
        "protokoll_veroeffentlicht",
    ]
    search_fields = ["gremium__name", "adresse", "tagesordnung", "protokoll"]
    date_hierarchy = "beginn"
    list_select_related = ["gremium"]

    @admin.display(description=_("date and time"), ordering="beginn")
    def termin(self, obj):
        return termin(obj.beginn)

    # Short headings: the fields' long names do not wrap and widen the list.
    @admin.display(description=_("public"), boolean=True, ordering="oeffentlich")
    def oeffentlich_kurz(self, obj):
        return obj.oeffentlich

    @admin.display(
        description=_("minutes public"), boolean=True, ordering="protokoll_veroeffentlicht"
    )
    def protokoll_kurz(self, obj):
        return obj.protokoll_veroeffentlicht

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gremium":
            kwargs["queryset"] = self.scoped_gremien(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def scoped_gremien(self, request):
        from quartier.admin import scope_queryset

        return scope_queryset(Gremium.objects.all(), request.user, "quartier")
