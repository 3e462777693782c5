"""The public page of the area's Verfügungsfonds, at /verfuegungsfonds/."""

from django.urls import path

from . import views

app_name = "verfuegungsfonds"

urlpatterns = [
    path("", views.fonds, name="fonds"),
]
