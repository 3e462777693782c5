"""Every form the project shows, built for the tests that check all of them: the forms of
each app's `forms.py`, the forms of its `filters.py`, and the admin's forms (add and change
form of every registered ModelAdmin, with their inlines).

A form whose constructor asks for something `_argumente()` does not know fails the tests, so a
new form is covered as soon as it exists."""

import inspect
from importlib import import_module

from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django_filters import FilterSet

from netzwerk.models import Akteur

from ..factories import UserFactory

APPS = ["quartier", "netzwerk", "anliegen", "raeume", "veranstaltungen"]


def _argumente(world) -> dict:
    """What the forms' constructors ask for, by name, from the shared world."""
    return {
        "user": world.users["qm"],
        "quartier": world.quartier_a,
        "veranstaltung": world.extra["veranstaltung"],
        "anliegen": world.extra["anliegen_privat"],
        "akteure": Akteur.objects.all(),
        "buchung": world.extra["buchung_a"],
    }


def _klassen(modul: str, basis: type) -> list[type]:
    try:
        module = import_module(modul)
    except ModuleNotFoundError:
        return []
    return [
        cls
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, basis) and cls.__module__ == modul and not cls.__name__.startswith("_")
    ]


def _pflicht(cls) -> list[str]:
    """The keyword-only arguments without default of a form's constructor."""
    parameter = inspect.signature(cls.__init__).parameters.values()
    return [p.name for p in parameter if p.kind is p.KEYWORD_ONLY and p.default is p.empty]


def _bauen(cls, argumente: dict, **extra):
    fehlend = [name for name in _pflicht(cls) if name not in argumente]
    assert not fehlend, f"{cls.__qualname__} needs {fehlend}: add them to _argumente()"
    return cls(**{name: argumente[name] for name in _pflicht(cls)}, **extra)


def app_formulare(world):
    """(name, form) of every form class in `<app>/forms.py`."""
    argumente = _argumente(world)
    for app in APPS:
        for cls in _klassen(f"{app}.forms", forms.BaseForm):
            if issubclass(cls, forms.BaseModelForm) and cls._meta.model is None:
                continue  # a base class, e.g. quartier.forms.ModelForm
            yield f"{app}.forms.{cls.__name__}", _bauen(cls, argumente)


def filter_formulare(world):
    """(name, form) of every filter set in `<app>/filters.py`."""
    argumente = _argumente(world)
    for app in APPS:
        for cls in _klassen(f"{app}.filters", FilterSet):
            if cls._meta.model is None:
                continue  # a mixin of filters
            filterset = _bauen(cls, argumente, queryset=cls._meta.model.objects.none())
            yield f"{app}.filters.{cls.__name__}", filterset.form


def admin_formulare(world, objekte: dict | None = None):
    """(name, form) of the admin's add and change form of every registered ModelAdmin and
    their inlines, as an operator sees them. `objekte` gives the object to change per model
    (else the first one there is)."""
    betrieb = UserFactory(email="betrieb@example.org", is_staff=True, is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = betrieb
    objekte = objekte or {}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        name = f"admin {model._meta.label}"
        if model_admin.has_add_permission(request):
            yield f"{name} (add)", model_admin.get_form(request, None)()
        obj = objekte.get(model) or model_admin.get_queryset(request).first()
        if obj is None:
            continue
        yield f"{name} (change)", model_admin.get_form(request, obj)(instance=obj)
        for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
            formset = formset_class(instance=obj, prefix=formset_class.get_default_prefix())
            for i, form in enumerate([*formset.forms, formset.empty_form]):
                yield f"{name} inline {type(inline).__name__} [{i}]", form


def alle_formulare(world):
    yield from app_formulare(world)
    yield from filter_formulare(world)
    yield from admin_formulare(world)
