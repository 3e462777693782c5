"""The partner area at /partner/ (namespace ``partner``).

The log-in pages live here; the apps with partner pages keep them in `<app>/partner_urls.py`
(a plain `urlpatterns` list without `app_name`), included below by name.
"""

from django.urls import include, path

from . import views

partner_patterns = [
    path("", views.PartnerStartView.as_view(), name="start"),
    path("anmelden/", views.PartnerLoginView.as_view(), name="login"),
    path("abmelden/", views.PartnerLogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64:uidb64>/<token:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/", views.KontoView.as_view(), name="konto"),
    path("passwort-aendern/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passwort-aendern/fertig/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "benachrichtigungen/",
        views.BenachrichtigungenView.as_view(),
        name="benachrichtigungen",
    ),
    path("", include("netzwerk.partner_urls")),
    path("", include("raeume.partner_urls")),
    path("", include("veranstaltungen.partner_urls")),
    path("", include("projekte.partner_urls")),
    path("", include("zeitung.partner_urls")),
]
