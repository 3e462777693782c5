from django.contrib import admin

from quartier.admin import QuartierScopedAdmin

from .models import Akteur, Handlungsfeld


@admin.register(Akteur)
class AkteurAdmin(QuartierScopedAdmin):
    quartier_lookup = "quartiere"
    list_display = ["name", "art", "oeffentlich"]
    list_filter = ["art", "oeffentlich", "quartiere"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["quartiere", "mitglieder"]


@admin.register(Handlungsfeld)
class HandlungsfeldAdmin(admin.ModelAdmin):
    list_display = ["name", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
