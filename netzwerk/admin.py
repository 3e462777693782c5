from django.contrib import admin

from quartier.admin import QuartierScopedAdmin

from .models import Akteur


@admin.register(Akteur)
class AkteurAdmin(QuartierScopedAdmin):
    quartier_lookup = "quartiere"
    list_display = ["name", "art", "oeffentlich"]
    list_filter = ["art", "oeffentlich", "quartiere"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["quartiere", "mitglieder"]
