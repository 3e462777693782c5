"""The staff back office. `QuartierScopedAdmin` is the base every app's admin uses.

A staff user's querysets are limited to the areas they are assigned to; an object outside
them answers 404 (not a redirect that would confirm it exists); choices of areas in forms
are limited the same way; every change is written to the audit trail.
"""

import operator
import os
from dataclasses import dataclass
from datetime import datetime, time
from functools import reduce
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin as BaseDBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from . import audit, exports, services
from .forms import QuartiersstrassenFormSet, bounded_formfield
from .mail import enqueue_delivery
from .models import (
    AuditEntry,
    OutgoingMail,
    Quartier,
    Quartiersstrasse,
    Seite,
    Stadtteildaten,
    User,
)
from .roles import Rolle
from .stadtteildaten import ImportForm, StadtteildatenForm, bekannt, dekodieren, einlesen
from .storage import PrivateStorage

admin.site.site_header = _("Quartier – back office")
admin.site.site_title = _("Quartier")
admin.site.index_title = _("Overview")

# The text of a previewed import file, signed so that storing it stores what was shown.
IMPORT_SALT = "quartier.stadtteildaten.import"


def scope_queryset(queryset, user, lookup: str):
    """Limit `queryset` to objects whose `lookup` (path to Quartier) is one of user's areas."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated or not user.is_staff:
        return queryset.none()
    areas = Quartier.objects.fuer(user).values("pk")
    if lookup == "pk":
        return queryset.filter(pk__in=areas)
    if not _mehrwertig(queryset.model, lookup):
        # A plain foreign key: filtered directly, so the index on it serves the list and its
        # count (a subquery over the whole table cost 60 ms a page at 400,000 concerns).
        return queryset.filter(**{f"{lookup}__in": areas})
    # A subquery keeps each object once when the path crosses a many-to-many relation.
    inner = queryset.model._default_manager.filter(**{f"{lookup}__in": areas}).values("pk")
    return queryset.filter(pk__in=inner)


def _mehrwertig(model, lookup: str) -> bool:
    """Whether the path from `model` crosses a relation with several objects per row."""
    for name in lookup.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


class ImBereichFilter(admin.RelatedFieldListFilter):
    """A related filter offering the related objects the user may see in their areas (as
    that model's admin lists them) instead of Django's `RelatedOnlyFieldListFilter`, whose
    DISTINCT over the whole list cost 120 ms a page at 400,000 concerns."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        related_admin = model_admin.admin_site._registry.get(field.related_model)
        if related_admin is not None:
            sichtbar = related_admin.get_queryset(request)
        else:
            sichtbar = field.related_model._default_manager.all()
        return field.get_choices(
            include_blank=False,
            ordering=ordering,
            limit_choices_to={"pk__in": sichtbar.values("pk")},
        )


class BedingungsFilter(admin.SimpleListFilter):
    """A list filter written as a condition (`Q`), so that the shortcuts above a changelist
    can count what each will show in one aggregate query (`Abkuerzung`)."""

    @classmethod
    def bedingung(cls, value: str | None, request) -> Q:
        raise NotImplementedError

    def queryset(self, request, queryset):
        return queryset.filter(self.bedingung(self.value(), request))


class AbHeuteFilter(BedingungsFilter):
    """Dated things open at today: without a choice the list shows what is from today on,
    the earliest first; "past" shows the past, the latest first; "all" everything.
    A drill-down of the date hierarchy, a search, or an action on rows ticked one by one
    looks at all dates.

    Subclasses name the date or datetime field (`feld`); see `ab_heute()`."""

    title = _("period")
    parameter_name = "zeitraum"
    feld = ""
    KOMMEND, VERGANGEN, ALLE = "kommend", "vergangen", "alle"

    def __init__(self, request, params, model, model_admin):
        # An action on rows ticked one by one acts on them whatever their dates.
        ausgewaehlt = request.method == "POST" and (
            request.POST.getlist(ACTION_CHECKBOX_NAME) and request.POST.get("select_across") != "1"
        )
        self.gesucht = (
            bool(ausgewaehlt)
            or bool(request.GET.get(SEARCH_VAR))
            or any(key.startswith(f"{self.feld}__") for key in request.GET)
        )
        super().__init__(request, params, model, model_admin)

    def value(self):
        value = super().value()
        if value in (self.KOMMEND, self.VERGANGEN, self.ALLE):
            return value
        return self.ALLE if self.gesucht else self.KOMMEND

    def lookups(self, request, model_admin):
        return [
            (self.KOMMEND, _("from today")),
            (self.VERGANGEN, _("past")),
            (self.ALLE, _("all dates")),
        ]

    def choices(self, changelist):
        # No "All" entry of its own: "from today" is the default, "all dates" is a choice.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    @classmethod
    def heute(cls, model):
        heute = timezone.localdate()
        if isinstance(model._meta.get_field(cls.feld), models.DateTimeField):
            return timezone.make_aware(datetime.combine(heute, time.min))
        return heute

    @classmethod
    def bedingung(cls, value, request, model=None) -> Q:
        if value == cls.ALLE:
            return Q()
        grenze = cls.heute(model)
        if value == cls.VERGANGEN:
            return Q(**{f"{cls.feld}__lt": grenze})
        return Q(**{f"{cls.feld}__gte": grenze})

    def queryset(self, request, queryset):
        return queryset.filter(self.bedingung(self.value(), request, queryset.model))

    @classmethod
    def ordering(cls, value: str) -> list[str]:
        return [f"-{cls.feld}"] if value == cls.VERGANGEN else [cls.feld]


def termin(beginn, ende=None) -> str:
    """A date and time as a changelist column shows it, short: "Sa 12.12.2026 15:00",
    with the end's clock time when given ("… 15:00–18:00")."""
    text = dateformat.format(timezone.localtime(beginn), "D d.m.Y H:i")
    if ende is not None:
        text += "–" + dateformat.format(timezone.localtime(ende), "H:i")
    return text


def ab_heute(feld: str) -> type[AbHeuteFilter]:
    """The `AbHeuteFilter` of a date or datetime field, for `list_filter`."""
    return type(f"AbHeuteFilter_{feld}", (AbHeuteFilter,), {"feld": feld})


@dataclass(frozen=True)
class Abkuerzung:
    """A shortcut above a changelist: the list with these filter parameters. Each parameter
    is a `BedingungsFilter`'s or a plain field lookup (`status__exact`)."""

    titel: str
    params: dict[str, str]


def _private_datei(model, name: str):
    """A read-only display of a private file field: its file name, no link."""
    field = model._meta.get_field(name)

    def anzeige(obj):
        datei = getattr(obj, name)
        return os.path.basename(datei.name) if datei else ""

    anzeige.__name__ = name
    anzeige.short_description = field.verbose_name
    return anzeige


class QuartierScopedAdmin(admin.ModelAdmin):
    """Base admin for every model that belongs to an area.

    Set `quartier_lookup` to the path from the model to its Quartier (e.g. ``"quartier"``,
    ``"akteur__quartiere"``).
    """

    quartier_lookup = "quartier"
    # A filtered list says how many it shows, not also how many there are in all: that is a
    # second count over the whole table on every page (Django's "Show all" link stays).
    show_full_result_count = False

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.quartier_lookup)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, Django links a file by its URL; a private file has none (it is served
        # only through a view that checks who asks), so the page names it instead of a 500.
        privat = {
            f.name
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.FileField) and isinstance(f.storage, PrivateStorage)
        }
        if not privat:
            return fieldsets

        def ersetzen(name):
            if isinstance(name, (list, tuple)):
                return tuple(ersetzen(n) for n in name)
            return _private_datei(self.model, name) if name in privat else name

        return [
            (titel, {**optionen, "fields": [ersetzen(n) for n in optionen["fields"]]})
            for titel, optionen in fieldsets
        ]

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

    # --- the changelist ----------------------------------------------------------------
    def get_list_display(self, request):
        """Without the area column for someone who sees one area only: it would say the
        same in every row and take the width of a column that matters."""
        display = super().get_list_display(request)
        if "quartier" in display and self._ein_quartier(request):
            return [f for f in display if f != "quartier"]
        return display

    def _ein_quartier(self, request) -> bool:
        if not hasattr(request, "_quartier_ein_quartier"):
            areas = Quartier.objects.fuer(request.user).values_list("pk", flat=True)[:2]
            request._quartier_ein_quartier = len(areas) < 2
        return request._quartier_ein_quartier

    def _ab_heute_filter(self):
        for entry in self.list_filter:
            if isinstance(entry, type) and issubclass(entry, AbHeuteFilter):
                return entry
        return None

    def get_ordering(self, request):
        """Lists of dated things open at today (see `AbHeuteFilter`)."""
        zeitraum = self._ab_heute_filter()
        if zeitraum is None:
            return super().get_ordering(request)
        value = request.GET.get(zeitraum.parameter_name, zeitraum.KOMMEND)
        return zeitraum.ordering(value)

    def get_abkuerzungen(self, request) -> list[Abkuerzung]:
        """The shortcuts above this changelist (none by default)."""
        return []

    def _bedingung(self, request, params: dict[str, str]) -> Q:
        """What the changelist shows with `params`: the condition of every
        `BedingungsFilter` (with its default where `params` do not name it), and the
        plain field lookups."""
        bedingung = Q()
        rest = dict(params)
        for entry in self.list_filter:
            if isinstance(entry, type) and issubclass(entry, BedingungsFilter):
                value = rest.pop(entry.parameter_name, None)
                if issubclass(entry, AbHeuteFilter):
                    value = value or entry.KOMMEND
                    bedingung &= entry.bedingung(value, request, self.model)
                else:
                    bedingung &= entry.bedingung(value, request)
        return bedingung & Q(**rest)

    def abkuerzungen(self, request) -> list[dict]:
        """The shortcuts with how many items each leads to, counted in one query (the
        changelist template asks for them: `{% abkuerzungen %}`)."""
        abkuerzungen = self.get_abkuerzungen(request)
        if not abkuerzungen:
            return []
        bedingungen = [self._bedingung(request, a.params) for a in abkuerzungen]
        # Only the rows some shortcut counts are read: at city scale the shortcuts (open,
        # overdue, to check) are a small part of a list that keeps years of closed items.
        zahlen = (
            self.get_queryset(request)
            .filter(reduce(operator.or_, bedingungen))
            .aggregate(**{f"a{i}": Count("pk", filter=b) for i, b in enumerate(bedingungen)})
        )
        return [
            {
                "titel": a.titel,
                "url": "?" + urlencode(a.params),
                "anzahl": zahlen[f"a{i}"],
                "aktiv": all(request.GET.get(k) == v for k, v in a.params.items()),
            }
            for i, a in enumerate(abkuerzungen)
        ]

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


