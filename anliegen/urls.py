from django.urls import path

from . import views

app_name = "anliegen"

urlpatterns = [
    path("", views.anliegen_list, name="anliegen_list"),
    path("neu/", views.anliegen_create, name="anliegen_create"),
    path("neu/quittung/", views.anliegen_quittung, name="anliegen_quittung"),
    path("pin/", views.anliegen_pin, name="anliegen_pin"),
    path("nr/<str:nummer>/", views.anliegen_detail, name="anliegen_detail"),
    path("foto/<int:pk>/", views.foto, name="foto"),
    path(
        "weiterleitung/<str:token>/",
        views.weiterleitung_antwort,
        name="weiterleitung_antwort",
    ),
    path(
        "weiterleitung/<str:token>/foto/<int:pk>/",
        views.weiterleitung_foto,
        name="weiterleitung_foto",
    ),
    path("<str:token>/", views.anliegen_verfolgen, name="anliegen_verfolgen"),
    path("<str:token>/ergaenzen/", views.anliegen_ergaenzen, name="anliegen_ergaenzen"),
    path("<str:token>/nicht-geloest/", views.anliegen_nicht_geloest, name="anliegen_nicht_geloest"),
    path("<str:token>/zurueckziehen/", views.anliegen_zurueckziehen, name="anliegen_zurueckziehen"),
    path(
        "<str:token>/einwilligung-widerrufen/",
        views.anliegen_einwilligung_widerrufen,
        name="anliegen_einwilligung_widerrufen",
    ),
]
