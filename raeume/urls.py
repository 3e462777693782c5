from django.urls import path

from . import views

app_name = "raeume"

urlpatterns = [
    path("", views.raum_list, name="raum_list"),
    path("kalender/<token:token>.ics", views.akteur_feed, name="akteur_feed"),
    path("schadensfotos/<int:pk>/", views.schadensfoto, name="schadensfoto"),
    path("<slug:slug>/", views.raum_detail, name="raum_detail"),
    path("<slug:slug>/belegung.ics", views.raum_feed, name="raum_feed"),
]
