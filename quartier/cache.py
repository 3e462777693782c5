"""Public pages for anonymous readers from the shared cache, never stale.

Every app has a *version* in the shared cache (settings CACHES: locmem in tests, files or
Redis in production): one per area (`version(app, quartier_id)`), one for the pages that
show all areas, and an epoch of the app that every key of it includes. A write to any model
of an app (`post_save`, `post_delete`, `m2m_changed`; admin edits go through them too) bumps
the version of the object's area, or the app's epoch when the object has no area of its
own. It bumps at once (later reads in the same transaction and the same process see it) and
again on commit (a page rendered by another request between the two, from the data before
the commit, is stored under a key nobody asks for any more). Bulk `update()` and `delete()`
bypass signals: services that use them call `bump()` themselves.

A version is the time of the bump in nanoseconds. A version lost from the cache is read as
the time it is read again, so it is newer than every key stored before: losing it costs a
miss, never a stale page. The newest version is the page's `Last-Modified`.

`PUBLIC_CACHE_SECONDS=0` turns the page cache off. `@cached_public(*apps)` serves a GET
view from the cache. The key is the host, the full path with query, the language, the area
(`request.quartier_id`, when the request has an area), htmx's headers and the versions of
the apps the page shows. Only requests without a session or messages cookie are served or
stored (a logged-in user, or anyone with a session, gets a freshly rendered page), and only
responses that are the same for everybody are stored: 200, no cookies, no CSRF token
rendered, no message queued, nothing marked private (`PrivatePageMiddleware`,
`@private_page`, token routes). Stored and served responses carry an `ETag` and
`Last-Modified` with `Cache-Control: no-cache`, so browsers and calendar clients revalidate
and get `304 Not Modified` while nothing changed.
"""

import hashlib
import time
from functools import wraps

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

PREFIX = "quartier-cache"
ALLE = "alle"  # the pages that show every area
EPOCHE = "epoche"  # in every key of the app
# The apps whose models public pages show.
APPS = ("quartier", "anliegen", "netzwerk", "raeume", "veranstaltungen", "projekte", "zeitung")
# Models no public page shows, written often (log-ins, the mail outbox, the audit log,
# staff's notifications and their settings).
NICHT_OEFFENTLICH = {
    "quartier.user",
    "quartier.outgoingmail",
    "quartier.auditentry",
    "quartier.benachrichtigung",
    "quartier.benachrichtigungseinstellung",
    # a project's money and paperwork: only staff and its Träger see them
    "projekte.mittelabruf",
    "projekte.nachweis",
    "projekte.ausgabe",
    "projekte.sachbericht",
    "projekte.budgetjahr",
    # an application's cost plan and history: only the office and the applicant see them
    "projekte.antragskosten",
    "projekte.antragsschritt",
    # the newspaper's e-mail subscribers: never shown on a page
    "zeitung.abonnement",
    # the statistics office's figures (the area's own count is on the area) and the
    # report files made of them: only the back office and city staff see them
    "quartier.stadtteildaten",
    "quartier.berichtsdatei",
}
# The report for the city (`quartier.reporting`) reads every app's figures, the ones no
# public page shows too: its sections are kept under one version of their own (`BERICHT`),
# bumped with every version above and by every write of a model it reads that no public
# page shows, i.e. every model of the apps but these.
BERICHT = f"{PREFIX}:v:bericht"
NICHT_IM_BERICHT = {
    "quartier.user",
    "quartier.outgoingmail",
    "quartier.auditentry",
    "quartier.benachrichtigung",
    "quartier.benachrichtigungseinstellung",
    "quartier.berichtsdatei",
}
# Models written only together with another one that bumps (a receiver would also cost
# each bulk delete of theirs a SELECT: Django deletes fast only what nobody listens to).
MIT_ANDEREM = {
    # with its booking (saved, or bumped by the service: raeume.services._belegungen_anlegen)
    "raeume.belegung",
}

# The views served from the cache: name -> the apps they show (tests walk this).
CACHED_VIEWS: dict[str, tuple[str, ...]] = {}


def _key(app: str, quartier) -> str:
    return f"{PREFIX}:v:{app}:{quartier}"


def _now() -> int:
    return time.time_ns()


def versions(keys: list[str]) -> dict[str, int]:
    """The current versions of these keys, lost ones read as now (one cache round trip)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _now(), timeout=None)
            found[key] = cache.get(key) or _now()
    return found


def version(app: str, quartier_id=None) -> int:
    """The version of an app's pages for one area (None: the pages of all areas)."""
    return versions([_key(app, ALLE if quartier_id is None else quartier_id)])[
        _key(app, ALLE if quartier_id is None else quartier_id)
    ]


def epoche(app: str) -> int:
    """The epoch of an app: bumped by every write to one of its objects without an area (for
    the `quartier` app: every area saved or deleted)."""
    return versions([_key(app, EPOCHE)])[_key(app, EPOCHE)]


def _bump_now(app: str, quartier_ids) -> None:
    now = _now()
    if quartier_ids is None:
        keys = [_key(app, EPOCHE)]
    else:
        keys = [_key(app, ALLE)] + [_key(app, q) for q in quartier_ids]
    cache.set_many(dict.fromkeys([*keys, BERICHT], now), timeout=None)


def _bump_bericht_now() -> None:
    cache.set(BERICHT, _now(), timeout=None)


def _on_bericht_write(sender, instance, **kwargs):
    """A write of a model only the report reads: its kept sections are no longer served."""
    if kwargs.get("raw"):
        return
    _bump_bericht_now()
    transaction.on_commit(_bump_bericht_now)


