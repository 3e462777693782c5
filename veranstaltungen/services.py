"""Use cases of room booking: book (single or series), decide, cancel, change, search.

Every write is one atomic function; mails are stored in the same transaction and sent after
commit. The form checks first and explains, but the database decides: two racing requests
for the same room meet the exclusion constraint on `Belegung`, and the loser gets the same
German message as the form would have shown.
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from quartier import audit, ical, mail, ratelimit, recurrence
from quartier.forms import ENDE_NACH_BEGINN
from quartier.models import AuditEntry

from .models import (
    Anmeldung,
    Belegung,
    Buchung,
    Buchungszeit,
    Kalenderzugang,
    Nutzungsart,
    Nutzungsvereinbarung,
    Raum,
    Serie,
    Sperrzeit,
    Veranstaltung,
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
    *,
    raum: Raum,
    zusatzraeume: Sequence[Raum],
    beginn: datetime,
    ende: datetime,
    durch_personal: bool,
    serie: Serie | None,
    daten: dict,
) -> Buchung:
    raeume = physische_raeume(raum, zusatzraeume)
    _raeume_sperren(raeume)
    fehler = pruefe_zusatzraeume(raum, zusatzraeume) + regelverstoesse(
        raum, beginn, ende, personen=daten["personen"], durch_personal=durch_personal
    )
    fehler += konflikte(raeume, beginn, ende)
    if fehler:
        raise BuchungNichtMoeglich(fehler)
    buchung = Buchung(raum=raum, beginn=beginn, ende=ende, serie=serie, **daten)
    buchung.status = _status_fuer(raum, daten.get("akteur"), durch_personal)
    buchung.save()
    if zusatzraeume:
        buchung.zusatzraeume.set(zusatzraeume)
    _belegungen_anlegen(buchung, raeume)
    return buchung


def _daten(
    *,
    akteur,
    name: str,
    telefon: str,
    email: str,
    user,
    zweck: str,
    art: str,
    personen: int,
    ausstattung: Sequence[str],
    nutzungsvereinbarung: Nutzungsvereinbarung | None,
    durch_personal: bool,
) -> dict:
    if akteur is None and not name:
        raise BuchungNichtMoeglich(_("Please name the organisation or the person booking."))
    if not durch_personal and nutzungsvereinbarung is None:
        raise BuchungNichtMoeglich(_("Please accept the current terms of use."))
    if not email:
        email = (user.email if user is not None and not durch_personal else "") or (
            akteur.email if akteur is not None else ""
        )
    return {
        "akteur": akteur,
        "name": name,
        "telefon": telefon,
        "email": email,
        "gebucht_von": user,
        "zweck": zweck,
        "art": art,
        "personen": personen,
        "ausstattung": list(ausstattung),
        "nutzungsvereinbarung": nutzungsvereinbarung,
        "akzeptiert_am": timezone.now() if nutzungsvereinbarung is not None else None,
    }


@transaction.atomic
def buchen(
    *,
    raum: Raum,
    beginn: datetime,
    ende: datetime,
    zweck: str,
    art: str,
    personen: int,
    user,
    akteur=None,
    zusatzraeume: Sequence[Raum] = (),
    name: str = "",
    telefon: str = "",
    email: str = "",
    ausstattung: Sequence[str] = (),
    nutzungsvereinbarung: Nutzungsvereinbarung | None = None,
    durch_personal: bool = False,
) -> Buchung:
    """Book one slot. Raises `BuchungNichtMoeglich` with German messages when it cannot be."""
    daten = _daten(
        akteur=akteur,
        name=name,
        telefon=telefon,
        email=email,
        user=user,
        zweck=zweck,
        art=art,
        personen=personen,
        ausstattung=ausstattung,
        nutzungsvereinbarung=nutzungsvereinbarung,
        durch_personal=durch_personal,
    )
    buchung = _anlegen(
        raum=raum,
        zusatzraeume=list(zusatzraeume),
        beginn=beginn,
        ende=ende,
        durch_personal=durch_personal,
        serie=None,
        daten=daten,
    )
    if akteur is not None:
        Kalenderzugang.fuer(akteur)  # the private feed exists from the first booking on
    audit.record(
        buchung,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=raum.quartier,
        message=buchung.get_status_display(),
    )
    benachrichtigen([buchung], schritt="angelegt")
    return buchung


@dataclass
class SerienErgebnis:
    serie: Serie | None
    gebucht: list[Buchung] = field(default_factory=list)
    konflikte: list[tuple[date, list[str]]] = field(default_factory=list)


@transaction.atomic
def serie_buchen(
    *,
    regel: str,
    bis: date,
    alles_oder_nichts: bool,
    raum: Raum,
    beginn: datetime,
    ende: datetime,
    zweck: str,
    art: str,
    personen: int,
    user,
    akteur=None,
    zusatzraeume: Sequence[Raum] = (),
    name: str = "",
    telefon: str = "",
    email: str = "",
    ausstattung: Sequence[str] = (),
    nutzungsvereinbarung: Nutzungsvereinbarung | None = None,
    durch_personal: bool = False,
) -> SerienErgebnis:
    """Book every occurrence of a rule until `bis`; clashing ones are listed, the rest booked
    (or nothing at all when `alles_oder_nichts`)."""
    start, stop = timezone.localtime(beginn), timezone.localtime(ende)
    if bis < start.date():
        raise BuchungNichtMoeglich(_("The series must end after its first date."))
    rrule = recurrence.regel(regel, start.date(), bis)
    daten = _daten(
        akteur=akteur,
        name=name,
        telefon=telefon,
        email=email,
        user=user,
        zweck=zweck,
        art=art,
        personen=personen,
        ausstattung=ausstattung,
        nutzungsvereinbarung=nutzungsvereinbarung,
        durch_personal=durch_personal,
    )
    serie = Serie.objects.create(regel=regel, rrule=rrule, bis=bis)
    ergebnis = SerienErgebnis(serie=serie)
    dauer = stop - start
    for tag in recurrence.termine(rrule, start.date()):
        termin_beginn = lokal(tag, start.time())
        try:
            with transaction.atomic():
                buchung = _anlegen(
                    raum=raum,
                    zusatzraeume=list(zusatzraeume),
                    beginn=termin_beginn,
                    ende=termin_beginn + dauer,
                    durch_personal=durch_personal,
                    serie=serie,
                    daten=daten,
                )
        except BuchungNichtMoeglich as exc:
            ergebnis.konflikte.append((tag, exc.messages))
        else:
            ergebnis.gebucht.append(buchung)
    if ergebnis.konflikte and alles_oder_nichts:
        raise BuchungNichtMoeglich(
            [f"{tag:%d.%m.%Y}: {' '.join(m)}" for tag, m in ergebnis.konflikte]
        )
    if not ergebnis.gebucht:
        raise BuchungNichtMoeglich(
            [_("No date of the series could be booked.")]
            + [f"{tag:%d.%m.%Y}: {' '.join(m)}" for tag, m in ergebnis.konflikte]
        )
    if akteur is not None:
        Kalenderzugang.fuer(akteur)
    audit.record(
        serie,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=raum.quartier,
        message=_("%(n)s dates booked, %(k)s clashes")
        % {"n": len(ergebnis.gebucht), "k": len(ergebnis.konflikte)},
    )
    benachrichtigen(ergebnis.gebucht, schritt="angelegt")
    return ergebnis


# --- decisions and changes ------------------------------------------------------------

DIESE, FOLGENDE, ALLE = "diese", "folgende", "alle"


def _umfang(buchung: Buchung, umfang: str):
    """The bookings a change applies to: this one, this and the following, or the series."""
    qs = Buchung.objects.filter(pk=buchung.pk)
    if buchung.serie_id and umfang == FOLGENDE:
        qs = Buchung.objects.filter(serie=buchung.serie_id, beginn__gte=buchung.beginn)
    elif buchung.serie_id and umfang == ALLE:
        qs = Buchung.objects.filter(serie=buchung.serie_id, beginn__gte=timezone.now())
    return qs.select_for_update().order_by("beginn")


def _status_setzen(
    *, buchung: Buchung, user, umfang: str, von: Sequence[str], nach: str, grund: str, schritt: str
) -> list[Buchung]:
    betroffen = [b for b in _umfang(buchung, umfang).select_related("raum") if b.status in von]
    if not betroffen:
        raise BuchungNichtMoeglich(_("This booking cannot be changed any more."))
    ids = [b.pk for b in betroffen]
    Buchung.objects.filter(pk__in=ids).update(status=nach, grund=grund, updated_at=timezone.now())
    Belegung.objects.filter(buchung__in=ids).update(aktiv=nach in Buchung.AKTIV)
    for b in betroffen:
        old = b.status
        b.status, b.grund = nach, grund
        audit.record(
            b,
            action=AuditEntry.Action.CHANGED,
            user=user,
            quartier=b.raum.quartier,
            changes={"status": (old, nach)},
            message=grund,
        )
    benachrichtigen(betroffen, schritt=schritt)
    return betroffen


@transaction.atomic
def bestaetigen(*, buchung: Buchung, user, umfang: str = DIESE) -> list[Buchung]:
    return _status_setzen(
        buchung=buchung,
        user=user,
        umfang=umfang,
        von=[Buchung.Status.ANGEFRAGT],
        nach=Buchung.Status.BESTAETIGT,
        grund="",
        schritt="bestaetigt",
    )


@transaction.atomic
def ablehnen(*, buchung: Buchung, user, grund: str, umfang: str = DIESE) -> list[Buchung]:
    if not grund.strip():
        raise BuchungNichtMoeglich(_("Please give a reason."))
    return _status_setzen(
        buchung=buchung,
        user=user,
        umfang=umfang,
        von=[Buchung.Status.ANGEFRAGT],
        nach=Buchung.Status.ABGELEHNT,
        grund=grund.strip(),
        schritt="abgelehnt",
    )


@transaction.atomic
def stornieren(*, buchung: Buchung, user, grund: str, umfang: str = DIESE) -> list[Buchung]:
    if not grund.strip():
        raise BuchungNichtMoeglich(_("Please give a reason."))
    return _status_setzen(
        buchung=buchung,
        user=user,
        umfang=umfang,
        von=list(Buchung.AKTIV),
        nach=Buchung.Status.STORNIERT,
        grund=grund.strip(),
        schritt="storniert",
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
    get (requested, unless the room or the organisation is confirmed automatically)."""
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
            fehler.append(f"{tag:%d.%m.%Y}: {' '.join(probleme)}")
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
    return betroffen


