"""Use cases of concerns: each one atomic, mails stored in the same transaction (the outbox
delivers them after commit and retries on failure)."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit, cache, datenschutz
from quartier.benachrichtigungen import benachrichtigen
from quartier.mail import forget_address, send_templated_mail, stored_mails
from quartier.models import AuditEntry, Benachrichtigungsart, Quartier, User
from quartier.roles import Rolle

from .models import (
    ABSCHLUSS,
    GESCHLOSSEN,
    Abonnement,
    Anliegen,
    Ergaenzung,
    Fallzaehler,
    Foto,
    Kategorie,
    Notiz,
    Status,
    Statuswechsel,
    Weiterleitung,
    neue_pin,
)

# Who acted when no user did: the resident through the private link, the retention job.
BEWOHNER = gettext_lazy("resident (private link)")
AUFBEWAHRUNG = gettext_lazy("retention schedule")


class FormularSchonVerwendet(Exception):
    """The one-time form token was used already (double click, reload)."""

    def __init__(self, anliegen: Anliegen):
        super().__init__(anliegen.nummer)
        self.anliegen = anliegen


def naechste_nummer(*, jahr: int) -> str:
    """Draw the next case number of `jahr` from the locked counter row: no gaps, no twins.

    Must run inside the transaction that saves the concern, so a rollback returns the number.
    """
    Fallzaehler.objects.bulk_create([Fallzaehler(jahr=jahr)], ignore_conflicts=True)
    zaehler = Fallzaehler.objects.select_for_update().get(jahr=jahr)
    zaehler.letzte_nummer += 1
    zaehler.save(update_fields=["letzte_nummer"])
    return f"A-{jahr}-{zaehler.letzte_nummer:05d}"


def _fotos_speichern(anliegen: Anliegen, fotos) -> None:
    for foto in fotos:
        Foto.objects.create(anliegen=anliegen, datei=foto)


@transaction.atomic
def melden(
    *,
    quartier: Quartier,
    kategorie: Kategorie,
    art: str,
    beschreibung: str,
    fotos=(),
    formular_token: str | None = None,
    **felder,
) -> tuple[Anliegen, str]:
    """A resident's report from the web form; returns it and its PIN (shown once)."""
    if formular_token:
        vorhanden = Anliegen.objects.filter(formular_token=formular_token).first()
        if vorhanden is not None:
            raise FormularSchonVerwendet(vorhanden)
    anliegen = Anliegen(
        quartier=quartier,
        kategorie=kategorie,
        art=art,
        beschreibung=beschreibung,
        kanal=Anliegen.Kanal.WEB,
        formular_token=formular_token,
        **felder,
    )
    try:
        pin = aufnehmen(anliegen=anliegen, fotos=fotos)
    except IntegrityError:
        # The same form sent twice at the same moment: the other request won.
        vorhanden = Anliegen.objects.filter(formular_token=formular_token).first()
        if formular_token and vorhanden is not None:
            raise FormularSchonVerwendet(vorhanden) from None
        raise
    return anliegen, pin


@transaction.atomic
def aufnehmen(*, anliegen: Anliegen, fotos=(), user=None) -> str:
    """Save a new (unsaved) concern: case number, deadline, PIN, history, confirmation mail.

    Used for web reports and for concerns staff take by phone or at the office hours.
    Returns the PIN, which is stored only as a hash.
    """
    jetzt = timezone.now()
    pin = neue_pin()
    anliegen.eingegangen_at = jetzt
    anliegen.frist = timezone.localdate(jetzt) + timedelta(days=anliegen.kategorie.frist_tage)
    anliegen.set_pin(pin)
    with transaction.atomic():
        anliegen.nummer = naechste_nummer(jahr=timezone.localdate(jetzt).year)
        anliegen.save()
    _fotos_speichern(anliegen, fotos)
    Statuswechsel.objects.create(
        anliegen=anliegen,
        created_at=jetzt,
        nach=Status.EINGEGANGEN,
        user=user,
        actor="" if user else audit.in_office_language(BEWOHNER),
        notiz=(_("Recorded by staff (%(kanal)s).") % {"kanal": anliegen.get_kanal_display()})
        if user
        else "",
    )
    audit.record(
        anliegen, action=AuditEntry.Action.CREATED, user=user, actor="" if user else BEWOHNER
    )
    if anliegen.email:
        send_templated_mail(
            to=anliegen.email,
            template="anliegen/mail/bestaetigung",
            quartier=anliegen.quartier,
            context={"anliegen": anliegen},
        )
    benachrichtigen(Benachrichtigungsart.ANLIEGEN_EINGEGANGEN, anliegen, ausser=user)
    return pin


