from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjekteConfig(AppConfig):
    name = "projekte"
    verbose_name = _("Projects")

    # Codename patterns per role, applied by quartier.roles.sync_roles after migrate.
    # The Quartiersmanagement decides money (`geld_entscheiden`: submitting and approving
    # projects, grants, payment requests, budgets, checking expenses); Mitarbeitende record
    # projects, plans and expenses. City staff read the figures, never the expenses and
    # reports (receipts and reports name people).
    role_permissions: dict[str, list[str]] = {
        "Quartiersmanagement": ["*"],
        "Mitarbeitende": [
            "view_*",
            "add_projekt",
            "change_projekt",
            "add_projektfoto",
            "change_projektfoto",
            "delete_projektfoto",
            "add_meilenstein",
            "change_meilenstein",
            "delete_meilenstein",
            "add_phase",
            "change_phase",
            "delete_phase",
            "add_indikator",
            "change_indikator",
            "delete_indikator",
            "add_kostenposition",
            "change_kostenposition",
            "add_finanzierungsposition",
            "change_finanzierungsposition",
            "add_ausgabe",
            "change_ausgabe",
            "change_sachbericht",
            "change_nachweis",
            # the Verfügungsfonds: record applications and take their steps; deciding and
            # paying is the Quartiersmanagement's (geld_entscheiden)
            "add_antrag",
            "change_antrag",
            "add_antragskosten",
            "change_antragskosten",
            "delete_antragskosten",
        ],
        "Stadtverwaltung": [
            "view_projekt",
            "view_projektfoto",
            "view_meilenstein",
            "view_phase",
            "view_indikator",
            "view_foerderprogramm",
            "view_bewilligung",
            "view_mittelabruf",
            "view_nachweis",
            "view_kostenposition",
            "view_finanzierungsposition",
            "view_budgetjahr",
            "view_fonds",
            "view_antragsrunde",
        ],
    }

    def ready(self):
        from quartier.datenschutz import registrieren

        from .datenschutz import BEREICH

        registrieren(BEREICH)
