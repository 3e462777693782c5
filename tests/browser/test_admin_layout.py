"""Every changelist of the admin fits a 1280 px screen: its results table needs no
horizontal scrolling, and the shortcut buttons above it leave the title readable."""

import pytest

from .admin_pages import admin_login, changelists, staff_user, world_with_a_row_in_every_list

SCREEN = {"width": 1280, "height": 800}


@pytest.fixture
def welt(transactional_db):
    return world_with_a_row_in_every_list()


def _boxes_intersect(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


MEASURE = """() => {
  const results = document.querySelector('#changelist .results');
  const table = document.querySelector('#result_list');
  return {
    table: table ? table.scrollWidth : 0,
    container: results ? results.clientWidth : 0,
    containerScroll: results ? results.scrollWidth : 0,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
}"""


def test_every_changelist_fits_1280px_without_horizontal_scrolling(page, welt):
    page.set_viewport_size(SCREEN)
    user = staff_user(welt, "qm")
    admin_login(page, user)
    lists = changelists(user)
    assert len(lists) >= 15, [p.label for p in lists]
    too_wide, covered, widths = [], [], {}
    for entry in lists:
        page.goto(entry.url)
        m = page.evaluate(MEASURE)
        widths[entry.label] = (m["table"], m["container"])
        assert m["table"], f"{entry.label}: no rows to measure"
        if m["containerScroll"] > m["container"] or m["page"] > m["viewport"]:
            too_wide.append(f"{entry.label}: table {m['table']} px in {m['container']} px")
        title = page.locator("#content > h1").bounding_box()
        for tool in page.locator(".object-tools li").all():
            box = tool.bounding_box()
            if title and box and _boxes_intersect(title, box):
                covered.append(f"{entry.label}: {tool.inner_text()!r} covers the title")
    print("\n".join(f"{k}: {t} / {c}" for k, (t, c) in widths.items()))
    assert not too_wide, "\n".join(too_wide)
    assert not covered, "\n".join(covered)