@transaction.atomic
def neue_pin_setzen(*, anliegen: Anliegen, user) -> str:
    pin = neue_pin()
    anliegen.set_pin(pin)
    anliegen.save(update_fields=["pin_hash", "updated_at"])
    audit.record(
        anliegen, action=AuditEntry.Action.CHANGED, user=user, message=gettext_lazy("new PIN")
    )
    return pin


def _bestaetigen(anliegen: Anliegen) -> None:
    """The resident acted on the tracking page (a POST): the report is confirmed and is not
    deleted as unconfirmed (see `aufbewahrung`)."""
    if anliegen.bestaetigt_at is None:
        jetzt = timezone.now()
        Anliegen.objects.filter(pk=anliegen.pk, bestaetigt_at__isnull=True).update(
            bestaetigt_at=jetzt
        )
        anliegen.bestaetigt_at = jetzt


def _statusmail(anliegen: Anliegen, wechsel: Statuswechsel) -> None:
    """Mail the resident (if they asked for status mails) and those following the concern."""
    empfaenger: dict[str, Anliegen] = {}  # address -> the concern whose tracking page is theirs
    if anliegen.bekommt_statusmails:
        empfaenger[anliegen.email] = anliegen
    for abo in anliegen.abonnements.select_related("quelle"):
        if abo.quelle is not None and abo.quelle.bekommt_statusmails:
            empfaenger.setdefault(abo.email, abo.quelle)
    for email, eigenes in empfaenger.items():
        send_templated_mail(
            to=email,
            template="anliegen/mail/status",
            quartier=anliegen.quartier,
            context={
                "anliegen": anliegen,
                "wechsel": wechsel,
                "eigenes": eigenes.pk == anliegen.pk,
                "verfolgen_url": eigenes.get_verfolgen_url(),
            },
        )


@transaction.atomic
def status_setzen(
    *,
    anliegen: Anliegen,
    status: str,
    user=None,
    durch_bewohner: bool = False,
    notiz: str = "",
    antwort: str = "",
) -> Statuswechsel:
    """Change the status; closing needs a public answer. Writes history, audit and mails
    (not for the resident's own steps, `durch_bewohner`)."""
    anliegen = Anliegen.objects.select_for_update().get(pk=anliegen.pk)
    antwort = antwort.strip()
    if status in ABSCHLUSS and not (antwort or anliegen.antwort):
        raise ValidationError(
            {"antwort": _("Please write a public answer: closing a concern needs one.")}
        )
    von = anliegen.status
    if von == status and antwort in ("", anliegen.antwort) and not notiz:
        # The same step again (a second click, a resent form): nothing new to record.
        return anliegen.verlauf.order_by("-created_at", "-pk").first()
    jetzt = timezone.now()
    anliegen.status = status
    if antwort:
        anliegen.antwort = antwort
        if anliegen.erste_antwort_at is None:
            anliegen.erste_antwort_at = jetzt
    if status in GESCHLOSSEN:
        anliegen.abgeschlossen_at = anliegen.abgeschlossen_at if von in GESCHLOSSEN else jetzt
    else:
        anliegen.abgeschlossen_at = None
    anliegen.save()
    actor = audit.in_office_language(BEWOHNER) if durch_bewohner else ""
    wechsel = Statuswechsel.objects.create(
        anliegen=anliegen,
        created_at=jetzt,
        user=user,
        actor=actor,
        von=von,
        nach=status,
        notiz=notiz,
        antwort=antwort,
    )
    audit.record(
        anliegen,
        action=AuditEntry.Action.CHANGED,
        user=user,
        actor=actor,
        changes={"status": (von, status)},
    )
    if (von != status or antwort) and not durch_bewohner:
        _statusmail(anliegen, wechsel)
    return wechsel


