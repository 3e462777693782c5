from django.urls import path

from . import views

app_name = "zeitung"

urlpatterns = [
    path("", views.ausgabe_list, name="ausgabe_list"),
    path("feed.atom", views.feed, name="feed"),
    path("abonnieren/", views.abonnieren, name="abonnieren"),
    path(
        "abonnieren/<token:token>/",
        views.abonnement_bestaetigen,
        name="abonnement_bestaetigen",
    ),
    path("abbestellen/<token:token>/", views.abbestellen, name="abbestellen"),
    path("<int:nummer>/", views.ausgabe_detail, name="ausgabe_detail"),
    path("<int:nummer>/pdf/", views.ausgabe_pdf, name="ausgabe_pdf"),
    path("<int:nummer>/artikel/<int:pk>/", views.artikel_detail, name="artikel_detail"),
    path(
        "<int:nummer>/artikel/<int:pk>/fotos/<int:foto>/",
        views.artikel_foto,
        name="artikel_foto",
    ),
]
