"""Partner pages of the newspaper, in the `partner` namespace under /partner/."""

from django.urls import path

from . import partner_views

urlpatterns = [
    path("zeitung/", partner_views.artikel_partner_list, name="artikel_partner_list"),
    path("zeitung/neu/", partner_views.artikel_einreichen, name="artikel_einreichen"),
    path("zeitung/<int:pk>/", partner_views.artikel_partner_detail, name="artikel_partner_detail"),
]
