"""Nothing on a back-office page leads to a refusal: every persona on staff opens the change
page of every object of the admin matrix (`ADMIN` in test_admin_matrix.py) and the custom
pages of one object, and every link, button and form target on it answers that persona
without 403 or 404 (a form posting to a POST-only view may answer 405 to the GET).

Buttons are shown only to those whose permission allows what they lead to."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from ..utils import client_for
from .test_admin_matrix import ADMIN, KNOWN_BUGS, STAFF


class Ziele(HTMLParser):
    """The targets of a page: `href` of links, `action` of forms (the page itself when
    empty), `formaction` of buttons."""

    def __init__(self):
        super().__init__()
        self.ziele: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.ziele.append(attrs["href"])
        elif tag == "form":
            self.ziele.append(attrs.get("action") or "")
        elif tag in ("button", "input") and attrs.get("formaction"):
            self.ziele.append(attrs["formaction"])


def ziele(url: str, html: str) -> set[str]:
    parser = Ziele()
    parser.feed(html)
    gefunden = set()
    for ziel in parser.ziele:
        if ziel.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolut = urljoin(url, ziel)
        teile = urlsplit(absolut)
        if teile.netloc not in ("", "testserver"):
            continue
        pfad = teile.path
        if pfad.startswith((settings.STATIC_URL, "/admin/logout/")):
            continue
        gefunden.add(pfad + (f"?{teile.query}" if teile.query else ""))
    return gefunden


def _custom_pages(label: str, obj) -> list[str]:
    """The change page and the model's custom pages of this one object."""
    from django.apps import apps
    from django.contrib import admin

    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    app_label, model_name = label.split(".")
    urls = [reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])]
    prefix = f"{app_label}_{model_name}_"
    for pattern in model_admin.get_urls():
        name = pattern.name or ""
        suffix = name.removeprefix(prefix)
        if not name.startswith(prefix) or suffix in ("change", "delete", "history"):
            continue
        converters = pattern.pattern.converters
        if list(converters) == ["pk"]:
            urls.append(reverse(f"admin:{name}", args=[obj.pk]))
    return urls


# What a target answered a persona: the world is the same in every test (a fresh copy of
# one snapshot, the same rows and keys) and a GET changes nothing (test_get_writes_nothing),
# so a link every change page shows (the sidebar's changelists, the user links) is asked
# once per persona and process, not once per page.
_ANTWORTEN: dict[tuple[str, str], int] = {}


CASES = [
    pytest.param(label, persona, id=f"{label}-{persona}")
    for label in sorted(ADMIN)
    for persona in STAFF
    if (label, persona) not in KNOWN_BUGS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "persona"), CASES)
def test_nothing_shown_on_a_change_page_is_refused(world, label, persona):
    obj = ADMIN[label].obj(world)
    client = client_for(world, persona)
    abgelehnt = []
    # The change pages the admin matrix knows to fail for this persona stay out of it.
    bekannt = tuple(
        "/admin/{}/{}/".format(*bug_label.split("."))
        for bug_label, bug_persona in KNOWN_BUGS
        if bug_persona == persona
    )
    geprueft: set[str] = set()
    for seite in _custom_pages(label, obj):
        response = client.get(seite)
        if response.status_code != 200:
            continue  # what the persona may not open is the admin matrix's concern
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # a download (a receipt, a spreadsheet) offers no links
        for ziel in ziele(seite, response.content.decode()) - geprueft:
            geprueft.add(ziel)
            if bekannt and ziel.startswith(bekannt) and not ziel.endswith("/history/"):
                continue
            status = _ANTWORTEN.get((persona, ziel))
            if status is None:
                status = _ANTWORTEN[(persona, ziel)] = client.get(ziel).status_code
            if status in (403, 404):
                abgelehnt.append(f"{seite} → {ziel}: {status}")
    assert not abgelehnt, f"{persona} is offered what is refused:\n" + "\n".join(abgelehnt)
