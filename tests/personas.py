"""The people every test talks about, and the world they live in.

Two areas (A is the one our staff work in, B is somebody else's), two organisations in
area A (each with its partner user), and one user per role. `PERSONAS` are the keys used by
the permission matrices; "anonym" is a resident without an account.

The world is built once per test session and kept aside (tests/snapshot.py); the `world`
fixture gives each test a fresh copy. So an app's `extend(world)` may only add rows (never
change what migrate created), and what it puts in `world.extra` must be picklable (model
instances, dicts, lists, plain values).
"""

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from quartier.models import Benachrichtigung
from quartier.roles import Rolle

from .factories import AkteurFactory, QuartierFactory, UserFactory

PERSONAS = ["anonym", "partner_a", "partner_b", "mitarbeit", "redaktion", "qm", "stadt"]


@dataclass
class World:
    quartier_a: object
    quartier_b: object
    akteur_a: object
    akteur_b: object
    akteur_fremd: object
    users: dict = field(default_factory=dict)
    # Apps put their own objects here (see tests/<app>/permissions.py).
    extra: dict = field(default_factory=dict)


def build_world() -> World:
    quartier_a = QuartierFactory(name="Brunnenviertel", slug="brunnenviertel")
    quartier_b = QuartierFactory(name="Hafenquartier", slug="hafenquartier")
    users = {
        "partner_a": UserFactory(
            email="partner-a@example.org", name="Elif Demir", rolle=Rolle.PARTNER
        ),
        "partner_b": UserFactory(
            email="partner-b@example.org", name="Thomas Krüger", rolle=Rolle.PARTNER
        ),
        "mitarbeit": UserFactory(
            email="mitarbeit@example.org",
            name="Murat Yılmaz",
            is_staff=True,
            rolle=Rolle.MITARBEITENDE,
            quartiere=[quartier_a],
        ),
        "redaktion": UserFactory(
            email="redaktion@example.org",
            name="Jana Petersen",
            is_staff=True,
            rolle=Rolle.REDAKTION,
            quartiere=[quartier_a],
        ),
        "qm": UserFactory(
            email="qm@example.org",
            name="Sabine Wolters",
            is_staff=True,
            rolle=Rolle.QUARTIERSMANAGEMENT,
            quartiere=[quartier_a],
        ),
        "stadt": UserFactory(
            email="stadt@example.org",
            name="Klaus Berger",
            is_staff=True,
            rolle=Rolle.STADTVERWALTUNG,
            quartiere=[quartier_a],
        ),
    }
    akteur_a = AkteurFactory(
        name="Nachbarschaftsverein Brunnenviertel e. V.",
        slug="nachbarschaftsverein",
        quartiere=[quartier_a],
        mitglieder=[users["partner_a"]],
    )
    akteur_b = AkteurFactory(
        name="SV Blau-Weiß Lindenau e. V.",
        slug="sv-blau-weiss",
        quartiere=[quartier_a],
        mitglieder=[users["partner_b"]],
    )
    akteur_fremd = AkteurFactory(
        name="Hafenverein e. V.", slug="hafenverein", quartiere=[quartier_b]
    )
    world = World(
        quartier_a=quartier_a,
        quartier_b=quartier_b,
        akteur_a=akteur_a,
        akteur_b=akteur_b,
        akteur_fremd=akteur_fremd,
        users=users,
    )
    # Each app adds its objects (for its permission matrix) in tests/<app>/world.py.
    for path in sorted(Path(__file__).parent.glob("*/world.py")):
        import_module(f"tests.{path.parent.name}.world").extend(world)
    # The notices the set-up's bookings and submissions stored are no part of any test.
    Benachrichtigung.objects.all().delete()
    return world
