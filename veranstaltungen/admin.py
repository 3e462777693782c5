"""Back office for rooms: rooms, closures, terms of use, bookings (with the week grid of all
rooms, staff booking for anyone, decisions) and handovers. Actions call the services."""

from datetime import time, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur, Zielgruppe
from quartier import audit, exports, recurrence
from quartier.admin import QuartierScopedAdmin, scope_queryset
from quartier.images import SafeImageField
from quartier.models import AuditEntry

from . import parameter, services
from .forms import EntscheidungForm, PersonalBuchungForm, UebergabeForm
from .models import (
    Anmeldung,
    Belegung,
    Buchung,
    Buchungszeit,
    Nutzungsart,
    Nutzungsvereinbarung,
    Raum,
    Raumfoto,
    Schadensfoto,
    Serie,
    Sperrzeit,
    Uebergabe,
    Veranstaltung,
    lokal,
)


class RaumfotoForm(forms.ModelForm):
    bild = SafeImageField(label=_("photo"))

    class Meta:
        model = Raumfoto
        fields = ["bild", "alt", "reihenfolge"]


class RaumfotoInline(admin.TabularInline):
    """Photos of the room, made safe (type, size, metadata stripped) on upload."""

    model = Raumfoto
    form = RaumfotoForm
    extra = 0


