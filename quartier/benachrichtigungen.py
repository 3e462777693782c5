"""Notifications: whoever something waits for is told, as each person chooses.

Each kind of notification (`Benachrichtigungsart`) has one rule here: who is told (staff of
the object's area with the permission to act on it, the person assigned, the partner's
contacts), the line that describes the object and the link to it. A service calls
`benachrichtigen(art, objekte)` in its transaction: one `Benachrichtigung` row per person
and object is stored with the change (a rolled-back change tells nobody, a committed one is
never lost), unless the person chose "never". After commit a task mails the immediate
ones, one mail per person and kind however many objects (a series of seven dates is one mail);
the daily ones wait for `manage.py benachrichtigungen_zusammenfassen`, which sends one mail
per person with all of them. Both go through the mail outbox (`quartier.mail`), so a mail
server that is down delays them but loses none.

Mails hold only what the recipient may see anyway: staff get numbers, categories, streets
and a link into the back office (never a resident's name or address to partners).

People without an account (residents, a booking's contact, a forwarded concern's office) are
told by their app's own mails; `WARTEZUSTAENDE` lists every state an object can be in and who
is told of it, and a test fails for a state that is not listed.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .mail import send_templated_mail
from .models import (
    Benachrichtigung,
    Benachrichtigungsart,
    Benachrichtigungseinstellung,
    User,
    Zustellung,
)

logger = logging.getLogger(__name__)

Art = Benachrichtigungsart


# --- who is told ------------------------------------------------------------------------


def mitarbeitende(quartier_id: int, permission: str, cache: dict | None = None) -> list[User]:
    """Active staff assigned to the area whose role (or own permissions) allow `permission`
    ("app_label.codename"); superusers only when assigned to the area."""
    key = (quartier_id, permission)
    if cache is not None and key in cache:
        return cache[key]
    app_label, codename = permission.split(".")
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = list(
        User.objects.filter(is_active=True, is_staff=True, quartiere=quartier_id)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if cache is not None:
        cache[key] = users
    return users


def _zustaendig_sonst_team(anliegen, cache: dict) -> list[User]:
    """The person assigned to the concern; nobody assigned: the area's staff for concerns."""
    person = anliegen.zustaendig
    if person is not None and person.is_active and person.email:
        return [person]
    return mitarbeitende(anliegen.quartier_id, "anliegen.change_anliegen", cache)


def _akteur_quartiere(akteur) -> list[int]:
    """The actor's areas (ids), read once per actor object."""
    if not hasattr(akteur, "_benachrichtigung_quartiere"):
        akteur._benachrichtigung_quartiere = sorted(akteur.quartiere.values_list("pk", flat=True))
    return akteur._benachrichtigung_quartiere


def _akteur_team(akteur, cache: dict) -> list[User]:
    """Staff who keep the directory in any of the actor's areas."""
    personen: dict[int, User] = {}
    for quartier_id in _akteur_quartiere(akteur):
        for user in mitarbeitende(quartier_id, "netzwerk.change_akteur", cache):
            personen.setdefault(user.pk, user)
    return list(personen.values())


