"""Item 3 of issue 10: a browser's date and time pickers read only ISO values. Rendered in
German, Django writes dates as 15.12.2026 unless the widget says otherwise; an
`<input type=date>` then shows nothing and its form cannot be sent with the default."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from anliegen.models import Weiterleitung

from .formulare import alle_formulare

ISO = {"date": "%Y-%m-%d", "time": "%H:%M", "datetime-local": "%Y-%m-%dT%H:%M"}
BEISPIEL = {
    "date": date(2026, 12, 15),
    "time": time(18, 30),
    "datetime-local": datetime(2026, 12, 15, 18, 30, tzinfo=timezone.get_current_timezone()),
}
INPUT = re.compile(r"<input\b[^>]*>")


def _attribut(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def _picker_typ(widget) -> str | None:
    """The HTML type of a widget if it is a date or time picker."""
    typ = widget.attrs.get("type", getattr(widget, "input_type", None))
    return typ if typ in ISO else None


@pytest.mark.django_db
def test_every_date_and_time_picker_renders_iso_values(world):
    """Every form of the project (apps, filters, admin), shown in German with a date, time or
    timestamp as its initial value: the picker's `value` reads back in ISO."""
    geprueft, falsch = [], []
    with translation.override("de"):
        for name, form in alle_formulare(world):
            felder = {
                feld: typ
                for feld, field in form.fields.items()
                if (typ := _picker_typ(field.widget))
            }
            for feld, typ in felder.items():
                form.initial[feld] = BEISPIEL[typ]
            for feld, typ in felder.items():
                html = str(form[feld])
                tags = [t for t in INPUT.findall(html) if _attribut(t, "type") == typ]
                value = _attribut(tags[0], "value") if tags else None
                try:
                    datetime.strptime(value or "", ISO[typ]).replace(tzinfo=UTC)
                except ValueError:
                    falsch.append(f"{name}.{feld}: <input type={typ}> value={value!r}")
                geprueft.append(f"{name}.{feld}")
    assert not falsch, "pickers whose value the browser cannot read:\n" + "\n".join(falsch)
    # the pickers of the issue's example and of the partners' booking are among them
    assert "anliegen.forms.WeiterleitenForm.antwort_bis" in geprueft
    assert "raeume.forms.BuchungForm.datum" in geprueft
    assert "anliegen.filters.AnliegenFilter.von" in geprueft


def _formularwerte(html: str, feld: str) -> dict:
    """What a browser sends for the form of a page that has `feld`, untouched."""
    formulare = re.findall(r"<form\b.*?</form>", html, re.S)
    form = next(f for f in formulare if f'name="{feld}"' in f)
    daten = {}
    for tag in INPUT.findall(form):
        name, typ = _attribut(tag, "name"), _attribut(tag, "type") or "text"
        if not name or typ in ("submit", "file") or (typ == "checkbox" and " checked" not in tag):
            continue
        daten[name] = _attribut(tag, "value") or ""
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        daten[select.group(1)] = selected.group(1) if selected else ""
    for textarea in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        daten[textarea.group(1)] = textarea.group(2).strip()
    return daten


@pytest.mark.django_db
def test_forwarding_with_its_default_deadline_works(world, qm_client):
    """The forwarding form as the manager finds it: the default deadline (in two weeks) is
    shown in the picker, and sending the form unchanged forwards the concern."""
    anliegen = world.extra["anliegen_privat"]
    url = reverse("admin:anliegen_anliegen_weiterleiten", args=[anliegen.pk])
    seite = qm_client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert seite.status_code == 200
    daten = _formularwerte(seite.content.decode(), "antwort_bis")
    frist = timezone.localdate() + timedelta(days=14)
    assert daten["antwort_bis"] == frist.isoformat()
    assert daten["akteur"] == str(world.extra["amt"].pk)

    antwort = qm_client.post(url, daten)
    assert antwort.status_code == 302, antwort.content.decode()
    weiterleitung = Weiterleitung.objects.filter(anliegen=anliegen).latest("pk")
    assert weiterleitung.antwort_bis == frist
    assert weiterleitung.akteur == world.extra["amt"]
