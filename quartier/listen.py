"""The public lists' common tail: filtered, paginated, and only the results for htmx."""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 20


def gefilterte_liste(request, template: str, filterset, context: dict, *, page_size=PAGE_SIZE):
    """A filtered, paginated list; an htmx request gets only the template's `ergebnisse`
    partial (with the screen-reader announcement of the new count)."""
    paginator = Paginator(filterset.qs, page_size)
    page = paginator.get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context.update(filter=filterset, page_obj=page, query=query.urlencode())
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        context["htmx"] = True
        return render(request, f"{template}#ergebnisse", context)
    return render(request, template, context)
