"""Every form class of the project, for the tests that hold all forms to one rule.

Two sources: the classes defined in each project app's `forms.py` and `admin.py`, and the
form (and inline forms) each registered ModelAdmin builds for an operator. Fields are read
from `base_fields`: what a form declares and what a ModelForm takes from its model."""

import sys
from importlib import import_module
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory


def project_apps():
    """Our own apps: below the project folder, but not the packages installed in its
    virtualenv (`.venv` lies inside the project folder too)."""
    root = Path(settings.BASE_DIR).resolve()
    installed = Path(sys.prefix).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if (path := Path(config.path).resolve()).is_relative_to(root)
        and not path.is_relative_to(installed)
    ]


def module_forms():
    """(label, form class) of the forms defined in the apps' forms.py and admin.py."""
    for config in project_apps():
        for suffix in ("forms", "admin"):
            name = f"{config.name}.{suffix}"
            try:
                module = import_module(name)
            except ModuleNotFoundError as error:
                if error.name == name:
                    continue
                raise
            for obj in vars(module).values():
                if (
                    isinstance(obj, type)
                    and issubclass(obj, forms.BaseForm)
                    and obj.__module__ == name
                ):
                    yield f"{name}.{obj.__name__}", obj


def admin_forms(operator):
    """(label, form class) of what each ModelAdmin and its inlines show an operator."""
    request = RequestFactory().get("/admin/")
    request.user = operator
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        label = f"admin:{model._meta.label}"
        yield label, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"{label}/{type(inline).__name__}", inline.get_formset(request).form


def all_forms(operator) -> dict[str, type]:
    return {**dict(module_forms()), **dict(admin_forms(operator))}


def model_of(form_class):
    meta = getattr(form_class, "_meta", None)
    return getattr(meta, "model", None)
