"""Which area (Quartier) a public page shows, and links that stay in it.

One installation serves many areas. Every public page exists once per area under the prefix
`/q/<slug>/` (`/q/hafenquartier/veranstaltungen/`), so a link to an area's page can be shared
and opens that area; the old paths without prefix (`/veranstaltungen/`) serve the default
area (`quartier.services.default_quartier`).

`QuartierMiddleware` reads the prefix and gives the request

- `request.quartier`: the area shown (fetched lazily for paths without prefix),
- `request.im_quartier_pfad`: whether the path carried a prefix,
- `request.urlconf`: the area's URLconf (`urlconf_fuer`), in which the public patterns sit
  under the area's prefix and everything else (partner area, back office, the chooser) where
  it always is. Every `{% url %}` and `reverse()` of the request thus keeps the area.

Objects are looked up with `im_quartier_oder_404`: an object of another area is a 404 under
a prefix; under the old paths it is redirected to its own area's page (bookmarks, links in
mails sent before areas had prefixes). Links to an object outside a request (mails) are built
with `url_im_quartier`.
"""

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.http import Http404, HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.functional import SimpleLazyObject, empty

PREFIX = re.compile(r"^/q/(?P<slug>[-a-zA-Z0-9_]+)(?P<rest>/.*)?$")


@dataclass(frozen=True)
class _Kontext:
    request: object
    # The slugs of other areas this request linked to (a page of photos of one concern in
    # the back office asks once, not per photo).
    slugs: dict = field(default_factory=dict)


_kontext: ContextVar[_Kontext | None] = ContextVar("quartier_kontext", default=None)


class AreaUrls:
    """The URLconf of one area: the public patterns under `q/<slug>/`, the rest as usual."""

    def __init__(self, slug: str):
        from . import urls

        self.slug = slug
        self.urlpatterns = [
            path(f"q/{slug}/", include(urls.public_patterns)),
            *urls.common_patterns,
        ]
        for code in (400, 403, 404, 500):
            setattr(self, f"handler{code}", getattr(urls, f"handler{code}"))

    def __repr__(self) -> str:
        return f"<AreaUrls {self.slug}>"


@cache
def urlconf_fuer(slug: str) -> AreaUrls:
    """One URLconf object per slug (Django caches a resolver per URLconf object)."""
    return AreaUrls(slug)


