"""Partner pages of events, in the `partner` namespace under /partner/."""

from django.urls import path

from . import views

urlpatterns = [
    path("veranstaltungen/", views.veranstaltung_partner_list, name="veranstaltung_partner_list"),
    path("veranstaltungen/neu/", views.veranstaltung_einreichen, name="veranstaltung_einreichen"),
    path(
        "veranstaltungen/<int:pk>/",
        views.veranstaltung_partner_detail,
        name="veranstaltung_partner_detail",
    ),
]
