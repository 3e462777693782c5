"""Partner pages of the network, in the `partner` namespace under /partner/."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisation/<slug:slug>/", views.akteur_edit, name="akteur_edit"),
    path("organisation/<slug:slug>/angebote/neu/", views.angebot_create, name="angebot_create"),
    path("organisation/<slug:slug>/angebote/<int:pk>/", views.angebot_edit, name="angebot_edit"),
    path(
        "organisation/<slug:slug>/angebote/<int:pk>/loeschen/",
        views.angebot_delete,
        name="angebot_delete",
    ),
    path(
        "organisation/<slug:slug>/ansprechpersonen/neu/",
        views.ansprechperson_create,
        name="ansprechperson_create",
    ),
    path(
        "organisation/<slug:slug>/ansprechpersonen/<int:pk>/",
        views.ansprechperson_edit,
        name="ansprechperson_edit",
    ),
    path(
        "organisation/<slug:slug>/ansprechpersonen/<int:pk>/loeschen/",
        views.ansprechperson_delete,
        name="ansprechperson_delete",
    ),
]