# --- mail and calendar ----------------------------------------------------------------


def termin(buchung: Buchung, *, oeffentlich: bool = False) -> ical.Termin:
    raum = buchung.raum
    titel = _("booked") if oeffentlich else f"{raum.name}: {buchung.zweck}"
    return ical.Termin(
        uid=buchung.uid,
        beginn=buchung.beginn,
        ende=buchung.ende,
        titel=str(titel),
        ort="" if oeffentlich else (raum.ort or raum.name),
        abgesagt=not buchung.ist_aktiv,
        geaendert=buchung.updated_at,
    )


def benachrichtigen(buchungen: Sequence[Buchung], *, schritt: str) -> None:
    """One mail to the booking's contact for this step, with the dates as .ics."""
    if not buchungen or not buchungen[0].email:
        return
    erste = buchungen[0]
    mail.send_templated_mail(
        to=erste.email,
        quartier=erste.raum.quartier,
        template=f"veranstaltungen/mail/buchung_{schritt}",
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
    """A new private feed link for the organisation; the old link stops working (404)."""
    zugang = Kalenderzugang.objects.select_for_update().filter(akteur=akteur).first()
    zugang = zugang or Kalenderzugang(akteur=akteur)
    zugang.token = secrets.token_urlsafe(32)
    zugang.save()
    audit.record(
        zugang,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=_("New subscription link for %(akteur)s") % {"akteur": akteur.name},
    )
    return zugang


# --- availability ---------------------------------------------------------------------


@dataclass
class Vorschlag:
    raum: Raum
    zusatzraeume: list[Raum]
    beginn: datetime
    ende: datetime

    @property
    def zusatz_ids(self) -> list[int]:
        return [r.pk for r in self.zusatzraeume]


@dataclass
class Treffer:
    raum: Raum
    zusatzraeume: list[Raum]
    frei: bool
    gruende: list[str]


@dataclass
class Verfuegbarkeit:
    treffer: list[Treffer]
    alternativen: list[Vorschlag]

    @property
    def freie(self) -> list[Treffer]:
        return [t for t in self.treffer if t.frei]


def verfuegbarkeit(
    *,
    raeume,
    datum: date,
    von: time,
    bis: time,
    personen: int = 1,
    ausstattung: Sequence[str] = (),
    zusatz_gewuenscht: Sequence[int] = (),
    durch_personal: bool = False,
) -> Verfuegbarkeit:
    """Which rooms are free for the wish, and free alternatives (another room, nearby
    times) when not: a fixed number of queries whatever the number of bookings."""
    kandidaten = list(
        raeume.buchbar()
        .select_related("quartier")
        .prefetch_related("zusatzraeume__buchungszeiten", "buchungszeiten")
    )
    alle = {r.pk: r for r in kandidaten}
    for r in kandidaten:
        for z in r.zusatzraeume.all():
            alle[z.pk] = z
    tag_start = lokal(datum, time(0)) - timedelta(days=1)
    tag_ende = lokal(datum, time(0)) + timedelta(days=2)
    belegt: dict[int, list] = {pk: [] for pk in alle}
    for b in Belegung.objects.filter(
        raum__in=list(alle),
        aktiv=True,
        zeitraum__overlap=DateTimeTZRange(tag_start, tag_ende, "[)"),
    ).only("raum_id", "zeitraum"):
        belegt[b.raum_id].append(b.zeitraum)
    quartier_ids = {r.quartier_id for r in kandidaten}
    sperren = list(
        Sperrzeit.objects.filter(quartier__in=quartier_ids, von__lte=datum, bis__gte=datum)
    )
    jetzt = timezone.now()

    def gruende(raum: Raum, zusatz: list[Raum], beginn: datetime, ende: datetime) -> list[str]:
        result = regelverstoesse(
            raum,
            beginn,
            ende,
            personen=personen,
            durch_personal=durch_personal,
            buchungszeiten=list(raum.buchungszeiten.all()),
            sperrzeiten=[s for s in sperren if s.quartier_id == raum.quartier_id],
            jetzt=jetzt,
        )
        for r in [raum, *zusatz]:
            wunsch = belegungsbereich(r, beginn, ende)
            for bereich in belegt[r.pk]:
                if bereich.lower < wunsch.upper and wunsch.lower < bereich.upper:
                    result.append(belegt_meldung(r, bereich))
        return result

    def ausstattung_von(raum: Raum, zusatz: list[Raum]) -> set[str]:
        keys = set(raum.ausstattung)
        for z in zusatz:
            keys |= set(z.ausstattung)
        return keys

    beginn, ende = lokal(datum, von), lokal(datum, bis)
    treffer = []
    for raum in kandidaten:
        moegliche = list(raum.zusatzraeume.all())
        zusatz = [
            z
            for z in moegliche
            if z.pk in zusatz_gewuenscht
            or (set(ausstattung) - set(raum.ausstattung)) & set(z.ausstattung)
        ]
        if not set(ausstattung) <= ausstattung_von(raum, zusatz):
            continue
        if raum.kapazitaet < personen:
            continue
        probleme = gruende(raum, zusatz, beginn, ende)
        treffer.append(Treffer(raum=raum, zusatzraeume=zusatz, frei=not probleme, gruende=probleme))

    alternativen: list[Vorschlag] = []
    dauer = ende - beginn
    for t in treffer:
        if not t.frei:
            # Without the combined room (e.g. the hall without the kitchen) at the wished time.
            if t.zusatzraeume and not (set(ausstattung) - set(t.raum.ausstattung)):
                if not gruende(t.raum, [], beginn, ende):
                    alternativen.append(Vorschlag(t.raum, [], beginn, ende))
            # The same rooms at a nearby time on the same day.
            for stunden in (1, -1, 2, -2, 3, -3):
                b = beginn + timedelta(hours=stunden)
                if timezone.localtime(b).date() != datum:
                    continue
                if not gruende(t.raum, t.zusatzraeume, b, b + dauer):
                    alternativen.append(Vorschlag(t.raum, t.zusatzraeume, b, b + dauer))
                    break
    return Verfuegbarkeit(treffer=treffer, alternativen=alternativen)


def serien_erinnern(*, vorlauf: timedelta, jetzt: datetime | None = None) -> int:
    """Mail each series whose last active date lies within `vorlauf`, once. Returns how many."""
    from django.db.models import Max

    jetzt = jetzt or timezone.now()
    faellig = (
        Serie.objects.filter(erinnert_am__isnull=True, buchungen__status__in=Buchung.AKTIV)
        .annotate(letzter=Max("buchungen__beginn"))
        .filter(letzter__gte=jetzt, letzter__lte=jetzt + vorlauf)
        .values_list("pk", flat=True)
    )
    count = 0
    for serie_id in list(faellig):
        with transaction.atomic():
            serie = Serie.objects.select_for_update().filter(pk=serie_id, erinnert_am__isnull=True)
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
                    template="veranstaltungen/mail/serie_endet",
                    context={"buchung": buchungen[0], "letzte": buchungen[-1]},
                )
            serie.erinnert_am = jetzt
            serie.save(update_fields=["erinnert_am"])
            count += 1
    return count