@transaction.atomic
def zuweisen(*, anliegen_ids: list[int], zustaendig, user) -> int:
    """Assign the concerns to `zustaendig` (or nobody), who must be able to work on each."""
    betroffen = list(Anliegen.objects.select_for_update().filter(pk__in=anliegen_ids))
    if zustaendig is not None:
        quartiere = {a.quartier_id for a in betroffen}
        koennen = set(
            Anliegen.bearbeitende(list(quartiere))
            .filter(pk=zustaendig.pk)
            .values_list("quartiere", flat=True)
        )
        if not quartiere <= koennen:
            raise ValidationError(
                {
                    "zustaendig": _("%(name)s cannot work on concerns of this area.")
                    % {"name": zustaendig}
                }
            )
    betroffen = [a for a in betroffen if a.zustaendig_id != getattr(zustaendig, "pk", None)]
    neu_zugewiesen = []
    for anliegen in betroffen:
        alt = anliegen.zustaendig
        if zustaendig is not None and anliegen.zustaendig_id != zustaendig.pk:
            neu_zugewiesen.append(anliegen)
        anliegen.zustaendig = zustaendig
        anliegen.save(update_fields=["zustaendig", "updated_at"])
        audit.record(
            anliegen,
            action=AuditEntry.Action.CHANGED,
            user=user,
            changes={"zustaendig": (alt, zustaendig)},
        )
    # The new assignee is told once, of all the concerns given to them in this step.
    benachrichtigen(Benachrichtigungsart.ANLIEGEN_ZUGEWIESEN, neu_zugewiesen, ausser=user)
    return len(betroffen)


@transaction.atomic
def als_spam_markieren(*, anliegen_ids: list[int], user) -> int:
    """Spam is hidden from the tracking page and deleted by the retention job after 30 days."""
    betroffen = list(Anliegen.objects.select_for_update().filter(pk__in=anliegen_ids, spam=False))
    for anliegen in betroffen:
        anliegen.spam = True
        anliegen.spam_markiert_at = timezone.now()
        anliegen.text_freigegeben = False
        anliegen.save(update_fields=["spam", "spam_markiert_at", "text_freigegeben", "updated_at"])
        audit.record(
            anliegen, action=AuditEntry.Action.CHANGED, user=user, changes={"spam": (False, True)}
        )
    return len(betroffen)


def zusammenfuehren_pruefen(anliegen: Anliegen, original: Anliegen) -> None:
    """Why `anliegen` cannot be merged into `original` (a German `ValidationError`), or
    nothing. The merge button is offered only where this passes."""
    if original.pk == anliegen.pk or original.quartier_id != anliegen.quartier_id:
        raise ValidationError(_("Choose another concern of the same area as the original."))
    if original.duplikat_von_id == anliegen.pk:
        raise ValidationError(_("That concern is already a duplicate of this one."))
    if anliegen.duplikat_von_id is not None:
        raise ValidationError(
            _("This concern is already a duplicate of %(nummer)s.")
            % {"nummer": anliegen.duplikat_von.nummer}
        )
    if not anliegen.kann_zusammengefuehrt_werden:
        raise ValidationError(_("Only an open concern can be merged into another one."))
    if not original.kann_original_sein:
        raise ValidationError(
            _("%(nummer)s is closed or a duplicate itself: choose an open original.")
            % {"nummer": original.nummer}
        )


