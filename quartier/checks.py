from django.conf import settings
from django.core.checks import Error, Warning, register


def secret_key_problem() -> str | None:
    if getattr(settings, "SECRET_KEY_IS_DEV", False) and not (settings.DEBUG or settings.TESTING):
        return "SECRET_KEY must be set when DEBUG is off."
    return None


# A deploy check (`manage.py check --deploy`), so development commands like makemigrations run
# without configuration; the WSGI application refuses to load regardless (quartier.wsgi).
@register(deploy=True)
def secret_key_check(app_configs, **kwargs):
    problem = secret_key_problem()
    if problem:
        return [Error(problem, hint="Set the SECRET_KEY environment variable.", id="quartier.E001")]
    return []


# While a legal page still holds a placeholder (text in square brackets that neither the
# area's data nor staff have filled in), it is no legal notice: `check --deploy` names each.
@register(deploy=True)
def legal_page_placeholder_check(app_configs, **kwargs):
    from django.db import DatabaseError

    from .models import Quartier, Seite
    from .seiten import offene_platzhalter

    try:
        seiten = list(Seite.objects.order_by("art"))
        quartiere = list(Quartier.objects.order_by("name")) or [None]
    except DatabaseError:  # no database yet (a fresh machine): nothing to check
        return []
    warnings = []
    for seite in seiten:
        for quartier in quartiere:
            for platzhalter in offene_platzhalter(seite.inhalt, quartier):
                where = f"“{seite.titel}” ({quartier})" if quartier else f"“{seite.titel}”"
                warnings.append(
                    Warning(
                        f"The legal page {where} still holds the placeholder {platzhalter}.",
                        hint=(
                            "Fill in the area's legal details in the back office (Areas) or "
                            "replace the placeholder in the page's text (Legal pages)."
                        ),
                        obj=seite,
                        id="quartier.W001",
                    )
                )
    return warnings