class AnderesQuartier(Exception):  # noqa: N818 (a signal to redirect, not an error)
    """The object asked for under an old path belongs to another area: go there."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def quartier_von(request):
    """The request's area as a plain object, for queries (None while no area is set up);
    `request.quartier` itself is evaluated only when a page uses it."""
    quartier = request.quartier
    if type(quartier) is SimpleLazyObject:
        if quartier._wrapped is empty:
            quartier._setup()
        quartier = quartier._wrapped
    return quartier


def im_quartier_oder_404(request, queryset, *, feld: str = "quartier", **lookup):
    """The object of `queryset` matching `lookup` in the request's area (`feld` is the path
    from the model to its Quartier, also through a many-to-many field). Under a prefix,
    another area's object is a 404; under the old paths without prefix it raises
    `AnderesQuartier` with the same page in the object's own area (the middleware
    redirects). One query (besides the request's area)."""
    quartier = quartier_von(request)
    quartier_id = quartier.pk if quartier else None
    qs = queryset.filter(**lookup).annotate(_bereich_id=F(feld), _bereich_slug=F(f"{feld}__slug"))
    # The object in the request's area first (an actor may be in several areas).
    obj = qs.order_by(
        Case(When(_bereich_id=quartier_id, then=Value(0)), default=Value(1)), "_bereich_id"
    ).first()
    if obj is None:
        raise Http404
    if obj._bereich_id == quartier_id:
        return obj
    if request.im_quartier_pfad or not obj._bereich_slug:
        raise Http404
    match = request.resolver_match
    url = reverse(match.view_name, kwargs=match.kwargs, urlconf=urlconf_fuer(obj._bereich_slug))
    query = request.META.get("QUERY_STRING", "")
    raise AnderesQuartier(f"{url}?{query}" if query else url)


def url_im_quartier(quartier, viewname: str, *, kwargs: dict | None = None) -> str:
    """A public URL of `quartier`'s pages. In a request of that area it keeps the request's
    form (with or without prefix); elsewhere the default area's is without prefix and every
    other area's under its prefix. `quartier` may be an id (fetched only when needed)."""
    from .models import Quartier

    quartier_id = getattr(quartier, "pk", quartier)
    kontext = _kontext.get()
    if kontext is not None and kontext.request.quartier_id == quartier_id:
        return reverse(viewname, kwargs=kwargs)
    if kontext is None:
        from .services import default_quartier

        standard = default_quartier()
        if standard is not None and standard.pk == quartier_id:
            return reverse(viewname, kwargs=kwargs, urlconf=settings.ROOT_URLCONF)
    slug = getattr(quartier, "slug", None)
    if slug is None:
        slugs = kontext.slugs if kontext is not None else {}
        if quartier_id not in slugs:
            slugs[quartier_id] = Quartier.objects.values_list("slug", flat=True).get(pk=quartier_id)
        slug = slugs[quartier_id]
    return reverse(viewname, kwargs=kwargs, urlconf=urlconf_fuer(slug))


def bereich(slug: str | None) -> tuple[int | None, object]:
    """The id of the area with this slug (None: the default area, DEFAULT_QUARTIER else the
    oldest), or None when there is none; and the area itself when it had to be read (else
    `empty`: whoever needs it reads it by id).

    Every public request asks this, also one served from the page cache: the id is kept in
    the shared cache under the `quartier` app's epoch, which every area saved or deleted
    bumps (quartier.cache), so a renamed, new or deleted area is seen at once."""
    from django.core.cache import cache

    from . import cache as seitencache
    from .models import Quartier

    def aus_der_datenbank():
        if slug is not None:
            quartier = Quartier.objects.filter(slug=slug).first()
        else:
            from .services import default_quartier

            quartier = default_quartier()
        return (quartier.pk if quartier else None), quartier

    if not settings.PUBLIC_CACHE_SECONDS:
        return aus_der_datenbank()
    key = (
        f"{seitencache.PREFIX}:bereich:{seitencache.epoche('quartier')}:"
        f"{settings.DEFAULT_QUARTIER or ''}:{slug or ''}"
    )
    wert = cache.get(key)
    if wert is not None:
        return (wert or None), empty
    quartier_id, quartier = aus_der_datenbank()
    cache.set(key, quartier_id or 0, settings.PUBLIC_CACHE_SECONDS)  # 0: no such area
    return quartier_id, quartier


class _Bereich:
    """The request's area, read once and only when asked for."""

    def __init__(self, slug: str | None):
        self.slug = slug
        self._id = self._quartier = empty

    def id(self) -> int | None:
        if self._id is empty:
            self._id, self._quartier = bereich(self.slug)
        return self._id

    def quartier(self):
        quartier_id = self.id()
        if self._quartier is empty:
            from .models import Quartier

            self._quartier = (
                None if quartier_id is None else Quartier.objects.filter(pk=quartier_id).first()
            )
        return self._quartier


class QuartierMiddleware:
    """Place it before CommonMiddleware (which resolves the path for APPEND_SLASH)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = PREFIX.match(request.path_info)
        if match:
            gewaehlt = _Bereich(match["slug"])
            request.im_quartier_pfad = True
            if gewaehlt.id() is None:
                return self._not_found(request)
            if match["rest"] is None:  # `/q/<slug>` without the slash
                return HttpResponseRedirect(f"{request.path}/")
            request.quartier_id = gewaehlt.id()
            request.urlconf = urlconf_fuer(match["slug"])
        else:
            gewaehlt = _Bereich(None)
            request.im_quartier_pfad = False
            request.quartier_id = SimpleLazyObject(gewaehlt.id)
        # The area itself only when a page shows it (a page from the cache does not).
        request.quartier = SimpleLazyObject(gewaehlt.quartier)
        token = _kontext.set(_Kontext(request))
        try:
            return self.get_response(request)
        finally:
            _kontext.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, AnderesQuartier):
            return HttpResponseRedirect(exception.url)
        return None

    @staticmethod
    def _not_found(request):
        from .services import default_quartier
        from .views import page_not_found

        request.quartier = SimpleLazyObject(default_quartier)
        request.quartier_id = None
        return page_not_found(request)