@transaction.atomic
def als_duplikat(*, anliegen: Anliegen, original: Anliegen, user) -> bool:
    """Close `anliegen` as a duplicate of `original`; its resident follows the original.

    Both rows are locked; merging again into the same original changes nothing (no second
    history entry, no second mail) and returns False."""
    gesperrt = {
        a.pk: a
        for a in Anliegen.objects.select_for_update()
        .filter(pk__in=[anliegen.pk, original.pk])
        .order_by("pk")
    }
    anliegen, original = gesperrt[anliegen.pk], gesperrt[original.pk]
    if anliegen.duplikat_von_id == original.pk and anliegen.status == Status.DUPLIKAT:
        return False
    zusammenfuehren_pruefen(anliegen, original)
    anliegen.duplikat_von = original
    anliegen.save(update_fields=["duplikat_von", "updated_at"])
    if anliegen.email and anliegen.email != original.email:
        Abonnement.objects.get_or_create(
            anliegen=original, email=anliegen.email, defaults={"quelle": anliegen}
        )
    status_setzen(
        anliegen=anliegen,
        status=Status.DUPLIKAT,
        user=user,
        antwort=_(
            "This was reported already as %(nummer)s. We handle it there and keep you "
            "informed about it."
        )
        % {"nummer": original.nummer},
    )
    return True


def aehnliche(anliegen: Anliegen, *, limit: int = 5):
    """Possible duplicates: open concerns of the same category or street with similar text."""
    kandidaten = (
        Anliegen.objects.filter(quartier_id=anliegen.quartier_id)
        .exclude(pk=anliegen.pk)
        .exclude(status__in=[Status.DUPLIKAT, Status.ZURUECKGEZOGEN])
        .filter(eingegangen_at__gte=anliegen.eingegangen_at - timedelta(days=365))
    )
    gleicher_ort = Q(kategorie_id=anliegen.kategorie_id)
    if anliegen.strasse:
        gleicher_ort |= Q(strasse__iexact=anliegen.strasse)
    return (
        kandidaten.filter(gleicher_ort)
        .annotate(aehnlichkeit=TrigramSimilarity("beschreibung", anliegen.beschreibung))
        .filter(aehnlichkeit__gt=0.2)
        .select_related("kategorie")
        .order_by("-aehnlichkeit")[:limit]
    )


@transaction.atomic
def ergaenzen(*, anliegen: Anliegen, text: str, fotos=()) -> Ergaenzung:
    _bestaetigen(anliegen)
    ergaenzung = Ergaenzung.objects.create(anliegen=anliegen, text=text)
    _fotos_speichern(anliegen, fotos)
    audit.record(
        anliegen,
        action=AuditEntry.Action.CHANGED,
        actor=BEWOHNER,
        message=gettext_lazy("addition"),
    )
    benachrichtigen(Benachrichtigungsart.ANLIEGEN_ERGAENZT, ergaenzung)
    return ergaenzung


@transaction.atomic
def nicht_geloest(*, anliegen: Anliegen, begruendung: str) -> Statuswechsel:
    """The resident says the closed concern is not solved: it opens again."""
    if not anliegen.kann_nicht_geloest_melden():
        raise ValidationError(_("This concern cannot be reopened any more."))
    _bestaetigen(anliegen)
    wechsel = status_setzen(
        anliegen=anliegen,
        status=Status.IN_BEARBEITUNG,
        durch_bewohner=True,
        notiz=audit.in_office_language(
            audit.text(gettext_lazy("Not solved, says the resident: %(text)s"), text=begruendung)
        ),
    )
    anliegen.refresh_from_db()
    benachrichtigen(Benachrichtigungsart.ANLIEGEN_NICHT_GELOEST, wechsel)
    return wechsel


@transaction.atomic
def zurueckziehen(*, anliegen: Anliegen) -> None:
    if anliegen.ist_geschlossen:
        raise ValidationError(_("This concern is closed already."))
    _bestaetigen(anliegen)
    status_setzen(anliegen=anliegen, status=Status.ZURUECKGEZOGEN, durch_bewohner=True)


@transaction.atomic
def statusmails_bestellen(*, anliegen: Anliegen) -> None:
    """The resident asks for status mails on the tracking page (also for the original a
    duplicate was merged into). The only way to subscribe: a POST from the page, as link
    scanners open links but do not send forms."""
    if not anliegen.email:
        raise ValidationError(_("There is no e-mail address for this concern."))
    _bestaetigen(anliegen)
    if not anliegen.benachrichtigen:
        Anliegen.objects.filter(pk=anliegen.pk).update(benachrichtigen=True)
        anliegen.benachrichtigen = True
        audit.record(
            anliegen,
            action=AuditEntry.Action.CHANGED,
            actor=BEWOHNER,
            changes={"benachrichtigen": (False, True)},
        )
    original = anliegen.duplikat_von
    if original is not None and original.email != anliegen.email:
        Abonnement.objects.get_or_create(
            anliegen=original, email=anliegen.email, defaults={"quelle": anliegen}
        )


