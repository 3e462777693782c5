"""Rules every form of the project keeps, checked over all of them (`project_forms`), so a new
form or field that breaks one fails here:

- a text field is never longer than the column it ends in (a longer value was a DataError,
  i.e. a 500), and a text field of a plain form has a bound at all;
- an upload field cleans its file (images through `SafeImageField`), and every file column
  of every model is reached only through such fields.
"""

import pytest
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test import Client
from django.urls import reverse

from netzwerk.forms import PdfField
from projekte.forms import AnhangField, BelegField
from quartier.forms import form_timestamp
from quartier.images import SafeImageField

from ..factories import UserFactory
from .project_forms import all_forms, model_of, project_apps

# Fields whose value is never stored as typed: passwords are hashed.
NOT_STORED = {"password", "password1", "password2", "new_password1", "new_password2"}

# Fields that break the rule: none may. A failure fails the test at once.
KNOWN_LENGTH_FAILURES: set[str] = set()


def column_length(model_field) -> int | None:
    return getattr(model_field, "max_length", None)


def length_problems(label: str, form_class) -> list[str]:
    model = model_of(form_class)
    problems = []
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.CharField) or name in NOT_STORED:
            continue
        try:
            model_field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            model_field = None
        where = f"{label}.{name}"
        if model_field is None or not model_field.concrete:
            if field.max_length is None:
                problems.append(f"{where}: plain text field without max_length")
            continue
        if isinstance(model_field, ArrayField) and isinstance(field, SimpleArrayField):
            field, model_field = field.base_field, model_field.base_field
            if not isinstance(field, forms.CharField):
                continue  # e.g. a choice per item: only the choices get through
        column = column_length(model_field)
        if column is None:
            continue  # a text or JSON column has no length of its own
        if field.max_length is None or field.max_length > column:
            problems.append(f"{where}: max_length {field.max_length}, column {column}")
    return problems


@pytest.fixture
def operator(db):
    return UserFactory(email="betrieb@example.org", is_staff=True, is_superuser=True)


def test_no_form_field_is_longer_than_its_column(operator):
    problems = set()
    for label, form_class in all_forms(operator).items():
        problems.update(length_problems(label, form_class))
    assert problems == KNOWN_LENGTH_FAILURES, (
        f"new: {sorted(problems - KNOWN_LENGTH_FAILURES)}, "
        f"fixed (remove from the list): {sorted(KNOWN_LENGTH_FAILURES - problems)}"
    )


def test_the_walk_sees_the_forms_that_matter(operator):
    labels = set(all_forms(operator))
    for label in (
        "anliegen.forms.AnliegenForm",
        "netzwerk.forms.AkteurPartnerForm",
        "quartier.forms.EmailAuthenticationForm",
        "admin:netzwerk.Akteur",
        "admin:anliegen.Anliegen",
    ):
        assert label in labels


