"""Bulk writes send no signal: every service function that writes with `update()` or
`bulk_create()` bumps the cache versions (quartier.cache), or says here why no public page
shows what it writes. A new bulk write fails this test until it does one or the other."""

import ast
from pathlib import Path

from quartier.cache import APPS

ROOT = Path(__file__).resolve().parents[2]
BULK = {"update", "bulk_create", "bulk_update"}

# (module, function): why no public page shows what its bulk write changes.
NOT_SHOWN = {
    ("anliegen.services", "naechste_nummer"): "the case-number counter",
    ("anliegen.services", "_bestaetigen"): "when the resident confirmed: not public",
    ("anliegen.services", "statusmails_bestellen"): "the resident's mail subscription",
    ("anliegen.services", "abbestellen"): "the resident's mail subscription",
    ("netzwerk.services", "_move_rows"): "called by akteure_zusammenfuehren, which bumps",
    ("raeume.services", "buchungskontakte_loeschen"): "contacts: rooms show 'belegt' only",
    ("projekte.services", "fonds_aufbewahrung"): "applicants' contacts, receipts and notes, "
    "unsent drafts: the public list keeps what it shows (title, text, released photos)",
    ("projekte.services", "auf_die_liste"): "a committee meeting's list: the office's only",
    ("veranstaltungen.services", "erinnern"): "when a reminder was sent: not public",
}


def _bulk_functions():
    for app in APPS:
        path = ROOT / app / "services.py"
        if not path.exists():
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
            names = {c.func.attr for c in calls if isinstance(c.func, ast.Attribute)}
            dict_updates = {  # `some_dict.update(...)` is not a queryset
                c
                for c in calls
                if isinstance(c.func, ast.Attribute)
                and c.func.attr == "update"
                and isinstance(c.func.value, ast.Name)
                and c.func.value.id in {"wunsch", "daten", "defaults", "kwargs", "data"}
            }
            bulk = {
                c for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr in BULK
            } - dict_updates
            if bulk:
                yield f"{app}.services", node.name, "bump" in names


def test_every_bulk_write_bumps_the_cache_or_is_not_shown():
    found = list(_bulk_functions())
    assert found, "no bulk writes found: the scan is broken"
    missing = [
        f"{module}.{name}"
        for module, name, bumps in found
        if not bumps and (module, name) not in NOT_SHOWN
    ]
    assert not missing, f"bulk writes without cache.bump(): {missing}"
    stale = set(NOT_SHOWN) - {(m, n) for m, n, _ in found}
    assert not stale, f"NOT_SHOWN names functions without bulk writes: {stale}"
