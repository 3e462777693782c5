"""`/berichte/`: the report for the city, for city staff (Stadtverwaltung) and the office.

Who: staff with the permission to read reports (`quartier.view_berichtsdatei`: the roles
Quartiersmanagement, Mitarbeitende and Stadtverwaltung), for the areas they are assigned to
(all, when they are assigned all). Anyone else logged in gets 404, a resident is sent to
log in. An area outside the user's areas in the query is a 404, not an error message: the
page does not tell which other areas exist.

The page is a GET form (areas, period) and the report beneath it; the XLSX and the CSV of a
section are the same GET with `format=`; they are computed in the request (aggregates, a
fixed number of queries). The PDF is made by the worker: "PDF erstellen" (POST) stores what
the page shows and asks for it; a file of the same data made before is given at once.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from . import report_files, reporting
from .models import Berichtsdatei, Quartier
from .reporting import Zeitraum
from .storage import private_file_response

BERECHTIGUNG = "quartier.view_berichtsdatei"
# A PDF asked for that the worker has not made in this time counts as lost: asking again
# enqueues it anew.
WARTEZEIT = timedelta(minutes=10)
ERSTES_JAHR = 2010
LAENGSTE_SPANNE = timedelta(days=5 * 366)


def _darf(view):
    """Residents are sent to the back office's log-in; logged-in users without the
    permission get 404."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not (request.user.is_staff and request.user.has_perm(BERECHTIGUNG)):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__doc__ = view.__doc__
    wrapped.__name__ = view.__name__
    return wrapped


class BerichtForm(forms.Form):
    quartiere = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Quartier.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all your areas."),
    )
    art = forms.ChoiceField(
        label=_("Period"),
        choices=[("jahr", _("Year")), ("quartal", _("Quarter")), ("spanne", _("From – until"))],
        initial="jahr",
        widget=forms.RadioSelect,
    )
    # Year and quarter are needed only for the periods that use them: a "from – until" period
    # or a link with only `art=jahr&jahr=…` is complete without the others.
    jahr = forms.TypedChoiceField(
        label=_("Year"), coerce=int, choices=[], required=False, empty_value=None
    )
    quartal = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(q, _("Q%(quartal)s") % {"quartal": q}) for q in range(1, 5)],
        initial=1,
    )
    von = forms.DateField(label=_("From"), required=False, widget=forms.DateInput({"type": "date"}))
    bis = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["quartiere"].queryset = Quartier.objects.fuer(user).order_by("name")
        heute = timezone.localdate()
        self.fields["jahr"].choices = [(j, j) for j in range(heute.year, ERSTES_JAHR - 1, -1)]
        self.fields["jahr"].initial = heute.year - 1

    def full_clean(self):
        super().full_clean()
        # A field with an error is marked so and names its message, for screen readers.
        for name in self.errors:
            if name in self.fields and name != "quartiere":
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-fehler"

    def clean(self):
        data = super().clean()
        art = data.get("art")
        if art in ("jahr", "quartal") and data.get("jahr") is None and "jahr" not in self.errors:
            self.add_error("jahr", gettext("Please choose a year."))
        if art == "quartal" and data.get("quartal") is None and "quartal" not in self.errors:
            self.add_error("quartal", gettext("Please choose a quarter."))
        if art == "spanne":
            von, bis = data.get("von"), data.get("bis")
            if not von:
                self.add_error("von", gettext("Please give the first day of the period."))
            if not bis:
                self.add_error("bis", gettext("Please give the last day of the period."))
            if von and bis:
                if bis < von:
                    self.add_error("bis", gettext("The last day lies before the first."))
                elif bis - von > LAENGSTE_SPANNE:
                    self.add_error("bis", gettext("A report covers at most five years."))
                elif von.year < ERSTES_JAHR:
                    self.add_error(
                        "von",
                        gettext("Reports begin in %(jahr)s.") % {"jahr": ERSTES_JAHR},
                    )
        return data

    def zeitraum(self) -> Zeitraum:
        d = self.cleaned_data
        if d["art"] == "jahr":
            return Zeitraum.jahr(d["jahr"])
        if d["art"] == "quartal":
            return Zeitraum.quartal(d["jahr"], d["quartal"])
        return Zeitraum(d["von"], d["bis"])

    def gewaehlte_quartiere(self) -> list[Quartier]:
        return list(self.cleaned_data["quartiere"] or self.fields["quartiere"].queryset)


def _fremde_quartiere_404(request, daten) -> None:
    """An area id in the query that is not one of the user's areas: 404 (also for ids
    that do not exist, so the answer tells nothing)."""
    gewuenscht = set(daten.getlist("quartiere"))
    if not gewuenscht:
        return
    if not all(q.isdigit() for q in gewuenscht):
        raise Http404
    eigene = set(
        Quartier.objects.fuer(request.user)
        .filter(pk__in=[int(q) for q in gewuenscht])
        .values_list("pk", flat=True)
    )
    if len(eigene) != len(gewuenscht):
        raise Http404


def _kontext(request, **extra):
    return {
        **admin.site.each_context(request),
        "title": gettext("Reports"),
        **extra,
    }


