"""The permission matrix: every URL the project routes, for every persona, with the status
it must answer and the query budget it must keep.

Each app lists its URLs in `tests/<app>/permissions.py` as

    MATRIX = {
        "netzwerk:akteur_detail": [
            Case(lambda w: reverse("netzwerk:akteur_detail", args=[w.akteur_a.slug]),
                 expect=everyone(200), budget=8),
        ],
    }

`expect` maps each persona in `tests.personas.PERSONAS` to a status code (use the helpers
below). A URL name without an entry fails `test_every_url_has_a_matrix_entry`. The admin is
covered per registered ModelAdmin by `tests/quartier/test_admin_matrix.py`.

The public pages (`quartier.urls.public_patterns`) also exist under every area's prefix
`/q/<slug>/`: `tests/test_permission_matrix.py` runs each of their cases there too, with the
same expectations and budget; `tests/quartier/test_quartiere.py` walks them for two areas.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from .personas import PERSONAS

STAFF = ["mitarbeit", "redaktion", "qm", "stadt"]
PARTNERS = ["partner_a", "partner_b"]
LOGGED_IN = PARTNERS + STAFF


@dataclass
class Case:
    url: Callable  # World -> str
    expect: dict[str, int]
    budget: int = 12
    method: str = "get"
    data: Callable | None = None  # World -> dict, for POST cases
    note: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"Case without expectation for {sorted(missing)}")


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def only(allowed: list[str], status: int = 200, *, anonym: int = 302, others: int = 404):
    """`allowed` get `status`; residents are sent to log in; other logged-in users `others`."""
    expect = {persona: others for persona in PERSONAS}
    expect["anonym"] = anonym
    for persona in allowed:
        expect[persona] = status
    return expect


def collect() -> dict[str, list[Case]]:
    matrix: dict[str, list[Case]] = {}
    for path in sorted(Path(__file__).parent.glob("*/permissions.py")):
        module = import_module(f"tests.{path.parent.name}.permissions")
        for name, cases in module.MATRIX.items():
            if name in matrix:
                raise ValueError(f"{name} listed twice in the permission matrices")
            matrix[name] = cases
    return matrix
