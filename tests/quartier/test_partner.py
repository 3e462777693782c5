"""Partner log-in, log-out and password reset at /partner/."""

import re

import pytest
from django.urls import reverse

from ..factories import PASSWORD


@pytest.mark.django_db
def test_partner_logs_in_with_email_in_any_case(client, world):
    response = client.post(
        reverse("partner:login"), {"username": "PARTNER-A@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:start")
    page = client.get(reverse("partner:start"))
    assert "Nachbarschaftsverein Brunnenviertel e. V." in page.content.decode()
    assert "SV Blau-Weiß" not in page.content.decode()


@pytest.mark.django_db
def test_wrong_password_gets_a_german_message_and_keeps_the_address(client, world):
    response = client.post(
        reverse("partner:login"), {"username": "partner-a@example.org", "password": "falsch"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die E-Mail-Adresse oder das Passwort stimmt nicht" in html
    assert 'value="partner-a@example.org"' in html


@pytest.mark.django_db
def test_logout_needs_post(client, world):
    client.force_login(world.users["partner_a"])
    assert client.get(reverse("partner:logout")).status_code == 405
    assert client.post(reverse("partner:logout")).status_code == 302
    assert client.get(reverse("partner:start")).status_code == 302


@pytest.mark.django_db
def test_password_reset_by_mail(client, world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partner:password_reset"), {"email": "partner-a@example.org"}
        )
    assert response.status_code == 302
    (sent,) = mailoutbox
    assert sent.to == ["partner-a@example.org"]
    link = re.search(r"https?://[^/\s]+(/partner/passwort-neu/\S+)", sent.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Ein-neues-Passwort-2026", "new_password2": "Ein-neues-Passwort-2026"},
    )
    assert response.status_code == 302
    assert client.login(username="partner-a@example.org", password="Ein-neues-Passwort-2026")


@pytest.mark.django_db
def test_password_reset_does_not_reveal_unknown_addresses(client, mailoutbox):
    response = client.post(reverse("partner:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


@pytest.mark.django_db
def test_login_attempts_are_limited_per_address(client, world, settings):
    settings.LOGIN_LIMIT = 3
    url = reverse("partner:login")
    for _ in range(3):
        response = client.post(url, {"username": "partner-a@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post(url, {"username": "partner-a@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Einen Moment bitte" in response.content.decode()
    # The back office shares the counter: no way around it through /admin/login/.
    response = client.post(reverse("admin:login"), {"username": "qm@example.org", "password": "x"})
    assert response.status_code == 429
    # Another address is not affected.
    other = client.post(
        url, {"username": "partner-a@example.org", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert other.status_code == 302


def test_client_address_behind_a_trusted_proxy(rf, settings):
    from quartier.ratelimit import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"  # no proxy configured: the header is ignored
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # the forged left entry is not trusted
