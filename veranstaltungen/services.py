"""Use cases of events and registrations: save (booking the room through `raeume`),
submit and publish, cancel, register and wait, remind, mail to all, clean up.

Registrations lock the event row, so concurrent requests never register more people than
there are places; the rest wait in order.
"""

import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit, ical, mail, ratelimit, recurrence
from quartier.benachrichtigungen import benachrichtigen
from quartier.models import AuditEntry, Benachrichtigungsart
from raeume import services as raeume_services
from raeume.models import Buchung, Nutzungsart, Nutzungsvereinbarung, Serie, lokal
from raeume.services import (
    BuchungNichtMoeglich,
    Buchungswunsch,
    ablehnen,
    am,
    bestaetigen,
    buchen,
    stornieren,
)

from .models import Anmeldung, Veranstaltung


@transaction.atomic
def veranstaltung_speichern(
    *, veranstaltung: Veranstaltung, user, mitteilen: bool = True
) -> Veranstaltung:
    """Save an event. An event in one of the rooms books the room in the same transaction;
    when the room is taken nothing is saved and `BuchungNichtMoeglich` says why. The
    booking's contact is mailed unless `mitteilen` is off (the caller tells them once)."""
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
        # a submitted event published in the form
        bestaetigen(buchung=buchung, user=user, mitteilen=mitteilen)
    if veranstaltung.raum_id and not passt and not veranstaltung.abgesagt:
        veranstaltung.buchung = buchen(
            wunsch=_raumwunsch(
                veranstaltung,
                name="" if veranstaltung.veranstalter_id else veranstaltung.quartier.buero_name,
            ),
            user=user,
            durch_personal=True,
            mitteilen=mitteilen,
        )
        veranstaltung.save(update_fields=["buchung"])
    return veranstaltung


def _raumwunsch(veranstaltung: Veranstaltung, **extra) -> Buchungswunsch:
    """The booking of the event's room: its time, title and actor."""
    raum = veranstaltung.raum
    return Buchungswunsch(
        raum=raum,
        beginn=veranstaltung.beginn,
        ende=veranstaltung.ende,
        zweck=veranstaltung.titel,
        art=Nutzungsart.VERANSTALTUNG,
        personen=min(veranstaltung.kapazitaet or 1, raum.kapazitaet),
        akteur=veranstaltung.veranstalter,
        **extra,
    )


@transaction.atomic
def veranstaltung_anlegen(
    *, veranstaltung: Veranstaltung, user, regel: str = "", bis: date | None = None
) -> list[Veranstaltung]:
    """Staff add an event (its room booked with it), or with a rule one event per date
    (`veranstaltung_serie`). Returns the events made."""
    if regel:
        termine = veranstaltung_serie(veranstaltung=veranstaltung, regel=regel, bis=bis, user=user)
    else:
        termine = [veranstaltung_speichern(veranstaltung=veranstaltung, user=user)]
    for termin in termine:
        audit.record(termin, action=AuditEntry.Action.CREATED, user=user)
    return termine


@transaction.atomic
def veranstaltung_aendern(*, veranstaltung: Veranstaltung, user) -> Veranstaltung:
    """Staff change an event (its room booking follows, see `veranstaltung_speichern`).
    Cancelled by this change (status and note set), it frees its room and everyone
    registered or waiting is told, as by `veranstaltung_absagen`."""
    vorher = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    veranstaltung_speichern(veranstaltung=veranstaltung, user=user)
    if veranstaltung.abgesagt and not vorher.abgesagt:
        _absage_folgen(veranstaltung, user=user)
    elif veranstaltung.freigegeben and not vorher.freigegeben:
        benachrichtigen(Benachrichtigungsart.VERANSTALTUNG_FREIGEGEBEN, veranstaltung, ausser=user)
    return veranstaltung


@transaction.atomic
def veranstaltung_absagen(*, veranstaltung: Veranstaltung, user, notiz: str) -> int:
    """Cancel an event: free its room and tell everyone registered or waiting. Cancelled
    already (a second click), it changes nothing and tells nobody again: returns 0."""
    if not notiz.strip():
        raise ValidationError(_("Please give a note why the event is cancelled."))
    v = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    if v.abgesagt:
        return 0
    v.status, v.absage_notiz = Veranstaltung.Status.ABGESAGT, notiz.strip()
    v.save(update_fields=["status", "absage_notiz", "updated_at"])
    return _absage_folgen(v, user=user)


def _absage_folgen(v: Veranstaltung, *, user) -> int:
    """What follows a cancellation: the room is freed, everyone registered or waiting gets
    a mail. Returns how many registrations were told."""
    notiz = v.absage_notiz
    if v.buchung_id and v.buchung.status == Buchung.Status.ANGEFRAGT:
        ablehnen(buchung=v.buchung, user=user, grund=notiz)  # a submission not accepted
    elif v.buchung_id and v.buchung.ist_aktiv:
        stornieren(buchung=v.buchung, user=user, grund=notiz)
    betroffen = list(v.anmeldungen.aktiv())
    for a in betroffen:
        _anmeldung_mail(a, "veranstaltung_abgesagt")
    if not v.freigegeben:  # a partner's submission, not accepted: the partner is told
        benachrichtigen(Benachrichtigungsart.VERANSTALTUNG_ABGELEHNT, v, ausser=user)
    audit.record(
        v,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=audit.text(gettext_lazy("Cancelled: %(notiz)s"), notiz=notiz),
    )
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


