"""The staff back office. `QuartierScopedAdmin` is the base every app's admin uses.

A staff user's querysets are limited to the areas they are assigned to; an object outside
them answers 404 (not a redirect that would confirm it exists); choices of areas in forms
are limited the same way; every change is written to the audit trail.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import audit, exports
from .forms import bounded_formfield
from .mail import enqueue_delivery
from .models import AuditEntry, OutgoingMail, Quartier, Seite, User
from .roles import Rolle

admin.site.site_header = _("Quartier – back office")
admin.site.site_title = _("Quartier")
admin.site.index_title = _("Overview")


def scope_queryset(queryset, user, lookup: str):
    """Limit `queryset` to objects whose `lookup` (path to Quartier) is one of user's areas."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    areas = Quartier.objects.fuer(user).values("pk")
    if lookup == "pk":
        return queryset.filter(pk__in=areas)
    # A subquery keeps each object once even when the path crosses a many-to-many relation.
    inner = queryset.model._default_manager.filter(**{f"{lookup}__in": areas}).values("pk")
    return queryset.filter(pk__in=inner)


class QuartierScopedAdmin(admin.ModelAdmin):
    """Base admin for every model that belongs to an area.

    Set `quartier_lookup` to the path from the model to its Quartier (e.g. ``"quartier"``,
    ``"akteur__quartiere"``).
    """

    quartier_lookup = "quartier"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.quartier_lookup)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Not found."))
        return obj

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Number inputs keep to the bounds of the model's constraints, with their messages.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return bounded_formfield(db_field, formfield)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Quartier:
            kwargs["queryset"] = Quartier.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Quartier:
            kwargs["queryset"] = Quartier.objects.fuer(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(obj, action=AuditEntry.Action.CREATED, user=request.user)

    def save_related(self, request, form, formsets, change):
        # The form offers only the editor's own areas: keep the object's other areas, which
        # saving the many-to-many field would otherwise silently drop.
        hidden = {}
        if change and not request.user.is_superuser:
            own = Quartier.objects.fuer(request.user).values("pk")
            for field in form.instance._meta.many_to_many:
                if field.related_model is Quartier and field.name in form.fields:
                    related = getattr(form.instance, field.name)
                    hidden[field.name] = list(related.exclude(pk__in=own))
        super().save_related(request, form, formsets, change)
        for name, areas in hidden.items():
            if areas:
                getattr(form.instance, name).add(*areas)
        if change and form.changed_data:
            audit.record(
                form.instance,
                action=AuditEntry.Action.CHANGED,
                user=request.user,
                changes=audit.diff(form),
            )

    def delete_model(self, request, obj):
        audit.record(obj, action=AuditEntry.Action.DELETED, user=request.user)
        super().delete_model(request, obj)

    def view_context(self, request, *, title: str, **extra) -> dict:
        """The context of a custom admin page of this model (site header, breadcrumbs)."""
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def bestaetigen_lassen(
        self, request, queryset, *, title: str, folgen: str, knopf: str, felder=()
    ) -> TemplateResponse | None:
        """The second look of an action that cannot be undone: a page saying what will
        happen to which objects. Returns None once that page was sent (`bestaetigt`), so
        the action goes ahead; else the page. `felder` are the action form's fields the
        action reads, carried over unchanged."""
        if request.POST.get("bestaetigt") == "ja":
            return None
        anzahl = queryset.count()
        context = self.view_context(
            request,
            title=title,
            folgen=folgen,
            knopf=knopf,
            objekte=list(queryset[:50]),
            anzahl=anzahl,
            weitere=max(anzahl - 50, 0),
            aktion=request.POST.get("action", ""),
            ausgewaehlt=request.POST.getlist(ACTION_CHECKBOX_NAME),
            alle=request.POST.get("select_across", ""),
            felder=[(name, request.POST.get(name, "")) for name in felder],
        )
        return TemplateResponse(request, "admin/bestaetigen.html", context)

    def table_view(self, request, template: str, *, title: str, table: exports.Table, **extra):
        """A custom admin page showing a table, or the table as CSV/XLSX download when
        asked for (`?format=csv` or `?format=xlsx`)."""
        download = exports.table_download(request, table)
        if download is not None:
            return download
        context = self.view_context(
            request, title=title, header=table.header, rows=table.text_rows(), **extra
        )
        return TemplateResponse(request, template, context)


def users_in_scope(editor):
    """The accounts a staff user may manage: assigned to one of the editor's areas or member
    of an actor there, and linked to no area outside them (else the manager of area A
    could reset the password of area B's staff, or of a partner who also works in B).
    Operators (superusers) are never in scope."""
    if editor.is_superuser:
        return User.objects.all()
    own = Quartier.objects.fuer(editor).values("pk")
    foreign = Quartier.objects.exclude(pk__in=own).values("pk")
    linked = User.objects.filter(Q(quartiere__in=own) | Q(akteure__quartiere__in=own))
    outside = User.objects.filter(Q(quartiere__in=foreign) | Q(akteure__quartiere__in=foreign))
    return User.objects.filter(pk__in=linked.values("pk"), is_superuser=False).exclude(
        pk__in=outside.values("pk")
    )


@admin.register(Quartier)
class QuartierAdmin(QuartierScopedAdmin):
    quartier_lookup = "pk"
    list_display = ["name", "gemeinde", "einwohner", "einwohner_stichtag", "traeger"]
    search_fields = ["name", "gemeinde", "traeger"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["projektmittel", "verfuegungsfonds", "sachkosten"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "gemeinde", "traeger"]}),
        (
            _("Residents and budget"),
            {
                "fields": [
                    "einwohner",
                    "einwohner_stichtag",
                    "vollzeitstellen",
                    "projektmittel",
                    "verfuegungsfonds",
                    "sachkosten",
                ]
            },
        ),
        (
            _("Office"),
            {
                "fields": [
                    "buero_name",
                    "strasse",
                    "plz",
                    "ort",
                    "sprechzeiten",
                    "telefon",
                    "email",
                ]
            },
        ),
    ]

    @admin.display(description=_("project means (EUR)"))
    def projektmittel(self, obj):
        return obj.projektmittel()

    @admin.display(description=_("Verfügungsfonds (EUR)"))
    def verfuegungsfonds(self, obj):
        return obj.verfuegungsfonds()

    @admin.display(description=_("material costs (EUR)"))
    def sachkosten(self, obj):
        return obj.sachkosten()

    def has_add_permission(self, request):
        # New areas are set up by the operator (superuser), not inside an area.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(User)