# --- events and registrations (issue 6) -----------------------------------------------


@transaction.atomic
def veranstaltung_speichern(*, veranstaltung: Veranstaltung, user) -> Veranstaltung:
    """Save an event. An event in one of the rooms books the room in the same transaction;
    when the room is taken nothing is saved and `BuchungNichtMoeglich` says why."""
    veranstaltung.save()
    buchung = veranstaltung.buchung
    passt = (
        buchung is not None
        and buchung.ist_aktiv
        and buchung.raum_id == veranstaltung.raum_id
        and buchung.beginn == veranstaltung.beginn
        and buchung.ende == veranstaltung.ende
    )
    if buchung is not None and buchung.ist_aktiv and not passt:
        stornieren(buchung=buchung, user=user, grund=_("The event was moved."))
    if passt and veranstaltung.freigegeben and buchung.status == Buchung.Status.ANGEFRAGT:
        bestaetigen(buchung=buchung, user=user)  # a submitted event published in the form
    if veranstaltung.raum_id and not passt and not veranstaltung.abgesagt:
        raum = veranstaltung.raum
        veranstaltung.buchung = buchen(
            raum=raum,
            beginn=veranstaltung.beginn,
            ende=veranstaltung.ende,
            zweck=veranstaltung.titel,
            art=Nutzungsart.VERANSTALTUNG,
            personen=min(veranstaltung.kapazitaet or 1, raum.kapazitaet),
            user=user,
            akteur=veranstaltung.veranstalter,
            name="" if veranstaltung.veranstalter_id else veranstaltung.quartier.buero_name,
            durch_personal=True,
        )
        veranstaltung.save(update_fields=["buchung"])
    return veranstaltung


