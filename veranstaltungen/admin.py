"""Back office for events: the event form (its room is booked through `raeume`), the
participants (list, CSV/XLSX, mail to all registered) and the figures. Forms are in
`forms.py`, state changes in `services.py`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Akteur
from quartier import parameter
from quartier.admin import Abkuerzung, QuartierScopedAdmin, ab_heute, termin
from raeume.models import Raum

from . import services
from .forms import AbsageForm, RundmailForm, VeranstaltungForm
from .models import Anmeldung, Veranstaltung


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
    # The kind and who checked in are on the event's page: the list fits a laptop.
    list_display = [
        "titel",
        "termin",
        "veranstaltungsort",
        "anmeldestatus",
        "fuellstand",
        "oeffentlich",
    ]
    list_filter = [ab_heute("beginn"), "status", "art", "oeffentlich", "freigegeben", "anmeldung"]
    search_fields = ["titel"]
    date_hierarchy = "beginn"
    inlines = [AnmeldungInline]
    readonly_fields = ["teilnehmende_links"]
    change_form_template = "admin/veranstaltungen/veranstaltung/change_form.html"

    @admin.display(description=_("participants"))
    def teilnehmende_links(self, obj):
        # Shown only to those who may open both pages (`get_fields`).
        if not obj.pk or not obj.anmeldung:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:veranstaltungen_veranstaltung_teilnehmende", args=[obj.pk]),
            _("Participant list (print, CSV, XLSX)"),
            reverse("admin:veranstaltungen_veranstaltung_rundmail", args=[obj.pk]),
            _("Mail to all registered"),
        )

    # --- what a user is offered: one place per action, asked by the link and the view ---

    def darf_rundmail(self, request, obj) -> bool:
        return self.has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None:
            # A series is made when the event is created; afterwards each date is its own
            # (a read-only page would show the empty choice as "None").
            fields = [f for f in fields if f not in ("wiederholung", "wiederholen_bis")]
        if obj is not None and self.has_teilnehmende_permission(request):
            if self.darf_rundmail(request, obj):
                return fields
        return [f for f in fields if f != "teilnehmende_links"]

    actions = ["freigeben", "teilnehmerliste"]

    def get_queryset(self, request):
        return super().get_queryset(request).base_queryset().mit_belegung()

    def get_abkuerzungen(self, request):
        return [Abkuerzung(_("Submissions to publish"), {"freigegeben__exact": "0"})]

    @admin.display(description=_("date and time"), ordering="beginn")
    def termin(self, obj):
        return termin(obj.beginn)

    @admin.display(description=_("venue"))
    def veranstaltungsort(self, obj):
        return obj.veranstaltungsort

    @admin.display(description=_("registration"), ordering="status")
    def anmeldestatus(self, obj):
        return render_to_string("veranstaltungen/_anmeldestatus.html", {"v": obj})

    @admin.display(description=_("fill level"))
    def fuellstand(self, obj):
        if not obj.anmeldung:
            return "–"
        text = f"{obj.angemeldet_personen}/{obj.kapazitaet}"
        if obj.warteliste_personen:
            text += " " + gettext("(+%(n)s waiting)") % {"n": obj.warteliste_personen}
        return text

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
            path(
                "<int:pk>/absagen/",
                view(self.absagen_view),
                name="veranstaltungen_veranstaltung_absagen",
            ),
            *super().get_urls(),
        ]

    def teilnehmende_view(self, request, pk):
        """Participant list of one event: print view, CSV or XLSX."""
        v = get_object_or_404(self.get_queryset(request), pk=pk)
        # Participants' names, addresses and answers: for those who handle registrations.
        if not self.has_teilnehmende_permission(request):
            raise PermissionDenied
        return self.table_view(
            request,
            "admin/veranstaltungen/veranstaltung/teilnehmende.html",
            title=gettext("Participants: %(titel)s") % {"titel": v.titel},
            table=v.anmeldungen.teilnehmerliste(f"teilnehmende-{v.pk}"),
            veranstaltung=v,
        )

    def rundmail_view(self, request, pk):
        """A mail to everyone registered (and, if chosen, waiting) for one event."""
        v = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.darf_rundmail(request, v):
            raise PermissionDenied
        form = RundmailForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            n = services.rundmail(veranstaltung=v, user=request.user, **form.cleaned_data)
            self.message_user(
                request, ngettext("%d mail queued.", "%d mails queued.", n) % n, messages.SUCCESS
            )
            return redirect("admin:veranstaltungen_veranstaltung_change", v.pk)
        context = self.view_context(
            request,
            title=gettext("Mail to the participants of %(titel)s") % {"titel": v.titel},
            veranstaltung=v,
            form=form,
        )
        return TemplateResponse(
            request, "admin/veranstaltungen/veranstaltung/rundmail.html", context
        )

    def darf_absagen(self, request, obj) -> bool:
        return self.has_change_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # "Cancel event" is offered only for an event not cancelled yet, to those who may.
        context["kann_absagen"] = (
            obj is not None and not obj.abgesagt and self.darf_absagen(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def absagen_view(self, request, pk):
        """Cancel an event: a page saying what follows (GET), the cancellation (POST)."""
        v = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.darf_absagen(request, v):
            raise PermissionDenied
        if v.abgesagt:
            self.message_user(request, gettext("This event is cancelled already."), messages.INFO)
            return redirect("admin:veranstaltungen_veranstaltung_change", v.pk)
        form = AbsageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            n = services.veranstaltung_absagen(
                veranstaltung=v, user=request.user, notiz=form.cleaned_data["absage_notiz"]
            )
            self.message_user(
                request,
                ngettext(
                    "Cancelled; %d registration is told by mail.",
                    "Cancelled; %d registrations are told by mail.",
                    n,
                )
                % n,
                messages.SUCCESS,
            )
            return redirect("admin:veranstaltungen_veranstaltung_change", v.pk)
        context = self.view_context(
            request,
            title=gettext("Cancel %(titel)s") % {"titel": v.titel},
            veranstaltung=v,
            form=form,
            betroffen=v.anmeldungen.aktiv().count(),
        )
        return TemplateResponse(
            request, "admin/veranstaltungen/veranstaltung/absagen.html", context
        )

    def zahlen_view(self, request):
        """Events and participants per month, kind and target group; CSV/XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        jahr = parameter.jahr(request.GET.get("jahr", ""))
        return self.table_view(
            request,
            "admin/veranstaltungen/veranstaltung/zahlen.html",
            title=gettext("Event figures %(jahr)s") % {"jahr": jahr},
            table=self.get_queryset(request).zahlen(jahr),
            jahr=jahr,
            jahre=[jahr - 1, jahr + 1],
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "raum":
            kwargs["queryset"] = Raum.objects.fuer(request.user).buchbar()
        if db_field.name == "veranstalter":
            kwargs["queryset"] = Akteur.objects.fuer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through the services: the room is booked in the same transaction (the form has
        checked it under a lock); an event cancelled here tells everyone registered."""
        if change:
            services.veranstaltung_aendern(veranstaltung=obj, user=request.user)
        else:
            termine = services.veranstaltung_anlegen(
                veranstaltung=obj,
                user=request.user,
                regel=form.cleaned_data.get("wiederholung", ""),
                bis=form.cleaned_data.get("wiederholen_bis"),
            )
            obj.pk = termine[0].pk

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def freigeben(self, request, queryset):
        ids = list(queryset.filter(freigegeben=False).values_list("pk", flat=True))
        freigegeben, abgelehnt = services.auswahl_freigeben(
            veranstaltungen=list(Veranstaltung.objects.filter(pk__in=ids)), user=request.user
        )
        for v, meldungen in abgelehnt:
            self.message_user(request, f"{v.titel}: {' '.join(meldungen)}", messages.ERROR)
        veroeffentlicht = len(freigegeben)
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
        tabelle = Anmeldung.objects.filter(veranstaltung__in=queryset).teilnehmerliste(
            "teilnehmerliste", mit_veranstaltung=True
        )
        return tabelle.csv()
