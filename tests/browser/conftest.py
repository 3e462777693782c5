"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded one)
against a live server, with axe-core accessibility checks."""

import os
import re
import shutil
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to
# set up data are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class OutsideRequest(AssertionError):
    pass


def _page(browser, live_server, viewport, **kwargs):
    context = browser.new_context(
        viewport=viewport, base_url=live_server.url, locale="de-DE", **kwargs
    )
    page = context.new_page()
    # Generous: on a loaded 2-core machine the live server can take several seconds to
    # answer a navigation; a real failure still fails, only later.
    page.set_default_timeout(30_000)
    outside = []
    allowed = urlparse(live_server.url).netloc

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in {"http", "https"} and url.netloc != allowed:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    # Residents' IPs never go to third parties: any request off our server fails the test.
    # Only requests to anywhere else are routed through the guard (the browser matches the
    # pattern itself): passing each of our own pages and assets through Python cost a
    # round trip per request.
    own = re.escape(live_server.url.rstrip("/"))
    page.route(re.compile(rf"^(?!{own}(?:/|$)).*"), guard)
    page.outside_requests = outside
    return context, page


@pytest.fixture
def page(browser, live_server, transactional_db):
    context, page = _page(browser, live_server, DESKTOP)
    yield page
    context.close()
    assert not page.outside_requests, f"requests left the server: {page.outside_requests}"


@pytest.fixture
def phone(browser, live_server, transactional_db):
    context, page = _page(browser, live_server, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()
    assert not page.outside_requests, f"requests left the server: {page.outside_requests}"


@pytest.fixture
def no_js_page(browser, live_server, transactional_db):
    context, page = _page(browser, live_server, PHONE, java_script_enabled=False)
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page, label: str = ""):
    """axe-core must find no serious or critical violation on the current page."""
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} → "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"axe violations on {label or page.url}:\n{details}"


def assert_no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"page is {width}px wide on a {viewport}px screen"