@transaction.atomic
def veranstaltung_absagen(*, veranstaltung: Veranstaltung, user, notiz: str) -> int:
    """Cancel an event: free its room and tell everyone registered or waiting."""
    if not notiz.strip():
        raise ValidationError(_("Please give a note why the event is cancelled."))
    v = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    v.status, v.absage_notiz = Veranstaltung.Status.ABGESAGT, notiz.strip()
    v.save(update_fields=["status", "absage_notiz", "updated_at"])
    if v.buchung_id and v.buchung.status == Buchung.Status.ANGEFRAGT:
        ablehnen(buchung=v.buchung, user=user, grund=notiz)  # a submission not accepted
    elif v.buchung_id and v.buchung.ist_aktiv:
        stornieren(buchung=v.buchung, user=user, grund=notiz)
    betroffen = list(v.anmeldungen.exclude(status=Anmeldung.Status.STORNIERT))
    for a in betroffen:
        _anmeldung_mail(a, "veranstaltung_abgesagt")
    audit.record(v, action=AuditEntry.Action.CHANGED, user=user, message=notiz)
    return len(betroffen)


def _anmeldung_mail(anmeldung: Anmeldung, schritt: str) -> None:
    v = anmeldung.veranstaltung
    mail.send_templated_mail(
        to=anmeldung.email,
        quartier=v.quartier,
        template=f"veranstaltungen/mail/{schritt}",
        context={
            "anmeldung": anmeldung,
            "veranstaltung": v,
            "link": settings.SITE_URL + anmeldung.get_absolute_url(),
        },
        attachments=[
            mail.attachment(
                "veranstaltung.ics", ical.ics_bytes([veranstaltung_termin(v)]), "text/calendar"
            )
        ],
    )


