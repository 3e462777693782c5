"""The admin's changelists: shortcuts that say how many items they lead to, and lists of
dated things that open at today (issue 10, items 7 and 15)."""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from projekte.models import Bewilligung, Foerderprogramm, Projekt
from quartier.admin import AbHeuteFilter

from ..anliegen.factories import AnliegenFactory
from ..raeume.factories import buchung, naechster, um
from ..utils import client_for, query_budget
from ..veranstaltungen.factories import veranstaltung

# Fields that make a model a "dated thing" whose list opens at today.
DATED_FIELDS = {"beginn", "bis"}
# Lists whose dates lie behind them by nature: they open at what waits for someone instead.
UEBER_VERGANGENES = {
    "projekte.sachbericht": "a report covers a period that is over; a shortcut opens the "
    "reports waiting for the office's check",
    "projekte.antrag": "applications are a queue by status (their dates are the micro-project's "
    "plan, often empty); shortcuts open the new ones and those up for decision",
}


def _changelist_url(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def _with_shortcuts(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_view_or_change_permission(request)
        and hasattr(model_admin, "get_abkuerzungen")
        and model_admin.get_abkuerzungen(request)
    ]


def _vergangen(obj, *, tage: int):
    """Move a booking or an event `tage` days into the past (the services refuse to
    create it there)."""
    delta = timedelta(days=tage) + (obj.beginn - timezone.now())
    type(obj).objects.filter(pk=obj.pk).update(
        beginn=obj.beginn - delta - timedelta(days=1), ende=obj.ende - delta - timedelta(days=1)
    )


@pytest.fixture
def vergangenheit(world):
    """Past and future rows of every dated list, and concerns for every shortcut."""
    qm = world.users["qm"]
    rooms = world.extra["raeume"]
    alt = buchung(rooms["saal"], um(naechster(1, wochen=3), 9), um(naechster(1, wochen=3), 11))
    _vergangen(alt, tage=40)
    fest = veranstaltung(world.quartier_a, um(naechster(3, wochen=3), 15), titel="Sommerfest")
    _vergangen(fest, tage=170)
    heute = timezone.localdate()
    for von, bis in [(heute - timedelta(days=60), heute - timedelta(days=58)), (heute, heute)]:
        world.extra["raeume"]["saal"].sperrzeiten.create(
            quartier=world.quartier_a, von=von, bis=bis, grund="Malern"
        )
    # a programme and a grant that ended (the world's run on)
    projekte = world.extra["projekte"]
    alt_programm = Foerderprogramm.objects.create(
        name="STÄRKEN vor Ort",
        kurzname="STÄRKEN",
        ebene="bund",
        geber="Bund",
        von=date(2009, 1, 1),
        bis=date(2011, 12, 31),
    )
    Bewilligung.objects.create(
        projekt=projekte["projekt"],
        programm=alt_programm,
        von=date(2010, 1, 1),
        bis=date(2010, 12, 31),
        betrag=100,
    )
    Projekt.objects.create(
        quartier=world.quartier_a,
        titel="Stadtteilfest 2024",
        slug="fest-2024",
        kurzbeschreibung="Ein Fest.",
        von=date(2024, 5, 1),
        bis=date(2024, 6, 30),
    )
    kategorie = world.extra["kategorie"]
    AnliegenFactory(kategorie=kategorie, zustaendig=qm, status="in_bearbeitung")
    AnliegenFactory(kategorie=kategorie, frist=heute - timedelta(days=3))
    AnliegenFactory(kategorie=kategorie, einwilligung_veroeffentlichung=True)
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["qm", "mitarbeit", "stadt"])
def test_shortcut_counts_match_the_lists_they_lead_to(vergangenheit, persona):
    world = vergangenheit
    client = client_for(world, persona)
    lists = _with_shortcuts(world.users[persona])
    assert lists or persona == "stadt"
    counted = 0
    for model, model_admin in lists:
        url = _changelist_url(model)
        with query_budget(20, label=url):
            response = client.get(url)
        assert response.status_code == 200
        shortcuts = model_admin.abkuerzungen(response.wsgi_request)
        assert shortcuts, url
        for shortcut in shortcuts:
            shown = client.get(url + shortcut["url"])
            assert shown.status_code == 200
            cl = shown.context["cl"]
            assert shortcut["anzahl"] == cl.result_count, (url, shortcut["titel"])
            assert f'<span class="anzahl">{shortcut["anzahl"]}</span>' in response.text
            counted += shortcut["anzahl"]
    if persona == "qm":
        assert counted > 0, "the data gives every shortcut nothing to count"


@pytest.mark.django_db
def test_the_shortcuts_are_counted_in_one_query(vergangenheit):
    """The counts cost one query whatever their number (the budget of the page holds)."""
    client = client_for(vergangenheit, "qm")
    url = reverse("admin:anliegen_anliegen_changelist")
    with query_budget(20, label=url) as ctx:
        client.get(url)
    aggregates = [q for q in ctx.captured_queries if "COUNT(" in q["sql"] and "FILTER" in q["sql"]]
    assert len(aggregates) == 1, [q["sql"][:200] for q in aggregates]


def _dated_admins():
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower
    ):
        fields = {
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.DateField | models.DateTimeField)
        }
        if fields & DATED_FIELDS and model._meta.label_lower not in UEBER_VERGANGENES:
            yield model, model_admin


