import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView, UpdateView

from .benachrichtigungen import einstellungen_speichern
from .bereich import quartier_von
from .cache import cached_public
from .forms import (
    BenachrichtigungenForm,
    EmailAuthenticationForm,
    KontoForm,
    QuartierSucheForm,
    QueuedPasswordResetForm,
)
from .models import Quartier, Quartiersstrasse, Seite, strassenname
from .ratelimit import ratelimit

logger = logging.getLogger(__name__)

# How long a client should wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 60


# The apps' sections of the home page and of the partner start page, in this order. Each is
# included with the page's context; a missing template fails the page (and the tests).
HOME_SECTIONS = [
    "veranstaltungen/home_section.html",
    "anliegen/home_section.html",
    "netzwerk/home_section.html",
]
PARTNER_START_SECTIONS = [
    "veranstaltungen/partner_start.html",
    "projekte/partner_start.html",
    "zeitung/partner_start.html",
]


@cached_public("quartier", "anliegen", "netzwerk", "raeume", "veranstaltungen")
@require_GET
def home(request):
    """Public: the area's office hours, contact, entry points and the apps' sections
    (`HOME_SECTIONS`, included with `quartier` set to the area); the other areas are a
    choice away (`quartier_wahl`)."""
    quartier = quartier_von(request)
    andere = Quartier.objects.exclude(pk=quartier.pk).exists() if quartier else False
    context = {"quartier": quartier, "andere_quartiere": andere, "sections": HOME_SECTIONS}
    return render(request, "quartier/home.html", context)


@require_GET
def quartier_wahl(request):
    """Public: every area by name, found by its name or one of its streets; each leads to
    the area's own pages (`/q/<slug>/`)."""
    form = QuartierSucheForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    quartiere = list(
        Quartier.objects.suche(text)
        .prefetch_related(
            Prefetch(
                "strassen",
                queryset=Quartiersstrasse.objects.filter(name__icontains=strassenname(text))
                if text
                else Quartiersstrasse.objects.none(),
                to_attr="treffer",
            )
        )
        .order_by("name")
    )
    return render(
        request,
        "quartier/quartier_wahl.html",
        {"form": form, "quartiere": quartiere, "suche": text},
    )


@require_GET
def seite(request, art):
    """Public: Impressum, Datenschutz, Erklärung zur Barrierefreiheit, with what the area's
    data knows filled into their placeholders."""
    page = get_object_or_404(Seite, art=art)
    inhalt = page.inhalt_fuer(quartier_von(request))
    return render(request, "quartier/seite_detail.html", {"seite": page, "inhalt": inhalt})


@require_GET
def favicon(request):
    """Public: browsers ask for /favicon.ico; the icon is a static SVG."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
@require_GET
def healthz(request):
    """Public: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class PartnerStartView(LoginRequiredMixin, TemplateView):
    """Logged-in users: the partner area's start page with their actors and the apps'
    sections (`PARTNER_START_SECTIONS`)."""

    template_name = "partner/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["akteure"] = list(self.request.user.akteure.order_by("name"))
        context["sections"] = PARTNER_START_SECTIONS
        return context


class KontoView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    """Logged-in users: their own name and the short form the portal greets them with."""

    template_name = "partner/konto_form.html"
    form_class = KontoForm
    success_url = reverse_lazy("partner:start")
    success_message = _("Saved.")

    def get_object(self, queryset=None):
        return self.request.user


def login_limit():
    return settings.LOGIN_LIMIT


@method_decorator(ratelimit("login", limit=login_limit, window=900), name="dispatch")
class PartnerLoginView(auth_views.LoginView):
    """Public: log-in for partners (staff log in at /admin/), rate limited per IP."""

    template_name = "partner/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class PartnerLogoutView(auth_views.LogoutView):
    """POST only: log out."""


@method_decorator(ratelimit("password-reset", limit=5, window=3600), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Public: ask for a reset link by e-mail (the answer never reveals if the address exists)."""

    template_name = "partner/password_reset_form.html"
    email_template_name = "partner/password_reset.txt"
    subject_template_name = "partner/password_reset_subject.txt"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("partner:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "partner/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Public with a valid token: set a new password (also used by invitations)."""

    template_name = "partner/password_reset_confirm.html"
    success_url = reverse_lazy("partner:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "partner/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Logged-in users: change the password."""

    template_name = "partner/password_change_form.html"
    success_url = reverse_lazy("partner:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "partner/password_change_done.html"


# --- error pages (handler400 … handler500 in quartier.urls) ------------------------------


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (a page left open for hours, cookies
    blocked): our own page in German, instead of Django's English-tagged one."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` (or what caused it) says the database cannot be reached just now."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def service_unavailable() -> HttpResponse:
    """503 with a page that needs neither the database nor the request (no context
    processors: the footer's office, the user and the messages all live in the database)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request):
    """Django calls this inside the `except` of the failure, so the error is at hand: a
    database that is down (restart, failover) is a 503 to try again, not a 500."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable()
    return HttpResponseServerError(render_to_string("500.html"))


class BenachrichtigungenView(LoginRequiredMixin, FormView):
    """Logged-in users (staff and partners): choose, per kind of notification, to get it
    immediately, in the daily digest or never."""

    template_name = "partner/benachrichtigungen_form.html"
    form_class = BenachrichtigungenForm
    success_url = reverse_lazy("partner:benachrichtigungen")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        einstellungen_speichern(user=self.request.user, wahl=form.cleaned_data)
        messages.success(self.request, _("Your notification settings are saved."))
        return super().form_valid(form)