class UserAdmin(QuartierScopedAdmin, BaseUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "rollen", "is_active", "last_login"]
    list_filter = [
        "groups",
        "is_active",
        "is_staff",
        ("quartiere", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email"]
    filter_horizontal = ["quartiere", "groups"]
    fieldsets = [
        (None, {"fields": ["email", "name", "kurzname", "password"]}),
        (_("Role and areas"), {"fields": ["groups", "quartiere", "is_active", "is_staff"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    superuser_fieldsets = [
        (_("Operator"), {"fields": ["is_superuser", "user_permissions"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "name",
                    "kurzname",
                    "password1",
                    "password2",
                    "groups",
                    "quartiere",
                    "is_staff",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        qs = super(QuartierScopedAdmin, self).get_queryset(request).prefetch_related("groups")
        user = request.user
        if user.is_superuser:
            return qs
        return qs.filter(pk__in=users_in_scope(user).values("pk"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and request.user.is_superuser:
            return [*fieldsets, *self.superuser_fieldsets]
        return fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=Rolle.values)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def rollen(self, obj):
        return ", ".join(g.name for g in obj.groups.all())


class InstallationWideAdmin(admin.ModelAdmin):
    """For objects shared by every area (legal pages, the list of fields of action): only
    someone responsible for all areas may change them, i.e. an operator, or staff with the
    permission who are assigned to every area (the usual case of a one-area installation)."""

    def _for_all_areas(self, request) -> bool:
        # Asked many times per page (the admin's navigation): the user caches the answer.
        return request.user.fuer_alle_quartiere

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._for_all_areas(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._for_all_areas(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._for_all_areas(request)


@admin.register(Seite)
class SeiteAdmin(InstallationWideAdmin):
    list_display = ["titel", "art", "updated_at"]
    readonly_fields = ["art"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            obj, action=AuditEntry.Action.CHANGED, user=request.user, changes=audit.diff(form)
        )


@admin.register(OutgoingMail)
class OutgoingMailAdmin(QuartierScopedAdmin):
    list_display = ["subject", "empfaenger", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["quartier"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    actions = ["retry_now"]

    @admin.display(description=_("to"))
    def empfaenger(self, obj):
        return ", ".join(obj.to)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Send again now"), permissions=["change"])
    def retry_now(self, request, queryset):
        pending = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        queryset.filter(pk__in=pending).update(next_attempt_at=timezone.now())
        for mail_id in pending:
            enqueue_delivery(mail_id)
        self.message_user(
            request,
            ngettext("%d mail queued again.", "%d mails queued again.", len(pending))
            % len(pending),
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(QuartierScopedAdmin):
    list_display = [
        "created_at",
        "user",
        "actor",
        "action",
        "content_type",
        "object_repr",
        "message",
    ]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "message", "user__name", "actor"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        qs = super(QuartierScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return qs
        # Entries of the user's areas, and area-less ones about their own changes.
        areas = Quartier.objects.fuer(request.user).values("pk")
        return qs.filter(Q(quartier__in=areas) | Q(quartier__isnull=True, user=request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
