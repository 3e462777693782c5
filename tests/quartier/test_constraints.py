"""Item 1 of issue 10: the database's rules reach people in their words, once, at the field
they concern, and the inputs already keep to them.

The example found: an event registration for 0 people showed Django's „Bedingung
„anmeldung_personen“ ist nicht erfüllt.“ above the form and again in the crispy error list,
and its input allowed `min="0"`."""

import re
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from anliegen.models import Kategorie
from quartier.constraints import (
    ConstraintFieldsMixin,
    constraint_field,
    constraint_names,
    numeric_bounds,
)

from ..utils import admin_form_data
from .formulare import APPS, alle_formulare

CONSTRAINTS = [
    pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")
    for model in apps.get_models()
    if model._meta.app_label in APPS
    for constraint in model._meta.constraints
]


def test_the_project_has_constraints_to_check():
    assert len(CONSTRAINTS) > 30


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS)
def test_every_constraint_names_its_rule_in_german_at_a_field(model, constraint):
    message = constraint.violation_error_message
    assert message != constraint.default_violation_error_message, (
        f"{constraint.name}: give it a violation_error_message in users' words"
    )
    assert isinstance(message, Promise), f"{constraint.name}: the message goes through gettext"
    with translation.override("en"):
        english = str(message)
    with translation.override("de"):
        german = str(message)
    assert german != english, f"{constraint.name}: {english!r} is not translated to German"
    assert issubclass(model, ConstraintFieldsMixin), (
        f"{model._meta.label}: add quartier.constraints.ConstraintFieldsMixin to its bases"
    )
    field = constraint_field(model, constraint)
    assert field in constraint_names(constraint), (
        f"{constraint.name} refers to {constraint_names(constraint)}: name the field its "
        f"message belongs to in {model.__name__}.constraint_fields"
    )
    assert model._meta.get_field(field)


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS)
def test_a_violated_constraint_is_reported_at_its_field(model, constraint):
    """Whichever rule is broken, its message is an error of its field (of the form as a
    whole only when that field is not in the form)."""
    instance = model()
    field = constraint_field(model, constraint)

    def validate(self, model, instance, exclude=None, using=None):
        if self is constraint:
            raise ValidationError(self.get_violation_error_message())

    with ExitStack() as stack:
        for art in {type(c) for c in model._meta.constraints}:
            stack.enter_context(mock.patch.object(art, "validate", validate))
        for exclude, key in ((None, field), ({field}, NON_FIELD_ERRORS)):
            with pytest.raises(ValidationError) as caught:
                instance.validate_constraints(exclude=exclude)
            assert caught.value.message_dict == {key: [str(constraint.violation_error_message)]}


def _tags(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*>", html)


@pytest.mark.django_db
def test_registering_zero_people_is_explained_once_at_the_number_of_people(world, client, settings):
    settings.ANMELDUNG_MINDESTZEIT = 0
    veranstaltung = world.extra["veranstaltung"]
    url = reverse("veranstaltungen:veranstaltung_detail", args=[veranstaltung.pk])
    seite = client.get(url).content.decode()
    personen = next(t for t in _tags(seite, "input") if 'name="personen"' in t)
    assert 'min="1"' in personen and 'max="10"' in personen
    zeit = re.search(r'name="zeit" value="([^"]+)"', seite).group(1)

    antwort = client.post(
        url,
        {"name": "Aylin", "email": "aylin@example.org", "personen": "0", "zeit": zeit},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = antwort.content.decode()
    assert "Bitte melden Sie mindestens eine Person an." in html
    assert html.count("Bitte melden Sie mindestens eine Person an.") == 1
    feedback = re.search(r'<div id="id_personen_error"[^>]*>(.*?)</div>', html, re.S)
    assert "mindestens eine Person" in feedback.group(1)
    assert "Bedingung" not in html and "anmeldung_personen" not in html


@pytest.mark.django_db
def test_the_admin_reports_the_rules_at_their_fields(world, qm_client):
    """The admin's forms go through the same validation: the manager reads the rule at the
    field, in German, never the constraint's name."""
    kategorie = world.extra["kategorie"]
    Kategorie.objects.create(quartier=kategorie.quartier, name="Spielplätze")
    url = reverse("admin:anliegen_kategorie_change", args=[kategorie.pk])
    daten = admin_form_data(qm_client.get(url))
    daten.update(name="Spielplätze", frist_tage="0")
    antwort = qm_client.post(url, daten, HTTP_ACCEPT_LANGUAGE="de")
    assert antwort.status_code == 200
    form = antwort.context["adminform"].form
    assert form.errors == {
        "name": ["In diesem Quartier gibt es schon eine Kategorie mit diesem Namen."],
        "frist_tage": ["Die Frist beträgt mindestens einen Tag."],
    }
    assert "kategorie_name_unique" not in antwort.content.decode()


@pytest.mark.django_db
def test_number_inputs_keep_to_the_bounds_of_the_constraints(world):
    """Every form for a model (ours and the admin's): a number field whose constraint bounds
    it by a literal value has an input with the same (or a stricter) `min` and `max`."""
    geprueft, falsch = [], []
    for name, form in alle_formulare(world):
        model = getattr(getattr(form, "_meta", None), "model", None)
        if model is None:
            continue
        for feld, bounds in numeric_bounds(model).items():
            field = form.fields.get(feld)
            if field is None or field.widget.is_hidden or field.widget.input_type != "number":
                continue
            attrs = field.widget.get_context(feld, None, {})["widget"]["attrs"]
            for grenze, strenger in (("min", max), ("max", min)):
                soll = getattr(bounds, grenze)
                ist = attrs.get(grenze)
                if soll is not None and (ist is None or strenger(ist, soll) != ist):
                    falsch.append(f"{name}.{feld}: {grenze}={ist!r}, the constraint says {soll}")
            geprueft.append(f"{name}.{feld}")
    assert not falsch, "inputs that allow what the database refuses:\n" + "\n".join(falsch)
    for beispiel in [
        "veranstaltungen.forms.AnmeldungForm.personen",
        "admin raeume.Raum (add).kapazitaet",
        "admin anliegen.Kategorie (change).frist_tage",
        "admin veranstaltungen.Veranstaltung (add).kosten",
        "admin quartier.Quartier (change).vollzeitstellen",
    ]:
        assert beispiel in geprueft


# A whole form rendered at once: by crispy, or by Django's `as_p`, `as_div` …
GANZ = re.compile(
    r"{%\s*crispy\s+([\w.]+)|{{\s*([\w.]+)\s*\|\s*crispy\s*}}|{{\s*([\w.]+)\.as_\w+\s*}}"
)


def test_forms_rendered_whole_show_their_own_errors_once(settings):
    """crispy shows a form's own errors above its fields (templates/bootstrap5/errors.html),
    as Django's `as_p` and the like do: a template that renders a whole form that way must not
    show them a second time."""
    doppelt = []
    base = Path(settings.BASE_DIR)
    for path in sorted(
        p for o in [base / "templates", *base.glob("*/templates")] for p in o.rglob("*.html")
    ):
        text = path.read_text()
        for match in GANZ.finditer(text):
            form = next(g for g in match.groups() if g)
            if f"{form}.non_field_errors" in text:
                doppelt.append(f"{path.relative_to(base)}: {form}")
    assert not doppelt, "forms whose errors are shown twice:\n" + "\n".join(doppelt)
