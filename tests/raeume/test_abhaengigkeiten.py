"""The apps depend one way: veranstaltungen -> raeume -> netzwerk -> quartier. A module of
raeume never imports veranstaltungen, and netzwerk imports neither (it reaches bookings
through the reverse relations only)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def importierte_module(app: str) -> list[tuple[str, str]]:
    """(file, module) for every import in the app's Python files, migrations included."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(str(path.relative_to(ROOT)), alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((str(path.relative_to(ROOT)), node.module))
    return found


@pytest.mark.parametrize(
    ("app", "verboten"),
    [
        ("raeume", {"veranstaltungen"}),
        ("netzwerk", {"raeume", "veranstaltungen"}),
    ],
)
def test_dependencies_run_one_way(app, verboten):
    assert importierte_module(app), f"no imports found in {app}: wrong path?"
    falsch = [
        (datei, modul)
        for datei, modul in importierte_module(app)
        if modul.split(".")[0] in verboten
    ]
    assert not falsch, f"{app} must not import {sorted(verboten)}: {falsch}"


def test_veranstaltungen_uses_raeume():
    assert any(m.startswith("raeume") for _datei, m in importierte_module("veranstaltungen"))
