"""Two guards around every request.

`MalformedRequestMiddleware` answers 400 with our page to what Django cannot parse or what
PostgreSQL would refuse, before the CSRF check or a view reads it. Django raises on such a
body again in its own error path (the default error pages re-run the CSRF check, which reads
the body once more), so without this guard a broken request became a bare 500.

`PrivatePageMiddleware` sends `Cache-Control: private, no-store` for every page that is not
the same for everybody: a route with a token (`quartier.converters`), the partner area and
the back office, any page shown to a logged-in user, and views marked `@private_page`.
Public pages for residents without an account stay cacheable.
"""

import logging
from functools import wraps
from urllib.parse import unquote_to_bytes

from django.contrib.auth import SESSION_KEY
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import add_never_cache_headers

from .converters import PRIVATE_CONVERTERS

logger = logging.getLogger(__name__)

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# What browsers send for our UTF-8 pages. Anything else would be decoded wrongly (or, for
# URL-encoded forms, be refused by Django in a way its error pages cannot survive).
ACCEPTED_CHARSETS = {"utf-8", "utf8"}
# PostgreSQL cannot store a NUL character in any text column: refused at the door.
NUL = "\x00"

UNREADABLE_BODY = (
    BadRequest,
    SuspiciousOperation,  # RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, …
    MultiPartParserError,
    UnreadablePostError,
    UnicodeDecodeError,
)


def _has_nul(querydict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


class MalformedRequestMiddleware:
    """Place it before the session, CSRF and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._drop_broken_cookies(request)
        problem = self.problem(request)
        if problem:
            from .views import bad_request

            logger.info("Bad request %s %s: %s", request.method, request.path_info[:200], problem)
            return bad_request(request, exception=None)
        return self.get_response(request)

    @staticmethod
    def _drop_broken_cookies(request) -> None:
        """A cookie with a NUL byte (a session key nobody issued) is treated as absent."""
        cookies = request.COOKIES
        if any(NUL in name or NUL in value for name, value in cookies.items()):
            request.COOKIES = {
                name: value
                for name, value in cookies.items()
                if NUL not in name and NUL not in value
            }

    def problem(self, request) -> str:
        """Why the request cannot be answered normally; empty when it can."""
        if NUL in request.path_info:
            return "NUL byte in the path"
        try:
            if _has_nul(request.GET):
                return "NUL byte in the query string"
        except SuspiciousOperation as exc:
            return type(exc).__name__
        if request.method != "POST" or request.content_type not in FORM_TYPES:
            return ""
        charset = request.content_params.get("charset")
        if charset is not None and charset.strip().lower() not in ACCEPTED_CHARSETS:
            return f"charset {charset[:40]!r}"
        try:
            if request.content_type == "application/x-www-form-urlencoded":
                # Percent-escapes must decode to UTF-8 too (Django would silently replace).
                unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
            post, files = request.POST, request.FILES
        except UNREADABLE_BODY as exc:
            return f"unreadable body ({type(exc).__name__})"
        if _has_nul(post):
            return "NUL byte in a form field"
        if any(NUL in name or NUL in (upload.name or "") for name, upload in files.items()):
            return "NUL byte in a file name"
        return ""


def is_private(request) -> bool:
    """Whether the response to this request must not be stored by any cache."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        if {"partner", "admin"} & set(match.namespaces):
            return True
        route = match.route or ""
        if any(f"<{name}:" in route for name in PRIVATE_CONVERTERS):
            return True
    session = getattr(request, "session", None)
    # A page that looked at the session of a logged-in user shows what is theirs (their
    # name, their log-out form). Reading the flag costs no query: an accessed session is
    # already loaded.
    return bool(session is not None and session.accessed and SESSION_KEY in session)


def mark_private(response) -> None:
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private


class PrivatePageMiddleware:
    """Place it after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            mark_private(response)
        return response


def private_page(view):
    """For a private page that neither has a token in its route nor needs a log-in (e.g.
    one found by case number and PIN): its responses are never cached."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_private(response)
        return response

    return wrapper
