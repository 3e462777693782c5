"""The fund never overspends through the web either: 50 decisions sent at once to two app
server processes (gunicorn) on the same database, for a fund with room for exactly ten."""

import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from http.cookiejar import CookieJar

import pytest
from django.test import Client
from django.urls import reverse

from projekte import services
from quartier.roles import Rolle

from ..factories import QuartierFactory, UserFactory
from ..raeume.test_race import _NoRedirect, two_servers  # noqa: F401 - the fixture
from .test_fonds import AS, antrag, fonds_mit

pytestmark = pytest.mark.django_db(transaction=True)


def _login(base: str, session: str, url: str) -> tuple[str, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    with opener.open(f"{base}{url}", timeout=15) as r:  # noqa: S310 - loopback
        html = r.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    return f"sessionid={session}; csrftoken={csrf}", token


def test_fifty_decisions_on_two_servers_approve_exactly_ten(two_servers):  # noqa: F811
    quartier = QuartierFactory(slug="fondsansturm")
    qm = UserFactory(
        email="fonds@example.org",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[quartier],
    )
    fonds = fonds_mit(quartier, budget="1000.00")
    antraege = [antrag(fonds, "100.00", user=qm) for _ in range(50)]
    client = Client()
    client.force_login(qm)
    session = client.cookies["sessionid"].value
    urls = [reverse("admin:projekte_antrag_entscheiden", args=[a.pk]) for a in antraege]
    logins = [_login(base, session, urls[0]) for base in two_servers]
    opener = urllib.request.build_opener(_NoRedirect)

    def post(i):
        base, (cookie, token) = two_servers[i % 2], logins[i % 2]
        data = urllib.parse.urlencode({"ergebnis": AS.BEWILLIGT, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{base}{urls[i]}",
            data=data.encode(),
            method="POST",
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with opener.open(request, timeout=25) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    with ThreadPoolExecutor(max_workers=50) as pool:
        ergebnisse = list(pool.map(post, range(50)))
    statuses = [s for s, _ in ergebnisse]
    assert statuses.count(302) == 10, statuses
    abgelehnt = [body for s, body in ergebnisse if s == 200]
    assert len(abgelehnt) == 40
    assert all("Der Fonds hat nur noch 0,00 € frei" in body for body in abgelehnt)
    zahlen = services.fonds_zahlen(fonds)
    assert (zahlen.gebunden, zahlen.frei) == (Decimal("1000.00"), Decimal("0.00"))