def _traeger_kontakte(sachbericht, cache: dict) -> list[User]:
    """The partner users of the project's Träger (who write its narrative reports)."""
    traeger_id = sachbericht.projekt.traeger_id
    if not traeger_id:
        return []
    key = ("akteur", traeger_id)
    if key not in cache:
        cache[key] = list(
            sachbericht.projekt.traeger.mitglieder.filter(is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
    return cache[key]


def _partnerkontakte(veranstaltung, cache: dict) -> list[User]:
    """The partner users of the event's actor (their logins, not the actor's public mail)."""
    if not veranstaltung.veranstalter_id:
        return []
    key = ("akteur", veranstaltung.veranstalter_id)
    if key not in cache:
        cache[key] = list(
            veranstaltung.veranstalter.mitglieder.filter(is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
    return cache[key]


# --- what they read -------------------------------------------------------------------------


def _wann(value) -> str:
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i")


def _kurz(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(300)


def _anliegen_zeile(anliegen) -> str:
    teile = [anliegen.nummer, str(anliegen.kategorie), anliegen.get_art_display()]
    if anliegen.strasse:
        teile.append(anliegen.strasse)
    return " · ".join(teile)


def _anliegen_link(anliegen) -> str:
    return reverse("admin:anliegen_anliegen_change", args=[anliegen.pk])


def _buchung_zeile(buchung) -> str:
    beginn, ende = timezone.localtime(buchung.beginn), timezone.localtime(buchung.ende)
    wer = buchung.akteur.name if buchung.akteur_id else buchung.name
    return (
        f"{buchung.raum.name} · {formats.date_format(beginn, 'D d.m.Y')} "
        f"{beginn:%H:%M}–{ende:%H:%M} · {wer}: {buchung.zweck}"
    )


def _veranstaltung_zeile(v) -> str:
    teile = [v.titel, _wann(v.beginn)]
    if v.veranstalter_id:
        teile.append(v.veranstalter.name)
    if v.raum_id:
        teile.append(v.raum.name)
    return " · ".join(teile)


def _zeitraum(sachbericht) -> str:
    return f"{sachbericht.von:%d.%m.%Y}–{sachbericht.bis:%d.%m.%Y}"


def _antrag_zeile(antrag) -> str:
    betrag = antrag.beantragt if antrag.beantragt is not None else ""
    return f"{antrag.nummer} · {antrag.titel} · {betrag} €"


def _abgelehnt_zeile(v) -> str:
    zeile = f"{v.titel} · {_wann(v.beginn)}"
    return f"{zeile}\n  {_kurz(v.absage_notiz)}" if v.absage_notiz else zeile


@dataclass(frozen=True)
class Regel:
    """One kind of notification: who is told of an object, with which line and link."""

    art: Art
    empfaenger: Callable  # (obj, cache) -> list[User]
    zeile: Callable  # obj -> str
    link: Callable  # obj -> path
    quartier: Callable  # obj -> Quartier id
    permission: str = ""  # staff with this permission may get it ("" for partners)
    wer: str = ""  # who is told, for the settings page

    def kann_bekommen(self, user, *, hat_akteure: bool) -> bool:
        """Whether `user` is among those this kind can reach (for the settings page)."""
        if self.permission:
            return user.is_staff and user.has_perm(self.permission)
        return hat_akteure


def _folge_auf_anliegen(art, *, text, bei=None) -> Regel:
    """A step on a concern by someone outside the office (the resident's addition or "not
    solved", an office's reply): it goes to the person assigned, or the area's team."""
    return Regel(
        art=art,
        empfaenger=lambda o, cache: _zustaendig_sonst_team(o.anliegen, cache),
        zeile=lambda o: (
            f"{_anliegen_zeile(o.anliegen)}{f' · {bei(o)}' if bei else ''}\n  {_kurz(text(o))}"
        ),
        link=lambda o: _anliegen_link(o.anliegen),
        quartier=lambda o: o.anliegen.quartier_id,
        permission="anliegen.change_anliegen",
        wer=gettext_lazy("the person assigned; nobody assigned: the area's staff"),
    )


REGELN: dict[str, Regel] = {
    regel.art: regel
    for regel in [
        Regel(
            art=Art.ANLIEGEN_EINGEGANGEN,
            empfaenger=lambda a, cache: mitarbeitende(
                a.quartier_id, "anliegen.change_anliegen", cache
            ),
            zeile=_anliegen_zeile,
            link=_anliegen_link,
            quartier=lambda a: a.quartier_id,
            permission="anliegen.change_anliegen",
            wer=gettext_lazy("staff who work on concerns in the concern's area"),
        ),
        Regel(
            art=Art.ANLIEGEN_ZUGEWIESEN,
            empfaenger=lambda a, cache: (
                [a.zustaendig]
                if a.zustaendig is not None and a.zustaendig.is_active and a.zustaendig.email
                else []
            ),
            zeile=_anliegen_zeile,
            link=_anliegen_link,
            quartier=lambda a: a.quartier_id,
            permission="anliegen.change_anliegen",
            wer=gettext_lazy("the person the concern is assigned to"),
        ),
        _folge_auf_anliegen(Art.ANLIEGEN_ERGAENZT, text=lambda e: e.text),
        _folge_auf_anliegen(Art.ANLIEGEN_NICHT_GELOEST, text=lambda w: w.notiz),
        _folge_auf_anliegen(
            Art.WEITERLEITUNG_BEANTWORTET, text=lambda w: w.antwort, bei=lambda w: w.akteur
        ),
        Regel(
            art=Art.BUCHUNG_ANGEFRAGT,
            empfaenger=lambda b, cache: mitarbeitende(
                b.raum.quartier_id, "raeume.change_buchung", cache
            ),
            zeile=_buchung_zeile,
            link=lambda b: reverse("admin:raeume_buchung_change", args=[b.pk]),
            quartier=lambda b: b.raum.quartier_id,
            permission="raeume.change_buchung",
            wer=gettext_lazy("staff who confirm bookings in the room's area"),
        ),
        Regel(
            art=Art.VERANSTALTUNG_EINGEREICHT,
            empfaenger=lambda v, cache: mitarbeitende(
                v.quartier_id, "veranstaltungen.change_veranstaltung", cache
            ),
            zeile=_veranstaltung_zeile,
            link=lambda v: reverse("admin:veranstaltungen_veranstaltung_change", args=[v.pk]),
            quartier=lambda v: v.quartier_id,
            permission="veranstaltungen.change_veranstaltung",
            wer=gettext_lazy("staff who publish events in the event's area"),
        ),
        Regel(
            art=Art.VERANSTALTUNG_FREIGEGEBEN,
            empfaenger=_partnerkontakte,
            zeile=lambda v: f"{v.titel} · {_wann(v.beginn)}",
            link=lambda v: reverse("partner:veranstaltung_partner_detail", args=[v.pk]),
            quartier=lambda v: v.quartier_id,
            wer=gettext_lazy("the partner users of the event's actor"),
        ),
        Regel(
            art=Art.VERANSTALTUNG_ABGELEHNT,
            empfaenger=_partnerkontakte,
            zeile=_abgelehnt_zeile,
            link=lambda v: reverse("partner:veranstaltung_partner_detail", args=[v.pk]),
            quartier=lambda v: v.quartier_id,
            wer=gettext_lazy("the partner users of the event's actor"),
        ),
        Regel(
            art=Art.AKTEUR_ZUR_PRUEFUNG,
            empfaenger=_akteur_team,
            zeile=lambda a: (
                _("%(akteur)s changed their profile in the partner area") % {"akteur": a.name}
            ),
            link=lambda a: reverse("admin:netzwerk_akteur_change", args=[a.pk]),
            quartier=lambda a: next(iter(_akteur_quartiere(a)), None),
            permission="netzwerk.change_akteur",
            wer=gettext_lazy("staff who keep the directory in the actor's areas"),
        ),
        Regel(
            art=Art.ARTIKEL_EINGEREICHT,
            empfaenger=lambda a, cache: mitarbeitende(
                a.quartier_id, "zeitung.freigeben_artikel", cache
            ),
            zeile=lambda a: f"{a.titel} · {a.akteur.name}" if a.akteur_id else a.titel,
            link=lambda a: reverse("admin:zeitung_artikel_change", args=[a.pk]),
            quartier=lambda a: a.quartier_id,
            permission="zeitung.freigeben_artikel",
            wer=gettext_lazy("the editorial team and the quartier management of the area"),
        ),
        Regel(
            art=Art.SACHBERICHT_EINGEREICHT,
            empfaenger=lambda s, cache: mitarbeitende(
                s.projekt.quartier_id, "projekte.change_sachbericht", cache
            ),
            zeile=lambda s: f"{s.projekt.titel} · {_zeitraum(s)}",
            link=lambda s: reverse("admin:projekte_sachbericht_change", args=[s.pk]),
            quartier=lambda s: s.projekt.quartier_id,
            permission="projekte.change_sachbericht",
            wer=gettext_lazy("staff who check the narrative reports in the project's area"),
        ),
        *(
            Regel(
                art=art,
                empfaenger=lambda a, cache: mitarbeitende(
                    a.fonds.quartier_id, "projekte.change_antrag", cache
                ),
                zeile=_antrag_zeile,
                link=lambda a: reverse("admin:projekte_antrag_change", args=[a.pk]),
                quartier=lambda a: a.fonds.quartier_id,
                permission="projekte.change_antrag",
                wer=gettext_lazy("staff who handle the Verfügungsfonds in the area"),
            )
            for art in (
                Art.ANTRAG_EINGEGANGEN,
                Art.ANTRAG_BEANTWORTET,
                Art.ANTRAG_NACHWEIS,
                Art.ANTRAG_ZURUECKGEZOGEN,
            )
        ),
        Regel(
            art=Art.SACHBERICHT_GEPRUEFT,
            empfaenger=_traeger_kontakte,
            zeile=lambda s: (
                f"{s.projekt.titel} · {_zeitraum(s)} · {s.get_status_display()}"
                + (f"\n  {_kurz(s.rueckmeldung)}" if s.rueckmeldung else "")
            ),
            link=lambda s: reverse("partner:projekt_detail", args=[s.projekt_id]),
            quartier=lambda s: s.projekt.quartier_id,
            wer=gettext_lazy("the partner users of the project's Träger"),
        ),
    ]
}


# The applicant of a fund application has no account: the office's steps are mailed to them.
ANTRAG_MAIL = "projekte/mail/antrag_status"

# Every state of every model with a status, and who it waits for: the kind of notification
# that tells them, the app's own mail to a person without an account (a template), or None
# when it waits for nobody (closed, or the working step of the person who set it).
# `tests/quartier/test_benachrichtigungen.py` fails for a state missing here.
WARTEZUSTAENDE: dict[str, dict[str, str | None]] = {
    "anliegen.Anliegen.status": {
        "eingegangen": Art.ANLIEGEN_EINGEGANGEN,
        "in_pruefung": None,
        # Set by staff: their own step. Set by the resident (not solved): the team is told.
        "in_bearbeitung": Art.ANLIEGEN_NICHT_GELOEST,
        "weitergeleitet": "anliegen/mail/weiterleitung",
        "erledigt": "anliegen/mail/status",
        "beantwortet": "anliegen/mail/status",
        "nicht_zustaendig": "anliegen/mail/status",
        "nicht_umsetzbar": "anliegen/mail/status",
        "duplikat": "anliegen/mail/status",
        "zurueckgezogen": None,  # the resident's own step
    },
    "raeume.Buchung.status": {
        "angefragt": Art.BUCHUNG_ANGEFRAGT,
        "bestaetigt": "raeume/mail/buchung_bestaetigt",
        "abgelehnt": "raeume/mail/buchung_abgelehnt",
        "storniert": "raeume/mail/buchung_storniert",
    },
    "veranstaltungen.Veranstaltung.status": {
        "geplant": None,
        "abgesagt": "veranstaltungen/mail/veranstaltung_abgesagt",
    },
    "veranstaltungen.Veranstaltung.freigegeben": {
        "False": Art.VERANSTALTUNG_EINGEREICHT,
        "True": Art.VERANSTALTUNG_FREIGEGEBEN,
    },
    "veranstaltungen.Anmeldung.status": {
        "angemeldet": "veranstaltungen/mail/anmeldung_angemeldet",
        "warteliste": "veranstaltungen/mail/anmeldung_warteliste",
        "storniert": None,  # the resident's own step
    },
    # A project's states are the office's own steps (its staff move them); a payment
    # request waits for the funder, who is outside the portal.
    "projekte.Projekt.status": dict.fromkeys(
        [
            "idee",
            "in_abstimmung",
            "beantragt",
            "bewilligt",
            "laufend",
            "abgeschlossen",
            "abgelehnt",
            "zurueckgestellt",
        ]
    ),
    "projekte.Mittelabruf.status": dict.fromkeys(
        ["geplant", "angefordert", "eingegangen", "abgelehnt"]
    ),
    # An application to the Verfügungsfonds: the applicant's steps through the tracking
    # link (sent, answered, proof, withdrawn) tell the area's staff; every step of the
    # office that concerns the applicant is mailed to them (`projekte/mail/antrag_status`).
    "projekte.Antrag.status": {
        "entwurf": None,  # the applicant's own, not yet sent
        "eingereicht": Art.ANTRAG_EINGEGANGEN,
        # Set by the applicant's answer: the team is told. Set by staff: their own step.
        "vorpruefung": Art.ANTRAG_BEANTWORTET,
        "rueckfrage": ANTRAG_MAIL,
        "zur_entscheidung": ANTRAG_MAIL,
        "bewilligt": ANTRAG_MAIL,
        "teilbewilligt": ANTRAG_MAIL,
        "abgelehnt": ANTRAG_MAIL,
        "zurueckgestellt": ANTRAG_MAIL,
        "vereinbarung": ANTRAG_MAIL,
        "abschlag_ausgezahlt": ANTRAG_MAIL,
        "in_durchfuehrung": ANTRAG_MAIL,
        "nachweis_eingereicht": Art.ANTRAG_NACHWEIS,
        "nachweis_geprueft": ANTRAG_MAIL,
        "nachforderung": ANTRAG_MAIL,
        "abgeschlossen": ANTRAG_MAIL,
        "zurueckgezogen": Art.ANTRAG_ZURUECKGEZOGEN,
        "verfallen": ANTRAG_MAIL,
        "rueckforderung": ANTRAG_MAIL,
    },
    # A narrative report waits for the office's check, then (checked) for the Träger.
    "projekte.Sachbericht.status": {
        "eingereicht": Art.SACHBERICHT_EINGEREICHT,
        "nachbessern": Art.SACHBERICHT_GEPRUEFT,
        "angenommen": Art.SACHBERICHT_GEPRUEFT,
    },
    # Objects that wait without a status field.
    "anliegen.Anliegen.zustaendig": {"gesetzt": Art.ANLIEGEN_ZUGEWIESEN},
    "anliegen.Ergaenzung": {"neu": Art.ANLIEGEN_ERGAENZT},
    "anliegen.Weiterleitung.beantwortet_at": {
        "leer": "anliegen/mail/weiterleitung",
        "gesetzt": Art.WEITERLEITUNG_BEANTWORTET,
    },
    "netzwerk.Akteur.zur_pruefung_vorgemerkt_at": {"gesetzt": Art.AKTEUR_ZUR_PRUEFUNG},
    # A newspaper issue's steps are the editorial team's own.
    "zeitung.Zeitungsausgabe.status": dict.fromkeys(
        ["planung", "redaktion", "satz", "druckfreigabe", "erschienen"]
    ),
    # An article's steps are the editorial team's own; what a partner submits arrives as
    # *in Prüfung* in its queue and tells the team (the team's own step tells nobody).
    "zeitung.Artikel.status": {
        "entwurf": None,
        "in_pruefung": Art.ARTIKEL_EINGEREICHT,
        "freigegeben": None,
    },
}

# Fields named `status` that are no state of their object (a test walks all the others).
KEIN_ZUSTAND = {
    "anliegen.Textbaustein.status": "the concern status an answer template is meant for",
    "projekte.Antragsschritt.status": "the status an application's history step reached",
}


# --- storing and sending -------------------------------------------------------------------


def zustellungen(users: Iterable[User], art: str) -> dict[int, str]:
    """Each user's choice for `art` (one query); without a choice: immediately."""
    ids = [u.pk for u in users]
    gewaehlt = dict(
        Benachrichtigungseinstellung.objects.filter(user__in=ids, art=art).values_list(
            "user_id", "zustellung"
        )
    )
    return {pk: gewaehlt.get(pk, Zustellung.SOFORT) for pk in ids}


def benachrichtigen(art: str, objekte, *, ausser=None) -> int:
    """Tell everyone `objekte` (one object or several) wait for, except `ausser` (the person
    acting, who knows already). Call it inside the service's transaction. Returns how many
    notices were stored."""
    regel = REGELN[art]
    if not isinstance(objekte, list | tuple):
        objekte = [objekte]
    cache: dict = {}
    pro_person: dict[int, list] = defaultdict(list)
    personen: dict[int, User] = {}
    for obj in objekte:
        for user in regel.empfaenger(obj, cache):
            if ausser is not None and user.pk == ausser.pk:
                continue
            personen[user.pk] = user
            pro_person[user.pk].append(obj)
    if not pro_person:
        return 0
    wahl = zustellungen(personen.values(), art)
    jetzt = timezone.now()
    zeilen = []
    beschrieben: dict[int, tuple] = {}  # each object's line, link and area, once
    for pk, liste in pro_person.items():
        if wahl[pk] == Zustellung.NIE:
            continue
        for obj in liste:
            if id(obj) not in beschrieben:
                with translation.override(settings.LANGUAGE_CODE):
                    beschrieben[id(obj)] = (
                        regel.zeile(obj),
                        settings.SITE_URL + regel.link(obj),
                        regel.quartier(obj),
                    )
            text, link, quartier_id = beschrieben[id(obj)]
            zeilen.append(
                Benachrichtigung(
                    user_id=pk,
                    art=art,
                    zustellung=wahl[pk],
                    quartier_id=quartier_id,
                    text=text,
                    link=link,
                    created_at=jetzt,
                )
            )
    Benachrichtigung.objects.bulk_create(zeilen)
    if any(z.zustellung == Zustellung.SOFORT for z in zeilen):
        transaction.on_commit(_senden_lassen)
    return len(zeilen)


def _senden_lassen() -> None:
    """After commit: the worker mails the immediate notices (the request does not wait)."""
    from .tasks import benachrichtigungen_senden

    try:
        benachrichtigungen_senden.enqueue()
    except Exception:
        # The notices are stored; the next enqueue or the daily run sends them.
        logger.exception("Could not enqueue the notifications")


def _gemeinsames_quartier(eintraege: list[Benachrichtigung]):
    """The area of the mail: the one all notices share, else none (operators only)."""
    ids = {e.quartier_id for e in eintraege}
    return eintraege[0].quartier if len(ids) == 1 else None


def _einstellungen_url() -> str:
    return settings.SITE_URL + reverse("partner:benachrichtigungen")


def _offene(zustellung: str):
    return (
        Benachrichtigung.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(zustellung=zustellung, gesendet_at__isnull=True)
        .select_related("user", "quartier")
        .order_by("user_id", "art", "created_at", "pk")
    )


def sofort_senden() -> int:
    """Mail the immediate notices not sent yet: one mail per person and kind. Safe to run
    twice and concurrently (rows are locked and marked). Returns the mails stored."""
    gesendet = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        gruppen: dict[tuple[int, str], list[Benachrichtigung]] = defaultdict(list)
        for eintrag in _offene(Zustellung.SOFORT):
            gruppen[(eintrag.user_id, eintrag.art)].append(eintrag)
        for (_user_id, art), eintraege in gruppen.items():
            person = eintraege[0].user
            if person.is_active and person.email:
                send_templated_mail(
                    to=person.email,
                    template="quartier/mail/benachrichtigung",
                    quartier=_gemeinsames_quartier(eintraege),
                    context={
                        "person": person,
                        "art": Art(art).label,
                        "eintraege": eintraege,
                        "einstellungen_url": _einstellungen_url(),
                    },
                )
                gesendet += 1
        ids = [e.pk for liste in gruppen.values() for e in liste]
        Benachrichtigung.objects.filter(pk__in=ids).update(gesendet_at=timezone.now())
    return gesendet


def zusammenfassen(*, jetzt=None) -> int:
    """The daily digest: one mail per person with all their notices waiting for it, grouped
    by kind; immediate notices left behind (a worker stopped after commit) go out too.
    Marks what it sent, so a second run sends nothing. Sent notices older than
    MAIL_KEEP_DAYS are deleted. Returns the digest mails stored."""
    jetzt = jetzt or timezone.now()
    sofort_senden()
    gesendet = 0
    reihenfolge = {art: i for i, art in enumerate(Art.values)}
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        pro_person: dict[int, list[Benachrichtigung]] = defaultdict(list)
        for eintrag in _offene(Zustellung.TAEGLICH):
            pro_person[eintrag.user_id].append(eintrag)
        for eintraege in pro_person.values():
            person = eintraege[0].user
            if not (person.is_active and person.email):
                continue
            abschnitte: dict[str, list[Benachrichtigung]] = defaultdict(list)
            for eintrag in sorted(eintraege, key=lambda e: reihenfolge.get(e.art, 99)):
                abschnitte[eintrag.art].append(eintrag)
            send_templated_mail(
                to=person.email,
                template="quartier/mail/zusammenfassung",
                quartier=_gemeinsames_quartier(eintraege),
                context={
                    "person": person,
                    "anzahl": len(eintraege),
                    "abschnitte": [(Art(art).label, liste) for art, liste in abschnitte.items()],
                    "einstellungen_url": _einstellungen_url(),
                },
            )
            gesendet += 1
        ids = [e.pk for liste in pro_person.values() for e in liste]
        Benachrichtigung.objects.filter(pk__in=ids).update(gesendet_at=jetzt)
        Benachrichtigung.objects.filter(
            gesendet_at__lt=jetzt - timedelta(days=settings.MAIL_KEEP_DAYS)
        ).delete()
    return gesendet


# --- a person's choices -------------------------------------------------------------------


def arten_fuer(user) -> list[Regel]:
    """The kinds of notification `user` can get, in their order."""
    hat_akteure = user.akteure.exists()
    return [r for r in REGELN.values() if r.kann_bekommen(user, hat_akteure=hat_akteure)]


def gewaehlt(user) -> dict[str, str]:
    """`user`'s choice for every kind (one query); without a choice: immediately."""
    wahl = dict(user.benachrichtigungseinstellungen.values_list("art", "zustellung"))
    return {art: wahl.get(art, Zustellung.SOFORT) for art in Art.values}


@transaction.atomic
def einstellungen_speichern(*, user, wahl: dict[str, str]) -> None:
    """Store `user`'s choice per kind (`art` -> `Zustellung`); only kinds they can get."""
    erlaubt = {regel.art for regel in arten_fuer(user)}
    for art, zustellung in wahl.items():
        if art not in erlaubt:
            raise ValueError(_("This notification is not for you."))
        Benachrichtigungseinstellung.objects.update_or_create(
            user=user, art=art, defaults={"zustellung": zustellung}
        )