def test_every_list_of_dated_things_has_the_from_today_filter():
    dated = list(_dated_admins())
    assert {m._meta.label_lower for m, _ in dated} >= {
        "raeume.buchung",
        "veranstaltungen.veranstaltung",
        "netzwerk.sitzung",
        "raeume.sperrzeit",
    }
    missing = [
        m._meta.label_lower
        for m, model_admin in dated
        if not any(
            isinstance(f, type) and issubclass(f, AbHeuteFilter) for f in model_admin.list_filter
        )
    ]
    assert not missing, f"lists of dated things without the from-today filter: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("label", [m._meta.label_lower for m, _ in _dated_admins()])
def test_lists_of_dated_things_open_at_today(vergangenheit, label):
    model, model_admin = next((m, a) for m, a in _dated_admins() if m._meta.label_lower == label)
    zeitraum = next(
        f for f in model_admin.list_filter if isinstance(f, type) and issubclass(f, AbHeuteFilter)
    )
    feld = zeitraum.feld
    heute = timezone.localdate()

    def datum(obj):
        value = getattr(obj, feld)
        if value is None:
            return date.max  # an open end (a funding programme without end) runs on
        return timezone.localdate(value) if hasattr(value, "hour") else value

    client = client_for(vergangenheit, "qm")
    url = _changelist_url(model)
    assert model_admin.get_queryset  # scoped lists: what qm sees
    every = model._default_manager.all()
    assert any(datum(o) < heute for o in every), f"{label}: the data has no past row"
    assert any(datum(o) >= heute for o in every), f"{label}: the data has no future row"

    rows = list(client.get(url).context["cl"].result_list)
    assert rows, url
    assert datum(rows[0]) >= heute, f"{label} opens at {datum(rows[0])}"
    assert all(datum(r) >= heute for r in rows)
    assert [datum(r) for r in rows] == sorted(datum(r) for r in rows), "earliest first"

    past = list(client.get(url + "?zeitraum=vergangen").context["cl"].result_list)
    assert past and all(datum(r) < heute for r in past)
    assert [datum(r) for r in past] == sorted((datum(r) for r in past), reverse=True)

    alle = client.get(url + "?zeitraum=alle").context["cl"]
    assert alle.result_count == len(rows) + len(past)
    # A search looks at all dates.
    gesucht = client.get(url + "?q=").context["cl"]
    assert gesucht.result_count == len(rows)


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(m._meta.label for m in admin.site._registry))
def test_every_changelist_answers_with_counts_and_every_filter_choice(vergangenheit, label):
    """The filters written as conditions also serve the admin's counts (`_facets`), and
    every choice of every filter answers (one case per list, so the lists spread over the
    test processes)."""
    from django.apps import apps

    client = client_for(vergangenheit, "qm")
    user = vergangenheit.users["qm"]
    request = RequestFactory().get("/admin/")
    request.user = user
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    if not model_admin.has_view_or_change_permission(request):
        pytest.skip(f"the quartier manager does not see {label}")
    url = _changelist_url(model)
    response = client.get(url + "?_facets=True")
    assert response.status_code == 200, url
    for spec in response.context["cl"].filter_specs:
        for choice in spec.choices(response.context["cl"]):
            answer = client.get(url + choice["query_string"])
            assert answer.status_code == 200, (url, choice["query_string"])


def test_no_list_scans_its_whole_table_for_a_filter_or_a_second_count():
    """City scale (400,000 concerns): Django's `RelatedOnlyFieldListFilter` reads a DISTINCT
    over the whole list on every page, and `show_full_result_count` counts the whole table a
    second time. Every changelist uses `ImBereichFilter` and one count instead."""
    from quartier.admin import QuartierScopedAdmin

    for model, model_admin in admin.site._registry.items():
        for entry in model_admin.list_filter:
            if isinstance(entry, tuple):
                assert entry[1] is not admin.RelatedOnlyFieldListFilter, (
                    f"{model._meta.label}: {entry[0]} uses RelatedOnlyFieldListFilter"
                )
        if isinstance(model_admin, QuartierScopedAdmin):
            assert model_admin.show_full_result_count is False, model._meta.label


def test_the_queue_reads_an_area_through_its_index_not_a_subquery(world):
    """An area is a plain foreign key of a concern: the list filters it directly (a
    `pk IN (SELECT …)` over the whole table cost 60 ms a page at city scale)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client_for(world, "qm").get(reverse("admin:anliegen_anliegen_changelist"))
    lesend = [q["sql"] for q in queries if 'FROM "anliegen_anliegen"' in q["sql"]]
    assert lesend
    for sql in lesend:
        assert '"anliegen_anliegen"."id" IN (SELECT' not in sql, sql
        assert "DISTINCT" not in sql, sql


def test_show_all_is_offered_only_where_something_narrows_the_list(world):
    """Without the full count (city scale) Django would offer "Zeige alle" on every list,
    also one that already shows all; only a search or filter gets the link back."""
    client = client_for(world, "qm")
    url = reverse("admin:anliegen_anliegen_changelist")
    assert "Zeige alle" not in client.get(url).content.decode()
    assert "Zeige alle" in client.get(url, {"q": "Laterne"}).content.decode()
    assert "Zeige alle" in client.get(url, {"status__exact": "eingegangen"}).content.decode()