BERECHTIGUNGEN = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def berechtigung_label(permission: Permission) -> str:
    """A permission in German: Django stores the default ones' names in English at
    migrate ("Can add field of action"); these are said again from the model's
    translated name, the others (`Meta.permissions`, English msgids) are translated."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is not None and permission.codename == f"{action}_{model._meta.model_name}":
        if action in BERECHTIGUNGEN:
            name = BERECHTIGUNGEN[action] % {"model": model._meta.verbose_name}
            return f"{permission.content_type} | {name}"
    return f"{permission.content_type} | {gettext(permission.name)}"


class BerechtigungenAufDeutschMixin:
    """The permission choices of a user or a role, labelled in German."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and db_field.related_model is Permission:
            formfield.label_from_instance = berechtigung_label
        return formfield


admin.site.unregister(Group)
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class DBTaskResultAdmin(BaseDBTaskResultAdmin):
    """The operators' view of background tasks, with German column names."""

    list_display = [
        "id",
        "aufgabe",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    ]

    # The stored path: `task_name` loads the task, which fails for a task whose backend
    # settings changed since (a 500 on the whole list).
    @admin.display(description=_("task"), ordering="task_path")
    def aufgabe(self, obj):
        return obj.task_path

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)


@admin.register(Group)
class GroupAdmin(BerechtigungenAufDeutschMixin, BaseGroupAdmin):
    """Roles are kept in code (quartier.roles); operators may look at them."""


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