def veranstaltung_termin(v: Veranstaltung) -> ical.Termin:
    return ical.Termin(
        uid=v.uid,
        beginn=v.beginn,
        ende=v.ende,
        titel=v.titel,
        ort=v.ort,
        beschreibung=v.beschreibung,
        abgesagt=v.abgesagt,
        geaendert=v.updated_at,
        url=settings.SITE_URL + v.get_absolute_url(),
    )


def _angemeldet(v: Veranstaltung) -> int:
    return (
        v.anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET).aggregate(n=Sum("personen"))["n"]
        or 0
    )


def _platz(v: Veranstaltung, personen: int, aus_dem_quartier: bool) -> tuple[bool, bool]:
    """(fits, fits without the places kept for residents) for a party now."""
    belegt = v.anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET).aggregate(
        alle=Sum("personen"),
        andere=Sum("personen", filter=Q(aus_dem_quartier=False)),
    )
    alle, andere = belegt["alle"] or 0, belegt["andere"] or 0
    if alle + personen > v.kapazitaet:
        return False, False
    if aus_dem_quartier:
        return True, True
    return andere + personen <= v.kapazitaet - v.reservierte_plaetze, False


class SchonAngemeldet(ValidationError):
    """The e-mail address is already registered for the event (its link was mailed again)."""