@transaction.atomic
def abbestellen(*, anliegen: Anliegen) -> None:
    """No more status mails for this concern (nor for the original it was merged into)."""
    _bestaetigen(anliegen)
    Anliegen.objects.filter(pk=anliegen.pk).update(benachrichtigen=False)
    anliegen.benachrichtigen = False
    Abonnement.objects.filter(quelle=anliegen).delete()
    audit.record(
        anliegen,
        action=AuditEntry.Action.CHANGED,
        actor=BEWOHNER,
        changes={"benachrichtigen": (True, False)},
    )


@transaction.atomic
def einwilligung_widerrufen(*, anliegen: Anliegen) -> None:
    """Unpublish at once: text and photos."""
    _bestaetigen(anliegen)
    Anliegen.objects.filter(pk=anliegen.pk).update(
        einwilligung_veroeffentlichung=False, text_freigegeben=False, updated_at=timezone.now()
    )
    Foto.objects.filter(anliegen=anliegen).update(freigegeben=False)
    cache.bump("anliegen", anliegen.quartier_id)  # update() sends no signal
    anliegen.refresh_from_db()
    audit.record(
        anliegen,
        action=AuditEntry.Action.CHANGED,
        actor=BEWOHNER,
        changes={"einwilligung_veroeffentlichung": (True, False)},
    )


@transaction.atomic
def moderieren(*, anliegen: Anliegen, text: str, freigeben: bool, foto_ids, user) -> None:
    """Release (or withdraw) the public text and choose which photos are public."""
    if freigeben and not anliegen.einwilligung_veroeffentlichung:
        raise ValidationError(_("The resident did not consent to publication."))
    if freigeben and not text.strip():
        raise ValidationError({"oeffentlicher_text": _("The public text must not be empty.")})
    anliegen.oeffentlicher_text = text.strip()
    anliegen.text_freigegeben = freigeben
    anliegen.save(update_fields=["oeffentlicher_text", "text_freigegeben", "updated_at"])
    fotos = anliegen.fotos.all()
    fotos.filter(pk__in=foto_ids).update(freigegeben=freigeben)
    fotos.exclude(pk__in=foto_ids).update(freigegeben=False)
    cache.bump("anliegen", anliegen.quartier_id)  # update() sends no signal
    audit.record(
        anliegen,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=gettext_lazy("moderated"),
        changes={"text_freigegeben": (None, freigeben), "fotos": (None, list(foto_ids))},
    )


@transaction.atomic
def weiterleiten(
    *,
    anliegen: Anliegen,
    akteur,
    antwort_bis: date,
    nachricht: str = "",
    kontakt_weitergeben: bool = False,
    user,
) -> Weiterleitung:
    """Forward to an office or company: a record, a mail with a private link, a new status.
    The same forwarding sent again (a second click, a resent form) changes nothing: no
    second record, mail or history entry."""
    anliegen = Anliegen.objects.select_for_update().get(pk=anliegen.pk)
    gleich = anliegen.weiterleitungen.filter(
        akteur=akteur,
        beantwortet_at__isnull=True,
        antwort_bis=antwort_bis,
        nachricht=nachricht,
        kontakt_weitergeben=kontakt_weitergeben,
    ).first()
    if gleich is not None:
        return gleich
    if kontakt_weitergeben and not anliegen.einwilligung_kontakt:
        raise ValidationError(
            {"kontakt_weitergeben": _("The resident did not agree to pass on their contact.")}
        )
    if not akteur.email:
        raise ValidationError({"akteur": _("This actor has no e-mail address.")})
    weiterleitung = Weiterleitung.objects.create(
        anliegen=anliegen,
        akteur=akteur,
        user=user,
        antwort_bis=antwort_bis,
        nachricht=nachricht,
        kontakt_weitergeben=kontakt_weitergeben,
    )
    send_templated_mail(
        to=akteur.email,
        template="anliegen/mail/weiterleitung",
        quartier=anliegen.quartier,
        context={"weiterleitung": weiterleitung, "anliegen": anliegen},
        reply_to=user.email if user and user.email else "",
    )
    status_setzen(
        anliegen=anliegen,
        status=Status.WEITERGELEITET,
        user=user,
        notiz=_("Forwarded to %(akteur)s, answer expected by %(datum)s.")
        % {"akteur": akteur, "datum": antwort_bis.strftime("%d.%m.%Y")},
    )
    return weiterleitung


