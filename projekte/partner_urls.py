"""Partner pages of projects, in the `partner` namespace under /partner/."""

from django.urls import path

from . import partner_views

urlpatterns = [
    path("projekte/", partner_views.projekt_list, name="projekt_list"),
    path("projekte/<int:pk>/", partner_views.projekt_detail, name="projekt_detail"),
    path("projekte/<int:pk>/ausgaben/neu/", partner_views.ausgabe_create, name="ausgabe_create"),
    path("projekte/ausgaben/<int:pk>/beleg/", partner_views.beleg, name="ausgabe_beleg"),
]
