"""The database's rules in users' words, at the field they concern.

Every `CheckConstraint`, `UniqueConstraint` and `ExclusionConstraint` of the project carries
a German `violation_error_message` (through gettext). Django reports a violated constraint
as an error of the whole form; `ConstraintFieldsMixin` reports it at the field it concerns
instead, so that our forms and the admin's show it once, beside that field:

- a `CheckConstraint` that names one field concerns that field;
- a `UniqueConstraint` or `ExclusionConstraint` concerns the last field it names (the
  scope comes first: ``("quartier", "name")`` concerns the name);
- any other constraint names its field in the model's `constraint_fields`
  (``{constraint name: field name}``).

`numeric_bounds()` reads the literal bounds of number fields from the same constraints, so
that forms can give their inputs the same `min` and `max` (see `quartier.forms.ModelForm`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.constraints import ExclusionConstraint
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models.constants import LOOKUP_SEP


def _names(node) -> list[str]:
    """The model fields a condition or expression refers to, in order of appearance."""
    found: list[str] = []

    def add(name: str) -> None:
        field = name.split(LOOKUP_SEP)[0]
        if field not in found:
            found.append(field)

    def walk(item) -> None:
        if isinstance(item, models.Q):
            for child in item.children:
                walk(child)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            add(item[0])  # a lookup; its value counts only when it refers to a field
            if not isinstance(item[1], str):
                walk(item[1])
        elif isinstance(item, str):
            add(item)
        elif isinstance(item, models.F):
            add(item.name)
        elif hasattr(item, "get_source_expressions"):
            for source in item.get_source_expressions():
                walk(source)

    walk(node)
    return found


def constraint_names(constraint) -> list[str]:
    """The fields a constraint names (for a unique rule: its fields, not its condition)."""
    if isinstance(constraint, models.CheckConstraint):
        return _names(constraint.condition)
    if isinstance(constraint, models.UniqueConstraint):
        return list(constraint.fields) or _names(models.Q(*constraint.expressions))
    if isinstance(constraint, ExclusionConstraint):
        return [name for expression, _op in constraint.expressions for name in _names(expression)]
    return []


def constraint_field(model, constraint) -> str | None:
    """The field a constraint's message is reported at (None: not decided, see above)."""
    explicit = getattr(model, "constraint_fields", {}).get(constraint.name)
    if explicit:
        return explicit
    names = constraint_names(constraint)
    if isinstance(constraint, models.CheckConstraint):
        return names[0] if len(names) == 1 else None
    return names[-1] if names else None


class ConstraintFieldsMixin:
    """For models with constraints: their messages are reported at the field they concern.

    Put it before `models.Model` in the bases; name the field of a constraint that refers
    to several fields in `constraint_fields`."""

    constraint_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ())
        using = router.db_for_write(type(self), instance=self)
        errors: dict[str, list] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as exc:
                    field = constraint_field(model_class, constraint)
                    key = NON_FIELD_ERRORS if field is None or field in exclude else field
                    errors.setdefault(key, []).extend(exc.error_list)
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Bounds:
    """The smallest and largest value a number field may hold, and the rule's message."""

    min: int | Decimal | None
    max: int | Decimal | None
    message: str


def _bounds(field: str, condition: models.Q) -> tuple | None:
    """(min, max) when the condition only bounds `field` by literal numbers, or says "empty
    or within bounds"; else None (also for a condition that is an expression, such as
    "a multiple of 4": it has no literal bounds)."""
    if not isinstance(condition, models.Q) or condition.negated:
        return None
    children = list(condition.children)
    leer = (f"{field}__isnull", True)
    if condition.connector == models.Q.OR:
        if len(children) != 2 or leer not in children:
            return None
        rest = children[1 - children.index(leer)]
        return _bounds(field, rest if isinstance(rest, models.Q) else models.Q(rest))
    low = high = None
    for child in children:
        if not isinstance(child, tuple) or child[0].partition(LOOKUP_SEP)[0] != field:
            return None
        op, value = child[0].partition(LOOKUP_SEP)[2], child[1]
        if op == "range" and all(_number(v) for v in value):
            low, high = value
        elif op in ("gte", "lte") and _number(value):
            low, high = (value, high) if op == "gte" else (low, value)
        elif op in ("gt", "lt") and _number(value) and isinstance(value, int):
            # an open bound of whole numbers is the next number; of decimals it has no
            # equivalent in an input's min/max
            low, high = (value + 1, high) if op == "gt" else (low, value - 1)
        else:
            return None
    return low, high


def _number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def numeric_bounds(model) -> dict[str, Bounds]:
    """Per number field, the bounds its check constraints set by literal values."""
    found: dict[str, Bounds] = {}
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        names = _names(constraint.condition)
        if len(names) != 1:
            continue
        field = model._meta.get_field(names[0])
        if not isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            continue
        bounds = _bounds(names[0], constraint.condition)
        if bounds is None or bounds == (None, None):
            continue
        found[names[0]] = Bounds(*bounds, message=constraint.violation_error_message)
    return found
