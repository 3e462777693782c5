"""The public pages of the area's Verfügungsfonds, at /verfuegungsfonds/: the fund, the
application without an account and the applicant's private link."""

from django.urls import path

from . import views

app_name = "verfuegungsfonds"

urlpatterns = [
    path("", views.fonds, name="fonds"),
    path("foto/<int:pk>/", views.fonds_foto, name="fonds_foto"),
    path("antrag/", views.antrag_neu, name="antrag_neu"),
    path("antrag/quittung/", views.antrag_quittung, name="antrag_quittung"),
    path("antrag/<token:token>/", views.antrag_verfolgen, name="antrag_verfolgen"),
    path("antrag/<token:token>/bearbeiten/", views.antrag_bearbeiten, name="antrag_bearbeiten"),
    path("antrag/<token:token>/antworten/", views.antrag_antworten, name="antrag_antworten"),
    path("antrag/<token:token>/nachweis/", views.antrag_nachweis, name="antrag_nachweis"),
    path(
        "antrag/<token:token>/zurueckziehen/",
        views.antrag_zurueckziehen,
        name="antrag_zurueckziehen",
    ),
    path("antrag/<token:token>/datei/<int:pk>/", views.antrag_datei, name="antrag_datei"),
    path(
        "antrag/<token:token>/<slug:art>.pdf",
        views.antrag_brief,
        name="antrag_brief",
    ),
]
