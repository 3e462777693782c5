"""Public pages from the shared cache are never stale (quartier.cache).

For every cached view a test below reads the page (stored), reads it again (served from the
cache in at most a couple of queries), changes what it shows through the service or the
model the back office uses, and reads it once more: the change is there. `STALENESS_TESTS`
must name every view in `CACHED_VIEWS`, so a newly cached page without its test fails here.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from anliegen import services as anliegen_services
from netzwerk.models import Gremium
from quartier import cache as quartier_cache
from quartier.cache import CACHED_VIEWS
from veranstaltungen import services as veranstaltungen_services
from zeitung import services as zeitung_services

from ..anliegen.factories import OeffentlichesAnliegenFactory
from ..utils import client_for
from ..veranstaltungen.factories import buchung, naechster, um, veranstaltung

# A page served from the cache: no SQL at all (the versions and the area come from the cache;
# a request without a session cookie reads no session).
HIT_QUERIES = 0

STALENESS_TESTS = {
    "quartier.views.home": "test_home_shows_an_edited_event",
    "anliegen.views.anliegen_list": "test_concern_list_shows_publishing_and_unpublishing",
    "anliegen.views.anliegen_detail": "test_concern_page_disappears_when_unpublished",
    "netzwerk.views.akteur_list": "test_actor_list_and_page_show_an_edited_actor",
    "netzwerk.views.akteur_detail": "test_actor_list_and_page_show_an_edited_actor",
    "netzwerk.views.angebot_list": "test_offer_list_and_actor_page_show_an_edited_offer",
    "netzwerk.views.gremium_list": "test_committee_pages_show_an_edited_committee",
    "netzwerk.views.gremium_detail": "test_committee_pages_show_an_edited_committee",
    "veranstaltungen.views.veranstaltung_list": "test_calendar_pages_show_a_cancelled_event",
    "veranstaltungen.views.veranstaltung_monat": "test_calendar_pages_show_a_cancelled_event",
    "veranstaltungen.views.veranstaltung_feed": "test_calendar_pages_show_a_cancelled_event",
    "veranstaltungen.views.veranstaltung_detail": "test_calendar_pages_show_a_cancelled_event",
    "veranstaltungen.views.veranstaltung_ics": "test_calendar_pages_show_a_cancelled_event",
    "raeume.views.raum_list": "test_room_list_shows_an_edited_room",
    "raeume.views.raum_detail": "test_week_view_and_feed_show_a_new_booking",
    "raeume.views.raum_feed": "test_week_view_and_feed_show_a_new_booking",
    "projekte.views.projekt_list": "test_project_pages_show_a_new_photo_credit_and_a_funder",
    "projekte.views.projekt_detail": "test_project_pages_show_a_new_photo_credit_and_a_funder",
    "projekte.views.fonds": "test_the_fund_page_shows_a_new_approval_and_payment_at_once",
    "zeitung.views.ausgabe_list": "test_newspaper_pages_show_a_new_issue_and_a_renamed_section",
    "zeitung.views.ausgabe_detail": "test_newspaper_pages_show_a_new_issue_and_a_renamed_section",
    "zeitung.views.artikel_detail": "test_newspaper_pages_show_a_new_issue_and_a_renamed_section",
    "zeitung.views.feed": "test_newspaper_pages_show_a_new_issue_and_a_renamed_section",
}


def test_every_cached_view_has_a_staleness_test():
    assert set(CACHED_VIEWS) == set(STALENESS_TESTS)
    for name in set(STALENESS_TESTS.values()):
        assert callable(globals()[name]), name


def _gelesen(client, url, django_assert_max_num_queries) -> str:
    """Read twice: stored, then served from the cache (asserted by its query count)."""
    first = client.get(url)
    assert first.status_code == 200, url
    with django_assert_max_num_queries(HIT_QUERIES):
        second = client.get(url)
    assert second.content == first.content
    return second.content.decode()


@pytest.fixture
def lesen(client, django_assert_max_num_queries):
    return lambda url: _gelesen(client, url, django_assert_max_num_queries)


def _event(world, titel, **kwargs):
    beginn = timezone.now() + timedelta(days=3)
    return veranstaltung(world.quartier_a, beginn, titel=titel, oeffentlich=True, **kwargs)


def test_home_shows_an_edited_event(world, client, lesen):
    v = _event(world, "Hoffest am Brunnen")
    assert "Hoffest am Brunnen" in lesen("/")
    v.titel = "Sommerfest am Brunnen"
    veranstaltungen_services.veranstaltung_aendern(veranstaltung=v, user=None)
    html = client.get("/").content.decode()
    assert "Sommerfest am Brunnen" in html
    assert "Hoffest am Brunnen" not in html


def test_calendar_pages_show_a_cancelled_event(world, client, lesen):
    v = _event(world, "Lesung im Hof")
    monat = f"{timezone.localtime(v.beginn):%Y-%m}"
    urls = [
        reverse("veranstaltungen:veranstaltung_list"),
        reverse("veranstaltungen:veranstaltung_monat") + f"?monat={monat}",
        reverse("veranstaltungen:veranstaltung_feed"),
        v.get_absolute_url(),
        reverse("veranstaltungen:veranstaltung_ics", args=[v.pk]),
    ]
    vorher = {url: lesen(url) for url in urls}
    for url in urls:
        assert "Lesung im Hof" in vorher[url], url
    veranstaltungen_services.veranstaltung_absagen(
        veranstaltung=v, user=None, notiz="Fällt wegen Regen aus."
    )
    for url in urls:
        nachher = client.get(url).content.decode()
        assert nachher != vorher[url], url
    assert "Fällt wegen Regen aus." in client.get(urls[0]).content.decode()
    assert "Fällt wegen Regen aus." in client.get(urls[3]).content.decode()
    assert "STATUS:CANCELLED" in client.get(urls[2]).content.decode()


def test_concern_list_shows_publishing_and_unpublishing(world, client, lesen):
    a = OeffentlichesAnliegenFactory(
        kategorie__quartier=world.quartier_a,
        text_freigegeben=False,
        oeffentlicher_text="Der Spielplatz braucht eine Bank.",
    )
    url = reverse("anliegen:anliegen_list")
    assert "Der Spielplatz braucht eine Bank." not in lesen(url)
    anliegen_services.moderieren(
        anliegen=a, text="Der Spielplatz braucht eine Bank.", freigeben=True, foto_ids=[], user=None
    )
    assert "Der Spielplatz braucht eine Bank." in lesen(url)
    anliegen_services.einwilligung_widerrufen(anliegen=a)
    assert "Der Spielplatz braucht eine Bank." not in client.get(url).content.decode()


def test_concern_page_disappears_when_unpublished(world, client, lesen):
    a = OeffentlichesAnliegenFactory(kategorie__quartier=world.quartier_a)
    url = reverse("anliegen:anliegen_detail", args=[a.nummer])
    assert a.nummer in lesen(url)
    anliegen_services.einwilligung_widerrufen(anliegen=a)
    assert client.get(url).status_code == 404


def test_actor_list_and_page_show_an_edited_actor(world, client, lesen):
    akteur = world.akteur_a
    urls = [reverse("netzwerk:akteur_list"), akteur.get_absolute_url()]
    for url in urls:
        assert akteur.name in lesen(url)
    akteur.name = "Nachbarschaftshaus am Kanal"
    akteur.save()
    for url in urls:
        assert "Nachbarschaftshaus am Kanal" in client.get(url).content.decode(), url


def test_project_pages_show_a_new_photo_credit_and_a_funder(world, client, lesen):
    projekt = world.extra["projekte"]["projekt"]
    urls = [reverse("projekte:projekt_list"), projekt.get_absolute_url()]
    for url in urls:
        assert projekt.titel in lesen(url)
    projekt.titel = "Lernhilfe am Nachmittag"
    projekt.save()
    for url in urls:
        assert "Lernhilfe am Nachmittag" in client.get(url).content.decode(), url
    # The funder's acknowledgement follows a change of the programme (shared by all areas).
    programm = world.extra["projekte"]["programm"]
    assert programm.name in lesen(projekt.get_absolute_url())
    programm.name = "Bildung, Wirtschaft, Arbeit im Quartier (ESF Plus)"
    programm.save()
    assert programm.name in client.get(projekt.get_absolute_url()).content.decode()
    # Not public any more: gone from list and page.
    projekt.oeffentlich = False
    projekt.save()
    assert "Lernhilfe am Nachmittag" not in client.get(urls[0]).content.decode()
    assert client.get(urls[1]).status_code == 404


def test_newspaper_pages_show_a_new_issue_and_a_renamed_section(world, client, lesen):
    zeitung = world.extra["zeitung"]
    erschienen, artikel = zeitung["erschienen"], zeitung["veroeffentlicht"]
    liste = reverse("zeitung:ausgabe_list")
    seiten = [
        reverse("zeitung:ausgabe_detail", args=[erschienen.nummer]),
        reverse("zeitung:artikel_detail", args=[erschienen.nummer, artikel.pk]),
    ]
    assert "Sommer im Hof" not in lesen(liste)
    for url in seiten:
        assert artikel.titel in lesen(url)
    # The next issue goes out, step by step through the service: the archive shows it.
    ausgabe = zeitung["ausgabe"]
    for status in ("satz", "druckfreigabe", "erschienen"):
        ausgabe = zeitung_services.ausgabe_status_setzen(
            ausgabe=ausgabe, status=status, user=world.users["redaktion"]
        )
    assert "Sommer im Hof" in client.get(liste).content.decode()
    # A renamed section (its name is on the issue's and the article's page).
    rubrik = zeitung["rubrik"]
    rubrik.name = "Hofgeschichten"
    rubrik.save()
    for url in seiten:
        assert "Hofgeschichten" in client.get(url).content.decode(), url
    # The feed names the articles: a new headline shows at once.
    feed = reverse("zeitung:feed")
    assert artikel.titel in lesen(feed)
    artikel.titel = "Großer Frühjahrsputz"
    artikel.save()
    assert "Großer Frühjahrsputz" in client.get(feed).content.decode()


def test_the_fund_page_shows_a_new_approval_and_payment_at_once(world, client, lesen):
    """The figures are live: a decision or a payment shows at once, not after the cache."""
    from projekte import services

    url = reverse("verfuegungsfonds:fonds")
    assert "3.700,00 €" in lesen(url)
    services.antrag_entscheiden(
        antrag=world.extra["projekte"]["antrag"], ergebnis="bewilligt", user=world.users["qm"]
    )
    assert "3.220,00 €" in client.get(url).content.decode()
    services.auszahlen(
        antrag=world.extra["projekte"]["gefoerdert"],
        art="abschlag",
        betrag=Decimal("99.00"),
        user=world.users["qm"],
    )
    assert "99,00 €" in client.get(url).content.decode()


def test_offer_list_and_actor_page_show_an_edited_offer(world, client, lesen):
    angebot = world.extra["angebot_a"]
    urls = [reverse("netzwerk:angebot_list"), angebot.akteur.get_absolute_url()]
    for url in urls:
        assert angebot.titel in lesen(url)
    angebot.titel = "Lernwerkstatt für Grundschulkinder"
    angebot.save()
    for url in urls:
        assert "Lernwerkstatt für Grundschulkinder" in client.get(url).content.decode(), url


def test_committee_pages_show_an_edited_committee(world, client, lesen):
    gremium = world.extra["gremium"]
    urls = [reverse("netzwerk:gremium_list"), gremium.get_absolute_url()]
    for url in urls:
        assert gremium.name in lesen(url)
    Gremium.objects.get(pk=gremium.pk)
    gremium.name = "Runder Tisch Kanalufer"
    gremium.save()
    for url in urls:
        assert "Runder Tisch Kanalufer" in client.get(url).content.decode(), url


def test_room_list_shows_an_edited_room(world, client, lesen):
    saal = world.extra["raeume"]["saal"]
    url = reverse("raeume:raum_list")
    assert saal.name in lesen(url)
    saal.name = "Großer Saal im Hof"
    saal.save()
    assert "Großer Saal im Hof" in client.get(url).content.decode()


def test_week_view_and_feed_show_a_new_booking(world, client, lesen):
    saal = world.extra["raeume"]["saal"]
    tag = naechster(2, wochen=3)
    woche = reverse("raeume:raum_detail", args=[saal.slug]) + f"?datum={tag:%Y-%m-%d}"
    feed = reverse("raeume:raum_feed", args=[saal.slug])
    vorher = {url: lesen(url) for url in (woche, feed)}
    assert "17:00–" not in vorher[woche]
    buchung(saal, um(tag, 17), um(tag, 19))
    assert "17:00–" in client.get(woche).content.decode()
    assert client.get(feed).content.decode().count("BEGIN:VEVENT") == (
        vorher[feed].count("BEGIN:VEVENT") + 1
    )


def test_feed_answers_304_while_nothing_changed(world, client):
    _event(world, "Flohmarkt")
    url = reverse("veranstaltungen:veranstaltung_feed")
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    _event(world, "Kiezfest")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Kiezfest" in changed.content.decode()
    assert changed["ETag"] != etag


def test_logged_in_readers_are_never_served_from_the_cache(world, client):
    akteur = world.akteur_a
    url = reverse("netzwerk:akteur_list")
    assert akteur.name in client.get(url).content.decode()  # stored for anonymous readers
    partner = client_for(world, "partner_a")
    response = partner.get(url)
    assert "no-store" in response["Cache-Control"]
    assert reverse("partner:logout") in response.content.decode()  # rendered for the user
    # … and what the logged-in reader saw is not stored for the anonymous one.
    assert reverse("partner:logout") not in client.get(url).content.decode()


def test_token_pages_and_form_pages_are_never_stored(world, client):
    anmeldung = world.extra["anmeldung"]
    url = anmeldung.get_absolute_url()
    client.get(url)
    assert not any(k.startswith(f"{quartier_cache.PREFIX}:p:") for k in _keys())
    # An event with its registration form: the CSRF token is this reader's own.
    v = world.extra["veranstaltung"]
    assert v.anmeldung_offen()
    first = client.get(v.get_absolute_url())
    assert b"csrfmiddlewaretoken" in first.content
    assert not any(k.startswith(f"{quartier_cache.PREFIX}:p:") for k in _keys())


def _keys():
    from django.core.cache import cache

    return [k.split(":", 2)[-1] for k in getattr(cache, "_cache", {})]


def test_htmx_fragment_and_full_page_have_their_own_keys(world, client):
    url = reverse("netzwerk:akteur_list")
    full = client.get(url).content
    fragment = client.get(url, headers={"HX-Request": "true"}).content
    assert fragment != full
    assert client.get(url).content == full


def test_a_reader_with_a_session_gets_a_fresh_page(world, client):
    client.get(reverse("netzwerk:akteur_list"))
    client.cookies["sessionid"] = "abc"
    response = client.get(reverse("netzwerk:akteur_list"))
    assert "ETag" not in response  # rendered, not from the cache


def test_an_areas_pages_have_their_own_key_that_its_writes_replace(db):
    from django.test import RequestFactory
    from django.utils.functional import SimpleLazyObject

    def key(quartier_id):
        request = RequestFactory().get("/veranstaltungen/")
        if quartier_id is not ...:
            request.quartier_id = quartier_id
        return quartier_cache.page_key(request, ("veranstaltungen",))[0]

    ohne, a, b = key(...), key(1), key(SimpleLazyObject(lambda: 2))
    assert len({ohne, a, b}) == 3
    assert key(SimpleLazyObject(lambda: None)) == ohne  # a lazy "no area" is no area
    quartier_cache.bump("veranstaltungen", 2)
    assert key(1) == a  # another area's write leaves this area's pages alone
    assert key(2) != b
    assert key(...) != ohne  # the pages of all areas show it too
    a, ohne = key(1), key(...)
    quartier_cache.bump("veranstaltungen")  # a write without an area: every page
    assert key(1) != a
    assert key(...) != ohne


def test_an_areas_calendar_under_its_prefix_shows_its_changes_only(world, client, lesen):
    beginn = timezone.now() + timedelta(days=4)
    b = veranstaltung(world.quartier_b, beginn, titel="Hafenfest", oeffentlich=True)
    url_a = f"/q/{world.quartier_a.slug}/veranstaltungen/"
    url_b = f"/q/{world.quartier_b.slug}/veranstaltungen/"
    assert "Hafenfest" in lesen(url_b)
    assert "Hafenfest" not in lesen(url_a)
    _event(world, "Brunnenfest")  # area A: B's cached page is still good
    with quartier_cache_hit():
        assert "Brunnenfest" not in client.get(url_b).content.decode()
    assert "Brunnenfest" in client.get(url_a).content.decode()
    veranstaltungen_services.veranstaltung_absagen(veranstaltung=b, user=None, notiz="Sturm.")
    assert "Sturm." in client.get(url_b).content.decode()


def quartier_cache_hit():
    """A block whose requests are all served from the cache: no SQL at all beyond a few."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    class _Hit(CaptureQueriesContext):
        def __exit__(self, *exc):
            super().__exit__(*exc)
            assert len(self.captured_queries) <= HIT_QUERIES, self.captured_queries

    return _Hit(connection)


def test_every_model_of_the_public_apps_bumps_or_says_why_not():
    from django.apps import apps
    from django.db.models.signals import post_save

    for app in quartier_cache.APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label_lower
            verbunden = any(
                r is quartier_cache._on_write for r in post_save._live_receivers(model)[0]
            )
            ausgenommen = label in quartier_cache.NICHT_OEFFENTLICH | quartier_cache.MIT_ANDEREM
            assert verbunden != ausgenommen, label
