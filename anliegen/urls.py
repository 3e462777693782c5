from django.urls import path, register_converter

from . import views


class NummerConverter:
    regex = r"A-[0-9]{4}-[0-9]{5,8}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TokenConverter:
    """Tokens from secrets.token_urlsafe: nothing else reaches the database."""

    regex = r"[A-Za-z0-9_-]{4,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(NummerConverter, "anliegen_nummer")
register_converter(TokenConverter, "anliegen_token")

app_name = "anliegen"

urlpatterns = [
    path("", views.anliegen_list, name="anliegen_list"),
    path("neu/", views.anliegen_create, name="anliegen_create"),
    path("neu/quittung/", views.anliegen_quittung, name="anliegen_quittung"),
    path("pin/", views.anliegen_pin, name="anliegen_pin"),
    path("nr/<anliegen_nummer:nummer>/", views.anliegen_detail, name="anliegen_detail"),
    path("foto/<int:pk>/", views.foto, name="foto"),
    path(
        "weiterleitung/<anliegen_token:token>/",
        views.weiterleitung_antwort,
        name="weiterleitung_antwort",
    ),
    path(
        "weiterleitung/<anliegen_token:token>/foto/<int:pk>/",
        views.weiterleitung_foto,
        name="weiterleitung_foto",
    ),
    path("<anliegen_token:token>/", views.anliegen_verfolgen, name="anliegen_verfolgen"),
    path("<anliegen_token:token>/ergaenzen/", views.anliegen_ergaenzen, name="anliegen_ergaenzen"),
    path(
        "<anliegen_token:token>/nicht-geloest/",
        views.anliegen_nicht_geloest,
        name="anliegen_nicht_geloest",
    ),
    path(
        "<anliegen_token:token>/zurueckziehen/",
        views.anliegen_zurueckziehen,
        name="anliegen_zurueckziehen",
    ),
    path(
        "<anliegen_token:token>/status-mails/",
        views.anliegen_statusmails,
        name="anliegen_statusmails",
    ),
    path(
        "<anliegen_token:token>/abbestellen/",
        views.anliegen_abbestellen,
        name="anliegen_abbestellen",
    ),
    path(
        "<anliegen_token:token>/einwilligung-widerrufen/",
        views.anliegen_einwilligung_widerrufen,
        name="anliegen_einwilligung_widerrufen",
    ),
]