@transaction.atomic
def weiterleitung_beantworten(
    *, weiterleitung: Weiterleitung, antwort: str, aktenzeichen: str = ""
) -> None:
    weiterleitung = Weiterleitung.objects.select_for_update().get(pk=weiterleitung.pk)
    weiterleitung.antwort = antwort.strip()
    weiterleitung.aktenzeichen = aktenzeichen.strip() or weiterleitung.aktenzeichen
    weiterleitung.beantwortet_at = timezone.now()
    weiterleitung.save()
    anliegen = weiterleitung.anliegen
    Notiz.objects.create(
        anliegen=anliegen,
        text=audit.in_office_language(
            audit.text(
                gettext_lazy("Reply of %(akteur)s: %(antwort)s"),
                akteur=weiterleitung.akteur,
                antwort=weiterleitung.antwort,
            )
        ),
    )
    audit.record(
        weiterleitung,
        action=AuditEntry.Action.CHANGED,
        actor=str(weiterleitung.akteur),
        quartier=anliegen.quartier,
        message=gettext_lazy("reply received"),
    )
    benachrichtigen(Benachrichtigungsart.WEITERLEITUNG_BEANTWORTET, weiterleitung)


# --- data protection -------------------------------------------------------------------


def _daten(anliegen: Anliegen) -> dict:
    return {
        "nummer": anliegen.nummer,
        "eingegangen": anliegen.eingegangen_at.isoformat(),
        "art": anliegen.get_art_display(),
        "kategorie": str(anliegen.kategorie),
        "status": anliegen.get_status_display(),
        "beschreibung": anliegen.beschreibung,
        "adresse": anliegen.adresse,
        "koordinaten": [str(anliegen.lat), str(anliegen.lon)] if anliegen.lat else None,
        "name": anliegen.name,
        "email": anliegen.email,
        "telefon": anliegen.telefon,
        "einwilligung_veroeffentlichung": anliegen.einwilligung_veroeffentlichung,
        "einwilligung_kontakt": anliegen.einwilligung_kontakt,
        "oeffentliche_antwort": anliegen.antwort,
        "ergaenzungen": [e.text for e in anliegen.ergaenzungen.all()],
        "fotos": len(anliegen.fotos.all()),
        "verlauf": [
            {
                "wann": w.created_at.isoformat(),
                "von": w.get_von_display(),
                "nach": w.get_nach_display(),
                "antwort": w.antwort,
            }
            for w in anliegen.verlauf.all()
        ],
        "weitergeleitet_an": [
            {"an": str(w.akteur), "kontakt_weitergegeben": w.kontakt_weitergeben}
            for w in anliegen.weiterleitungen.all()
        ],
    }


def _nach_email(email: str, user):
    """The concerns in the user's areas that hold this address (as reporter or follower)."""
    email = email.strip()
    return (
        Anliegen.objects.fuer(user)
        .filter(Q(email__iexact=email) | Q(abonnements__email__iexact=email))
        .distinct()
    )


def _mails(email: str, user):
    """The stored mails to this address in the user's areas (an operator: all)."""
    return stored_mails(email, quartiere=user.wirkungsbereich())


