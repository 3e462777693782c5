"""The URL converters for what a URL carries in place of an id.

A token admits only its own alphabet and a bounded length, so nothing else (a NUL byte, ten
thousand characters, a quote) reaches a view or the database: such a URL is simply a 404.
And a route with a token is a private page: `quartier.middleware.PrivatePageMiddleware`
sends `Cache-Control: private, no-store` for every route that uses one of these converters.

    path("anmeldung/<token:token>/", views.anmeldung_detail, name="anmeldung_detail")

Registered when the `quartier` app is ready (before any URL module is loaded).
"""

from django.urls import register_converter


class TokenConverter:
    """A private link's token: `secrets.token_urlsafe` (URL-safe base64), or Django's
    password-reset token (base 36 and hex, joined by a dash)."""

    regex = r"[A-Za-z0-9_-]{4,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class UidConverter(TokenConverter):
    """A user's id in a password-reset link (`urlsafe_base64_encode` of the primary key)."""

    regex = r"[A-Za-z0-9_-]{1,32}"


# Converter name -> class. Routes using these names are private pages (never cached).
PRIVATE_CONVERTERS = {"token": TokenConverter, "uidb64": UidConverter}


def register() -> None:
    for name, converter in PRIVATE_CONVERTERS.items():
        register_converter(converter, name)
