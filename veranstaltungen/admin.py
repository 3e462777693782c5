"""Back office for events: the event form (its room is booked through `raeume`), the
participants (list, CSV/XLSX, mail to all registered) and the figures."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur, Zielgruppe
from quartier import audit, exports, parameter, recurrence
from quartier.admin import QuartierScopedAdmin, scope_queryset
from quartier.images import SafeImageField
from quartier.models import AuditEntry
from raeume import services as raeume_services
from raeume.models import Raum, Serie, lokal
from raeume.services import BuchungNichtMoeglich

from . import services
from .models import Anmeldung, Veranstaltung


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
                for meldung in raeume_services.konflikte([raum], b, b + (ende - beginn)):
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
                meldungen = raeume_services.konflikte([raum], beginn, ende, ausser=ausser)
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
        return TemplateResponse(
            request, "admin/veranstaltungen/veranstaltung/teilnehmende.html", context
        )

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
        return TemplateResponse(
            request, "admin/veranstaltungen/veranstaltung/rundmail.html", context
        )

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
        return TemplateResponse(request, "admin/veranstaltungen/veranstaltung/zahlen.html", context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The form checks the room first, but the database decides: when the room was taken
        between the check and the save, the save (in the view's transaction) is rolled back
        and the form is shown again with the German message at the room, never a 500."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except BuchungNichtMoeglich as exc:
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
            except BuchungNichtMoeglich as exc:
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
