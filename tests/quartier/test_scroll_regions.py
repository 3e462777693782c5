"""A box that scrolls sideways must be reachable by keyboard (WCAG 2.1.1, axe's
`scrollable-region-focusable`). The example found: the partner's table of planned and spent
amounts scrolled inside its `.table-responsive` box on a phone, and someone without a mouse
could not scroll it. So every scrolling box in our templates is focusable and has a name a
screen reader reads when the focus lands on it (`role="region"` with `aria-label` or
`aria-labelledby`)."""

import re
from pathlib import Path

# Bootstrap's scrolling wrapper; our own come from the style sheets below.
SCROLL_CLASSES = {"table-responsive"}
# A dropdown list of filter links: each link takes the focus, so the keyboard reaches it.
OHNE_FOKUS_NOETIG = {"quartier-filter"}

RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
SCROLLS = re.compile(r"overflow(?:-x|-y)?\s*:\s*(?:auto|scroll)")
CLASS = re.compile(r"\.([A-Za-z][\w-]*)")
TAG = re.compile(r"<(?:div|section|figure)\b(?:[^>%{]|\{%.*?%\}|\{\{.*?\}\}|[%{])*?>", re.S)


def _scroll_classes(base: Path) -> set[str]:
    found = set(SCROLL_CLASSES)
    for css in [*base.glob("static/css/*.css"), *base.glob("*/static/*/*.css")]:
        for selector, body in RULE.findall(css.read_text()):
            if SCROLLS.search(body):
                last = selector.split(",")[-1].split()[-1] if selector.strip() else ""
                found.update(CLASS.findall(last))
    return found - OHNE_FOKUS_NOETIG


def _templates(base: Path):
    for folder in [base / "templates", *base.glob("*/templates")]:
        yield from sorted(folder.rglob("*.html"))


def test_the_style_sheets_scrolling_classes_are_found(settings):
    """The scan below looks for the right classes: our own scrolling box is among them."""
    assert "raeume-scroll" in _scroll_classes(Path(settings.BASE_DIR))


def test_every_scrolling_box_takes_the_keyboard_focus_and_has_a_name(settings):
    base = Path(settings.BASE_DIR)
    classes = _scroll_classes(base)
    falsch = []
    gefunden = 0
    for path in _templates(base):
        for tag in TAG.findall(path.read_text()):
            m = re.search(r'class="([^"]*)"', tag)
            if not m or not classes & set(m.group(1).split()):
                continue
            gefunden += 1
            ok = (
                'tabindex="0"' in tag
                and 'role="region"' in tag
                and ("aria-label=" in tag or "aria-labelledby=" in tag)
            )
            if not ok:
                falsch.append(f"{path.relative_to(base)}: {' '.join(tag.split())}")
    assert gefunden >= 5, "the scan found fewer scrolling boxes than the templates hold"
    assert not falsch, "scrolling boxes the keyboard cannot reach:\n" + "\n".join(falsch)