def veranstaltung_termin(v: Veranstaltung, *, mit_anmeldestatus: bool = False) -> ical.Termin:
    """The event as a calendar entry. The public calendar (`mit_anmeldestatus`) opens the
    description of an event with registration with its state, as its page says it; the
    file attached to a registration's mails does not (it would stay in the calendar)."""
    beschreibung = v.beschreibung
    if mit_anmeldestatus and v.anmeldung and not v.abgesagt:
        beschreibung = "\n\n".join(filter(None, [str(v.anmeldestatus().label), beschreibung]))
    return ical.Termin(
        uid=v.uid,
        beginn=v.beginn,
        ende=v.ende,
        titel=v.titel,
        ort=v.veranstaltungsort,
        beschreibung=beschreibung,
        abgesagt=v.abgesagt,
        geaendert=v.updated_at,
        url=settings.SITE_URL + v.get_absolute_url(),
    )


def _platz(v: Veranstaltung, personen: int, aus_dem_quartier: bool) -> tuple[bool, bool]:
    """(fits, fits without the places kept for residents) for a party now."""
    belegt = v.anmeldungen.angemeldet().aggregate(
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
    vorhanden = v.anmeldungen.aktiv().filter(email__iexact=email).first()
    if vorhanden is not None:
        limit = settings.ANMELDUNG_LINK_LIMIT
        if ratelimit.hit("anmeldung-link", str(vorhanden.pk), limit=limit, window=24 * 3600):
            _anmeldung_mail(vorhanden, "anmeldung_link")
        return vorhanden, False
    if not v.anmeldung_offen():
        raise ValidationError(_("Registration for this event is closed."))
    wartet = v.anmeldungen.warteliste().exists()
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
    for wartend in v.anmeldungen.warteliste().order_by("created_at", "pk"):
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
    """Delete registrations' personal data N days after the event, keeping the numbers of
    people registered and checked in on the event. Returns the number of events cleaned."""
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
            v.teilnehmende = v.anmeldungen.angemeldet().personen()
            v.anwesende = v.anmeldungen.aktiv().filter(anwesend=True).personen()
            v.save(update_fields=["teilnehmende", "anwesende"])
            v.anmeldungen.all().delete()
    return len(faellig)


def erinnern(*, jetzt: datetime | None = None) -> int:
    """Remind everyone registered for an event that starts tomorrow, once each."""
    jetzt = jetzt or timezone.now()
    morgen = timezone.localdate(jetzt) + timedelta(days=1)
    faellig = (
        Anmeldung.objects.angemeldet()
        .filter(
            erinnert_at__isnull=True,
            veranstaltung__status=Veranstaltung.Status.GEPLANT,
            veranstaltung__beginn__gte=lokal(morgen, time(0)),
            veranstaltung__beginn__lt=lokal(morgen + timedelta(days=1), time(0)),
        )
        .select_related("veranstaltung__raum", "veranstaltung__quartier")
    )
    count = 0
    for anmeldung in faellig:
        with transaction.atomic():
            updated = Anmeldung.objects.filter(pk=anmeldung.pk, erinnert_at__isnull=True).update(
                erinnert_at=jetzt
            )
            if updated:
                _anmeldung_mail(anmeldung, "anmeldung_erinnerung")
                count += 1
    return count


@transaction.atomic
def veranstaltung_einreichen(*, veranstaltung: Veranstaltung, user) -> Veranstaltung:
    """A partner's event: saved unreviewed (not public) until staff approve it.

    In one of the rooms, the room is requested in the same transaction as a booking of the
    actor (status "requested" unless the room or actor is confirmed
    automatically), under the partner's booking rules and the current terms of use. The
    request holds the slot until staff publish the event (which confirms it) or cancel it
    (which declines it). A taken room raises `BuchungNichtMoeglich` and nothing is saved."""
    akteur = veranstaltung.veranstalter
    if akteur is None or not akteur.mitglieder.filter(pk=user.pk).exists():
        raise ValidationError(_("Please choose one of your actors."))
    raum = veranstaltung.raum
    if raum is not None:
        if not akteur.quartiere.filter(pk=raum.quartier_id).exists():
            raise BuchungNichtMoeglich(_("Please choose a room of your actor's area."))
        veranstaltung.quartier = raum.quartier
    else:
        veranstaltung.quartier = akteur.quartiere.order_by("pk").first()
    veranstaltung.freigegeben = False
    veranstaltung.save()
    if raum is not None:
        veranstaltung.buchung = buchen(
            wunsch=_raumwunsch(
                veranstaltung, nutzungsvereinbarung=Nutzungsvereinbarung.aktuelle(raum.quartier)
            ),
            user=user,
            anfrage_melden=False,  # staff are told of the event, which carries its room
        )
        veranstaltung.save(update_fields=["buchung"])
    audit.record(veranstaltung, action=AuditEntry.Action.CREATED, user=user)
    benachrichtigen(Benachrichtigungsart.VERANSTALTUNG_EINGEREICHT, veranstaltung, ausser=user)
    return veranstaltung


@transaction.atomic
def veranstaltung_freigeben(
    *, veranstaltung: Veranstaltung, user, mitteilen: bool = True
) -> Veranstaltung:
    """Staff publish a submitted event; its requested room booking is confirmed with it.
    The partner is told; the booking's contact gets the confirmation unless `mitteilen` is
    off (`auswahl_freigeben` sends one mail for all)."""
    v = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    if not v.freigegeben:
        v.freigegeben = True
        v.save(update_fields=["freigegeben", "updated_at"])
        audit.record(
            v, action=AuditEntry.Action.CHANGED, user=user, changes={"freigegeben": (False, True)}
        )
        benachrichtigen(Benachrichtigungsart.VERANSTALTUNG_FREIGEGEBEN, v, ausser=user)
    if v.abgesagt or not v.raum_id:
        return v
    if v.buchung_id and v.buchung.status == Buchung.Status.ANGEFRAGT:
        bestaetigen(buchung=v.buchung, user=user, mitteilen=mitteilen)
    elif not (v.buchung_id and v.buchung.ist_aktiv):
        # The room request was declined or cancelled meanwhile: publishing books the room
        # again (as staff), or refuses clearly when it is taken.
        veranstaltung_speichern(veranstaltung=v, user=user, mitteilen=mitteilen)
    return v


@transaction.atomic
def auswahl_freigeben(
    *, veranstaltungen, user
) -> tuple[list[Veranstaltung], list[tuple[Veranstaltung, list[str]]]]:
    """Publish several events at once (the back office's bulk action), each on its own
    (an event whose room is taken stays unpublished, with the reason). Every partner and
    booking contact gets one mail for all their events. Returns (published, refused)."""
    veroeffentlicht, abgelehnt = [], []
    for v in veranstaltungen:
        try:
            with transaction.atomic():
                veroeffentlicht.append(
                    veranstaltung_freigeben(veranstaltung=v, user=user, mitteilen=False)
                )
        except BuchungNichtMoeglich as exc:
            abgelehnt.append((v, exc.messages))
    buchungen = [
        v.buchung
        for v in Veranstaltung.objects.filter(pk__in=[v.pk for v in veroeffentlicht])
        .select_related("buchung__raum__quartier", "buchung__akteur")
        .exclude(buchung=None)
    ]
    raeume_services.benachrichtigen(
        [b for b in buchungen if b.ist_aktiv],
        schritt=Buchung.Status.BESTAETIGT,
    )
    return veroeffentlicht, abgelehnt


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
                veranstaltung_speichern(veranstaltung=v, user=user, mitteilen=False)
        except BuchungNichtMoeglich as exc:
            fehler.append(am(tag, exc.messages))
        else:
            termine.append(v)
    if fehler:
        raise BuchungNichtMoeglich(fehler)
    # The actor's contact gets one mail with all the dates booked, not one per date.
    raeume_services.benachrichtigen(
        [v.buchung for v in termine if v.buchung is not None], schritt="angelegt"
    )
    return termine


@transaction.atomic
def rundmail(
    *,
    veranstaltung: Veranstaltung,
    user,
    betreff: str,
    text: str,
    warteliste: bool,
    formular_token: str = "",
) -> int:
    """One mail per registration (registered, optionally waiting). Returns how many; 0 when
    the same form (its `formular_token`) was sent already."""
    veranstaltung = Veranstaltung.objects.select_for_update().get(pk=veranstaltung.pk)
    if (
        formular_token
        and AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Veranstaltung),
            object_id=str(veranstaltung.pk),
            changes__formular_token=["", formular_token],
        ).exists()
    ):
        return 0
    anmeldungen = veranstaltung.anmeldungen
    empfaenger = list(anmeldungen.aktiv() if warteliste else anmeldungen.angemeldet())
    for a in empfaenger:
        mail.queue_mail(
            to=[a.email],
            quartier=veranstaltung.quartier,
            subject=betreff,
            body=f"{text}\n\n{veranstaltung.titel}, "
            f"{formats.date_format(timezone.localtime(veranstaltung.beginn), 'd.m.Y H:i')}\n"
            f"{settings.SITE_URL}{a.get_absolute_url()}\n",
        )
    audit.record(
        veranstaltung,
        action=AuditEntry.Action.OTHER,
        user=user,
        message=audit.text(gettext_lazy("Mail to all registered: %(betreff)s"), betreff=betreff),
        changes={"formular_token": ("", formular_token)} if formular_token else None,
    )
    return len(empfaenger)
