"""The audit trail: one function every service and the admin call for each change.

Messages and actors are translatable (`gettext_lazy`, or `text()` for one with values) and
are written in the office's language (`LANGUAGE_CODE`), whatever language the resident or
partner who acted reads the site in.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.functional import Promise, lazy

from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def text(message: Promise, **values) -> Promise:
    """A translatable message with values (`%(name)s`), translated when it is recorded."""
    return lazy(lambda: str(message) % values, str)()


def in_office_language(value: str | Promise) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(value)


def record(
    obj: models.Model,
    *,
    action: str,
    user=None,
    actor: str | Promise = "",
    message: str | Promise = "",
    changes: dict | None = None,
    quartier=None,
) -> AuditEntry:
    """Write one audit entry. `changes` maps a field to (old, new)."""
    actor = in_office_language(actor)
    message = in_office_language(message)
    if quartier is None:
        quartier_id = getattr(obj, "quartier_id", None)
    else:
        quartier_id = quartier.pk
    return AuditEntry.objects.create(
        user=user if (user is not None and user.is_authenticated) else None,
        actor=actor[:150],
        quartier_id=quartier_id,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        message=message[:500],
        changes={
            k: [HIDDEN, HIDDEN] if k in private_fields(obj) else [_plain(old), _plain(new)]
            for k, (old, new) in (changes or {}).items()
        },
    )


HIDDEN = "…"


def private_fields(obj) -> set[str]:
    """Fields whose values never go into the audit trail (residents' personal data): a model
    lists them in `AUDIT_PRIVATE_FIELDS`; the trail then says only that they changed."""
    return set(getattr(obj, "AUDIT_PRIVATE_FIELDS", ()))


def diff(form) -> dict:
    """(old, new) for each changed field of a bound ModelForm, for `record(changes=…)`."""
    changes = {}
    hidden = private_fields(form.instance)
    for name in form.changed_data:
        if name in hidden:
            changes[name] = (HIDDEN, HIDDEN)
            continue
        old = form.initial.get(name)
        new = form.cleaned_data.get(name)
        if hasattr(new, "all") and not isinstance(new, models.Model):  # many-to-many
            new = list(new)
        changes[name] = (old, new)
    return changes
