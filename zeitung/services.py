"""Use cases of the newspaper: an issue's steps, an article's review and release.

Every function is keyword-only and atomic, locks the row it changes and writes an audit
entry; a refused step raises a ValidationError in the office's words.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit
from quartier.benachrichtigungen import Art, benachrichtigen
from quartier.models import AuditEntry

from .models import Artikel, Zeitungsausgabe

FREIGEBEN = "zeitung.freigeben_artikel"


def _protokoll(obj, *, user, feld: str, alt, neu) -> None:
    audit.record(obj, action=AuditEntry.Action.CHANGED, user=user, changes={feld: (alt, neu)})


@transaction.atomic
def ausgabe_status_setzen(*, ausgabe: Zeitungsausgabe, status: str, user) -> Zeitungsausgabe:
    """Move an issue one step on, or one step back while it is not approved for print."""
    a = Zeitungsausgabe.objects.select_for_update().get(pk=ausgabe.pk)
    if status not in {a.naechster_status(), a.voriger_status()} - {None}:
        if a.eingefroren:
            raise ValidationError(
                _("The issue is approved for print: it can only be published now.")
                if a.status == Zeitungsausgabe.Status.DRUCKFREIGABE
                else _("The issue is published and stays as it is.")
            )
        raise ValidationError(_("An issue moves one step at a time."))
    alt = a.status
    a.status = status
    a.save(update_fields=["status", "updated_at"])
    _protokoll(a, user=user, feld="status", alt=alt, neu=status)
    if status == Zeitungsausgabe.Status.ERSCHIENEN:
        from .tasks import web_pdf_erzeugen

        transaction.on_commit(lambda: web_pdf_erzeugen.enqueue(a.pk))
    return a


def _artikel(artikel: Artikel) -> Artikel:
    a = Artikel.objects.select_for_update(of=("self",)).select_related("ausgabe").get(pk=artikel.pk)
    if a.eingefroren:
        raise ValidationError(
            _("The issue of this article is approved for print: the article stays as it is.")
        )
    return a


def _status(a: Artikel, status: str, *, user) -> Artikel:
    alt = a.status
    a.status = status
    a.freigegeben_at = timezone.now() if status == Artikel.Status.FREIGEGEBEN else None
    a.save(update_fields=["status", "freigegeben_at", "updated_at"])
    _protokoll(a, user=user, feld="status", alt=alt, neu=status)
    return a


@transaction.atomic
def artikel_zur_pruefung(*, artikel: Artikel, user) -> Artikel:
    """A draft goes into the editorial team's queue."""
    a = _artikel(artikel)
    if a.status != Artikel.Status.ENTWURF:
        raise ValidationError(_("Only a draft can be sent for review."))
    return _status(a, Artikel.Status.IN_PRUEFUNG, user=user)


@transaction.atomic
def artikel_freigeben(*, artikel: Artikel, user) -> Artikel:
    """Release an article for the newspaper: only the editorial team and the quartier
    management may (`zeitung.freigeben_artikel`)."""
    if not user.has_perm(FREIGEBEN):
        raise PermissionDenied(_("Only the editorial team and the quartier management release."))
    a = _artikel(artikel)
    if a.status == Artikel.Status.FREIGEGEBEN:
        return a
    return _status(a, Artikel.Status.FREIGEGEBEN, user=user)


@transaction.atomic
def artikel_zurueck_an_entwurf(*, artikel: Artikel, user) -> Artikel:
    """Take an article back to a draft (to be reworked), also a released one."""
    a = _artikel(artikel)
    if a.status == Artikel.Status.ENTWURF:
        return a
    return _status(a, Artikel.Status.ENTWURF, user=user)


@transaction.atomic
def artikel_einreichen(*, form, fotos, user) -> Artikel:
    """A partner's article with its photos: it belongs to the area of the organisation
    and waits in the editorial team's queue as *in Prüfung*. Audited."""
    artikel = form.save(commit=False)
    quartier = artikel.akteur.quartiere.order_by("pk").first()
    if quartier is None:
        raise ValidationError(_("Your organisation belongs to no area yet. Please ask the office."))
    artikel.quartier = quartier
    artikel.eingereicht_von = user
    artikel.status = Artikel.Status.IN_PRUEFUNG
    artikel.save()
    fotos.instance = artikel
    for reihenfolge, foto in enumerate(fotos.save(commit=False)):
        foto.reihenfolge = reihenfolge
        foto.save()
    audit.record(
        artikel,
        action=AuditEntry.Action.CREATED,
        user=user,
        message=gettext_lazy("Submitted in the partner area"),
    )
    benachrichtigen(Art.ARTIKEL_EINGEREICHT, artikel, ausser=user)
    return artikel


@transaction.atomic
def seitenplan_uebernehmen(*, ausgabe: Zeitungsausgabe, user) -> int:
    """The articles placed in the issue's page plan belong to the issue (a partner's
    article from the queue is planned in by placing it). Returns how many joined."""
    neu = list(
        Artikel.objects.select_for_update()
        .filter(platzierungen__ausgabe=ausgabe, ausgabe__isnull=True)
        .exclude(ausgabe=ausgabe)
    )
    for artikel in neu:
        artikel.ausgabe = ausgabe
        artikel.save(update_fields=["ausgabe", "updated_at"])
        _protokoll(artikel, user=user, feld="ausgabe", alt=None, neu=str(ausgabe))
    return len(neu)


@transaction.atomic
def pdf_anfordern(*, ausgabe: Zeitungsausgabe, user) -> Zeitungsausgabe:
    """Ask the worker for the issue's print PDF (rendering never runs in a request). After
    Druckfreigabe the PDF approved for print stays as it is."""
    from .tasks import pdf_erzeugen

    a = Zeitungsausgabe.objects.select_for_update().get(pk=ausgabe.pk)
    if a.eingefroren and a.pdf:
        raise ValidationError(_("The issue is approved for print: its PDF stays as it is."))
    if not a.pdf_in_arbeit:
        a.pdf_angefordert_at = timezone.now()
        a.save(update_fields=["pdf_angefordert_at"])
        transaction.on_commit(lambda: pdf_erzeugen.enqueue(a.pk))
    return a
