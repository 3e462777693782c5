import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

application = get_wsgi_application()

from quartier.checks import secret_key_problem  # noqa: E402  (needs the settings loaded)

if problem := secret_key_problem():
    raise ImproperlyConfigured(problem)