@pytest.mark.django_db
def test_an_overlong_form_token_is_refused_in_the_form_not_by_the_database(world, settings):
    settings.ANLIEGEN_MINDESTZEIT = 0
    client = Client(raise_request_exception=False)
    for token in ("x" * 65, "a b\u00e4'"):
        response = client.post(
            reverse("anliegen:anliegen_create"),
            {
                "zeit": form_timestamp(),
                "formular_token": token,
                "art": "frage",
                "kategorie": world.extra["kategorie"].pk,
                "beschreibung": "Wann ist die Sprechstunde?",
                "website": "",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["formular_token"]
        text = response.content.decode()
        assert "Ihr Anliegen konnte nicht gesendet werden" in text
        fresh = response.context["form"]["formular_token"].value()
        assert fresh != token and len(fresh) <= 64


# --- uploads ------------------------------------------------------------------------------

# Which cleaning a form field of a model's file column must use. An ImageField is always an
# image; a FileField says what it holds here (a new one without an entry fails).
FILE_COLUMN_CLEANING = {
    "anliegen.Foto.datei": SafeImageField,
    "netzwerk.Sitzung.protokoll_pdf": PdfField,
    "projekte.Ausgabe.beleg": BelegField,
    "projekte.Sachbericht.datei": AnhangField,
    # an application's quotes and receipts (PDF or photo) and its photos (images only)
    "projekte.Antragsdatei.datei": (BelegField, SafeImageField),
}
# File columns that no form edits directly: the form fields a service or the admin saves
# into them.
WRITTEN_FROM = {
    "anliegen.Foto.datei": [
        "anliegen.forms.AnliegenForm.foto_1",
        "anliegen.forms.AnliegenForm.foto_2",
        "anliegen.forms.AnliegenForm.foto_3",
        "anliegen.forms.ErgaenzungForm.foto_1",
        "anliegen.forms.ErgaenzungForm.foto_2",
        "anliegen.forms.ErgaenzungForm.foto_3",
    ],
    "raeume.Schadensfoto.bild": ["raeume.forms.UebergabeForm.foto"],
    "projekte.Antragsdatei.datei": [
        "projekte.forms.AntragForm.angebot_1",
        "projekte.forms.AntragForm.angebot_2",
        "projekte.forms.AntwortForm.angebot_1",
        *(f"projekte.forms.NachweisForm.beleg_{n}" for n in (1, 2, 3)),
        *(f"projekte.forms.NachweisForm.foto_{n}" for n in (1, 2, 3)),
    ],
}
CLEANING_FIELDS = (SafeImageField, PdfField, BelegField)
# File columns only our own code writes (nothing uploaded into them).
RENDERED_HERE = {
    "projekte.Bewilligung.nachweis_pdf": "the proof of use, rendered by projekte.tasks",
    "zeitung.Zeitungsausgabe.pdf": "the newspaper's print PDF, rendered by zeitung.tasks",
    "zeitung.Zeitungsausgabe.web_pdf": "the accessible web PDF, rendered by zeitung.tasks",
    "quartier.Berichtsdatei.datei": "a report's PDF, rendered by quartier.tasks",
}


def file_columns():
    for config in project_apps():
        for model in config.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField):
                    yield f"{model._meta.label}.{field.name}", model, field


def expected_cleaning(label: str, field) -> type:
    if isinstance(field, models.ImageField):
        return SafeImageField
    assert label in FILE_COLUMN_CLEANING, f"{label}: say which form field cleans this file"
    return FILE_COLUMN_CLEANING[label]


def test_every_upload_field_of_every_form_cleans_its_file(operator):
    for label, form_class in all_forms(operator).items():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.FileField):
                assert isinstance(field, CLEANING_FIELDS), (
                    f"{label}.{name} is a {type(field).__name__}: use SafeImageField for "
                    "images (or a field that checks the file's content)"
                )


def test_every_file_column_is_reached_only_through_its_cleaning(operator):
    """Walks every model's FileField/ImageField: each is edited by at least one form, and
    every form field that fills it cleans the file the way the column needs."""
    forms_by_label = all_forms(operator)
    for label, model, column in file_columns():
        if label in RENDERED_HERE:
            assert not column.editable, f"{label} is rendered here: no form may upload it"
            continue
        cleaning = expected_cleaning(label, column)
        writers = [
            (f"{form_label}.{column.name}", form_class.base_fields[column.name])
            for form_label, form_class in forms_by_label.items()
            if model_of(form_class) is model and column.name in form_class.base_fields
        ]
        for path in WRITTEN_FROM.get(label, []):
            form_label, name = path.rsplit(".", 1)
            writers.append((path, forms_by_label[form_label].base_fields[name]))
        assert writers, f"{label}: no form uploads it; list the fields that do in WRITTEN_FROM"
        for path, field in writers:
            assert isinstance(field, cleaning), (
                f"{path} fills {label} with a {type(field).__name__}, not {cleaning}"
            )


def test_a_stored_private_file_renders_without_a_url_in_every_renderer(world):
    """A private file has no URL. Crispy's bootstrap5 pack draws file fields itself and
    linked the stored file by its URL: the Träger's report form answered 500 once it had
    an attachment. Every private file widget renders through Django and through crispy."""
    from crispy_forms.utils import render_crispy_form

    from projekte.forms import SachberichtPartnerForm

    bericht = world.extra["projekte"]["sachbericht"]
    form = SachberichtPartnerForm(instance=bericht)
    for html in (str(form["datei"]), render_crispy_form(form)):
        assert 'type="file"' in html and "/media/" not in html
