"""A per-IP rate limit in the cache, answering with the friendly 429 page.

@ratelimit("anliegen-neu", limit=10, window=3600)   # POSTs per IP and hour
def view(request): ...
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address. Behind `NUM_PROXIES` trusted proxies it is the entry those
    proxies appended to X-Forwarded-For (entries further left can be forged by the client);
    without proxies, REMOTE_ADDR."""
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one request; True while within `limit` per `window` seconds."""
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]  # no raw IPs in the cache
    key = f"ratelimit:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def too_many(request):
    return render(request, "429.html", status=429)


def ratelimit(scope: str, *, limit, window: int, methods=("POST",)):
    """`limit` may be a callable (read from settings at request time)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                allowed = limit() if callable(limit) else limit
                if not hit(scope, client_ip(request), limit=allowed, window=window):
                    return too_many(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
