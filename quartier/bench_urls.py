"""The URLconf of `make bench` (QUARTIER_BENCH=1): the portal's URLs plus the floor.

The floor is the cheapest page this server can answer: no template, no query, but the same
middleware, the same gunicorn and the same run as every measured page. Each figure of the
benchmark is also given as a share of the floor's, which holds on a noisy machine. It lives
in its own URLconf so production never routes it (and the permission matrix, which lists
every routed URL, does not see it).
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from .urls import handler400, handler403, handler404, handler500  # noqa: F401 (the same pages)
from .urls import urlpatterns as portal_urlpatterns


@require_GET
def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-floor/", floor, name="bench_floor"), *portal_urlpatterns]
