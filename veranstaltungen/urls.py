from django.urls import path

from . import views

app_name = "veranstaltungen"

urlpatterns = [
    path("", views.veranstaltung_list, name="veranstaltung_list"),
    path("monat/", views.veranstaltung_monat, name="veranstaltung_monat"),
    path("feed.ics", views.veranstaltung_feed, name="veranstaltung_feed"),
    path("<int:pk>/", views.veranstaltung_detail, name="veranstaltung_detail"),
    path("<int:pk>/kalender.ics", views.veranstaltung_ics, name="veranstaltung_ics"),
    path("anmeldung/<token:token>/", views.anmeldung_detail, name="anmeldung_detail"),
]
