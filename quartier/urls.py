from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .partner_urls import partner_patterns
from .ratelimit import ratelimit

# Each section is routed explicitly under its stable German path (DESIGN.md); each app owns
# its URL module with its own `app_name`. An app that is not written yet has no entry here.
#
# The public pages of one area. Here without prefix they serve the default area; every area
# also has them under `/q/<slug>/` (quartier.bereich: the middleware gives such a request its
# area's URLconf, so every link on the page stays in the area).
public_patterns = [
    path("", views.home, name="home"),
    path("seite/<slug:art>/", views.seite, name="seite"),
    # The chooser of areas: under a prefix it knows which area the resident comes from.
    path("quartiere/", views.quartier_wahl, name="quartier_wahl"),
    path("anliegen/", include("anliegen.urls")),
    path("netzwerk/", include("netzwerk.urls")),
    path("veranstaltungen/", include("veranstaltungen.urls")),
    path("raeume/", include("raeume.urls")),
    path("projekte/", include("projekte.urls")),
    path("verfuegungsfonds/", include("projekte.fonds_urls")),
    path("zeitung/", include("zeitung.urls")),
]

# What is the same for every area: the partner area, the back office.
common_patterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("partner/", include((partner_patterns, "partner"))),
    # The report for the city: staff only, for their areas, so the same for every prefix.
    path("berichte/", include("quartier.report_urls")),
    # The back office's log-in, rate limited like the partner log-in (same counter).
    path(
        "admin/login/",
        ratelimit("login", limit=views.login_limit, window=900)(admin.site.login),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    common_patterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns = public_patterns + common_patterns

# Our error pages: German, and none of them reads the request body again (Django's own
# re-run the CSRF check, which a malformed body makes fail once more). 500 becomes 503 with
# Retry-After while the database is unreachable.
handler400 = "quartier.views.bad_request"
handler403 = "quartier.views.permission_denied"
handler404 = "quartier.views.page_not_found"
handler500 = "quartier.views.server_error"
