"""Partner pages of projects, in the `partner` namespace under /partner/."""

from django.urls import path

from . import partner_views

urlpatterns = [
    path("projekte/", partner_views.projekt_list, name="projekt_list"),
    path("projekte/<int:pk>/", partner_views.projekt_detail, name="projekt_detail"),
    path("projekte/<int:pk>/ausgaben/neu/", partner_views.ausgabe_create, name="ausgabe_create"),
    path("projekte/ausgaben/<int:pk>/beleg/", partner_views.beleg, name="ausgabe_beleg"),
    path(
        "projekte/<int:pk>/sachberichte/neu/",
        partner_views.sachbericht_create,
        name="sachbericht_create",
    ),
    path(
        "projekte/sachberichte/<int:pk>/",
        partner_views.sachbericht_update,
        name="sachbericht_update",
    ),
    path(
        "projekte/sachberichte/<int:pk>/datei/",
        partner_views.sachbericht_datei,
        name="sachbericht_datei",
    ),
]