def anmelden(*, veranstaltung: Veranstaltung, **daten) -> Anmeldung:
    """Register a party (see `_anmelden`). The same e-mail address twice (double click,
    reload, or someone typing a neighbour's address) never registers twice and never hands
    out the first registration: `SchonAngemeldet` is raised, and the registration's private
    link is mailed again to that address only (a few times a day at most)."""
    anmeldung, neu = _anmelden(veranstaltung=veranstaltung, **daten)
    if not neu:
        raise SchonAngemeldet(
            _(
                "This e-mail address is already registered for this event. We have sent you "
                "the link to your registration once more."
            ),
            code="schon_angemeldet",
        )
    return anmeldung


@transaction.atomic
def _anmelden(
    *,
    veranstaltung: Veranstaltung,
    name: str,
    email: str,
    personen: int,
    telefon: str = "",
    aus_dem_quartier: bool = False,
    antworten: dict | None = None,
) -> tuple[Anmeldung, bool]:
    """Register a party. The event row is locked, so concurrent registrations are counted
    one after the other: never more people than places; the rest wait in order. Returns
    (registration, new); for an address already registered, its link is mailed again."""
    v = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    vorhanden = (
        v.anmeldungen.exclude(status=Anmeldung.Status.STORNIERT).filter(email__iexact=email).first()
    )
    if vorhanden is not None:
        limit = settings.ANMELDUNG_LINK_LIMIT
        if ratelimit.hit("anmeldung-link", str(vorhanden.pk), limit=limit, window=24 * 3600):
            _anmeldung_mail(vorhanden, "anmeldung_link")
        return vorhanden, False
    if not v.anmeldung_offen():
        raise ValidationError(_("Registration for this event is closed."))
    wartet = v.anmeldungen.filter(status=Anmeldung.Status.WARTELISTE).exists()
    frei = not wartet and _platz(v, personen, aus_dem_quartier)[0]
    anmeldung = Anmeldung.objects.create(
        veranstaltung=v,
        name=name,
        email=email,
        telefon=telefon,
        personen=personen,
        aus_dem_quartier=aus_dem_quartier,
        antworten=antworten or {},
        status=Anmeldung.Status.ANGEMELDET if frei else Anmeldung.Status.WARTELISTE,
        token=secrets.token_urlsafe(24),
        created_at=timezone.now(),
    )
    _anmeldung_mail(anmeldung, "anmeldung_angemeldet" if frei else "anmeldung_warteliste")
    return anmeldung, True


def _nachruecken(v: Veranstaltung) -> list[Anmeldung]:
    """Promote waiting parties in order while the head of the list fits. A party from
    outside the area that waits only because of the places kept for residents lets the
    residents behind it move up into those places."""
    befoerdert = []
    for wartend in v.anmeldungen.filter(status=Anmeldung.Status.WARTELISTE).order_by(
        "created_at", "pk"
    ):
        passt, _ohne_reserve = _platz(v, wartend.personen, wartend.aus_dem_quartier)
        if not passt:
            if _platz(v, wartend.personen, True)[0]:
                continue  # only the residents' places are left
            break
        wartend.status = Anmeldung.Status.ANGEMELDET
        wartend.save(update_fields=["status"])
        befoerdert.append(wartend)
        _anmeldung_mail(wartend, "anmeldung_nachgerueckt")
    return befoerdert


