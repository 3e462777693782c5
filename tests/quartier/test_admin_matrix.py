"""The admin's part of the permission matrix: every registered ModelAdmin, every persona,
every page (list, add, change, delete, history), with the status each must answer.

The expectations are written down in `ADMIN`, not derived from the roles the code
declares: a change of a role's permissions must change this table too. Residents and
partners are sent to the admin's log-in (302) on every page. Each row names, per page, the
personas on staff who get it (200); the others on staff get 403. The change page is split
in two: `edit` may save the form, `read` sees it read-only. An object of another area
(`foreign`) is 404 for everybody on staff.

Rows are keyed by model label and grouped by app, so moving a model to another app only
renames its label here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from quartier import audit

from ..factories import UserFactory
from ..personas import PERSONAS
from ..utils import client_for, query_budget

STAFF = ["mitarbeit", "redaktion", "qm", "stadt"]
PAGES = ["changelist", "add", "change", "delete", "history"]
BUDGET = {"changelist": 20, "add": 15, "change": 25, "delete": 25, "history": 15}


@dataclass
class Row:
    """Space-separated personas on staff who get each page."""

    obj: Callable  # World -> an object of area A, or of the whole installation
    changelist: str
    add: str
    edit: str
    read: str
    delete: str
    history: str
    foreign: Callable | None = None  # World -> an object of area B

    def __post_init__(self):
        for page in ["changelist", "add", "edit", "read", "delete", "history"]:
            unknown = set(getattr(self, page).split()) - set(STAFF)
            if unknown:
                raise ValueError(f"{page}: {sorted(unknown)} are not personas on staff")
        both = set(self.edit.split()) & set(self.read.split())
        if both:
            raise ValueError(f"{sorted(both)} listed under both edit and read")

    def expect(self, persona: str) -> dict[str, int | str]:
        """Per page the status code; for a change page that answers 200, "edit" or "read"."""
        if persona not in STAFF:
            expected = dict.fromkeys(PAGES, 302)
            if self.foreign:
                expected["foreign"] = 302
            return expected

        def status(personas: str) -> int:
            return 200 if persona in personas.split() else 403

        expected = {page: status(getattr(self, page)) for page in PAGES if page != "change"}
        if persona in self.edit.split():
            expected["change"] = "edit"
        elif persona in self.read.split():
            expected["change"] = "read"
        else:
            expected["change"] = 403
        if self.foreign:
            expected["foreign"] = 404
        return expected


def model(label: str):
    return apps.get_model(label)


def _sperrzeit(w):
    tag = timezone.localdate() + timedelta(days=30)
    return model("raeume.sperrzeit").objects.create(
        quartier=w.quartier_a, raum=w.extra["raeume"]["saal"], von=tag, bis=tag, grund="Malern"
    )


def _task_result(w):
    return model("django_tasks_database.dbtaskresult").objects.create(
        task_path="quartier.tasks.deliver_mail",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def _mail(quartier):
    return model("quartier.outgoingmail").objects.create(
        quartier=quartier, to=["bewohnerin@example.org"], subject="Ihr Anliegen", body="Hallo"
    )


def _audit(obj, quartier):
    return audit.record(obj, action="created", quartier=quartier)


QM = "qm"
QM_MA = "qm mitarbeit"
QM_MA_STADT = "qm mitarbeit stadt"
STAFF_ALL = "qm mitarbeit redaktion stadt"
NOBODY = ""

ADMIN: dict[str, Row] = {
    # quartier: the areas themselves, accounts, legal pages, outbox, audit trail
    "quartier.quartier": Row(
        obj=lambda w: w.quartier_a,
        foreign=lambda w: w.quartier_b,
        changelist=STAFF_ALL,
        add=NOBODY,  # areas are set up by the operators
        edit=QM,
        read="mitarbeit redaktion stadt",
        delete=NOBODY,
        history=STAFF_ALL,
    ),
    "quartier.user": Row(
        obj=lambda w: w.users["partner_a"],
        foreign=lambda w: UserFactory(is_staff=True, quartiere=[w.quartier_b]),
        changelist=QM,
        add=QM,
        edit=QM,
        read=NOBODY,
        delete=QM,
        history=QM,
    ),
    "quartier.seite": Row(
        obj=lambda w: model("quartier.seite").objects.get(art="impressum"),
        changelist=QM_MA,
        add=NOBODY,
        edit=NOBODY,  # only someone responsible for every area (test_admin_scoping)
        read=QM_MA,
        delete=NOBODY,
        history=QM_MA,
    ),
    "quartier.outgoingmail": Row(
        obj=lambda w: _mail(w.quartier_a),
        foreign=lambda w: _mail(w.quartier_b),
        changelist=QM_MA,
        add=NOBODY,
        edit=QM,
        read="mitarbeit",
        delete=NOBODY,
        history=QM_MA,
    ),
    "quartier.stadtteildaten": Row(
        obj=lambda w: w.extra["stadtteildaten"]["a"],
        foreign=lambda w: w.extra["stadtteildaten"]["b"],
        changelist=QM_MA,
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    "quartier.auditentry": Row(
        obj=lambda w: _audit(w.akteur_a, w.quartier_a),
        foreign=lambda w: _audit(w.quartier_b, w.quartier_b),
        changelist=QM,
        add=NOBODY,
        edit=NOBODY,  # the trail is never changed
        read=QM,
        delete=NOBODY,
        history=QM,
    ),
    "auth.group": Row(
        obj=lambda w: model("auth.group").objects.get(name="Partner"),
        changelist=NOBODY,  # roles are kept in code (quartier.roles)
        add=NOBODY,
        edit=NOBODY,
        read=NOBODY,
        delete=NOBODY,
        history=NOBODY,
    ),
    "django_tasks_database.dbtaskresult": Row(
        obj=_task_result,
        changelist=NOBODY,  # for the operators
        add=NOBODY,
        edit=NOBODY,
        read=NOBODY,
        delete=NOBODY,
        history=NOBODY,
    ),
    # netzwerk
    "netzwerk.akteur": Row(
        obj=lambda w: w.akteur_a,
        foreign=lambda w: w.akteur_fremd,
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "netzwerk.gremium": Row(
        obj=lambda w: w.extra["gremium"],
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "netzwerk.sitzung": Row(
        obj=lambda w: w.extra["sitzung"],
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "netzwerk.handlungsfeld": Row(
        obj=lambda w: model("netzwerk.handlungsfeld").objects.order_by("pk").first(),
        changelist=QM_MA_STADT,
        add=NOBODY,  # shared by all areas: only someone responsible for every area
        edit=NOBODY,
        read=QM_MA_STADT,
        delete=NOBODY,
        history=QM_MA_STADT,
    ),
    # anliegen: city staff see the categories only, never residents' concerns
    "anliegen.anliegen": Row(
        obj=lambda w: w.extra["anliegen_privat"],
        foreign=lambda w: w.extra["anliegen_fremd"],
        changelist=QM_MA,
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    "anliegen.kategorie": Row(
        obj=lambda w: w.extra["kategorie"],
        foreign=lambda w: model("anliegen.kategorie").objects.get(quartier=w.quartier_b),
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "anliegen.textbaustein": Row(
        obj=lambda w: model("anliegen.textbaustein").objects.create(
            quartier=w.quartier_a,
            kategorie=w.extra["kategorie"],
            status="erledigt",
            titel="Erledigt",
            text="Ihr Anliegen {nummer} ist erledigt.",
        ),
        changelist=QM_MA,
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    # rooms
    "raeume.raum": Row(
        obj=lambda w: w.extra["raeume"]["saal"],
        foreign=lambda w: w.extra["raeume"]["fremd"],
        changelist=QM_MA_STADT,
        add=QM,
        edit=QM,
        read="mitarbeit stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "raeume.nutzungsvereinbarung": Row(
        obj=lambda w: model("raeume.nutzungsvereinbarung").objects.get(quartier=w.quartier_a),
        changelist=QM_MA_STADT,
        add=QM,
        edit=QM,
        read="mitarbeit stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "raeume.sperrzeit": Row(
        obj=_sperrzeit,
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "raeume.buchung": Row(
        obj=lambda w: w.extra["buchung_a"],
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=NOBODY,  # bookings are cancelled, never deleted
        history=QM_MA_STADT,
    ),
    "raeume.uebergabe": Row(
        obj=lambda w: model("raeume.uebergabe").objects.create(buchung=w.extra["buchung_a"]),
        changelist=QM_MA,  # not city staff: keys, deposits and damage are internal
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    # events
    "veranstaltungen.veranstaltung": Row(
        obj=lambda w: w.extra["veranstaltung"],
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    # Shared programmes are kept by the operator (nobody of area A alone); each area's own
    # programmes by its Quartiersmanagement. Expenses name people: not for city staff.
    "projekte.foerderprogramm": Row(
        obj=lambda w: w.extra["projekte"]["programm"],
        foreign=lambda w: w.extra["projekte"]["programm_b"],
        changelist=QM_MA_STADT,
        add=QM,
        edit=NOBODY,
        read=QM_MA_STADT,
        delete=NOBODY,
        history=QM_MA_STADT,
    ),
    "projekte.projekt": Row(
        obj=lambda w: w.extra["projekte"]["projekt"],
        foreign=lambda w: w.extra["projekte"]["fremd"],
        changelist=QM_MA_STADT,
        add=QM_MA,
        edit=QM_MA,
        read="stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "projekte.bewilligung": Row(
        obj=lambda w: w.extra["projekte"]["bewilligung"],
        foreign=lambda w: w.extra["projekte"]["fremde_bewilligung"],
        changelist=QM_MA_STADT,
        add=QM,
        edit=QM,
        read="mitarbeit stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "projekte.ausgabe": Row(
        obj=lambda w: w.extra["projekte"]["ausgabe"],
        foreign=lambda w: w.extra["projekte"]["fremde_ausgabe"],
        changelist=QM_MA,
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    # Written by the Träger in the partner area (no add page); checked by the office.
    # City staff never see them: they may name people.
    "projekte.sachbericht": Row(
        obj=lambda w: w.extra["projekte"]["sachbericht"],
        foreign=lambda w: w.extra["projekte"]["fremder_bericht"],
        changelist=QM_MA,
        add=NOBODY,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    # The Verfügungsfonds: its rules and figures are the Quartiersmanagement's; city staff
    # read the fund, never the applications (they hold the applicants' contact data).
    "projekte.fonds": Row(
        obj=lambda w: w.extra["projekte"]["fonds"],
        foreign=lambda w: w.extra["projekte"]["fremder_fonds"],
        changelist=QM_MA_STADT,
        add=QM,
        edit=QM,
        read="mitarbeit stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    "projekte.antrag": Row(
        obj=lambda w: w.extra["projekte"]["antrag"],
        foreign=lambda w: w.extra["projekte"]["fremder_antrag"],
        changelist=QM_MA,
        add=QM_MA,
        edit=QM_MA,
        read=NOBODY,
        delete=QM,
        history=QM_MA,
    ),
    "projekte.budgetjahr": Row(
        obj=lambda w: w.extra["projekte"]["budgetjahr"],
        foreign=lambda w: w.extra["projekte"]["fremdes_budget"],
        changelist=QM_MA_STADT,
        add=QM,
        edit=QM,
        read="mitarbeit stadt",
        delete=QM,
        history=QM_MA_STADT,
    ),
    # zeitung: the editorial team and the quartier management make the newspaper; other
    # staff read along; city staff have no part in it.
    "zeitung.rubrik": Row(
        obj=lambda w: w.extra["zeitung"]["rubrik"],
        foreign=lambda w: w.extra["zeitung"]["fremde_rubrik"],
        changelist="qm mitarbeit redaktion",
        add="qm redaktion",
        edit="qm redaktion",
        read="mitarbeit",
        delete=QM,
        history="qm mitarbeit redaktion",
    ),
    "zeitung.zeitungsausgabe": Row(
        obj=lambda w: w.extra["zeitung"]["ausgabe"],
        foreign=lambda w: w.extra["zeitung"]["fremde_ausgabe"],
        changelist="qm mitarbeit redaktion",
        add="qm redaktion",
        edit="qm redaktion",
        read="mitarbeit",
        delete=QM,
        history="qm mitarbeit redaktion",
    ),
    "zeitung.artikel": Row(
        obj=lambda w: w.extra["zeitung"]["artikel"],
        foreign=lambda w: w.extra["zeitung"]["fremder_artikel"],
        changelist="qm mitarbeit redaktion",
        add="qm redaktion",
        edit="qm redaktion",
        read="mitarbeit",
        delete="qm redaktion",
        history="qm mitarbeit redaktion",
    ),
    # residents subscribe and confirm themselves: staff read the list and may delete
    "zeitung.abonnement": Row(
        obj=lambda w: w.extra["zeitung"]["abonnement"],
        foreign=lambda w: w.extra["zeitung"]["fremdes_abonnement"],
        changelist="qm mitarbeit redaktion",
        add=NOBODY,
        edit=NOBODY,
        read="qm mitarbeit redaktion",
        delete="qm redaktion",
        history="qm mitarbeit redaktion",
    ),
}

# Pages that fail today although the table says what they must answer.
KNOWN_BUGS: dict = {}


def _url(label: str, page: str, obj=None) -> str:
    app_label, model_name = label.split(".")
    args = [] if page in {"changelist", "add"} else [obj.pk]
    return reverse(f"admin:{app_label}_{model_name}_{page}", args=args)


def test_every_registered_model_admin_has_a_row():
    registered = {m._meta.label_lower for m in admin.site._registry}
    missing = sorted(registered - set(ADMIN))
    assert not missing, f"ModelAdmins without a row in ADMIN: {missing}"
    stale = sorted(set(ADMIN) - registered)
    assert not stale, f"rows in ADMIN for models without a ModelAdmin: {stale}"


CASES = [
    pytest.param(
        label,
        persona,
        id=f"{label}-{persona}",
        marks=[pytest.mark.xfail(strict=True, raises=ValueError, reason=KNOWN_BUGS[label, persona])]
        if (label, persona) in KNOWN_BUGS
        else [],
    )
    for label in sorted(ADMIN)
    for persona in PERSONAS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "persona"), CASES)
def test_admin_pages(world, label, persona):
    row = ADMIN[label]
    obj = row.obj(world)
    client = client_for(world, persona)  # logging in is not part of the pages' budgets
    answered = {}
    for page in PAGES:
        url = _url(label, page, obj)
        with query_budget(BUDGET[page], label=f"{url} as {persona}"):
            response = client.get(url)
        answered[page] = response.status_code
        if page == "change" and response.status_code == 200:
            answered[page] = "edit" if response.context["has_change_permission"] else "read"
    if row.foreign:
        answered["foreign"] = client.get(_url(label, "change", row.foreign(world))).status_code
    assert answered == row.expect(persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_index(world, persona):
    response = client_for(world, persona).get(reverse("admin:index"))
    assert response.status_code == (200 if persona in STAFF else 302)


@pytest.mark.django_db
def test_city_staff_can_only_read(world):
    perms = world.users["stadt"].get_all_permissions()
    assert perms, "city staff must be able to read something"
    assert all(p.split(".")[1].startswith("view_") for p in perms), perms


@pytest.mark.django_db
def test_partners_have_no_admin_permissions(world):
    assert world.users["partner_a"].get_all_permissions() == set()
    assert not world.users["partner_a"].is_staff


@pytest.mark.django_db
def test_staff_without_money_or_user_rights(world):
    """Mitarbeitende do the daily work, but manage no users."""
    perms = world.users["mitarbeit"].get_all_permissions()
    assert not any(p.endswith("_user") and not p.startswith("quartier.view") for p in perms)
    assert "quartier.add_user" not in perms
