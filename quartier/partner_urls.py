"""The partner area at /partner/ (namespace ``partner``).

The log-in pages live here; each app adds its own partner pages in `<app>/partner_urls.py`
(a plain `urlpatterns` list), which is picked up below.
"""

from importlib import import_module

from django.urls import path

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
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("passwort-aendern/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passwort-aendern/fertig/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

for _app in ("netzwerk", "anliegen", "raeume", "veranstaltungen", "projekte", "zeitung"):
    try:
        _module = import_module(f"{_app}.partner_urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"{_app}.partner_urls":
            raise
        continue
    partner_patterns += _module.urlpatterns
