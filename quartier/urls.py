from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .partner_urls import partner_patterns
from .ratelimit import ratelimit

# The public sections and their stable German paths (DESIGN.md). Each app owns its URL
# module (with its own `app_name`); a section is routed as soon as its module exists.
SECTION_URLS = [
    ("anliegen/", "anliegen.urls"),
    ("netzwerk/", "netzwerk.urls"),
    ("veranstaltungen/", "veranstaltungen.urls"),
    ("raeume/", "raeume.urls"),
    ("projekte/", "projekte.urls"),
    ("verfuegungsfonds/", "projekte.verfuegungsfonds_urls"),
    ("zeitung/", "zeitung.urls"),
    ("berichte/", "quartier.berichte_urls"),
]


def _optional_module(dotted: str):
    try:
        return import_module(dotted)
    except ModuleNotFoundError as exc:
        if exc.name == dotted:
            return None
        raise


urlpatterns = [
    path("", views.home, name="home"),
    path("seite/<slug:art>/", views.seite, name="seite"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("partner/", include((partner_patterns, "partner"))),
    # The back office's log-in, rate limited like the partner log-in (same counter).
    path(
        "admin/login/",
        ratelimit("login", limit=views.login_limit, window=900)(admin.site.login),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]
urlpatterns += [
    path(prefix, include(module))
    for prefix, dotted in SECTION_URLS
    if (module := _optional_module(dotted)) is not None
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
