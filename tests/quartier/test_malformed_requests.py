"""What the attack sent: every malformed request is a 400 with our German page, never a 500.

The clients enforce the CSRF check as a browser's request meets it: that check is where
Django read the broken body a second time and failed with a bare 500."""

import pytest
from django.test import Client
from django.urls import reverse

from quartier.middleware import MalformedRequestMiddleware

GERMAN = "Wir konnten diese Anfrage nicht lesen"
URLENCODED = "application/x-www-form-urlencoded"


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.fixture
def form_urls(world):
    """The four public forms the attack broke, and a generic one (the tracking page)."""
    anliegen = world.extra["anliegen_privat"]
    return [
        reverse("anliegen:anliegen_create"),
        reverse("anliegen:anliegen_pin"),
        reverse("partner:login"),
        reverse("partner:password_reset"),
        reverse("anliegen:anliegen_nicht_geloest", args=[anliegen.token]),
    ]


def assert_bad_request(response):
    assert response.status_code == 400, response.status_code
    assert GERMAN in response.content.decode()


def post_raw(browser, url, body: bytes, content_type: str, **extra):
    """What a browser sends: the CSRF cookie and token of a page it loaded first."""
    page = browser.get(url)
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else ""
    body = body.replace(b"TOKEN", token.encode())
    return browser.generic("POST", url, body, content_type=content_type, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", "utf-16", "utf-32", "klingon"])
def test_a_form_post_in_another_charset_is_400(browser, form_urls, charset):
    for url in form_urls:
        body = b"csrfmiddlewaretoken=TOKEN&nummer=A-2026-00001&pin=1&email=x%40y.de"
        if charset.startswith("utf-"):
            body = body.decode().encode(charset)
        response = post_raw(browser, url, body, f"{URLENCODED}; charset={charset}")
        assert_bad_request(response)


@pytest.mark.django_db
def test_utf8_declared_or_not_is_accepted(browser, form_urls):
    url = form_urls[1]
    for content_type in (URLENCODED, f"{URLENCODED}; charset=UTF-8", f"{URLENCODED};charset=utf-8"):
        response = post_raw(browser, url, b"csrfmiddlewaretoken=TOKEN&nummer=x&pin=1", content_type)
        assert response.status_code == 200, content_type  # the form, with its messages


@pytest.mark.django_db
def test_a_body_that_is_not_utf8_is_400(browser, form_urls):
    for url in form_urls:
        body = b"csrfmiddlewaretoken=TOKEN&nummer=%ff%fe%00&pin=\xe4"
        assert_bad_request(post_raw(browser, url, body, URLENCODED))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\nContent-Disposition: form-data\r\n\r\nA\r\n--x--"),
        ("multipart/form-data; boundary=", b"--\r\n\r\n"),
        ("multipart/form-data; boundary=a\x01b", b"--a\x01b\r\n\r\n--a\x01b--\r\n"),
        ("multipart/form-data; boundary=b; charset=utf-16", b"--b\r\n\r\n--b--\r\n"),
    ],
    ids=["no-boundary", "empty-boundary", "boundary-with-control-character", "utf16"],
)
def test_a_broken_multipart_body_is_400(browser, form_urls, content_type, body):
    for url in form_urls:
        assert_bad_request(post_raw(browser, url, body, content_type))


@pytest.mark.django_db
def test_a_body_over_the_limit_is_400(browser, form_urls, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    for url in form_urls:
        body = b"csrfmiddlewaretoken=TOKEN&beschreibung=" + b"x" * 5000
        assert_bad_request(post_raw(browser, url, body, URLENCODED))


@pytest.mark.django_db
def test_too_many_fields_or_files_is_400(browser, form_urls, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    fields = "&".join(f"f{n}=1" for n in range(50)).encode()
    files = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="foto_%d"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\nx\r\n" % n
        for n in range(5)
    )
    for url in form_urls:
        body = b"csrfmiddlewaretoken=TOKEN&" + fields
        assert_bad_request(post_raw(browser, url, body, URLENCODED))
        assert_bad_request(
            post_raw(browser, url, files + b"--b--\r\n", "multipart/form-data; boundary=b")
        )
    assert_bad_request(browser.get("/netzwerk/?" + fields.decode()))


class BrokenInput:
    """A client that hangs up in the middle of its body."""

    def read(self, *args):
        raise OSError("Connection reset by peer")

    readline = read


@pytest.mark.django_db
def test_a_body_that_breaks_off_is_400(browser, form_urls):
    for url in form_urls:
        response = browser.generic(
            "POST",
            url,
            b"nummer=A",
            content_type=URLENCODED,
            **{"wsgi.input": BrokenInput(), "CONTENT_LENGTH": "500"},
        )
        assert_bad_request(response)


@pytest.mark.django_db
def test_a_nul_byte_in_a_form_value_is_400(browser, form_urls):
    upload = (
        b'--b\r\nContent-Disposition: form-data; name="nummer"\r\n\r\nA\x00B\r\n'
        b'--b\r\nContent-Disposition: form-data; name="foto_1"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\nx\r\n--b--\r\n"
    )
    for url in form_urls:
        body = b"csrfmiddlewaretoken=TOKEN&nummer=A-2026%0000001&pin=1"
        assert_bad_request(post_raw(browser, url, body, URLENCODED))
        assert_bad_request(post_raw(browser, url, upload, "multipart/form-data; boundary=b"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/netzwerk/?q=%00",
        "/anliegen/?kategorie=%00&seite=1",
        "/veranstaltungen/anmeldung/%00/",
        "/raeume/kalender/%00.ics",
        "/anliegen/%00/",
        "/netzwerk/akteure/%00/",
        "/partner/passwort-neu/%00/%00/",
    ],
)
def test_a_nul_byte_in_the_url_is_400(browser, world, url):
    assert_bad_request(browser.get(url))


@pytest.mark.django_db
def test_a_session_cookie_with_a_nul_byte_is_ignored(browser, world):
    browser.cookies["sessionid"] = "abc\x00def12345"
    response = browser.get("/netzwerk/")
    assert response.status_code == 200


def test_the_guard_acts_before_the_session_and_the_csrf_check(settings):
    order = settings.MIDDLEWARE
    guard = order.index("quartier.middleware.MalformedRequestMiddleware")
    assert guard < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert guard < order.index("django.middleware.csrf.CsrfViewMiddleware")
    assert MalformedRequestMiddleware.__module__ == "quartier.middleware"


def test_a_form_without_its_security_token_gets_a_german_page(browser, form_urls):
    """Django's own CSRF page is tagged English and unbranded; ours says what happened and
    what to do, in German, for every form (the admin's log-in included)."""
    for url in [*form_urls, reverse("admin:login")]:
        response = browser.post(url, {"beschreibung": "Laterne kaputt"})
        assert response.status_code == 403, url
        html = response.content.decode()
        assert '<html lang="de"' in html, url
        assert "Das Formular konnte nicht gesendet werden" in html, url
        assert "CSRF" not in html, url