@transaction.atomic
def abmelden(*, anmeldung: Anmeldung) -> list[Anmeldung]:
    """Cancel a registration (by its private link); returns the parties promoted."""
    v = Veranstaltung.objects.select_for_update().get(pk=anmeldung.veranstaltung_id)
    a = Anmeldung.objects.get(pk=anmeldung.pk)
    if a.status == Anmeldung.Status.STORNIERT:
        return []
    if v.beginn <= timezone.now():
        raise ValidationError(
            _("The event has already begun; the registration cannot be cancelled.")
        )
    a.status = Anmeldung.Status.STORNIERT
    a.save(update_fields=["status"])
    return [] if v.abgesagt else _nachruecken(v)


def anmeldungen_loeschen(*, jetzt: datetime | None = None) -> int:
    """Delete registrations' personal data N days after the event, keeping the number of
    people registered on the event. Returns the number of events cleaned."""
    jetzt = jetzt or timezone.now()
    grenze = jetzt - timedelta(days=settings.ANMELDUNGEN_LOESCHEN_NACH_TAGEN)
    faellig = list(
        Veranstaltung.objects.filter(ende__lt=grenze, anmeldungen__isnull=False)
        .distinct()
        .values_list("pk", flat=True)
    )
    for pk in faellig:
        with transaction.atomic():
            v = Veranstaltung.objects.select_for_update().get(pk=pk)
            v.teilnehmende = _angemeldet(v)
            v.save(update_fields=["teilnehmende"])
            v.anmeldungen.all().delete()
    return len(faellig)


def buchungskontakte_loeschen(*, jetzt: datetime | None = None) -> int:
    """Delete the contact data (name, phone, e-mail) of bookings that ended more than
    BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN days ago, and the mails sent to them; the booking
    itself stays for the use figures. Returns the number of bookings cleaned."""
    jetzt = jetzt or timezone.now()
    tage = settings.BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN
    faellig = Buchung.objects.filter(ende__lt=jetzt - timedelta(days=tage)).exclude(
        name="", telefon="", email=""
    )
    with transaction.atomic():
        for email in set(faellig.exclude(email="").values_list("email", flat=True)):
            mail.forget_address(email)
        return faellig.update(name="", telefon="", email="")


def erinnern(*, jetzt: datetime | None = None) -> int:
    """Remind everyone registered for an event that starts tomorrow, once each."""
    jetzt = jetzt or timezone.now()
    morgen = timezone.localdate(jetzt) + timedelta(days=1)
    faellig = Anmeldung.objects.filter(
        status=Anmeldung.Status.ANGEMELDET,
        erinnert_am__isnull=True,
        veranstaltung__status=Veranstaltung.Status.GEPLANT,
        veranstaltung__beginn__gte=lokal(morgen, time(0)),
        veranstaltung__beginn__lt=lokal(morgen + timedelta(days=1), time(0)),
    ).select_related("veranstaltung__raum", "veranstaltung__quartier")
    count = 0
    for anmeldung in faellig:
        with transaction.atomic():
            updated = Anmeldung.objects.filter(pk=anmeldung.pk, erinnert_am__isnull=True).update(
                erinnert_am=jetzt
            )
            if updated:
                _anmeldung_mail(anmeldung, "anmeldung_erinnerung")
                count += 1
    return count


