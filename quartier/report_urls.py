from django.urls import path

from . import report_views

app_name = "berichte"

urlpatterns = [
    path("", report_views.bericht, name="bericht"),
    path("pdf/", report_views.bericht_pdf, name="pdf"),
    path("pdf/<int:pk>/", report_views.datei, name="datei"),
    path("pdf/<int:pk>/datei/", report_views.datei_pdf, name="datei_pdf"),
]
