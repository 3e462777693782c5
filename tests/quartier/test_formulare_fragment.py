"""`{% unveraendert %}` (quartier/templatetags/quartier_formulare.py): the fields of a public
form are rendered once per area, language and version of the data they show; the reader's
own tokens never come from the cache, a bound form is always rendered afresh, and a change
to what the fields show (a new category) is there on the next request."""

import re

from django.test import Client
from django.urls import reverse

from ..anliegen.factories import KategorieFactory

URL = reverse("anliegen:anliegen_create")


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)


def test_the_readers_tokens_are_their_own_and_the_fields_are_shared(world):
    erste, zweite = Client().get(URL).content.decode(), Client().get(URL).content.decode()
    for name in ("csrfmiddlewaretoken", "formular_token"):
        assert _hidden(erste, name) != _hidden(zweite, name), name
    felder = re.search(r'<select name="kategorie".*?</select>', erste, re.S).group(0)
    assert felder in zweite


def test_a_new_category_shows_at_once_and_only_in_its_area(world):
    Client().get(URL)
    KategorieFactory(quartier=world.quartier_a, name="Hundekot auf dem Spielplatz")
    assert "Hundekot auf dem Spielplatz" in Client().get(URL).content.decode()
    anderes = Client().get(f"/q/{world.quartier_b.slug}{URL}").content.decode()
    assert "Hundekot auf dem Spielplatz" not in anderes


def test_a_form_with_errors_keeps_what_was_typed(world):
    client = Client()
    client.get(URL)
    response = client.post(URL, {"beschreibung": "Laterne flackert", "strasse": "Kaistraße"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Laterne flackert" in html and 'value="Kaistraße"' in html
    assert "is-invalid" in html
    # and the unbound form afterwards is the empty one again
    assert "Laterne flackert" not in Client().get(URL).content.decode()


def test_the_fields_are_rendered_once(world, monkeypatch):
    from quartier.templatetags import quartier_formulare

    gerendert = []
    original = quartier_formulare.gespeichert

    def gezaehlt(app, quartier_id, name, berechnen, timeout=None):
        def zaehlen():
            gerendert.append(name)
            return berechnen()

        return original(app, quartier_id, name, zaehlen, timeout)

    monkeypatch.setattr(quartier_formulare, "gespeichert", gezaehlt)
    Client().get(URL)
    Client().get(URL)
    assert len(gerendert) == 1, gerendert