@transaction.atomic
def auskunft(*, email: str, user) -> dict:
    """Everything held about an e-mail address (Art. 15 GDPR) in the user's areas (an
    operator: everywhere), recorded in the audit trail."""
    qs = (
        _nach_email(email, user)
        .select_related("kategorie")
        .prefetch_related("ergaenzungen", "fotos", "verlauf", "weiterleitungen__akteur")
    )
    daten = {
        "email": email,
        "erstellt": timezone.now().isoformat(),
        "anliegen": [_daten(a) for a in qs],
        "abonnements": list(
            Abonnement.objects.filter(email__iexact=email, anliegen__in=qs).values_list(
                "anliegen__nummer", flat=True
            )
        ),
        "mails": [
            {
                "erstellt": m.created_at.isoformat(),
                "betreff": m.subject,
                "gesendet": m.sent_at.isoformat() if m.sent_at else None,
            }
            for m in _mails(email, user).order_by("created_at")
        ],
    }
    for anliegen in qs:
        audit.record(
            anliegen,
            action=AuditEntry.Action.OTHER,
            user=user,
            message=gettext_lazy("access request (Art. 15 GDPR)"),
        )
    # What the other apps hold about the address (quartier.datenschutz).
    weitere = [(b, b.auskunft(email=email, user=user)) for b in datenschutz.BEREICHE]
    daten["weitere"] = [
        {"name": b.name, "titel": str(b.titel), "eintraege": eintraege}
        for b, eintraege in weitere
        if eintraege
    ]
    return daten


def _anonymisieren(anliegen: Anliegen, *, jetzt) -> None:
    """The concern's personal data, and the mails its area holds to these addresses: other
    areas' mails to the same person are theirs to keep or erase."""
    bereich = [anliegen.quartier_id]
    forget_address(anliegen.email, quartiere=bereich)
    for foto in anliegen.fotos.all():
        if not foto.ist_oeffentlich:
            foto.datei.delete(save=False)
            foto.delete()
    anliegen.name = ""
    anliegen.email = ""
    anliegen.telefon = ""
    anliegen.hausnummer = ""
    anliegen.lat = anliegen.lon = None
    anliegen.anonymisiert_at = jetzt
    anliegen.save()
    for abo in Abonnement.objects.filter(Q(anliegen=anliegen) | Q(quelle=anliegen)):
        forget_address(abo.email, quartiere=bereich)
    # Subscriptions to this concern, and those that came with it when it was merged away.
    Abonnement.objects.filter(Q(anliegen=anliegen) | Q(quelle=anliegen)).delete()


def loeschen_umfang(*, email: str, user) -> dict:
    """What `loeschen` would erase, for its confirmation page (reads only): the case
    numbers of the concerns and the number of stored mails."""
    return {
        "anliegen": list(
            _nach_email(email, user).order_by("nummer").values_list("nummer", flat=True)
        ),
        "mails": _mails(email, user).count(),
        "weitere": [
            teil
            for teil in (b.umfang(email=email, user=user) for b in datenschutz.BEREICHE)
            if teil.geloescht or teil.behalten
        ],
    }


@transaction.atomic
def loeschen(*, email: str, user) -> int:
    """Erase a person's data (Art. 17 GDPR) in the user's areas (an operator: everywhere):
    contact data, photos, subscriptions, stored mails; the concern's content stays as
    anonymous documentation; the other apps' parts (quartier.datenschutz) do theirs.
    Recorded in the audit trail. Returns the concerns touched."""
    jetzt = timezone.now()
    email = email.strip()
    anliegen_liste = list(_nach_email(email, user).select_related("quartier"))
    for anliegen in anliegen_liste:
        if anliegen.email.lower() == email.lower():
            _anonymisieren(anliegen, jetzt=jetzt)
        Abonnement.objects.filter(anliegen=anliegen, email__iexact=email).delete()
        audit.record(
            anliegen,
            action=AuditEntry.Action.CHANGED,
            user=user,
            message=gettext_lazy("erasure (Art. 17 GDPR)"),
        )
    # The other apps' data of the address, in the same transaction (quartier.datenschutz).
    for bereich in datenschutz.BEREICHE:
        bereich.loeschen(email=email, user=user)
    _mails(email, user).delete()
    return len(anliegen_liste)