def _bericht(form):
    quartiere = form.gewaehlte_quartiere()
    zeitraum = form.zeitraum()
    ids = [q.pk for q in quartiere]
    abschnitte = [a.unterdrueckt() for a in reporting.berechnen(quartiere=ids, zeitraum=zeitraum)]
    return quartiere, zeitraum, abschnitte


@_darf
@require_GET
def bericht(request):
    """The report page: the form, and with it filled in the report, its XLSX and CSVs."""
    if "art" in request.GET:
        _fremde_quartiere_404(request, request.GET)
        daten = request.GET
    else:  # the first visit shows last year's report of all the user's areas at once
        daten = {"art": "jahr", "jahr": str(timezone.localdate().year - 1), "quartal": "1"}
    form = BerichtForm(daten, user=request.user)
    if not form.is_valid():
        return TemplateResponse(request, "berichte/bericht.html", _kontext(request, form=form))
    quartiere, zeitraum, abschnitte = _bericht(form)
    namen = [q.name for q in quartiere]
    name = report_files.dateiname(namen=namen, zeitraum=zeitraum)
    fmt = daten.get("format")
    if fmt == "xlsx":
        response = HttpResponse(
            report_files.xlsx(abschnitte, namen=namen, zeitraum=zeitraum),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "csv":
        gewaehlt = next((a for a in abschnitte if a.schluessel == daten.get("abschnitt")), None)
        if gewaehlt is None:
            raise Http404
        response = HttpResponse(
            report_files.csv_text(gewaehlt, namen=namen, zeitraum=zeitraum),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-{gewaehlt.schluessel}.csv"'
        return response
    abfrage = QueryDict(mutable=True)
    abfrage.update(daten)
    abfrage.pop("format", None)
    abfrage.pop("abschnitt", None)
    return TemplateResponse(
        request,
        "berichte/bericht.html",
        _kontext(
            request,
            form=form,
            namen=namen,
            zeitraum=zeitraum,
            vorher=zeitraum.vorher(),
            abschnitte=report_files.ansicht(abschnitte, mehrere=len(quartiere) > 1),
            abfrage=abfrage.urlencode(),
            versteckt=[(k, v) for k in abfrage for v in abfrage.getlist(k)],
        ),
    )


@_darf
@require_POST
def bericht_pdf(request):
    """ "PDF erstellen": the PDF of the report the form describes, from the worker. A file of
    the same figures made before is reused; a request the worker lost is enqueued again."""
    _fremde_quartiere_404(request, request.POST)
    form = BerichtForm(request.POST, user=request.user)
    if not form.is_valid():
        return TemplateResponse(
            request, "berichte/bericht.html", _kontext(request, form=form), status=400
        )
    quartiere, zeitraum, abschnitte = _bericht(form)
    ids = [q.pk for q in quartiere]
    daten = reporting.als_daten(abschnitte)
    schluessel = report_files.schluessel(quartiere=ids, zeitraum=zeitraum, daten=daten)
    datei = _anfordern(schluessel=schluessel, ids=ids, zeitraum=zeitraum, daten=daten)
    return redirect("berichte:datei", datei.pk)


@transaction.atomic
def _anfordern(*, schluessel, ids, zeitraum, daten) -> Berichtsdatei:
    from .tasks import bericht_pdf_erzeugen

    datei, neu = Berichtsdatei.objects.select_for_update().get_or_create(
        schluessel=schluessel,
        defaults={
            "von": zeitraum.von,
            "bis": zeitraum.bis,
            "zeitraum_art": zeitraum.art,
            "daten": daten,
        },
    )
    if neu:
        datei.quartiere.set(ids)
    verloren = datei.in_arbeit and datei.angefordert_at < timezone.now() - WARTEZEIT
    if neu or verloren or datei.fehler:
        if not neu:
            datei.angefordert_at = timezone.now()
            datei.fehler = ""
            datei.save(update_fields=["angefordert_at", "fehler"])
        transaction.on_commit(lambda: bericht_pdf_erzeugen.enqueue(datei.pk))
    return datei


def _datei(request, pk) -> Berichtsdatei:
    return get_object_or_404(
        Berichtsdatei.objects.fuer(request.user).prefetch_related("quartiere"), pk=pk
    )


@_darf
@require_GET
def datei(request, pk):
    """The PDF's page: progress while the worker makes it (htmx asks every two seconds;
    without script the page reloads itself), then the download."""
    d = _datei(request, pk)
    kontext = _kontext(
        request,
        datei=d,
        namen=[q.name for q in d.quartiere.all()],
        zeitraum=Zeitraum(d.von, d.bis, d.zeitraum_art),
    )
    if request.GET.get("teil") == "status":
        return TemplateResponse(request, "berichte/_datei_status.html", kontext)
    return TemplateResponse(request, "berichte/datei.html", kontext)


@_darf
@require_GET
def datei_pdf(request, pk):
    d = _datei(request, pk)
    namen = [q.name for q in d.quartiere.all()]
    return private_file_response(
        d.datei,
        content_type="application/pdf",
        filename=report_files.dateiname(
            namen=namen, zeitraum=Zeitraum(d.von, d.bis, d.zeitraum_art)
        )
        + ".pdf",
    )