def bump(app: str, quartier_id=None, *, quartier_ids=None) -> None:
    """After a write that pages of `app` show: their cached copies are no longer served.

    With an area (or several): the pages of those areas and of all areas; without: every
    page of the app. Now and again on commit (see the module docstring)."""
    ids = (
        quartier_ids
        if quartier_ids is not None
        else (None if quartier_id is None else [quartier_id])
    )
    ids = None if ids is None else list(ids)
    _bump_now(app, ids)
    transaction.on_commit(lambda: _bump_now(app, ids))


def _quartier_of(instance):
    """The area whose pages show this object; None when it has none (or several)."""
    return getattr(instance, "quartier_id", None)


def _on_write(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures
    app = sender._meta.app_label
    if isinstance(instance, type):  # m2m_changed with reverse=True sends the model class
        bump(app)
        return
    bump(app, _quartier_of(instance))


def connect_signals() -> None:
    """Called by QuartierConfig.ready(): every model of the public apps bumps its app."""
    for app in APPS:
        for model in django_apps.get_app_config(app).get_models():
            label = model._meta.label_lower
            uid = f"quartier-cache:{label}"
            if label in NICHT_OEFFENTLICH - NICHT_IM_BERICHT:
                post_save.connect(_on_bericht_write, sender=model, dispatch_uid=uid + ":bericht")
                post_delete.connect(_on_bericht_write, sender=model, dispatch_uid=uid + ":bdel")
            if label in NICHT_OEFFENTLICH | MIT_ANDEREM:
                continue
            post_save.connect(_on_write, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(_on_write, sender=model, dispatch_uid=uid + ":delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=uid + f":{field.name}")


def _on_m2m(sender, instance, action, model, **kwargs):
    if action.startswith("post_"):
        # Both sides may show the relation (an actor's areas, an event's target groups).
        bump(
            type(instance)._meta.app_label
            if not isinstance(instance, type)
            else instance._meta.app_label
        )
        bump(model._meta.app_label)


# --- serving ---


def cacheable_request(request) -> bool:
    """Only readers without any session: nobody with a log-in, a session or a message."""
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def storable(request, response) -> bool:
    """Whether this response is the same for every anonymous reader."""
    from .middleware import is_private

    if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token was rendered: it belongs to this reader only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if queued:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    return not is_private(request)


def quartier_id_of(request) -> int | None:
    """The area of the request's page (`request.quartier_id`, plain or lazy), or None."""
    wert = str(getattr(request, "quartier_id", None))  # a lazy object: its value
    return int(wert) if wert.isdigit() else None


def page_key(request, apps: tuple[str, ...]) -> tuple[str, int]:
    """The key of this page now and its newest version (its Last-Modified)."""
    quartier_id = quartier_id_of(request)
    bereich = ALLE if quartier_id is None else quartier_id
    keys = [_key(app, EPOCHE) for app in apps] + [_key(app, bereich) for app in apps]
    found = versions(keys)
    stand = ".".join(str(found[k]) for k in keys)
    # An htmx request gets only the results fragment of the same URL.
    htmx = f"{request.headers.get('HX-Request', '')}/{request.headers.get('HX-Boosted', '')}"
    raw = "|".join(
        [request.get_host(), request.get_full_path(), get_language() or "", str(bereich), htmx]
        + [stand]
    )
    return f"{PREFIX}:p:{hashlib.sha256(raw.encode()).hexdigest()}", max(found.values())


def _conditional(request, response, last_modified_ns: int):
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    response["Last-Modified"] = http_date(last_modified_ns // 1_000_000_000)
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=last_modified_ns // 1_000_000_000,
        response=response,
    )


def cached_public(*apps: str, timeout: int | None = None):
    """Serve an anonymous reader's GET of this public view from the shared cache.

    `apps`: every app whose data the page shows (a write there makes a new key)."""
    unbekannt = set(apps) - set(APPS)
    if unbekannt:
        raise ValueError(f"no cache version for {sorted(unbekannt)}")

    def decorator(view):
        CACHED_VIEWS[f"{view.__module__}.{view.__name__}"] = apps

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            dauer = settings.PUBLIC_CACHE_SECONDS if timeout is None else timeout
            if not dauer or not cacheable_request(request):
                return view(request, *args, **kwargs)
            key, stand = page_key(request, apps)
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                if not storable(request, response):
                    return response
                cache.set(key, response, dauer)
            return _conditional(request, response, stand)

        wrapper.cached_apps = apps
        return wrapper

    return decorator


def gespeichert(app: str, quartier_id, name: str, berechnen, timeout: int | None = None):
    """A value computed from `app`'s data of one area (figures, a chart), kept until the
    next write there (the same versions as the pages)."""
    bereich = ALLE if quartier_id is None else quartier_id
    keys = [_key(app, EPOCHE), _key(app, bereich)]
    found = versions(keys)
    key = f"{PREFIX}:w:{app}:{bereich}:{name}:" + ".".join(str(found[k]) for k in keys)
    wert = cache.get(key)
    if wert is None:
        wert = berechnen()
        cache.set(key, wert, settings.PUBLIC_CACHE_SECONDS if timeout is None else timeout)
    return wert


def im_bericht(name: str, berechnen, timeout: int):
    """A report section computed from every app's data, kept until the next write to any
    of it (`BERICHT`) or for `timeout` seconds (0: not kept)."""
    if not timeout:
        return berechnen()
    key = f"{PREFIX}:b:{name}:{versions([BERICHT])[BERICHT]}"
    wert = cache.get(key)
    if wert is None:
        wert = berechnen()
        cache.set(key, wert, timeout)
    return wert
