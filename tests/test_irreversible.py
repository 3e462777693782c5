"""Every action that cannot be undone gets a second look and happens once.

`AKTIONEN` lists them (the back office's views and bulk actions that merge, close, cancel,
erase or mail). For each: showing it (the confirmation page, a GET or the action's first
POST) changes nothing; doing it twice has the effect of doing it once (history entries,
mails, audit entries counted); and where it is not valid it is neither offered on the page
that would offer it nor done when sent anyway.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from anliegen.models import Anliegen, Statuswechsel, Weiterleitung
from quartier.models import AuditEntry, OutgoingMail
from raeume.models import Buchung
from veranstaltungen.models import Veranstaltung

from .anliegen.factories import AnliegenFactory
from .raeume.factories import buchung, naechster, um
from .utils import client_for

LISTE = reverse("admin:anliegen_anliegen_changelist")
BUCHUNGEN = reverse("admin:raeume_buchung_changelist")


@dataclass
class Anfrage:
    url: str
    data: dict | None = None  # None: a GET

    def senden(self, client):
        if self.data is None:
            return client.get(self.url)
        return client.post(self.url, self.data)


@dataclass
class Fall:
    zeigen: Anfrage  # the second look: must change nothing
    tun: Anfrage  # does it (sent twice)
    ungueltig: tuple[str, str, Anfrage] | None = None  # page, target not offered there, sent


@dataclass
class Aktion:
    persona: str
    fall: Callable  # World -> Fall


def _offen(world, **kwargs):
    return AnliegenFactory(kategorie=world.extra["kategorie"], benachrichtigen=True, **kwargs)


def _zusammenfuehren(world) -> Fall:
    dup, original = _offen(world), _offen(world, email="original@example.org")
    url = reverse("admin:anliegen_anliegen_duplikat", args=[dup.pk])
    # Invalid: a concern merged already, offered no merge into a third one.
    schon = _offen(world)
    schon.duplikat_von, schon.status = original, Anliegen.Status.DUPLIKAT
    schon.antwort = "Das wurde schon gemeldet."
    schon.save()
    dritte = _offen(world)
    ungueltig_url = reverse("admin:anliegen_anliegen_duplikat", args=[schon.pk])
    return Fall(
        zeigen=Anfrage(f"{url}?original={original.pk}"),
        tun=Anfrage(url, {"original": original.pk}),
        ungueltig=(
            reverse("admin:anliegen_anliegen_status", args=[schon.pk]),
            f"{ungueltig_url}?original={dritte.pk}",
            Anfrage(ungueltig_url, {"original": dritte.pk}),
        ),
    )


def _in_geschlossenes(world) -> Fall:
    dup = _offen(world)
    zu = _offen(world, status=Anliegen.Status.ERLEDIGT, antwort="Repariert.")
    url = reverse("admin:anliegen_anliegen_duplikat", args=[dup.pk])
    offen = _offen(world)
    return Fall(
        zeigen=Anfrage(f"{url}?original={offen.pk}"),
        tun=Anfrage(url, {"original": offen.pk}),
        ungueltig=(
            reverse("admin:anliegen_anliegen_status", args=[dup.pk]),
            f"{url}?original={zu.pk}",
            Anfrage(url, {"original": zu.pk}),
        ),
    )


def _massenaktion(action: str, **felder):
    def fall(world) -> Fall:
        a, b = _offen(world), _offen(world)
        daten = {"action": action, "_selected_action": [a.pk, b.pk], **felder}
        if action == "als_duplikat_markieren":
            original = _offen(world)
            daten["original"] = original.nummer
        return Fall(zeigen=Anfrage(LISTE, daten), tun=Anfrage(LISTE, {**daten, "bestaetigt": "ja"}))

    return fall


def _loeschen(world) -> Fall:
    _offen(world, email="loeschen@example.org")
    url = reverse("admin:anliegen_anliegen_auskunft")
    daten = {"email": "loeschen@example.org", "aktion": "loeschen"}
    return Fall(zeigen=Anfrage(url, daten), tun=Anfrage(url, {**daten, "bestaetigt": "ja"}))


def _weiterleiten(world) -> Fall:
    a = _offen(world)
    url = reverse("admin:anliegen_anliegen_weiterleiten", args=[a.pk])
    daten = {"akteur": world.extra["amt"].pk, "antwort_bis": "2030-01-31", "nachricht": "Bitte"}
    return Fall(zeigen=Anfrage(url), tun=Anfrage(url, daten))


def _schliessen(world) -> Fall:
    a = _offen(world)
    url = reverse("admin:anliegen_anliegen_status", args=[a.pk])
    daten = {"status": Anliegen.Status.ERLEDIGT, "antwort": "Die Laterne leuchtet wieder."}
    return Fall(zeigen=Anfrage(url), tun=Anfrage(url, daten))


def _neue_buchung(world, stunde=9, **kwargs):
    tag = naechster(1, wochen=5)
    return buchung(
        world.extra["raeume"]["konferenz"],
        um(tag, stunde),
        um(tag, stunde + 1),
        user=world.users["qm"],
        email="gast@example.org",
        **kwargs,
    )


def _entscheiden(world) -> Fall:
    b = _neue_buchung(world)
    url = reverse("admin:raeume_buchung_entscheiden", args=[b.pk])
    storniert = _neue_buchung(world, stunde=14)
    storniert.status, storniert.grund = Buchung.Status.STORNIERT, "Abgesagt"
    storniert.save()
    ungueltig_url = reverse("admin:raeume_buchung_entscheiden", args=[storniert.pk])
    return Fall(
        zeigen=Anfrage(url),
        tun=Anfrage(url, {"aktion": "stornieren", "grund": "Wasserschaden"}),
        ungueltig=(
            reverse("admin:raeume_buchung_change", args=[storniert.pk]),
            ungueltig_url,
            Anfrage(ungueltig_url, {"aktion": "stornieren", "grund": "Noch einmal"}),
        ),
    )


def _buchungen_bestaetigen(world) -> Fall:
    raum = world.extra["raeume"]["konferenz"]
    raum.automatisch_bestaetigen = False
    raum.save()
    b = _neue_buchung(world, akteur=world.akteur_a, durch_personal=False)
    assert b.status == Buchung.Status.ANGEFRAGT
    daten = {"action": "bestaetigen", "_selected_action": [b.pk]}
    return Fall(
        zeigen=Anfrage(BUCHUNGEN, daten), tun=Anfrage(BUCHUNGEN, {**daten, "bestaetigt": "ja"})
    )


def _absagen(world) -> Fall:
    v = world.extra["veranstaltung"]
    url = reverse("admin:veranstaltungen_veranstaltung_absagen", args=[v.pk])
    return Fall(zeigen=Anfrage(url), tun=Anfrage(url, {"absage_notiz": "Unwetter"}))


def _rundmail(world) -> Fall:
    v = world.extra["veranstaltung"]
    url = reverse("admin:veranstaltungen_veranstaltung_rundmail", args=[v.pk])
    daten = {"betreff": "Raumwechsel", "text": "Wir treffen uns im Saal.", "formular_token": "t1"}
    return Fall(zeigen=Anfrage(url), tun=Anfrage(url, daten))


def _partner_storno(world) -> Fall:
    b = world.extra["buchung_a"]
    url = reverse("partner:buchung_stornieren", args=[b.pk])
    return Fall(zeigen=Anfrage(url), tun=Anfrage(url, {"grund": "Sitzung fällt aus"}))


def _partner_loeschen(name: str, objekt: str):
    def fall(world) -> Fall:
        url = reverse(f"partner:{name}", args=[world.akteur_a.slug, world.extra[objekt].pk])
        return Fall(zeigen=Anfrage(url), tun=Anfrage(url, {}))

    return fall


AKTIONEN = {
    "anliegen: merge into an original": Aktion("qm", _zusammenfuehren),
    "anliegen: merge, not into a closed one": Aktion("qm", _in_geschlossenes),
    "anliegen: close with an answer": Aktion("mitarbeit", _schliessen),
    "anliegen: forward": Aktion("mitarbeit", _weiterleiten),
    "anliegen: bulk status": Aktion(
        "qm", _massenaktion("status_aendern", status="erledigt", antwort="Erledigt.")
    ),
    "anliegen: bulk merge": Aktion("qm", _massenaktion("als_duplikat_markieren")),
    "anliegen: bulk spam": Aktion("qm", _massenaktion("als_spam_markieren")),
    "anliegen: GDPR erasure": Aktion("qm", _loeschen),
    "raeume: decide on a booking": Aktion("mitarbeit", _entscheiden),
    "raeume: bulk confirm": Aktion("qm", _buchungen_bestaetigen),
    "veranstaltungen: cancel an event": Aktion("mitarbeit", _absagen),
    "veranstaltungen: mail to all registered": Aktion("qm", _rundmail),
    "partner: cancel a booking": Aktion("partner_a", _partner_storno),
    "partner: delete an offer": Aktion(
        "partner_a", _partner_loeschen("angebot_delete", "angebot_a")
    ),
    "partner: delete a contact person": Aktion(
        "partner_a", _partner_loeschen("ansprechperson_delete", "ansprechperson_a")
    ),
}


def wirkung() -> tuple:
    """What an action leaves behind: history, forwardings, mails, audit, concern states."""
    return (
        Statuswechsel.objects.count(),
        Weiterleitung.objects.count(),
        OutgoingMail.objects.count(),
        AuditEntry.objects.count(),
        tuple(Anliegen.objects.order_by("pk").values_list("status", "spam", "email")),
        tuple(Buchung.objects.order_by("pk").values_list("status")),
        tuple(Veranstaltung.objects.order_by("pk").values_list("status")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(AKTIONEN))
def test_an_irreversible_action_is_shown_first_and_happens_once(world, name):
    aktion = AKTIONEN[name]
    fall = aktion.fall(world)
    client = client_for(world, aktion.persona)
    vorher = wirkung()
    seite = fall.zeigen.senden(client)
    assert seite.status_code == 200, f"{name}: the second look answered {seite.status_code}"
    assert wirkung() == vorher, f"{name}: showing it changed something"
    assert fall.tun.senden(client).status_code in (200, 302)
    einmal = wirkung()
    assert einmal != vorher, f"{name}: doing it changed nothing"
    assert fall.tun.senden(client).status_code in (200, 302)
    assert wirkung() == einmal, f"{name}: doing it twice had a second effect"


UNGUELTIG = sorted(
    name
    for name, a in AKTIONEN.items()
    if a.fall.__name__ in {"_zusammenfuehren", "_in_geschlossenes", "_entscheiden"}
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", UNGUELTIG)
def test_an_invalid_action_is_not_offered_and_refused(world, name):
    aktion = AKTIONEN[name]
    fall = aktion.fall(world)
    seite, ziel, anfrage = fall.ungueltig
    client = client_for(world, aktion.persona)
    response = client.get(seite)
    assert response.status_code == 200
    assert ziel.replace("&", "&amp;") not in response.content.decode(), f"{seite} offers {ziel}"
    vorher = wirkung()
    anfrage.senden(client)
    assert wirkung() == vorher, f"{name}: an invalid action was done"


@pytest.mark.django_db
def test_the_service_refuses_a_merge_in_german(world):
    from django.core.exceptions import ValidationError

    from anliegen import services

    qm = world.users["qm"]
    zu = _offen(world, status=Anliegen.Status.ERLEDIGT, antwort="Fertig.")
    with pytest.raises(ValidationError, match="geschlossen"):
        services.als_duplikat(anliegen=_offen(world), original=zu, user=qm)
    original = _offen(world)
    dup = _offen(world)
    assert services.als_duplikat(anliegen=dup, original=original, user=qm) is True
    with pytest.raises(ValidationError, match="bereits ein Duplikat"):
        services.als_duplikat(anliegen=dup, original=_offen(world), user=qm)
