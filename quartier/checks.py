from django.conf import settings
from django.core.checks import Error, register


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
