from django.urls import path, register_converter

from . import views


class NummerConverter:
    regex = r"A-[0-9]{4}-[0-9]{5,8}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(NummerConverter, "anliegen_nummer")

app_name = "anliegen"

urlpatterns = [
    path("", views.anliegen_list, name="anliegen_list"),
    path("neu/", views.anliegen_create, name="anliegen_create"),
    path("neu/quittung/", views.anliegen_quittung, name="anliegen_quittung"),
    path("pin/", views.anliegen_pin, name="anliegen_pin"),
    path("nr/<anliegen_nummer:nummer>/", views.anliegen_detail, name="anliegen_detail"),
    path("foto/<int:pk>/", views.foto, name="foto"),
    path(
        "weiterleitung/<token:token>/",
        views.weiterleitung_antwort,
        name="weiterleitung_antwort",
    ),
    path(
        "weiterleitung/<token:token>/foto/<int:pk>/",
        views.weiterleitung_foto,
        name="weiterleitung_foto",
    ),
    path("<token:token>/", views.anliegen_verfolgen, name="anliegen_verfolgen"),
    path("<token:token>/foto/<int:pk>/", views.anliegen_foto, name="anliegen_foto"),
    path("<token:token>/ergaenzen/", views.anliegen_ergaenzen, name="anliegen_ergaenzen"),
    path(
        "<token:token>/nicht-geloest/",
        views.anliegen_nicht_geloest,
        name="anliegen_nicht_geloest",
    ),
    path(
        "<token:token>/zurueckziehen/",
        views.anliegen_zurueckziehen,
        name="anliegen_zurueckziehen",
    ),
    path(
        "<token:token>/status-mails/",
        views.anliegen_statusmails,
        name="anliegen_statusmails",
    ),
    path(
        "<token:token>/abbestellen/",
        views.anliegen_abbestellen,
        name="anliegen_abbestellen",
    ),
    path(
        "<token:token>/einwilligung-widerrufen/",
        views.anliegen_einwilligung_widerrufen,
        name="anliegen_einwilligung_widerrufen",
    ),
]
