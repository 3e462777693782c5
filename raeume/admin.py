"""Back office for rooms: rooms, closures, terms of use, bookings (with the week grid of all
rooms, staff booking for anyone, decisions) and handovers. Actions call the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur
from quartier import parameter
from quartier.admin import Abkuerzung, ImBereichFilter, QuartierScopedAdmin, ab_heute, termin
from quartier.models import Quartier

from . import kalender, services
from .forms import EntscheidungForm, PersonalBuchungForm, RaumfotoForm, UebergabeForm
from .models import (
    Buchung,
    Buchungszeit,
    Nutzungsvereinbarung,
    Raum,
    Raumfoto,
    Schadensfoto,
    Sperrzeit,
    Uebergabe,
    Umfang,
)


class RaumfotoInline(admin.TabularInline):
    """Photos of the room, made safe (type, size, metadata stripped) on upload."""

    model = Raumfoto
    form = RaumfotoForm
    extra = 0


class BuchungszeitInline(admin.TabularInline):
    model = Buchungszeit
    extra = 0


@admin.register(Raum)
class RaumAdmin(QuartierScopedAdmin):
    list_display = ["name", "quartier", "kapazitaet", "nur_mit", "automatisch_bestaetigen", "aktiv"]
    list_filter = [("quartier", ImBereichFilter), "aktiv"]
    list_select_related = ["quartier", "nur_mit"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RaumfotoInline, BuchungszeitInline]
    filter_horizontal = ["vertraute_akteure"]
    fieldsets = [
        (None, {"fields": ["quartier", "name", "slug", "beschreibung", "adresse", "aktiv"]}),
        (_("Size and equipment"), {"fields": ["kapazitaet", "flaeche", "ausstattung"]}),
        (_("Accessibility"), {"fields": ["stufenlos", "barrierefreies_wc", "hoeranlage"]}),
        (
            _("Booking rules"),
            {
                "fields": [
                    "nur_mit",
                    "vorbereitung",
                    "nachbereitung",
                    "vorlauf_min",
                    "vorlauf_max",
                    "dauer_max",
                    "automatisch_bestaetigen",
                    "vertraute_akteure",
                    "hausordnung",
                    "reihenfolge",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "nur_mit":
            kwargs["queryset"] = Raum.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "vertraute_akteure":
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Sperrzeit)
class SperrzeitAdmin(QuartierScopedAdmin):
    list_display = ["grund", "von", "bis", "raum", "quartier"]
    list_filter = [ab_heute("bis"), ("quartier", ImBereichFilter)]
    list_select_related = ["raum", "quartier"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "raum":
            kwargs["queryset"] = Raum.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Nutzungsvereinbarung)
class NutzungsvereinbarungAdmin(QuartierScopedAdmin):
    """Terms of use are versioned: a published version is not edited, a new one is added."""

    list_display = ["__str__", "quartier", "gueltig_ab"]
    list_select_related = ["quartier"]

    def get_readonly_fields(self, request, obj=None):
        return ["quartier", "version", "text", "gueltig_ab"] if obj else []


class SchadensfotoInline(admin.TabularInline):
    model = Schadensfoto
    extra = 0
    fields = ["vorschau", "beschreibung", "created_at"]
    readonly_fields = ["vorschau", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def vorschau(self, obj):
        if not obj.pk or not obj.bild:
            return ""
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Show photo"))


@admin.register(Uebergabe)
class UebergabeAdmin(QuartierScopedAdmin):
    quartier_lookup = "buchung__raum__quartier"
    form = UebergabeForm
    list_display = ["buchung", "schluessel_ausgegeben", "schluessel_zurueck", "kaution"]
    list_filter = ["kaution"]
    list_select_related = ["buchung__raum"]
    inlines = [SchadensfotoInline]
    raw_id_fields = ["buchung"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("raeume.kaution_entscheiden"):
            readonly += ["kaution", "kaution_betrag"]  # money: Quartiersmanagement only
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "buchung":
            kwargs["queryset"] = Buchung.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("foto"):
            services.schadensfoto_anlegen(
                uebergabe=form.instance,
                bild=form.cleaned_data["foto"],
                beschreibung=form.cleaned_data.get("foto_beschreibung", ""),
                user=request.user,
            )


class UebergabeOffenFilter(admin.SimpleListFilter):
    """Bookings whose handover is not finished: key out, damage noted, deposit unsettled
    (the actor's record in Netzwerk links here with its counts)."""

    title = _("handover")
    parameter_name = "uebergabe"

    def lookups(self, request, model_admin):
        return [("offen", _("open items (key, damage, deposit)"))]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.mit_offener_uebergabe()
        return queryset


@admin.register(Buchung)
class BuchungAdmin(QuartierScopedAdmin):
    quartier_lookup = "raum__quartier"
    # The kind of use and the series are on the booking's page: the list fits a laptop.
    list_display = ["zeit", "raum", "wer", "zweck", "status"]
    list_filter = [
        ab_heute("beginn"),
        "status",
        "art",
        ("raum", ImBereichFilter),
        UebergabeOffenFilter,
    ]  # `?akteur__id__exact=<pk>` filters by actor (linked from its record)
    list_select_related = ["raum", "akteur", "serie"]
    search_fields = ["zweck", "name", "akteur__name"]
    date_hierarchy = "beginn"
    actions = ["bestaetigen"]
    readonly_fields = [
        "raum",
        "zusatz",
        "akteur",
        "beginn",
        "ende",
        "status",
        "grund",
        "serie",
        "gebucht_von_name",
        "nutzungsvereinbarung",
        "akzeptiert_at",
        "entscheiden",
        "uebergabe_link",
    ]
    fields = [
        "entscheiden",
        "status",
        "grund",
        "raum",
        "zusatz",
        "beginn",
        "ende",
        "serie",
        "akteur",
        "name",
        "telefon",
        "email",
        "zweck",
        "art",
        "personen",
        "gebucht_von_name",
        "nutzungsvereinbarung",
        "akzeptiert_at",
        "uebergabe_link",
    ]

    # A private person's contact data: for those `Buchung.kontakt_sichtbar` allows.
    KONTAKT = Buchung.PERSONAL_FIELDS

    def _sieht_kontakt(self, request) -> bool:
        return Buchung.kontakt_sichtbar(request.user)

    # --- what a user is offered: one place per action, asked by the button and the view --

    def darf_entscheiden(self, request, obj) -> bool:
        """Confirm, decline or cancel: those who may change the booking."""
        return self.has_change_permission(request, obj)

    def darf_uebergabe(self, request, obj) -> bool:
        """Open the booking's handover, or record it: as the handover admin allows."""
        uebergabe_admin = self.admin_site._registry[Uebergabe]
        if not hasattr(obj, "uebergabe_oder_none"):  # not loaded by get_object
            obj.uebergabe_oder_none = Uebergabe.objects.filter(buchung=obj).first()
        if obj.uebergabe_oder_none is not None:
            return uebergabe_admin.has_view_or_change_permission(request, obj.uebergabe_oder_none)
        return uebergabe_admin.has_add_permission(request)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        obj.uebergabe_oder_none = Uebergabe.objects.filter(buchung=obj).first()
        return obj

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        weg = set() if self._sieht_kontakt(request) else set(self.KONTAKT)
        # A decision is offered for an active booking only (the services refuse the rest).
        if obj is None or not obj.ist_aktiv or not self.darf_entscheiden(request, obj):
            weg.add("entscheiden")
        if obj is None or not self.darf_uebergabe(request, obj):
            weg.add("uebergabe_link")
        return [f for f in fields if f not in weg]

    def get_list_display(self, request):
        display = super().get_list_display(request)
        if self._sieht_kontakt(request):
            return display
        return ["wer_ohne_kontakt" if f == "wer" else f for f in display]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if self._sieht_kontakt(request):
            return fields
        return [f for f in fields if f not in self.KONTAKT]

    @admin.display(description=_("who"))
    def wer_ohne_kontakt(self, obj):
        return obj.wer_ohne_kontakt

    def get_abkuerzungen(self, request):
        return [Abkuerzung(_("Open requests"), {"status__exact": Buchung.Status.ANGEFRAGT})]

    @admin.display(description=_("time"), ordering="beginn")
    def zeit(self, obj):
        text = termin(obj.beginn, obj.ende)
        if obj.serie_id:
            text += " · " + gettext("series")
        return text

    @admin.display(description=_("who"))
    def wer(self, obj):
        return obj.wer

    @admin.display(description=_("together with"))
    def zusatz(self, obj):
        return ", ".join(r.name for r in obj.zusatzraeume.all()) or "–"

    @admin.display(description=_("decision"))
    def entscheiden(self, obj):
        if not obj.pk or not obj.ist_aktiv:
            return "–"
        url = reverse("admin:raeume_buchung_entscheiden", args=[obj.pk])
        return format_html(
            '<a class="button" href="{}">{}</a>', url, _("Confirm, decline or cancel")
        )

    @admin.display(description=_("booked by"))
    def gebucht_von_name(self, obj):
        # The account's name, not a link: only managers of accounts may open it.
        return str(obj.gebucht_von) if obj.gebucht_von_id else "–"

    @admin.display(description=_("handover"))
    def uebergabe_link(self, obj):
        if not obj.pk:
            return "–"
        uebergabe = obj.uebergabe_oder_none
        if uebergabe:
            url = reverse("admin:raeume_uebergabe_change", args=[uebergabe.pk])
            return format_html('<a href="{}">{}</a>', url, uebergabe.get_kaution_display())
        url = reverse("admin:raeume_uebergabe_add") + f"?buchung={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Record handover"))

    def has_delete_permission(self, request, obj=None):
        # Bookings are cancelled (with a reason), never deleted: the history stays.
        return False

    @admin.action(description=_("Confirm selected requests"), permissions=["change"])
    def bestaetigen(self, request, queryset):
        seite = self.bestaetigen_lassen(
            request,
            queryset.filter(status=Buchung.Status.ANGEFRAGT),
            title=gettext("Confirm selected requests"),
            folgen=gettext(
                "The requested bookings among these are confirmed; each contact gets a mail "
                "with the dates. Bookings not requested stay as they are."
            ),
            knopf=gettext("Yes, confirm"),
        )
        if seite is not None:
            return seite
        ids = list(queryset.filter(status=Buchung.Status.ANGEFRAGT).values_list("pk", flat=True))
        count = len(services.auswahl_bestaetigen(buchung_ids=ids, user=request.user))
        self.message_user(
            request,
            ngettext("%d booking confirmed.", "%d bookings confirmed.", count) % count,
            messages.SUCCESS,
        )

    # --- custom views ----------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("wochenplan/", view(self.wochenplan_view), name="raeume_buchung_wochenplan"),
            path("nutzung/", view(self.nutzung_view), name="raeume_buchung_nutzung"),
            path(
                "<int:pk>/entscheiden/",
                view(self.entscheiden_view),
                name="raeume_buchung_entscheiden",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Staff book for anyone (an actor or a resident on the phone)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PersonalBuchungForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                ergebnis = services.wunsch_buchen(
                    wunsch=form.wunsch(),
                    user=request.user,
                    durch_personal=True,
                    **form.serie_angaben(),
                )
            except services.BuchungNichtMoeglich as exc:
                for meldung in exc.messages:
                    form.add_error(None, meldung)
            else:
                for meldung in ergebnis.meldungen():  # the dates of a series not booked
                    self.message_user(request, meldung, messages.WARNING)
                self.message_user(request, gettext("Booked."), messages.SUCCESS)
                return redirect("admin:raeume_buchung_change", ergebnis.gebucht[0].pk)
        context = self.view_context(request, title=gettext("Book a room"), form=form)
        return TemplateResponse(request, "admin/raeume/buchung/buchen.html", context)

    def entscheiden_view(self, request, pk):
        buchung = get_object_or_404(self.get_queryset(request).select_related("raum"), pk=pk)
        if not self.darf_entscheiden(request, buchung):
            raise PermissionDenied
        if not buchung.ist_aktiv:
            # Nothing left to decide (a second click, an old tab): no second decision.
            self.message_user(
                request,
                gettext("This booking is %(status)s; there is nothing left to decide.")
                % {"status": buchung.get_status_display()},
                messages.INFO,
            )
            return redirect("admin:raeume_buchung_change", buchung.pk)
        form = EntscheidungForm(request.POST or None, buchung=buchung)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            umfang = d["umfang"] or Umfang.DIESE
            try:
                if d["aktion"] == form.Aktion.BESTAETIGEN:
                    services.bestaetigen(buchung=buchung, user=request.user, umfang=umfang)
                elif d["aktion"] == form.Aktion.ABLEHNEN:
                    services.ablehnen(
                        buchung=buchung, user=request.user, grund=d["grund"], umfang=umfang
                    )
                else:
                    services.stornieren(
                        buchung=buchung, user=request.user, grund=d["grund"], umfang=umfang
                    )
            except services.BuchungNichtMoeglich as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                self.message_user(request, gettext("Saved."), messages.SUCCESS)
                return redirect("admin:raeume_buchung_change", buchung.pk)
        context = self.view_context(
            request,
            title=gettext("Decide on the booking %(buchung)s") % {"buchung": buchung},
            form=form,
            buchung=buchung,
        )
        return TemplateResponse(request, "admin/raeume/buchung/entscheiden.html", context)

    def wochenplan_view(self, request):
        """All rooms of one of the user's areas for one week: three queries whatever the
        bookings. Someone with several areas chooses one (`?quartier=`, the first by name
        unless chosen): a city's 400 rooms in one table were 440 KB and 0.7 s a page, and
        nobody reads them side by side."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        quartiere = list(Quartier.objects.fuer(request.user).order_by("name").only("pk", "name"))
        gewaehlt = next(
            (q for q in quartiere if str(q.pk) == request.GET.get("quartier", "")),
            quartiere[0] if quartiere else None,
        )
        plan = kalender.wochenplan(
            Raum.objects.fuer(request.user).filter(aktiv=True, quartier=gewaehlt),
            parameter.datum(request.GET.get("woche", "")),
            user=request.user,
        )
        context = self.view_context(
            request,
            title=(
                gettext("Week of the rooms in %(quartier)s from %(datum)s")
                % {"quartier": gewaehlt.name, "datum": f"{plan.blatt.start:%d.%m.%Y}"}
                if len(quartiere) > 1
                else gettext("Week of all rooms from %(datum)s")
                % {"datum": f"{plan.blatt.start:%d.%m.%Y}"}
            ),
            plan=plan,
            quartiere=quartiere if len(quartiere) > 1 else [],
            gewaehlt=gewaehlt,
        )
        return TemplateResponse(request, "admin/raeume/buchung/wochenplan.html", context)

    def nutzung_view(self, request):
        """Use figures per month, room, actor and kind of use; CSV/XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        jahr = parameter.jahr(request.GET.get("jahr", ""))
        return self.table_view(
            request,
            "admin/raeume/buchung/nutzung.html",
            title=gettext("Room use %(jahr)s") % {"jahr": jahr},
            table=self.get_queryset(request).nutzungszahlen(jahr),
            jahr=jahr,
            jahre=[jahr - 1, jahr + 1],
        )