@transaction.atomic
def aufbewahrung(*, jetzt=None) -> tuple[int, int]:
    """Anonymise contact data and delete photos N months after closing; delete spam 30 days
    after it was marked, and unconfirmed web reports after 30 days: an e-mail was given but
    the resident never acted on the tracking page (asked for status mails, added something,
    …), and staff never touched the report. Reports without e-mail (PIN only) could not be
    confirmed and are kept."""
    jetzt = jetzt or timezone.now()
    grenze = jetzt - timedelta(days=30 * settings.ANLIEGEN_AUFBEWAHRUNG_MONATE)
    alt = Anliegen.objects.filter(
        status__in=GESCHLOSSEN, abgeschlossen_at__lt=grenze, anonymisiert_at__isnull=True
    ).prefetch_related("fotos__anliegen")
    anonymisiert = 0
    for anliegen in alt:
        _anonymisieren(anliegen, jetzt=jetzt)
        audit.record(
            anliegen,
            action=AuditEntry.Action.CHANGED,
            actor=AUFBEWAHRUNG,
            message=gettext_lazy("anonymised"),
        )
        anonymisiert += 1
    monat = jetzt - timedelta(days=30)
    von_personal_bearbeitet = Statuswechsel.objects.filter(user__isnull=False).values("anliegen")
    unbestaetigt = (
        Q(
            eingegangen_at__lt=monat,
            kanal=Anliegen.Kanal.WEB,
            status=Status.EINGEGANGEN,
            bestaetigt_at__isnull=True,
            zustaendig__isnull=True,
            spam=False,
        )
        & ~Q(email="")
        & ~Q(pk__in=von_personal_bearbeitet)
    )
    weg = Anliegen.objects.filter(Q(spam=True, spam_markiert_at__lt=monat) | unbestaetigt)
    geloescht = 0
    for anliegen in weg.prefetch_related("fotos"):
        for foto in anliegen.fotos.all():
            foto.datei.delete(save=False)
        forget_address(anliegen.email, quartiere=[anliegen.quartier_id])
        audit.record(anliegen, action=AuditEntry.Action.DELETED, actor=AUFBEWAHRUNG)
        anliegen.delete()
        geloescht += 1
    return anonymisiert, geloescht


def tagesuebersicht(*, heute=None) -> int:
    """The daily digest: per assignee their overdue concerns and forwardings. Returns mails."""
    heute = heute or timezone.localdate()
    anliegen = list(
        Anliegen.objects.ueberfaellig(heute=heute)
        .exclude(spam=True)
        .select_related("zustaendig", "kategorie")
        .order_by("frist")
    )
    weiterleitungen = list(
        Weiterleitung.objects.filter(
            beantwortet_at__isnull=True,
            antwort_bis__lt=heute,
            anliegen__zustaendig__isnull=False,
            anliegen__status=Status.WEITERGELEITET,
        )
        .select_related("anliegen__zustaendig", "akteur")
        .order_by("antwort_bis")
    )
    # Overdue concerns nobody is assigned to go to the area's quartier management.
    leitung: dict[int, list] = {}
    for user in User.objects.filter(
        groups__name=Rolle.QUARTIERSMANAGEMENT, is_active=True
    ).prefetch_related("quartiere"):
        for quartier in user.quartiere.all():
            leitung.setdefault(quartier.pk, []).append(user)
    pro_person: dict = {}
    for a in anliegen:
        for person in [a.zustaendig] if a.zustaendig else leitung.get(a.quartier_id, []):
            pro_person.setdefault(person, ([], []))[0].append(a)
    for w in weiterleitungen:
        pro_person.setdefault(w.anliegen.zustaendig, ([], []))[1].append(w)
    gesendet = 0
    with transaction.atomic():
        for person, (ueberfaellig, offen) in pro_person.items():
            if not person.email or not person.is_active:
                continue
            send_templated_mail(
                to=person.email,
                template="anliegen/mail/tagesuebersicht",
                context={"person": person, "anliegen": ueberfaellig, "weiterleitungen": offen},
            )
            gesendet += 1
    return gesendet
