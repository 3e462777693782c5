from django.urls import path

from . import views

app_name = "netzwerk"

urlpatterns = [
    path("", views.akteur_list, name="akteur_list"),
    path("akteure/<slug:slug>/", views.akteur_detail, name="akteur_detail"),
    path("angebote/", views.angebot_list, name="angebot_list"),
    path("gremien/", views.gremium_list, name="gremium_list"),
    path("gremien/<slug:slug>/", views.gremium_detail, name="gremium_detail"),
    path(
        "gremien/<slug:slug>/sitzungen/<int:pk>/protokoll.pdf",
        views.sitzung_protokoll,
        name="sitzung_protokoll",
    ),
]