@transaction.atomic
def veranstaltung_einreichen(*, veranstaltung: Veranstaltung, user) -> Veranstaltung:
    """A partner's event: saved unreviewed (not public) until staff approve it.

    In one of the rooms, the room is requested in the same transaction as a booking of the
    organisation (status "requested" unless the room or organisation is confirmed
    automatically), under the partner's booking rules and the current terms of use. The
    request holds the slot until staff publish the event (which confirms it) or cancel it
    (which declines it). A taken room raises `BuchungNichtMoeglich` and nothing is saved."""
    akteur = veranstaltung.veranstalter
    if akteur is None or not akteur.mitglieder.filter(pk=user.pk).exists():
        raise ValidationError(_("Please choose one of your organisations."))
    raum = veranstaltung.raum
    if raum is not None:
        if not akteur.quartiere.filter(pk=raum.quartier_id).exists():
            raise BuchungNichtMoeglich(_("Please choose a room of your organisation's area."))
        veranstaltung.quartier = raum.quartier
    else:
        veranstaltung.quartier = akteur.quartiere.order_by("pk").first()
    veranstaltung.freigegeben = False
    veranstaltung.save()
    if raum is not None:
        veranstaltung.buchung = buchen(
            raum=raum,
            beginn=veranstaltung.beginn,
            ende=veranstaltung.ende,
            zweck=veranstaltung.titel,
            art=Nutzungsart.VERANSTALTUNG,
            personen=min(veranstaltung.kapazitaet or 1, raum.kapazitaet),
            user=user,
            akteur=akteur,
            nutzungsvereinbarung=Nutzungsvereinbarung.aktuelle(raum.quartier),
        )
        veranstaltung.save(update_fields=["buchung"])
    audit.record(veranstaltung, action=AuditEntry.Action.CREATED, user=user)
    return veranstaltung


@transaction.atomic
def veranstaltung_freigeben(*, veranstaltung: Veranstaltung, user) -> Veranstaltung:
    """Staff publish a submitted event; its requested room booking is confirmed with it."""
    v = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    if not v.freigegeben:
        v.freigegeben = True
        v.save(update_fields=["freigegeben", "updated_at"])
        audit.record(
            v, action=AuditEntry.Action.CHANGED, user=user, changes={"freigegeben": (False, True)}
        )
    if v.abgesagt or not v.raum_id:
        return v
    if v.buchung_id and v.buchung.status == Buchung.Status.ANGEFRAGT:
        bestaetigen(buchung=v.buchung, user=user)
    elif not (v.buchung_id and v.buchung.ist_aktiv):
        # The room request was declined or cancelled meanwhile: publishing books the room
        # again (as staff), or refuses clearly when it is taken.
        veranstaltung_speichern(veranstaltung=v, user=user)
    return v


@transaction.atomic
def veranstaltung_serie(
    *, veranstaltung: Veranstaltung, regel: str, bis: date, user
) -> list[Veranstaltung]:
    """A recurring event (the weekly Sprachcafé): one event per date of the RFC 5545 rule,
    each booking its room. If a room is taken on any date, nothing is saved and the
    message lists the dates."""
    start = timezone.localtime(veranstaltung.beginn)
    dauer = veranstaltung.ende - veranstaltung.beginn
    rrule = recurrence.regel(regel, start.date(), bis)
    serie = Serie.objects.create(regel=regel, rrule=rrule, bis=bis)
    vorlage = {
        f.attname: getattr(veranstaltung, f.attname)
        for f in Veranstaltung._meta.concrete_fields
        if f.attname not in ("id", "uid", "beginn", "ende", "buchung_id", "serie_id")
    }
    termine, fehler = [], []
    for tag in recurrence.termine(rrule, start.date()):
        beginn = lokal(tag, start.time())
        v = Veranstaltung(**vorlage, beginn=beginn, ende=beginn + dauer, serie=serie)
        try:
            with transaction.atomic():
                veranstaltung_speichern(veranstaltung=v, user=user)
        except BuchungNichtMoeglich as exc:
            fehler.append(f"{tag:%d.%m.%Y}: {' '.join(exc.messages)}")
        else:
            termine.append(v)
    if fehler:
        raise BuchungNichtMoeglich(fehler)
    return termine


@transaction.atomic
def rundmail(
    *, veranstaltung: Veranstaltung, user, betreff: str, text: str, warteliste: bool
) -> int:
    """One mail per registration (registered, optionally waiting). Returns how many."""
    stati = [Anmeldung.Status.ANGEMELDET] + ([Anmeldung.Status.WARTELISTE] if warteliste else [])
    empfaenger = list(veranstaltung.anmeldungen.filter(status__in=stati))
    for a in empfaenger:
        mail.queue_mail(
            to=[a.email],
            quartier=veranstaltung.quartier,
            subject=betreff,
            body=f"{text}\n\n{veranstaltung.titel}, "
            f"{formats.date_format(timezone.localtime(veranstaltung.beginn), 'd.m.Y H:i')}\n"
            f"{settings.SITE_URL}{a.get_absolute_url()}\n",
        )
    audit.record(veranstaltung, action=AuditEntry.Action.OTHER, user=user, message=betreff)
    return len(empfaenger)
