"""Item 13 of issue 10: one behaviour for every form. The browser's own validation speaks
the browser's language and stops a form before the server can explain in German what is
missing (the example found: the partner's profile form validated in the browser while the
concern form did not). So every form the project renders has `novalidate`, and the server's
German messages are what people read."""

import re
from pathlib import Path

import pytest

from ..matrix import collect
from ..personas import PERSONAS
from ..utils import client_for

FORM = re.compile(r"<form\b(?:[^>%]|%(?!})|\{%.*?%\})*>", re.S)


def _ohne_novalidate(html: str) -> list[str]:
    return [" ".join(tag.split()) for tag in FORM.findall(html) if "novalidate" not in tag]


def test_every_form_in_the_templates_has_novalidate(settings):
    """Our templates, the public and partner pages' and our custom admin pages'."""
    base = Path(settings.BASE_DIR)
    ordner = [base / "templates", *base.glob("*/templates")]
    falsch = [
        f"{path.relative_to(base)}: {tag}"
        for o in ordner
        for path in sorted(o.rglob("*.html"))
        for tag in _ohne_novalidate(path.read_text())
    ]
    assert not falsch, "forms the browser validates in its own language:\n" + "\n".join(falsch)


def _seiten():
    """Per page of the permission matrix that someone may see, the first such persona."""
    for name, cases in sorted(collect().items()):
        for case in cases:
            persona = next((p for p in PERSONAS if case.expect[p] == 200), None)
            if case.method == "get" and persona is not None:
                yield name, case, persona


@pytest.mark.django_db
def test_every_page_renders_its_forms_with_novalidate(world):
    """Every page of the permission matrix as someone who may see it, with the forms that
    crispy's helpers write (`FormHelper.attrs`) as well as the templates' own."""
    falsch, formulare = [], 0
    for name, case, persona in _seiten():
        response = client_for(world, persona).get(case.url(world))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        formulare += len(FORM.findall(html))
        falsch += [f"{name} as {persona}: {tag}" for tag in _ohne_novalidate(html)]
    assert not falsch, "forms the browser validates in its own language:\n" + "\n".join(falsch)
    assert formulare > 30
