"""The benchmark harness' own parts (bench/), without a server or a load run.

The load run itself (`make bench`) is not part of the suite: it takes ten minutes and
measures the machine, not the code's correctness.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from bench import database, report, scenarios
from bench.__main__ import FormPool, encode
from bench.generator import lua_string
from bench.report import Kind
from bench.server import hidden_field
from quartier.models import User


@pytest.fixture
def demo(db, settings):
    call_command("demo", stdout=io.StringIO())
    # The forms are sent at once here; the harness waits for the time trap instead.
    settings.ANLIEGEN_MINDESTZEIT = 0
    settings.ANMELDUNG_MINDESTZEIT = 0
    # Computed once per benchmark run; each test has its own data.
    scenarios.freie_termine.cache_clear()
    scenarios._kategorien.cache_clear()


def _client(persona):
    client = Client()
    if persona:
        client.force_login(User.objects.get(email=f"{persona}@quartier.example"))
    return client


def test_every_scenario_answers_as_expected_on_the_demo_data(demo):
    """Each scenario's URLs resolve against the demo data and answer their expected
    status; each POST, filled in from its own GET's form, is accepted (302)."""
    wrong = []
    for scenario in scenarios.SCENARIOS:
        client = _client(scenario.persona)
        paths = scenario.paths()
        assert paths, f"{scenario.name}: no URL found in the demo data"
        if scenario.post is None:
            for path in paths[:3]:
                response = client.get(path)
                if response.status_code != scenario.expect:
                    wrong.append(f"GET {path} ({scenario.name}): {response.status_code}")
                page = response.content.decode()
                for name in scenario.harvest:
                    if hidden_field(page, name) is None:
                        wrong.append(f"{scenario.name}: no hidden field {name} on {path}")
            continue
        source = scenarios.BY_NAME[scenario.post.form_from]
        for n in range(2):
            page = client.get(source.paths()[0]).content.decode()
            hidden = {name: hidden_field(page, name) for name in source.harvest}
            response = client.post(paths[0], scenario.post.fields(n, hidden))
            if response.status_code != scenario.expect:
                errors = getattr(response.context, "get", lambda _: None)("form")
                wrong.append(
                    f"POST {paths[0]} ({scenario.name}) #{n}: {response.status_code} "
                    f"{getattr(errors, 'errors', '')}"
                )
    assert not wrong, "\n".join(wrong)


def test_free_slots_do_not_clash_with_each_other(demo):
    slots = scenarios.freie_termine()
    assert len(slots) > 100
    per_room: dict[int, list] = {}
    for raum, beginn, ende in slots:
        per_room.setdefault(raum, []).append((beginn, ende))
    assert len(per_room) > 1, "the slots alternate between rooms"
    for times in per_room.values():
        times.sort()
        assert all(a[1] <= b[0] for a, b in zip(times, times[1:], strict=False))


def _run(shares: dict[str, float], cpu: float = 10.0, spread: float = 0.05) -> dict:
    return {
        "started_at": "2026-12-01T12:00:00+01:00",
        "machine": {"commit": "abc"},
        "data": {"hash": "h"},
        "floor": {"spread": spread},
        "scenarios": [
            {"name": n, "share": s, "p95_ratio": 2.0, "cpu_ms": {"app": cpu, "db": 0}}
            for n, s in shares.items()
        ],
    }


def test_comparison_marks_a_fall_of_20_percent_and_not_of_10():
    old = _run({"home": 0.50, "anliegen_list": 0.50, "akteur": 0.30})
    new = _run({"home": 0.40, "anliegen_list": 0.45, "akteur": 0.36})
    rows = {row["name"]: row for row in report.compare(old, new)}
    assert rows["home"]["regression"]
    assert rows["home"]["change"] == pytest.approx(-0.20)
    assert not rows["anliegen_list"]["regression"]
    assert rows["anliegen_list"]["change"] == pytest.approx(-0.10)
    assert not rows["akteur"]["regression"]  # faster is no regression
    text = report.comparison_table(old, new)
    assert "home" in text and "REGRESSION" in text and "1 regression(s): home" in text


def test_comparison_marks_a_rise_of_the_cpu_time_per_request_and_a_scattered_floor():
    rows = report.compare(_run({"home": 0.5}, cpu=10.0), _run({"home": 0.5}, cpu=12.0))
    assert rows[0]["cpu_change"] == pytest.approx(0.20)
    assert rows[0]["cpu_regression"] and not rows[0]["regression"]
    assert not report.compare(_run({"home": 0.5}, cpu=10.0), _run({"home": 0.5}, cpu=11.0))[0][
        "cpu_regression"
    ]
    text = report.comparison_table(_run({"home": 0.5}), _run({"home": 0.5}, spread=0.4))
    assert "the floor scattered by more than 15%" in text


