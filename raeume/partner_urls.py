"""Partner pages of room booking, in the `partner` namespace under /partner/."""

from django.urls import path

from . import views

urlpatterns = [
    path("buchungen/", views.buchung_list, name="buchung_list"),
    path("buchungen/frei/", views.buchung_suche, name="buchung_suche"),
    path(
        "buchungen/abo/<int:akteur_pk>/erneuern/",
        views.buchung_feed_erneuern,
        name="buchung_feed_erneuern",
    ),
    path("buchungen/neu/", views.buchung_create, name="buchung_create"),
    path("buchungen/<int:pk>/", views.buchung_detail, name="buchung_detail"),
    path("buchungen/<int:pk>/stornieren/", views.buchung_stornieren, name="buchung_stornieren"),
    path("buchungen/<int:pk>/aendern/", views.buchung_aendern, name="buchung_aendern"),
]
