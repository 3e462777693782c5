"""The admin's pages as a persona sees them, for the browser walks: log-in, and every
changelist, add and change page the persona may open (enumerated from `admin.site`)."""

from dataclasses import dataclass

from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from anliegen.models import Textbaustein
from quartier import audit
from quartier.models import OutgoingMail
from raeume.models import Uebergabe

from ..factories import PASSWORD, UserFactory
from ..personas import build_world
from ..quartier.test_admin_matrix import _task_result

STAFF_PERSONAS = ["qm", "mitarbeit", "redaktion", "stadt", "betrieb"]


def staff_user(world, persona: str):
    """A persona on staff; "betrieb" is the operator (superuser) of the installation."""
    if persona == "betrieb":
        if "betrieb" not in world.users:
            world.users["betrieb"] = UserFactory(
                email="betrieb@example.org", name="Betrieb", is_staff=True, is_superuser=True
            )
        return world.users["betrieb"]
    return world.users[persona]


def admin_login(page, user) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@dataclass
class AdminPage:
    label: str  # e.g. "anliegen.anliegen changelist"
    url: str


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def changelists(user) -> list[AdminPage]:
    """Every registered model's changelist the user may view."""
    request = _request(user)
    pages = []
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower
    ):
        if not model_admin.has_view_or_change_permission(request):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        pages.append(AdminPage(f"{opts.label_lower} changelist", url))
    return pages


def add_and_change_pages(user) -> list[AdminPage]:
    """Every add page the user may open, and the change page of the first object of each
    model the user sees (objects of the user's areas only, as the admin scopes them)."""
    request = _request(user)
    pages = []
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower
    ):
        opts = model._meta
        if model_admin.has_add_permission(request):
            pages.append(
                AdminPage(
                    f"{opts.label_lower} add",
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
                )
            )
        if not model_admin.has_view_or_change_permission(request):
            continue
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is not None:
            pages.append(
                AdminPage(
                    f"{opts.label_lower} change",
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
                )
            )
    return pages


def custom_pages(user) -> list[AdminPage]:
    """The admin's own pages beside the model pages (week plan, figures, GDPR tools …) and
    the custom pages of one object, for the first object of the user's areas."""
    request = _request(user)
    pages = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        base = {p.name for p in admin.ModelAdmin.get_urls(model_admin) if p.name}
        obj = None
        for pattern in model_admin.get_urls():
            if not pattern.name or pattern.name in base:
                continue
            needs_pk = "<int:pk>" in str(pattern.pattern)
            if needs_pk:
                if obj is None:
                    obj = model_admin.get_queryset(request).order_by("pk").first()
                if obj is None:
                    continue
            try:
                url = reverse(f"admin:{pattern.name}", args=[obj.pk] if needs_pk else [])
            except NoReverseMatch:
                continue
            pages.append(AdminPage(f"{model._meta.label_lower} {pattern.name}", url))
    return sorted(pages, key=lambda p: p.url)


def world_with_a_row_in_every_list():
    """The world, with a row in every list that would be empty (so that each list is
    measured and each change page read)."""
    world = build_world()
    heute = timezone.localdate()
    saal = world.extra["raeume"]["saal"]
    saal.sperrzeiten.create(quartier=world.quartier_a, von=heute, bis=heute, grund="Malern")
    Textbaustein.objects.create(
        quartier=world.quartier_a,
        kategorie=world.extra["kategorie"],
        status="erledigt",
        titel="Erledigt – Laterne repariert",
        text="Ihr Anliegen {nummer} ist erledigt.",
    )
    OutgoingMail.objects.create(
        quartier=world.quartier_a,
        to=["bewohnerin.mit.langer.adresse@example.org"],
        subject="Ihr Anliegen A-2020-00002: Die Straßenbeleuchtung wurde repariert",
        body="Hallo",
    )
    Uebergabe.objects.create(buchung=world.extra["buchung_a"])
    audit.record(world.akteur_a, action="changed", quartier=world.quartier_a)
    _task_result(world)
    return world