def test_comparison_of_scenarios_not_in_both_runs_lists_them():
    text = report.comparison_table(_run({"home": 0.5, "alt": 0.2}), _run({"home": 0.5}))
    assert "Not in both runs: alt" in text
    assert "No regression." in text


def _record(kind: Kind, *, rps: float, p95: float, mb: float = 100, errors: int = 0) -> dict:
    return {
        "name": "x",
        "kind": kind.value,
        "rps": rps,
        "latency_ms": {"p50": p95 / 2, "p95": p95, "p99": p95},
        "errors": errors,
        "worker_peak_mb": mb,
    }


def test_targets_are_judged_against_the_median_floor():
    floor = report.floor_summary(
        [{"rps": r, "latency_ms": {"p95": p}} for r, p in [(900, 6), (1000, 5), (1500, 4)]]
    )
    assert floor["rps"] == 1000 and floor["p95_ms"] == 5
    assert floor["spread"] == pytest.approx(0.6)
    assert floor["cpu_ms"] == 0.0  # runs without CPU figures
    public = report.judge(_record(Kind.PUBLIC, rps=450, p95=19), floor)
    assert public["share"] == pytest.approx(0.45)
    assert public["targets"] == {"share": True, "p95_ratio": True, "memory": True, "errors": True}
    slow = report.judge(_record(Kind.PUBLIC, rps=350, p95=25, mb=300), floor)
    assert report.verdict(slow) == "FAIL share, p95×, memory"
    admin = report.judge(_record(Kind.ADMIN, rps=50, p95=39), floor)
    assert report.verdict(admin) == "ok"
    write = report.judge(_record(Kind.WRITE, rps=30, p95=151, errors=2), floor)
    assert report.verdict(write) == "FAIL p95 ms, errors"
    text = report.table({"floor": floor, "scenarios": [public, slow, admin, write]})
    assert "FAIL share, p95×, memory" in text and "median of 3, spread 60%" in text


def test_the_benchmark_database_is_another_on_the_same_server():
    assert database.url_with_name("postgres:///quartier_dev", "quartier_bench") == (
        "postgres:///quartier_bench"
    )
    assert database.url_with_name(
        "postgres://u:p@db.example:5433/quartier?sslmode=require", "quartier_bench"
    ) == ("postgres://u:p@db.example:5433/quartier_bench?sslmode=require")


def test_forms_are_used_once_oldest_first_and_unsent_ones_come_back():
    pool = FormPool()
    pool.add(("csrfmiddlewaretoken", "zeit"), [["a", "1"], ["b", "2"], ["c", "3"]], issued=10.0)
    first = pool.take(2)
    assert [f["zeit"] for f, _ in first] == ["1", "2"]
    pool.give_back(first[1:])
    assert [f["zeit"] for f, _ in pool.take(5)] == ["2", "3"]


def test_bodies_are_encoded_as_a_browser_sends_them():
    body, content_type = encode({"beschreibung": "Laterne ä", "zeit": "1:x"}, multipart=True)
    assert content_type.startswith("multipart/form-data; boundary=")
    assert 'name="beschreibung"\r\n\r\nLaterne ä\r\n' in body.decode()
    body, content_type = encode({"a": "ä b"}, multipart=False)
    assert (body, content_type) == (b"a=%C3%A4+b", "application/x-www-form-urlencoded")
    # Lua sees exactly these bytes: everything outside printable ASCII as \ddd.
    assert lua_string('a"\\\r\n1ä') == '"a\\034\\092\\013\\0101\\195\\164"'


@pytest.mark.django_db(transaction=False)
def test_the_newspaper_render_is_measured_on_16_pages_with_20_photos(demo, monkeypatch):
    from bench import druck

    monkeypatch.setattr(druck, "RUNDEN", 1)
    result = druck.measure()
    assert (result["pages"], result["photos"]) == (16, 20)
    assert result["ours_s"] > 0 and result["weasyprint_s"] > 0
    # The ratio is taken from the unrounded times; the rounded ones only approximate it.
    assert result["ratio"] == pytest.approx(result["ours_s"] / result["weasyprint_s"], abs=0.02)
    assert "16 pages, 20 photos" in druck.line(result)


@pytest.mark.django_db(transaction=False)
def test_the_city_report_is_measured_as_a_page_and_as_its_pdf(demo, monkeypatch):
    from bench import bericht

    monkeypatch.setattr(bericht, "RUNDEN", 1)
    result = bericht.measure()
    assert result["areas"] >= 1 and result["queries"] > 0
    assert result["html_s"] > 0 and result["pdf_s"] > 0 and result["pdf_kb"] > 0
    assert result["targets"] == {"html_s": 2.0, "pdf_s": 30.0}
    assert "city report" in bericht.line(result)
