from django.urls import path

from . import views

app_name = "projekte"

urlpatterns = [
    path("", views.projekt_list, name="projekt_list"),
    path("<slug:slug>/", views.projekt_detail, name="projekt_detail"),
    path("<slug:slug>/idee/", views.projekt_idee, name="projekt_idee"),
]
