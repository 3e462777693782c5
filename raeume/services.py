"""Use cases of room booking: book (single or series), decide, cancel, change, remind, clean up.

Every write is one atomic function; mails are stored in the same transaction and sent after
commit. The form checks first and explains, but the database decides: two racing requests
for the same room meet the exclusion constraint on `Belegung`, and the loser gets the same
German message as the form would have shown.
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Case, Max, Q, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk.models import Akteur
from quartier import audit, benachrichtigungen, cache, ical, mail, recurrence
from quartier.forms import ENDE_NACH_BEGINN
from quartier.models import AuditEntry, Benachrichtigungsart

from .models import (
    Belegung,
    Buchung,
    Buchungszeit,
    Kalenderzugang,
    Nutzungsvereinbarung,
    Raum,
    Schadensfoto,
    Serie,
    Sperrzeit,
    Uebergabe,
    Umfang,
    lokal,
)

EXCLUSION_VIOLATION = "23P01"


class BuchungNichtMoeglich(ValidationError):
    """A booking that cannot be made; `messages` say why, in German."""


# --- checks ---------------------------------------------------------------------------


def _zeit(value: datetime) -> str:
    return formats.time_format(timezone.localtime(value), "H:i")


def _datum(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "d.m.Y")


def belegt_meldung(raum: Raum, zeitraum) -> str:
    return _("The room “%(raum)s” is booked on %(datum)s from %(von)s to %(bis)s.") % {
        "raum": raum.name,
        "datum": _datum(zeitraum.lower),
        "von": _zeit(zeitraum.lower),
        "bis": _zeit(zeitraum.upper),
    }


def physische_raeume(raum: Raum, zusatzraeume: Iterable[Raum]) -> list[Raum]:
    return [raum, *zusatzraeume]


def belegungsbereich(raum: Raum, beginn: datetime, ende: datetime) -> DateTimeTZRange:
    start, stop = raum.zeitraum_mit_puffer(beginn, ende)
    return DateTimeTZRange(start, stop, "[)")


def konflikte(
    raeume: Sequence[Raum],
    beginn: datetime,
    ende: datetime,
    *,
    ausser: Iterable[int] = (),
) -> list[str]:
    """Messages for each active occupancy that clashes with the wish (one query)."""
    condition = Q()
    for raum in raeume:
        condition |= Q(raum=raum, zeitraum__overlap=belegungsbereich(raum, beginn, ende))
    qs = Belegung.objects.filter(condition, aktiv=True).exclude(buchung__in=list(ausser))
    by_id = {r.pk: r for r in raeume}
    return [
        belegt_meldung(by_id[b.raum_id], b.zeitraum)
        for b in qs.only("raum_id", "zeitraum").order_by("zeitraum")
    ]


def regelverstoesse(
    raum: Raum,
    beginn: datetime,
    ende: datetime,
    *,
    personen: int,
    durch_personal: bool,
    buchungszeiten: list[Buchungszeit] | None = None,
    sperrzeiten: list[Sperrzeit] | None = None,
    jetzt: datetime | None = None,
) -> list[str]:
    """The room's rules a wish breaks (bookable hours, closures, notice, length, capacity)."""
    jetzt = jetzt or timezone.now()
    fehler = []
    start, stop = timezone.localtime(beginn), timezone.localtime(ende)
    if ende <= beginn:
        return [ENDE_NACH_BEGINN]
    if beginn < jetzt:
        fehler.append(_("The start lies in the past."))
    if stop.date() != start.date() and stop.time() != time(0):
        fehler.append(_("A booking must end on the day it starts."))
    if ende - beginn > raum.dauer_max:
        fehler.append(
            _("%(raum)s can be booked for at most %(stunden)s hours at a time.")
            % {"raum": raum.name, "stunden": int(raum.dauer_max.total_seconds() // 3600)}
        )
    if not durch_personal:
        if beginn - jetzt < raum.vorlauf_min:
            fehler.append(
                _("%(raum)s must be requested at least %(tage)s days ahead.")
                % {"raum": raum.name, "tage": max(raum.vorlauf_min.days, 1)}
            )
        if beginn - jetzt > raum.vorlauf_max:
            fehler.append(
                _("%(raum)s can be booked at most %(tage)s days ahead.")
                % {"raum": raum.name, "tage": raum.vorlauf_max.days}
            )
    if personen > raum.kapazitaet:
        fehler.append(
            _("%(raum)s holds at most %(kapazitaet)s people.")
            % {"raum": raum.name, "kapazitaet": raum.kapazitaet}
        )
    if buchungszeiten is None:
        buchungszeiten = list(raum.buchungszeiten.all())
    stop_time = time(23, 59, 59) if stop.time() == time(0) else stop.time()
    if not any(
        z.wochentag == start.weekday() and z.von <= start.time() and stop_time <= z.bis
        for z in buchungszeiten
    ):
        fehler.append(
            _("%(raum)s cannot be booked at that time (bookable: %(zeiten)s).")
            % {
                "raum": raum.name,
                "zeiten": ", ".join(
                    str(z) for z in buchungszeiten if z.wochentag == start.weekday()
                )
                or _("not on this weekday"),
            }
        )
    if sperrzeiten is None:
        sperrzeiten = list(
            Sperrzeit.objects.filter(
                Q(raum=raum) | Q(raum__isnull=True, quartier_id=raum.quartier_id),
                von__lte=stop.date(),
                bis__gte=start.date(),
            )
        )
    for sperre in sperrzeiten:
        if (sperre.raum_id in (None, raum.pk)) and sperre.von <= start.date() <= sperre.bis:
            fehler.append(
                _("%(raum)s is closed on that day: %(grund)s.")
                % {"raum": raum.name, "grund": sperre.grund}
            )
    return fehler


def pruefe_zusatzraeume(raum: Raum, zusatzraeume: Sequence[Raum]) -> list[str]:
    fehler = []
    if raum.nur_mit_id:
        fehler.append(
            _("%(raum)s can only be booked together with %(haupt)s.")
            % {"raum": raum.name, "haupt": raum.nur_mit.name}
        )
    for zusatz in zusatzraeume:
        if zusatz.nur_mit_id != raum.pk:
            fehler.append(
                _("%(zusatz)s cannot be booked together with %(raum)s.")
                % {"zusatz": zusatz.name, "raum": raum.name}
            )
    return fehler


# --- booking --------------------------------------------------------------------------


def _status_fuer(raum: Raum, akteur, durch_personal: bool) -> str:
    if durch_personal or raum.automatisch_bestaetigen:
        return Buchung.Status.BESTAETIGT
    if akteur is not None and raum.vertraute_akteure.filter(pk=akteur.pk).exists():
        return Buchung.Status.BESTAETIGT
    return Buchung.Status.ANGEFRAGT


def _belegungen_anlegen(buchung: Buchung, raeume: Sequence[Raum]) -> None:
    """Insert the occupancy rows; a clash with a concurrent booking becomes a clear refusal."""
    cache.bump("raeume")  # bulk_create sends no signal
    try:
        with transaction.atomic():
            Belegung.objects.bulk_create(
                [
                    Belegung(
                        buchung=buchung,
                        raum=r,
                        zeitraum=belegungsbereich(r, buchung.beginn, buchung.ende),
                        aktiv=buchung.ist_aktiv,
                    )
                    for r in raeume
                ]
            )
    except IntegrityError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != EXCLUSION_VIOLATION:
            raise
        meldungen = konflikte(raeume, buchung.beginn, buchung.ende, ausser=[buchung.pk]) or [
            _("The room was booked by someone else a moment ago.")
        ]
        raise BuchungNichtMoeglich(meldungen) from None


def _raeume_sperren(raeume: Sequence[Raum]) -> None:
    """Lock the physical rooms' rows (in a fixed order) for this transaction.

    PostgreSQL checks an exclusion constraint after inserting the index entry, so two
    transactions inserting clashing rows of several rooms at once can wait on each other
    (a deadlock, which the server resolves by aborting one). Locking the rooms first queues
    concurrent bookings of the same rooms; the constraint stays the guarantee.
    """
    list(
        Raum.objects.select_for_update()
        .filter(pk__in=sorted(r.pk for r in raeume))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _anlegen(
    *, wunsch: "Buchungswunsch", durch_personal: bool, serie: Serie | None, daten: dict
) -> Buchung:
    raum, zusatzraeume = wunsch.raum, list(wunsch.zusatzraeume)
    raeume = physische_raeume(raum, zusatzraeume)
    _raeume_sperren(raeume)
    fehler = pruefe_zusatzraeume(raum, zusatzraeume) + regelverstoesse(
        raum,
        wunsch.beginn,
        wunsch.ende,
        personen=wunsch.personen,
        durch_personal=durch_personal,
    )
    fehler += konflikte(raeume, wunsch.beginn, wunsch.ende)
    if fehler:
        raise BuchungNichtMoeglich(fehler)
    buchung = Buchung(raum=raum, beginn=wunsch.beginn, ende=wunsch.ende, serie=serie, **daten)
    buchung.status = _status_fuer(raum, wunsch.akteur, durch_personal)
    buchung.save()
    if zusatzraeume:
        buchung.zusatzraeume.set(zusatzraeume)
    _belegungen_anlegen(buchung, raeume)
    return buchung


@dataclass(frozen=True, kw_only=True)
class Buchungswunsch:
    """What is to be booked: the room (with the rooms combined with it), when, for whom
    (an actor, or a person by name) and what for. `buchen` books it once; `serie_buchen`
    on every date of a rule, at the same time of day."""

    raum: Raum
    beginn: datetime
    ende: datetime
    zweck: str
    art: str
    personen: int
    akteur: Akteur | None = None
    zusatzraeume: Sequence[Raum] = ()
    name: str = ""
    telefon: str = ""
    email: str = ""
    ausstattung: Sequence[str] = ()
    nutzungsvereinbarung: Nutzungsvereinbarung | None = None

    def daten(self, *, user, durch_personal: bool) -> dict:
        """The booking's fields besides room and time, for `user` booking it."""
        if self.akteur is None and not self.name:
            raise BuchungNichtMoeglich(_("Please name the actor or the person booking."))
        if not durch_personal and self.nutzungsvereinbarung is None:
            raise BuchungNichtMoeglich(_("Please accept the current terms of use."))
        email = self.email or (
            (user.email if user is not None and not durch_personal else "")
            or (self.akteur.email if self.akteur is not None else "")
        )
        return {
            "akteur": self.akteur,
            "name": self.name,
            "telefon": self.telefon,
            "email": email,
            "gebucht_von": user,
            "zweck": self.zweck,
            "art": self.art,
            "personen": self.personen,
            "ausstattung": list(self.ausstattung),
            "nutzungsvereinbarung": self.nutzungsvereinbarung,
            "akzeptiert_at": timezone.now() if self.nutzungsvereinbarung is not None else None,
        }


def anfragen_melden(buchungen: Sequence[Buchung], *, user) -> None:
    """Tell the staff who confirm bookings in the rooms' areas of the requests among
    `buchungen` (one message for all dates of a series)."""
    angefragt = [b for b in buchungen if b.status == Buchung.Status.ANGEFRAGT]
    benachrichtigungen.benachrichtigen(
        Benachrichtigungsart.BUCHUNG_ANGEFRAGT, angefragt, ausser=user
    )


@transaction.atomic
def buchen(
    *,
    wunsch: Buchungswunsch,
    user,
    durch_personal: bool = False,
    mitteilen: bool = True,
    anfrage_melden: bool = True,
) -> Buchung:
    """Book one slot. Raises `BuchungNichtMoeglich` with German messages when it cannot be.
    Staff (`durch_personal`) book without the notice rules and terms; confirmed at once.
    The contact gets a mail (`mitteilen`) and staff are told of a request
    (`anfrage_melden`), unless the caller tells them itself (an event series once for all
    dates, a submitted event as the event)."""
    daten = wunsch.daten(user=user, durch_personal=durch_personal)
    buchung = _anlegen(wunsch=wunsch, durch_personal=durch_personal, serie=None, daten=daten)
    if wunsch.akteur is not None:
        Kalenderzugang.fuer(wunsch.akteur)  # the private feed exists from the first booking on
    audit.record(
        buchung,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=wunsch.raum.quartier,
        message=Buchung.Status(buchung.status).label,
    )
    if mitteilen:
        benachrichtigen([buchung], schritt="angelegt")
    if anfrage_melden:
        anfragen_melden([buchung], user=user)
    return buchung


@dataclass
class SerienErgebnis:
    serie: Serie | None
    gebucht: list[Buchung] = field(default_factory=list)
    konflikte: list[tuple[date, list[str]]] = field(default_factory=list)

    def meldungen(self) -> list[str]:
        return [am(tag, meldungen) for tag, meldungen in self.konflikte]


def am(tag: date, meldungen: Sequence[str]) -> str:
    """The messages of one date of a series, in one line."""
    return f"{tag:%d.%m.%Y}: {' '.join(meldungen)}"


@transaction.atomic
def serie_buchen(
    *,
    wunsch: Buchungswunsch,
    user,
    regel: str,
    bis: date,
    alles_oder_nichts: bool = False,
    durch_personal: bool = False,
) -> SerienErgebnis:
    """Book the wish on every date of a rule until `bis`; clashing dates are listed, the
    rest booked (or nothing at all when `alles_oder_nichts`)."""
    start, stop = timezone.localtime(wunsch.beginn), timezone.localtime(wunsch.ende)
    if bis < start.date():
        raise BuchungNichtMoeglich(_("The series must end after its first date."))
    rrule = recurrence.regel(regel, start.date(), bis)
    daten = wunsch.daten(user=user, durch_personal=durch_personal)
    serie = Serie.objects.create(regel=regel, rrule=rrule, bis=bis)
    ergebnis = SerienErgebnis(serie=serie)
    for tag in recurrence.termine(rrule, start.date()):
        beginn = lokal(tag, start.time())
        termin = replace(wunsch, beginn=beginn, ende=beginn + (stop - start))
        try:
            with transaction.atomic():
                buchung = _anlegen(
                    wunsch=termin, durch_personal=durch_personal, serie=serie, daten=daten
                )
        except BuchungNichtMoeglich as exc:
            ergebnis.konflikte.append((tag, exc.messages))
        else:
            ergebnis.gebucht.append(buchung)
    if ergebnis.konflikte and alles_oder_nichts:
        raise BuchungNichtMoeglich(ergebnis.meldungen())
    if not ergebnis.gebucht:
        raise BuchungNichtMoeglich(
            [_("No date of the series could be booked."), *ergebnis.meldungen()]
        )
    if wunsch.akteur is not None:
        Kalenderzugang.fuer(wunsch.akteur)
    audit.record(
        serie,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=wunsch.raum.quartier,
        message=audit.text(
            gettext_lazy("%(n)s dates booked, %(k)s clashes"),
            n=len(ergebnis.gebucht),
            k=len(ergebnis.konflikte),
        ),
    )
    benachrichtigen(ergebnis.gebucht, schritt="angelegt")
    anfragen_melden(ergebnis.gebucht, user=user)
    return ergebnis


def wunsch_buchen(
    *,
    wunsch: Buchungswunsch,
    user,
    regel: str = "",
    bis: date | None = None,
    alles_oder_nichts: bool = False,
    durch_personal: bool = False,
) -> SerienErgebnis:
    """Book the wish once, or with a rule on every date until `bis` (`serie_buchen`); a
    single booking is the result's only date, without a series."""
    if regel:
        return serie_buchen(
            wunsch=wunsch,
            user=user,
            regel=regel,
            bis=bis,
            alles_oder_nichts=alles_oder_nichts,
            durch_personal=durch_personal,
        )
    buchung = buchen(wunsch=wunsch, user=user, durch_personal=durch_personal)
    return SerienErgebnis(serie=None, gebucht=[buchung])


def raum_pruefen(
    *, raum: Raum, beginn: datetime, ende: datetime, buchung: Buchung | None = None
) -> list[str]:
    """What stands against staff booking `raum` from `beginn` to `ende`, in the words the
    booking would refuse with: the room's rules and clashes. `buchung` is the booking being
    changed; when it holds exactly this slot already, nothing stands against it.

    For a form that checks before a service books in the same transaction: the room is
    locked first, so that nobody can book it between this check and the booking."""
    if (
        buchung is not None
        and buchung.ist_aktiv
        and (buchung.raum_id, buchung.beginn, buchung.ende) == (raum.pk, beginn, ende)
    ):
        return []
    _raeume_sperren([raum])
    ausser = [buchung.pk] if buchung is not None else []
    return regelverstoesse(raum, beginn, ende, personen=1, durch_personal=True) + konflikte(
        [raum], beginn, ende, ausser=ausser
    )


# --- decisions and changes ------------------------------------------------------------


def _umfang(buchung: Buchung, umfang: str):
    """The bookings a change applies to: this one, this and the following, or the series."""
    qs = Buchung.objects.filter(pk=buchung.pk)
    if buchung.serie_id and umfang == Umfang.FOLGENDE:
        qs = Buchung.objects.filter(serie=buchung.serie_id, beginn__gte=buchung.beginn)
    elif buchung.serie_id and umfang == Umfang.ALLE:
        qs = Buchung.objects.filter(serie=buchung.serie_id, beginn__gte=timezone.now())
    return qs.select_for_update().order_by("beginn")


def _status_setzen(
    buchung: Buchung,
    *,
    user,
    umfang: str,
    von: Sequence[str],
    nach: str,
    grund: str = "",
    mitteilen: bool = True,
) -> list[Buchung]:
    """Set the status of the booking (or the dates of its series) that have one of `von`;
    declining and cancelling need a reason. The contact gets the mail of the new status."""
    betroffen = [b for b in _umfang(buchung, umfang).select_related("raum") if b.status in von]
    return _status_uebernehmen(betroffen, user=user, nach=nach, grund=grund, mitteilen=mitteilen)


def _status_uebernehmen(
    betroffen: list[Buchung], *, user, nach: str, grund: str = "", mitteilen: bool = True
) -> list[Buchung]:
    """Give the (locked) bookings the status `nach`, with audit entries; each contact gets
    one mail of the new status for all their dates (unless the caller tells them)."""
    grund = grund.strip()
    if nach != Buchung.Status.BESTAETIGT and not grund:
        raise BuchungNichtMoeglich(_("Please give a reason."))
    if not betroffen:
        raise BuchungNichtMoeglich(_("This booking cannot be changed any more."))
    ids = [b.pk for b in betroffen]
    Buchung.objects.filter(pk__in=ids).update(status=nach, grund=grund, updated_at=timezone.now())
    Belegung.objects.filter(buchung__in=ids).update(aktiv=nach in Buchung.AKTIV)
    cache.bump("raeume")  # update() sends no signal; the occupancy of every room it touched
    for b in betroffen:
        old = b.status
        b.status, b.grund = nach, grund
        audit.record(
            b,
            action=AuditEntry.Action.CHANGED,
            user=user,
            quartier=b.raum.quartier,
            changes={"status": (old, nach)},
            message=audit.text(gettext_lazy("Reason: %(grund)s"), grund=grund) if grund else "",
        )
    if mitteilen:
        benachrichtigen(betroffen, schritt=nach)  # the mail templates are named by status
    return betroffen


@transaction.atomic
def bestaetigen(
    *, buchung: Buchung, user, umfang: str = Umfang.DIESE, mitteilen: bool = True
) -> list[Buchung]:
    return _status_setzen(
        buchung,
        user=user,
        umfang=umfang,
        von=[Buchung.Status.ANGEFRAGT],
        nach=Buchung.Status.BESTAETIGT,
        mitteilen=mitteilen,
    )


@transaction.atomic
def auswahl_bestaetigen(*, buchung_ids: Sequence[int], user) -> list[Buchung]:
    """Confirm the selected requests at once (the back office's bulk action): each contact
    gets one mail with all their confirmed dates, not one per date."""
    betroffen = list(
        Buchung.objects.select_for_update()
        .filter(pk__in=list(buchung_ids), status=Buchung.Status.ANGEFRAGT)
        .select_related("raum")
        .order_by("beginn")
    )
    if not betroffen:
        return []
    return _status_uebernehmen(betroffen, user=user, nach=Buchung.Status.BESTAETIGT)


@transaction.atomic
def ablehnen(*, buchung: Buchung, user, grund: str, umfang: str = Umfang.DIESE) -> list[Buchung]:
    return _status_setzen(
        buchung,
        user=user,
        umfang=umfang,
        von=[Buchung.Status.ANGEFRAGT],
        nach=Buchung.Status.ABGELEHNT,
        grund=grund,
    )


@transaction.atomic
def stornieren(*, buchung: Buchung, user, grund: str, umfang: str = Umfang.DIESE) -> list[Buchung]:
    return _status_setzen(
        buchung,
        user=user,
        umfang=umfang,
        von=Buchung.AKTIV,
        nach=Buchung.Status.STORNIERT,
        grund=grund,
    )


@transaction.atomic
def aendern(
    *,
    buchung: Buchung,
    user,
    umfang: str,
    von: time,
    bis: time,
    zweck: str,
    personen: int,
    durch_personal: bool = False,
) -> list[Buchung]:
    """Change time, purpose and people of this / this and following / all dates. A change
    not made by staff is reviewed again: confirmed dates get the status a new request would
    get (requested, unless the room or the actor is confirmed automatically)."""
    betroffen = [b for b in _umfang(buchung, umfang).select_related("raum") if b.ist_aktiv]
    if not betroffen:
        raise BuchungNichtMoeglich(_("This booking cannot be changed any more."))
    zusatz = list(buchung.zusatzraeume.all())
    _raeume_sperren(physische_raeume(buchung.raum, zusatz))
    fehler = []
    for b in betroffen:
        tag = timezone.localtime(b.beginn).date()
        beginn, ende = lokal(tag, von), lokal(tag, bis)
        probleme = regelverstoesse(
            b.raum, beginn, ende, personen=personen, durch_personal=durch_personal
        ) + konflikte(physische_raeume(b.raum, zusatz), beginn, ende, ausser=[b.pk])
        if probleme:
            fehler.append(am(tag, probleme))
        b.beginn, b.ende, b.zweck, b.personen = beginn, ende, zweck, personen
    if fehler:
        raise BuchungNichtMoeglich(fehler)
    raeume = physische_raeume(buchung.raum, zusatz)
    neuer_status = _status_fuer(buchung.raum, buchung.akteur, durch_personal)
    zur_pruefung = False
    for b in betroffen:
        changes = {}
        if b.status == Buchung.Status.BESTAETIGT and neuer_status != b.status:
            changes["status"] = (b.status, neuer_status)
            b.status, zur_pruefung = neuer_status, True
        b.save(update_fields=["beginn", "ende", "zweck", "personen", "status", "updated_at"])
        Belegung.objects.filter(buchung=b).delete()
        _belegungen_anlegen(b, raeume)
        audit.record(
            b,
            action=AuditEntry.Action.CHANGED,
            user=user,
            quartier=b.raum.quartier,
            changes=changes or None,
        )
    benachrichtigen(betroffen, schritt="angelegt" if zur_pruefung else "geaendert")
    if not durch_personal:
        anfragen_melden(betroffen, user=user)  # a changed request waits for staff again
    return betroffen


# --- mail and calendar ----------------------------------------------------------------


def termin(buchung: Buchung) -> ical.Termin:
    """A booking with its details, for the booking's contact and the actor's feed."""
    raum = buchung.raum
    return ical.Termin(
        uid=buchung.uid,
        beginn=buchung.beginn,
        ende=buchung.ende,
        titel=f"{raum.name}: {buchung.zweck}",
        ort=raum.adresse or raum.name,
        abgesagt=not buchung.ist_aktiv,
        geaendert=buchung.updated_at,
    )


def benachrichtigen(buchungen: Sequence[Buchung], *, schritt: str) -> None:
    """One mail to each contact of the bookings for this step, with all their dates (also
    as .ics): a series, or several requests decided at once, is one mail per contact."""
    pro_kontakt: dict[str, list[Buchung]] = {}
    for b in buchungen:
        if b.email:
            pro_kontakt.setdefault(b.email.lower(), []).append(b)
    for eigene in pro_kontakt.values():
        _mail(sorted(eigene, key=lambda b: b.beginn), schritt=schritt)


def _mail(buchungen: Sequence[Buchung], *, schritt: str) -> None:
    erste = buchungen[0]
    mail.send_templated_mail(
        to=erste.email,
        quartier=erste.raum.quartier,
        template=f"raeume/mail/buchung_{schritt}",
        context={
            "buchung": erste,
            "buchungen": buchungen,
            "anzahl": len(buchungen),
            "partner_url": settings.SITE_URL + erste.get_partner_url() if erste.akteur_id else "",
        },
        attachments=[
            mail.attachment(
                "buchung.ics", ical.ics_bytes(termin(b) for b in buchungen), "text/calendar"
            )
        ],
    )


@transaction.atomic
def kalenderzugang_erneuern(*, akteur, user) -> Kalenderzugang:
    """A new private feed link for the actor; the old link stops working (404)."""
    zugang = Kalenderzugang.objects.select_for_update().filter(akteur=akteur).first()
    zugang = zugang or Kalenderzugang(akteur=akteur)
    zugang.token = secrets.token_urlsafe(32)
    zugang.save()
    audit.record(
        zugang,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=audit.text(
            gettext_lazy("New subscription link for %(akteur)s"), akteur=akteur.name
        ),
    )
    return zugang


@transaction.atomic
def schadensfoto_anlegen(*, uebergabe: Uebergabe, bild, beschreibung: str, user) -> Schadensfoto:
    """A photo of damage found at a handover (private storage, a random file name)."""
    foto = Schadensfoto.objects.create(uebergabe=uebergabe, bild=bild, beschreibung=beschreibung)
    audit.record(
        foto, action=AuditEntry.Action.CREATED, user=user, quartier=uebergabe.buchung.raum.quartier
    )
    return foto


def serien_erinnern(*, vorlauf: timedelta, jetzt: datetime | None = None) -> int:
    """Mail each series whose last active date lies within `vorlauf`, once. Returns how many."""
    jetzt = jetzt or timezone.now()
    faellig = (
        Serie.objects.filter(erinnert_at__isnull=True, buchungen__status__in=Buchung.AKTIV)
        .annotate(letzter=Max("buchungen__beginn"))
        .filter(letzter__gte=jetzt, letzter__lte=jetzt + vorlauf)
        .values_list("pk", flat=True)
    )
    count = 0
    for serie_id in list(faellig):
        with transaction.atomic():
            serie = Serie.objects.select_for_update().filter(pk=serie_id, erinnert_at__isnull=True)
            serie = serie.first()
            if serie is None:
                continue
            buchungen = list(
                serie.buchungen.aktiv().select_related("raum__quartier").order_by("beginn")
            )
            if buchungen and buchungen[-1].email:
                mail.send_templated_mail(
                    to=buchungen[-1].email,
                    quartier=buchungen[-1].raum.quartier,
                    template="raeume/mail/serie_endet",
                    context={"buchung": buchungen[0], "letzte": buchungen[-1]},
                )
            serie.erinnert_at = jetzt
            serie.save(update_fields=["erinnert_at"])
            count += 1
    return count


KONTAKT_GELOESCHT = gettext_lazy("private person (contact data deleted)")


def buchungskontakte_loeschen(*, jetzt: datetime | None = None) -> int:
    """Delete the contact data (name, phone, e-mail) of bookings that ended more than
    BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN days ago, and the mails sent to them; the booking
    itself stays for the use figures. Returns the number of bookings cleaned."""
    jetzt = jetzt or timezone.now()
    tage = settings.BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN
    # A resident's booking has no actor and must keep a name (`buchung_akteur_oder_name`):
    # one that names nobody.
    niemand = audit.in_office_language(KONTAKT_GELOESCHT)
    faellig = Buchung.objects.filter(ende__lt=jetzt - timedelta(days=tage)).exclude(
        Q(name__in=["", niemand]), telefon="", email=""
    )
    with transaction.atomic():
        # Only the mails of the booking's own area: the same address may have mails of
        # another area (a concern there) that this retention rule does not cover.
        kontakte = faellig.exclude(email="").values_list("email", "raum__quartier_id")
        for email, quartier_id in set(kontakte):
            mail.forget_address(email, quartiere=[quartier_id])
        return faellig.update(
            name=Case(When(akteur__isnull=True, then=Value(niemand)), default=Value("")),
            telefon="",
            email="",
        )