class RaumForm(forms.ModelForm):
    class Meta:
        model = Raum
        fields = [
            "quartier",
            "name",
            "slug",
            "beschreibung",
            "ort",
            "aktiv",
            "kapazitaet",
            "flaeche",
            "ausstattung",
            "stufenlos",
            "barrierefreies_wc",
            "hoeranlage",
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


class BuchungszeitInline(admin.TabularInline):
    model = Buchungszeit
    extra = 0


@admin.register(Raum)
class RaumAdmin(QuartierScopedAdmin):
    form = RaumForm
    list_display = ["name", "quartier", "kapazitaet", "nur_mit", "automatisch_bestaetigen", "aktiv"]
    list_filter = [("quartier", admin.RelatedOnlyFieldListFilter), "aktiv"]
    list_select_related = ["quartier", "nur_mit"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RaumfotoInline, BuchungszeitInline]
    filter_horizontal = ["vertraute_akteure"]
    fieldsets = [
        (None, {"fields": ["quartier", "name", "slug", "beschreibung", "ort", "aktiv"]}),
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
            kwargs["queryset"] = scope_queryset(Raum.objects.all(), request.user, "quartier")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "vertraute_akteure":
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Sperrzeit)
class SperrzeitAdmin(QuartierScopedAdmin):
    list_display = ["grund", "von", "bis", "raum", "quartier"]
    list_filter = [("quartier", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["raum", "quartier"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "raum":
            kwargs["queryset"] = scope_queryset(Raum.objects.all(), request.user, "quartier")
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

    def get_fields(self, request, obj=None):
        checks = [f"check_{key}" for key, _label in Uebergabe.CHECKLISTE]
        return [
            "buchung",
            "schluessel_ausgegeben",
            "schluessel_zurueck",
            *checks,
            "schaeden",
            "foto",
            "foto_beschreibung",
            "kaution",
            "kaution_betrag",
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("veranstaltungen.kaution_entscheiden"):
            readonly += ["kaution", "kaution_betrag"]  # money: Quartiersmanagement only
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "buchung":
            kwargs["queryset"] = Buchung.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        foto = form.cleaned_data.get("foto")
        if foto:
            Schadensfoto.objects.create(
                uebergabe=form.instance,
                bild=foto,
                beschreibung=form.cleaned_data.get("foto_beschreibung", ""),
            )


class UebergabeOffenFilter(admin.SimpleListFilter):
    """Bookings whose handover is not finished: key out, damage noted, deposit unsettled
    (the organisation's record in Netzwerk links here with its counts)."""

    title = _("handover")
    parameter_name = "uebergabe"

    def lookups(self, request, model_admin):
        return [("offen", _("open items (key, damage, deposit)"))]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.filter(
                Q(
                    uebergabe__schluessel_ausgegeben__isnull=False,
                    uebergabe__schluessel_zurueck__isnull=True,
                )
                | Q(uebergabe__schaeden__gt="")
                | Q(uebergabe__kaution__in=[Uebergabe.Kaution.OFFEN, Uebergabe.Kaution.HINTERLEGT])
            )
        return queryset


@admin.register(Buchung)
class BuchungAdmin(QuartierScopedAdmin):
    quartier_lookup = "raum__quartier"
    list_display = ["beginn", "ende_zeit", "raum", "wer", "zweck", "art", "status", "serie"]
    list_filter = [
        "status",
        "art",
        ("raum", admin.RelatedOnlyFieldListFilter),
        UebergabeOffenFilter,
    ]  # `?akteur__id__exact=<pk>` filters by organisation (linked from its record)
    list_select_related = ["raum", "akteur", "serie"]
    search_fields = ["zweck", "name", "akteur__name"]
    date_hierarchy = "beginn"
    actions = ["bestaetigen"]
    change_list_template = "veranstaltungen/admin/buchung_change_list.html"
    readonly_fields = [
        "raum",
        "zusatz",
        "akteur",
        "beginn",
        "ende",
        "status",
        "grund",
        "serie",
        "gebucht_von",
        "nutzungsvereinbarung",
        "akzeptiert_am",
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
        "gebucht_von",
        "nutzungsvereinbarung",
        "akzeptiert_am",
        "uebergabe_link",
    ]

    # Residents' contact data on bookings is for those who handle bookings (not city staff).
    KONTAKT = ("name", "telefon", "email")

    def _sieht_kontakt(self, request) -> bool:
        return self.has_change_permission(request)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self._sieht_kontakt(request):
            return fields
        return [f for f in fields if f not in self.KONTAKT]

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
        return obj.akteur.name if obj.akteur_id else gettext("private person")

    @admin.display(description=_("end"))
    def ende_zeit(self, obj):
        return timezone.localtime(obj.ende).strftime("%H:%M")

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
        url = reverse("admin:veranstaltungen_buchung_entscheiden", args=[obj.pk])
        return format_html(
            '<a class="button" href="{}">{}</a>', url, _("Confirm, decline or cancel")
        )

    @admin.display(description=_("handover"))
    def uebergabe_link(self, obj):
        if not obj.pk:
            return "–"
        uebergabe = Uebergabe.objects.filter(buchung=obj).first()
        if uebergabe:
            url = reverse("admin:veranstaltungen_uebergabe_change", args=[uebergabe.pk])
            return format_html('<a href="{}">{}</a>', url, uebergabe.get_kaution_display())
        url = reverse("admin:veranstaltungen_uebergabe_add") + f"?buchung={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Record handover"))

    def has_delete_permission(self, request, obj=None):
        # Bookings are cancelled (with a reason), never deleted: the history stays.
        return False

    @admin.action(description=_("Confirm selected requests"), permissions=["change"])
    def bestaetigen(self, request, queryset):
        count = 0
        for buchung in queryset.filter(status=Buchung.Status.ANGEFRAGT):
            count += len(services.bestaetigen(buchung=buchung, user=request.user))
        self.message_user(
            request,
            ngettext("%d booking confirmed.", "%d bookings confirmed.", count) % count,
            messages.SUCCESS,
        )

    # --- custom views ----------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "wochenplan/", view(self.wochenplan_view), name="veranstaltungen_buchung_wochenplan"
            ),
            path("nutzung/", view(self.nutzung_view), name="veranstaltungen_buchung_nutzung"),
            path(
                "<int:pk>/entscheiden/",
                view(self.entscheiden_view),
                name="veranstaltungen_buchung_entscheiden",
            ),
            *super().get_urls(),
        ]

    def _raeume(self, request):
        return scope_queryset(Raum.objects.all(), request.user, "quartier")

    def add_view(self, request, form_url="", extra_context=None):
        """Staff book for anyone (an organisation or a resident on the phone)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PersonalBuchungForm(
            request.POST or None,
            raeume=self._raeume(request).filter(aktiv=True),
            akteure=Akteur.objects.fuer(request.user),
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            kwargs = {
                "raum": d["raum"],
                "zusatzraeume": list(d["zusatzraeume"]),
                "beginn": lokal(d["datum"], d["von"]),
                "ende": lokal(d["datum"], d["bis"]),
                "zweck": d["zweck"],
                "art": d["art"],
                "personen": d["personen"],
                "akteur": d["akteur"],
                "name": d["name"],
                "telefon": d["telefon"],
                "email": d["email"],
                "user": request.user,
                "durch_personal": True,
            }
            try:
                if d["wiederholung"]:
                    ergebnis = services.serie_buchen(
                        regel=d["wiederholung"],
                        bis=d["serie_bis"],
                        alles_oder_nichts=False,
                        **kwargs,
                    )
                    for tag, gruende in ergebnis.konflikte:
                        self.message_user(
                            request, f"{tag:%d.%m.%Y}: {' '.join(gruende)}", messages.WARNING
                        )
                    buchung = ergebnis.gebucht[0]
                else:
                    buchung = services.buchen(**kwargs)
            except services.BuchungNichtMoeglich as exc:
                for meldung in exc.messages:
                    form.add_error(None, meldung)
            else:
                self.message_user(request, gettext("Booked."), messages.SUCCESS)
                return redirect("admin:veranstaltungen_buchung_change", buchung.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Book a room"),
            "form": form,
        }
        return TemplateResponse(request, "veranstaltungen/admin/buchen.html", context)

    def entscheiden_view(self, request, pk):
        buchung = get_object_or_404(self.get_queryset(request).select_related("raum"), pk=pk)
        if not self.has_change_permission(request, buchung):
            raise PermissionDenied
        form = EntscheidungForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            umfang = d["umfang"] or services.DIESE
            try:
                if d["aktion"] == form.BESTAETIGEN:
                    services.bestaetigen(buchung=buchung, user=request.user, umfang=umfang)
                elif d["aktion"] == form.ABLEHNEN:
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
                return redirect("admin:veranstaltungen_buchung_change", buchung.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Decide on the booking %(buchung)s") % {"buchung": buchung},
            "form": form,
            "buchung": buchung,
        }
        return TemplateResponse(request, "veranstaltungen/admin/entscheiden.html", context)

    def wochenplan_view(self, request):
        """All rooms of the user's areas for one week: two queries whatever the bookings."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        tag = parameter.datum(request.GET.get("woche", ""))
        start = tag - timedelta(days=tag.weekday())
        tage = [start + timedelta(days=i) for i in range(7)]
        raeume = list(self._raeume(request).filter(aktiv=True).select_related("quartier"))
        bereich = DateTimeTZRange(
            lokal(start, time(0)),
            lokal(start + timedelta(days=7), time(0)),
            "[)",
        )
        zellen = {(r.pk, d): [] for r in raeume for d in tage}
        belegungen = (
            Belegung.objects.filter(raum__in=raeume, zeitraum__overlap=bereich, aktiv=True)
            .select_related("buchung__akteur")
            .order_by("zeitraum")
        )
        for b in belegungen:
            d = timezone.localtime(b.buchung.beginn).date()
            if (b.raum_id, d) in zellen:
                zellen[(b.raum_id, d)].append(b.buchung)
        zeilen = [(r, [zellen[(r.pk, d)] for d in tage]) for r in raeume]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Week of all rooms from %(datum)s") % {"datum": f"{start:%d.%m.%Y}"},
            "tage": tage,
            "zeilen": zeilen,
            "zurueck": start - timedelta(days=7),
            "vor": start + timedelta(days=7),
        }
        return TemplateResponse(request, "veranstaltungen/admin/wochenplan.html", context)

    def nutzung_view(self, request):
        """Use figures per month, room, organisation and kind of use; CSV/XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        jahr = parameter.jahr(request.GET.get("jahr", ""))
        rows = nutzungszahlen(self.get_queryset(request), jahr)
        header = [
            gettext("Month"),
            gettext("Room"),
            gettext("Organisation"),
            gettext("Kind of use"),
            gettext("Bookings"),
            gettext("Hours"),
        ]
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            table = [
                [
                    f"{r['monat']:%Y-%m}",
                    r["raum"],
                    r["organisation"],
                    r["art"],
                    r["anzahl"],
                    r["stunden"],
                ]
                for r in rows
            ]
            filename = f"raumnutzung-{jahr}.{fmt}"
            if fmt == "csv":
                return exports.csv_response(filename, header, table)
            return exports.xlsx_response(filename, header, table, title=gettext("Room use"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Room use %(jahr)s") % {"jahr": jahr},
            "rows": rows,
            "header": header,
            "jahr": jahr,
            "jahre": [jahr - 1, jahr + 1],
        }
        return TemplateResponse(request, "veranstaltungen/admin/nutzung.html", context)


def nutzungszahlen(buchungen, jahr: int) -> list[dict]:
    """Hours of confirmed bookings per month, room, organisation and kind (one query)."""
    arten = dict(Nutzungsart.choices)
    qs = (
        buchungen.filter(status=Buchung.Status.BESTAETIGT, beginn__year=jahr)
        .annotate(monat=TruncMonth("beginn"))
        .values("monat", "raum__name", "akteur__name", "art")
        .annotate(
            anzahl=Count("pk"),
            dauer=Sum(ExpressionWrapper(F("ende") - F("beginn"), output_field=DurationField())),
        )
        .order_by("monat", "raum__name", "akteur__name", "art")
    )
    return [
        {
            "monat": r["monat"],
            "raum": r["raum__name"],
            "organisation": r["akteur__name"] or gettext("private person"),
            "art": str(arten.get(r["art"], r["art"])),
            "anzahl": r["anzahl"],
            "stunden": round(r["dauer"].total_seconds() / 3600, 1),
        }
        for r in qs
    ]


# --- events (issue 6) -----------------------------------------------------------------


class VeranstaltungForm(forms.ModelForm):
    bild = SafeImageField(label=_("image"), required=False)
    # Messages of a booking the database refused after the form's own check (a race):
    # set by `VeranstaltungAdmin.changeform_view`, shown at the room field.
    buchung_fehler: tuple[str, ...] = ()
    wiederholung = forms.ChoiceField(
        label=_("Repeat"),
        choices=[("", _("no, one date only")), *Serie.Regel.choices],
        required=False,
        help_text=_("Only when adding: one event per date, each booking its room."),
    )
    wiederholen_bis = forms.DateField(label=_("Repeat until"), required=False)

    class Meta:
        model = Veranstaltung
        fields = [
            "quartier",
            "titel",
            "beschreibung",
            "art",
            "zielgruppen",
            "sprachen",
            "veranstalter",
            "beginn",
            "ende",
            "raum",
            "adresse",
            "barrierefrei",
            "barrierefreiheit",
            "kosten",
            "bild",
            "oeffentlich",
            "freigegeben",
            "status",
            "absage_notiz",
            "anmeldung",
            "kapazitaet",
            "anmeldeschluss",
            "reservierte_plaetze",
            "fragen",
            "wiederholung",
            "wiederholen_bis",
        ]

    def clean(self):
        data = super().clean()
        raum, beginn, ende = data.get("raum"), data.get("beginn"), data.get("ende")
        if not raum and not data.get("adresse"):
            self.add_error("adresse", _("Please choose a room or enter an address."))
        if data.get("anmeldung") and not data.get("kapazitaet"):
            self.add_error("kapazitaet", _("An event with registration needs a number of places."))
        if data.get("wiederholung") and not data.get("wiederholen_bis"):
            self.add_error("wiederholen_bis", _("Please say until when the series repeats."))
        elif data.get("wiederholung") and raum and beginn and ende and beginn < ende:
            start = timezone.localtime(beginn)
            regel = recurrence.regel(data["wiederholung"], start.date(), data["wiederholen_bis"])
            for tag in recurrence.termine(regel, start.date())[1:]:
                b = lokal(tag, start.time())
                for meldung in services.konflikte([raum], b, b + (ende - beginn)):
                    self.add_error("wiederholung", meldung)
        if data.get("status") == Veranstaltung.Status.ABGESAGT and not data.get("absage_notiz"):
            self.add_error("absage_notiz", _("Please give a note why the event is cancelled."))
        buchung = self.instance.buchung if self.instance.pk else None
        if raum and beginn and ende and beginn < ende:
            unveraendert = (
                buchung is not None
                and buchung.ist_aktiv
                and (buchung.raum_id, buchung.beginn, buchung.ende) == (raum.pk, beginn, ende)
            )
            if not unveraendert:
                ausser = [buchung.pk] if buchung else []
                meldungen = services.konflikte([raum], beginn, ende, ausser=ausser)
                if meldungen:
                    self.add_error("raum", meldungen)
        schon = set(self.errors.get("raum", []))
        for meldung in self.buchung_fehler:
            if meldung not in schon:
                self.add_error("raum" if "raum" in self.fields else None, meldung)
        return data


class RundmailForm(forms.Form):
    betreff = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea)
    warteliste = forms.BooleanField(label=_("Also to the waiting list"), required=False)


class AnmeldungInline(admin.TabularInline):
    model = Anmeldung
    extra = 0
    fields = [
        "name",
        "email",
        "telefon",
        "personen",
        "aus_dem_quartier",
        "antworten",
        "status",
        "created_at",
        "anwesend",
    ]
    readonly_fields = [
        "name",
        "email",
        "telefon",
        "personen",
        "aus_dem_quartier",
        "antworten",
        "status",
        "created_at",
    ]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Veranstaltung)
class VeranstaltungAdmin(QuartierScopedAdmin):
    form = VeranstaltungForm
    list_display = [
        "titel",
        "beginn",
        "art",
        "ort_anzeige",
        "status",
        "fuellstand",
        "anwesend",
        "oeffentlich",
    ]
    change_list_template = "veranstaltungen/admin/veranstaltung_change_list.html"
    list_filter = ["status", "art", "oeffentlich", "freigegeben", "anmeldung"]
    search_fields = ["titel"]
    date_hierarchy = "beginn"
    inlines = [AnmeldungInline]
    readonly_fields = ["teilnehmende_links"]

    @admin.display(description=_("participants"))
    def teilnehmende_links(self, obj):
        if not obj.pk or not obj.anmeldung:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:veranstaltungen_veranstaltung_teilnehmende", args=[obj.pk]),
            _("Participant list (print, CSV, XLSX)"),
            reverse("admin:veranstaltungen_veranstaltung_rundmail", args=[obj.pk]),
            _("Mail to all registered"),
        )

    actions = ["freigeben", "teilnehmerliste"]

    def get_queryset(self, request):
        return super().get_queryset(request).base_queryset().mit_belegung()

    @admin.display(description=_("place"))
    def ort_anzeige(self, obj):
        return obj.ort

    @admin.display(description=_("fill level"))
    def fuellstand(self, obj):
        if not obj.anmeldung:
            return "–"
        text = f"{obj.angemeldet_personen}/{obj.kapazitaet}"
        if obj.warteliste_personen:
            text += " " + gettext("(+%(n)s waiting)") % {"n": obj.warteliste_personen}
        return text

    @admin.display(description=_("checked in"))
    def anwesend(self, obj):
        return obj.anwesend_personen if obj.anmeldung else "–"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("zahlen/", view(self.zahlen_view), name="veranstaltungen_veranstaltung_zahlen"),
            path(
                "<int:pk>/teilnehmende/",
                view(self.teilnehmende_view),
                name="veranstaltungen_veranstaltung_teilnehmende",
            ),
            path(
                "<int:pk>/rundmail/",
                view(self.rundmail_view),
                name="veranstaltungen_veranstaltung_rundmail",
            ),
            *super().get_urls(),
        ]

    def teilnehmende_view(self, request, pk):
        """Participant list of one event: print view, CSV or XLSX."""
        v = get_object_or_404(self.get_queryset(request), pk=pk)
        # Participants' names, addresses and answers: for those who handle registrations.
        if not request.user.has_perm("veranstaltungen.view_anmeldung"):
            raise PermissionDenied
        anmeldungen = list(
            v.anmeldungen.exclude(status=Anmeldung.Status.STORNIERT).order_by(
                "status", "created_at"
            )
        )
        header = [
            gettext("Name"),
            gettext("E-mail"),
            gettext("Phone"),
            gettext("People"),
            gettext("Status"),
            gettext("checked in"),
        ]
        table = [
            [
                a.name,
                a.email,
                a.telefon,
                a.personen,
                a.get_status_display(),
                "x" if a.anwesend else "",
            ]
            for a in anmeldungen
        ]
        fmt = request.GET.get("format")
        if fmt == "csv":
            return exports.csv_response(f"teilnehmende-{v.pk}.csv", header, table)
        if fmt == "xlsx":
            return exports.xlsx_response(
                f"teilnehmende-{v.pk}.xlsx", header, table, title=gettext("Participants")
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Participants: %(titel)s") % {"titel": v.titel},
            "veranstaltung": v,
            "header": header,
            "rows": table,
        }
        return TemplateResponse(request, "veranstaltungen/admin/teilnehmende.html", context)

    def rundmail_view(self, request, pk):
        """A mail to everyone registered (and, if chosen, waiting) for one event."""
        v = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, v):
            raise PermissionDenied
        form = RundmailForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            n = services.rundmail(
                veranstaltung=v,
                user=request.user,
                betreff=form.cleaned_data["betreff"],
                text=form.cleaned_data["text"],
                warteliste=form.cleaned_data["warteliste"],
            )
            self.message_user(
                request, ngettext("%d mail queued.", "%d mails queued.", n) % n, messages.SUCCESS
            )
            return redirect("admin:veranstaltungen_veranstaltung_change", v.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Mail to the participants of %(titel)s") % {"titel": v.titel},
            "veranstaltung": v,
            "form": form,
        }
        return TemplateResponse(request, "veranstaltungen/admin/rundmail.html", context)

    def zahlen_view(self, request):
        """Events and participants per month, kind and target group; CSV/XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        jahr = parameter.jahr(request.GET.get("jahr", ""))
        rows = veranstaltungszahlen(self.get_queryset(request), jahr)
        header = [
            gettext("Month"),
            gettext("Kind"),
            gettext("Target group"),
            gettext("Events"),
            gettext("Participants"),
        ]
        table = [[f"{r[0]:%Y-%m}", r[1], r[2], r[3], r[4]] for r in rows]
        fmt = request.GET.get("format")
        if fmt == "csv":
            return exports.csv_response(f"veranstaltungen-{jahr}.csv", header, table)
        if fmt == "xlsx":
            return exports.xlsx_response(
                f"veranstaltungen-{jahr}.xlsx", header, table, title=gettext("Events")
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Event figures %(jahr)s") % {"jahr": jahr},
            "header": header,
            "rows": table,
            "jahr": jahr,
            "jahre": [jahr - 1, jahr + 1],
        }
        return TemplateResponse(request, "veranstaltungen/admin/zahlen.html", context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The form checks the room first, but the database decides: when the room was taken
        between the check and the save, the save (in the view's transaction) is rolled back
        and the form is shown again with the German message at the room, never a 500."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.BuchungNichtMoeglich as exc:
            if request.method != "POST" or getattr(request, "_buchung_fehler", None):
                raise
            request._buchung_fehler = tuple(exc.messages)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        fehler = getattr(request, "_buchung_fehler", None)
        if fehler:
            form = type(form.__name__, (form,), {"buchung_fehler": fehler})
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "raum":
            kwargs["queryset"] = scope_queryset(Raum.objects.buchbar(), request.user, "quartier")
        if db_field.name == "veranstalter":
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through the service: the room is booked in the same transaction; cancelling
        tells everyone registered."""
        absagen = (
            change and "status" in form.changed_data and obj.status == Veranstaltung.Status.ABGESAGT
        )
        if absagen:
            obj.status = Veranstaltung.Status.GEPLANT
        if not change and form.cleaned_data.get("wiederholung"):
            termine = services.veranstaltung_serie(
                veranstaltung=obj,
                regel=form.cleaned_data["wiederholung"],
                bis=form.cleaned_data["wiederholen_bis"],
                user=request.user,
            )
            obj.pk = termine[0].pk
            for termin in termine:
                audit.record(termin, action=AuditEntry.Action.CREATED, user=request.user)
            return
        services.veranstaltung_speichern(veranstaltung=obj, user=request.user)
        if absagen:
            services.veranstaltung_absagen(
                veranstaltung=obj, user=request.user, notiz=form.cleaned_data["absage_notiz"]
            )
            obj.refresh_from_db()
        if not change:
            audit.record(obj, action=AuditEntry.Action.CREATED, user=request.user)

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def freigeben(self, request, queryset):
        ids = list(queryset.filter(freigegeben=False).values_list("pk", flat=True))
        veroeffentlicht = 0
        for v in Veranstaltung.objects.filter(pk__in=ids):
            try:
                services.veranstaltung_freigeben(veranstaltung=v, user=request.user)
            except services.BuchungNichtMoeglich as exc:
                self.message_user(request, f"{v.titel}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                veroeffentlicht += 1
        self.message_user(
            request,
            ngettext("%d event published.", "%d events published.", veroeffentlicht)
            % veroeffentlicht,
            messages.SUCCESS,
        )

    def has_teilnehmende_permission(self, request):
        return request.user.has_perm("veranstaltungen.view_anmeldung")

    @admin.action(description=_("Participant list (CSV)"), permissions=["teilnehmende"])
    def teilnehmerliste(self, request, queryset):
        rows = (
            Anmeldung.objects.filter(veranstaltung__in=queryset)
            .exclude(status=Anmeldung.Status.STORNIERT)
            .select_related("veranstaltung")
            .order_by("veranstaltung__beginn", "status", "created_at")
        )
        return exports.csv_response(
            "teilnehmerliste.csv",
            [
                gettext("Event"),
                gettext("Name"),
                gettext("E-mail"),
                gettext("Phone"),
                gettext("People"),
                gettext("Status"),
            ],
            (
                [
                    a.veranstaltung.titel,
                    a.name,
                    a.email,
                    a.telefon,
                    a.personen,
                    a.get_status_display(),
                ]
                for a in rows
            ),
        )


def veranstaltungszahlen(veranstaltungen, jahr: int) -> list[tuple]:
    """(month, kind, target group, events, participants) of held, published events (one
    query; submissions waiting for review do not count).

    Participants are the people registered, or the count kept after the registrations'
    personal data was deleted; an event for several target groups counts in each."""
    from collections import defaultdict

    arten = dict(Veranstaltung.Art.choices)
    gruppen = dict(Zielgruppe.choices)
    summen: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    qs = (
        veranstaltungen.filter(
            beginn__year=jahr, status=Veranstaltung.Status.GEPLANT, freigegeben=True
        )
        .order_by()
        .values("beginn", "art", "zielgruppen", "teilnehmende", "angemeldet_personen")
    )
    for v in qs:
        monat = timezone.localtime(v["beginn"]).date().replace(day=1)
        personen = v["teilnehmende"] if v["teilnehmende"] is not None else v["angemeldet_personen"]
        for gruppe in v["zielgruppen"] or ["alle"]:
            key = (monat, str(arten.get(v["art"], v["art"])), str(gruppen.get(gruppe, gruppe)))
            summen[key][0] += 1
            summen[key][1] += personen or 0
    return [(*key, n, p) for key, (n, p) in sorted(summen.items())]