class QuartiersstrasseInline(admin.TabularInline):
    """The streets by which residents find the area (the chooser, /quartiere/)."""

    model = Quartiersstrasse
    formset = QuartiersstrassenFormSet
    extra = 1


@admin.register(Quartier)
class QuartierAdmin(QuartierScopedAdmin):
    quartier_lookup = "pk"
    list_display = ["name", "gemeinde", "einwohner", "einwohner_stichtag", "traeger"]
    search_fields = ["name", "gemeinde", "traeger"]
    prepopulated_fields = {"slug": ["name"]}
    # Project means and material costs are the budget years' (projekte.Budgetjahr), the
    # Verfügungsfonds is its own year's (projekte.Fonds): each with its per-area parameters.
    fieldsets = [
        (None, {"fields": ["name", "slug", "gemeinde", "traeger"]}),
        (
            _("Residents and budget"),
            {
                "fields": [
                    "einwohner",
                    "einwohner_stichtag",
                    "vollzeitstellen",
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
        (
            _("Legal details"),
            {
                "description": _(
                    "Filled into the placeholders of the legal pages (legal notice, privacy "
                    "policy) shown in this area."
                ),
                "fields": [
                    "vertreten_durch",
                    "registereintrag",
                    "verantwortlich_inhalt",
                    "datenschutz_kontakt",
                ],
            },
        ),
    ]
    inlines = [QuartiersstrasseInline]

    def has_add_permission(self, request):
        # New areas are set up by the operator (superuser), not inside an area.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Stadtteildaten)
class StadtteildatenAdmin(QuartierScopedAdmin):
    """The areas' figures from the city's statistics office, one row per area and year:
    entered here or imported from the office's CSV file (with a preview; a file with an
    error stores nothing)."""

    form = StadtteildatenForm
    list_display = ["jahr", "quartier", "einwohner", "haushalte", "anteil_transferleistungen"]
    list_filter = [("quartier", ImBereichFilter), "jahr"]
    list_select_related = ["quartier"]
    fieldsets = [
        (None, {"fields": ["quartier", "jahr", "stichtag", "quelle"]}),
        (
            _("Residents"),
            {"fields": ["einwohner", "unter_18", "von_18_bis_64", "ab_65", "haushalte"]},
        ),
        (
            _("Social situation"),
            {"fields": ["anteil_transferleistungen", "anteil_migrationshintergrund", "sprachen"]},
        ),
    ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="quartier_stadtteildaten_import"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        services.stadtteildaten_speichern(form=form, user=request.user)

    def save_related(self, request, form, formsets, change):
        """Nothing related; the audit entry was written by the service."""

    def import_view(self, request):
        """Upload → preview (what is new, what changes) → store; or the errors with their
        rows, and nothing stored."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        titel = gettext("Import area statistics")
        form = ImportForm()
        ergebnis = text = None
        quelle = ""
        if request.method == "POST" and "uebernehmen" in request.POST:
            try:
                text = signing.loads(request.POST.get("inhalt", ""), salt=IMPORT_SALT, max_age=3600)
                quelle = request.POST.get("quelle", "")
            except signing.BadSignature:
                messages.error(request, gettext("The preview has expired: please upload again."))
                return HttpResponseRedirect(request.path)
            try:
                neu, geaendert = services.stadtteildaten_importieren(
                    text=text, quelle=quelle, user=request.user
                )
            except ValidationError:
                ergebnis = einlesen(text, user=request.user, quelle=quelle)
            else:
                messages.success(
                    request,
                    gettext("Imported: %(neu)s new, %(geaendert)s changed.")
                    % {"neu": neu, "geaendert": geaendert},
                )
                return HttpResponseRedirect(reverse("admin:quartier_stadtteildaten_changelist"))
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                quelle = form.cleaned_data["quelle"]
                try:
                    text = dekodieren(form.cleaned_data["datei"].read())
                except ValueError as exc:
                    form.add_error("datei", str(exc))
                else:
                    ergebnis = einlesen(text, user=request.user, quelle=quelle)
        context = self.view_context(
            request,
            title=titel,
            form=form,
            ergebnis=ergebnis,
            inhalt=signing.dumps(text, salt=IMPORT_SALT, compress=True) if ergebnis else "",
            quelle=quelle,
            spalten=bekannt(),
        )
        return TemplateResponse(request, "admin/quartier/stadtteildaten/import.html", context)


@admin.register(User)
class UserAdmin(BerechtigungenAufDeutschMixin, QuartierScopedAdmin, BaseUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "rollen", "is_active", "last_login"]
    list_filter = [
        "groups",
        "is_active",
        "is_staff",
        ("quartiere", ImBereichFilter),
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


class MailFehlerFilter(BedingungsFilter):
    """Mails not sent whose last attempt failed: still being retried, or given up after
    `MAIL_MAX_ATTEMPTS`."""

    title = _("delivery")
    parameter_name = "zustellung"

    def lookups(self, request, model_admin):
        return [("fehlgeschlagen", _("failed, not sent"))]

    @classmethod
    def bedingung(cls, value, request):
        if value == "fehlgeschlagen":
            return Q(sent_at__isnull=True) & ~Q(last_error="")
        return Q()


@admin.register(OutgoingMail)
class OutgoingMailAdmin(QuartierScopedAdmin):
    list_display = ["subject", "empfaenger", "erstellt", "gesendet", "attempts", "fehler"]
    list_filter = [MailFehlerFilter, ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["quartier"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    actions = ["retry_now"]

    @admin.display(description=_("to"))
    def empfaenger(self, obj):
        return ", ".join(obj.to)

    @admin.display(description=_("created"), ordering="created_at")
    def erstellt(self, obj):
        return termin(obj.created_at)

    @admin.display(description=_("sent"), ordering="sent_at")
    def gesendet(self, obj):
        return termin(obj.sent_at) if obj.sent_at else "–"

    @admin.display(description=_("last error"))
    def fehler(self, obj):
        # The whole message is on the mail's page.
        text = obj.last_error
        return text if len(text) <= 60 else text[:59] + "…"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_abkuerzungen(self, request):
        return [Abkuerzung(_("Failed"), {"zustellung": "fehlgeschlagen"})]

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
