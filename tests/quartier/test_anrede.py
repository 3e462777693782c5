"""Greetings: the portal greets a user with the short form they chose, else their full
name, and never with a title alone ("Willkommen, Dr.." / "Hallo Dr..")."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from anliegen import services as anliegen_services
from netzwerk import services as netzwerk_services
from quartier.forms import KontoForm
from quartier.models import User, nur_titel
from quartier.roles import Rolle

from ..anliegen.factories import AnliegenFactory
from ..factories import AkteurFactory, QuartierFactory, UserFactory

# A title followed by punctuation or the end, not by a name: "Dr..", "Hallo Dr.,", "Dr.!"
TITEL_ALLEIN = re.compile(r"\b(?:Dr|Prof|Dipl)\.(?!\s*(?:[A-ZÄÖÜ]|-?Ing|med|phil|rer))")


def assert_keine_anrede_mit_titel_allein(text: str) -> None:
    treffer = TITEL_ALLEIN.search(text)
    assert treffer is None, text[max(0, treffer.start() - 60) : treffer.end() + 20]


@pytest.mark.parametrize(
    ("name", "kurzname", "anrede"),
    [
        ("Dr. Anna Berg", "", "Dr. Anna Berg"),
        ("Prof. Dr. Jörg Lenz", "", "Prof. Dr. Jörg Lenz"),
        ("Dr. Anna Berg", "Anna", "Anna"),
        ("Dr. Anna Berg", "Dr. Berg", "Dr. Berg"),
        ("Dr. Anna Berg", "Dr.", "Dr. Anna Berg"),  # stored before the rule: ignored
        ("", "", "anna@example.org"),
    ],
)
def test_short_name_is_the_chosen_form_else_the_full_name(name, kurzname, anrede):
    user = User(email="anna@example.org", name=name, kurzname=kurzname)
    assert user.get_short_name() == anrede


@pytest.mark.parametrize(
    ("text", "allein"),
    [
        ("Dr.", True),
        ("Prof. Dr.", True),
        ("Frau Dr.", True),
        ("Dipl.-Ing.", True),
        ("Dr. Berg", False),
        ("Anna", False),
    ],
)
def test_titles_alone_are_recognised(text, allein):
    assert nur_titel(text) is allein


@pytest.mark.django_db
def test_a_title_alone_is_refused_at_the_field_and_the_input_kept():
    user = UserFactory(name="Dr. Anna Berg")
    form = KontoForm({"name": "Dr. Anna Berg", "kurzname": "Dr."}, instance=user)
    assert not form.is_valid()
    assert form.errors["kurzname"] == [
        "Bitte ergänzen Sie Ihren Namen: Ein Titel allein ist keine Anrede."
    ]
    assert 'value="Dr."' in str(form["kurzname"])


@pytest.mark.django_db
def test_a_user_sets_their_short_form_on_their_account_page(client):
    user = UserFactory(name="Dr. Anna Berg", rolle=Rolle.PARTNER)
    client.force_login(user)
    page = client.get(reverse("partner:konto")).content.decode()
    assert "Kurzform der Anrede" in page
    response = client.post(
        reverse("partner:konto"), {"name": "Dr. Anna Berg", "kurzname": "Anna"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("partner:start")
    assert "Hallo Anna." in response.content.decode()
    user.refresh_from_db()
    assert user.kurzname == "Anna"


@pytest.mark.django_db
def test_empty_name_is_explained_at_the_field(client):
    user = UserFactory(name="Dr. Anna Berg", rolle=Rolle.PARTNER)
    client.force_login(user)
    page = client.post(reverse("partner:konto"), {"name": "", "kurzname": "Anna"})
    assert page.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in page.content.decode()
    user.refresh_from_db()
    assert (user.name, user.kurzname) == ("Dr. Anna Berg", "")


@pytest.mark.django_db
def test_no_page_greets_with_a_title_alone(client):
    quartier = QuartierFactory()
    partner = UserFactory(name="Dr. Anna Berg", rolle=Rolle.PARTNER)
    AkteurFactory(quartiere=[quartier]).mitglieder.add(partner)
    staff = UserFactory(
        name="Dr. Anna Berg",
        email="berg-staff@example.org",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[quartier],
    )
    for user, urls in [
        (partner, ["partner:start", "partner:konto"]),
        (staff, ["admin:index", "admin:password_change", "partner:start"]),
    ]:
        client.force_login(user)
        for name in urls:
            page = client.get(reverse(name)).content.decode()
            assert "Dr. Anna Berg" in page, name
            assert_keine_anrede_mit_titel_allein(page)
            # where the short form is set: from the partner area and the back office
            if name in {"partner:start", "admin:index"}:
                assert f'href="{reverse("partner:konto")}"' in page, name


@pytest.mark.django_db
def test_no_mail_greets_with_a_title_alone(mailoutbox, django_capture_on_commit_callbacks):
    quartier = QuartierFactory()
    staff = UserFactory(
        name="Dr. Anna Berg",
        email="berg-staff@example.org",
        is_staff=True,
        rolle=Rolle.QUARTIERSMANAGEMENT,
        quartiere=[quartier],
    )
    with django_capture_on_commit_callbacks(execute=True):
        netzwerk_services.partner_einladen(
            akteur=AkteurFactory(quartiere=[quartier]),
            email="berg@example.org",
            name="Dr. Anna Berg",
            user=staff,
        )
        AnliegenFactory(zustaendig=staff, frist=timezone.localdate() - timedelta(days=1))
        anliegen_services.tagesuebersicht()
    empfaenger = {m.to[0] for m in mailoutbox}
    assert {"berg@example.org", "berg-staff@example.org"} <= empfaenger
    for m in mailoutbox:
        assert_keine_anrede_mit_titel_allein(m.subject + "\n" + m.body)
        if m.to[0] in {"berg@example.org", "berg-staff@example.org"}:
            assert "Hallo Dr. Anna Berg," in m.body


def test_every_greeting_of_a_user_uses_the_short_name():
    """A template that greets a user by name takes `get_short_name` (the chosen form or the
    full name), never a piece of the name."""
    gruesse = re.compile(r"(Hello|Welcome|Dear)[^%\n]*\{\{\s*(\w+)")
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        text = path.read_text()
        assert ".split" not in text and "first_name" not in text, path
        for line in text.splitlines():
            if "blocktranslate" in line and gruesse.search(line):
                namen = re.findall(r"with \w+=([\w.]+)", line)
                for wert in namen:
                    assert wert.endswith(("get_short_name", "anmeldung.name")), (path, line)
