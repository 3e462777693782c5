"""Use cases of the newspaper: an issue's steps, an article's review and release, the
residents' e-mail subscriptions and the mailing of a published issue.

Every function is keyword-only and atomic, locks the row it changes and writes an audit
entry (the residents' own subscriptions excepted: they hold only an address, which no log
keeps); a refused step raises a ValidationError in the office's words.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Min, Q
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit, ratelimit
from quartier.benachrichtigungen import Art, benachrichtigen
from quartier.bereich import url_im_quartier
from quartier.mail import queue_mails, send_templated_mail
from quartier.models import AuditEntry, OutgoingMail

from .models import Abonnement, Artikel, Zeitungsausgabe

FREIGEBEN = "zeitung.freigeben_artikel"
PDF_WARTEZEIT = timedelta(minutes=10)


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
        ausgabe_versenden(ausgabe=a, user=user)
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
    # A request the worker has not answered in this time counts as lost (the worker was
    # restarted, the task failed): asking again enqueues it anew.
    verloren = a.pdf_angefordert_at and a.pdf_angefordert_at < timezone.now() - PDF_WARTEZEIT
    if not a.pdf_in_arbeit or verloren:
        a.pdf_angefordert_at = timezone.now()
        a.save(update_fields=["pdf_angefordert_at"])
        transaction.on_commit(lambda: pdf_erzeugen.enqueue(a.pk))
    return a


# --- e-mail subscriptions ---


@transaction.atomic
def abonnieren(*, quartier, email: str) -> Abonnement:
    """A resident asks for the area's newspaper by e-mail (double opt-in): a new address
    gets a confirmation mail with the private link that confirms; a pending one gets it
    again (ZEITUNG_ABO_MAIL_LIMIT times a day at most); a confirmed one nothing (each
    issue's mail carries its link to unsubscribe). The caller answers the same in every
    case, so nobody learns whether an address is subscribed."""
    email = email.strip().lower()
    abonnement, _neu = Abonnement.objects.get_or_create(quartier=quartier, email=email)
    if abonnement.bestaetigt:
        return abonnement
    if ratelimit.hit(
        "zeitung-abo-mail",
        str(abonnement.pk),
        limit=settings.ZEITUNG_ABO_MAIL_LIMIT,
        window=24 * 3600,
    ):
        send_templated_mail(
            to=email,
            template="zeitung/mail/abonnement_bestaetigen",
            context={"abonnement": abonnement, "quartier": quartier},
            quartier=quartier,
        )
    return abonnement


@transaction.atomic
def abonnement_bestaetigen(*, abonnement: Abonnement) -> Abonnement:
    """Confirm a subscription by its private link (a POST: mail scanners follow links, they
    do not press buttons). Confirming twice changes nothing."""
    a = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    if a.bestaetigt_at is None:
        a.bestaetigt_at = timezone.now()
        a.save(update_fields=["bestaetigt_at"])
    return a


@transaction.atomic
def abbestellen(*, abonnement: Abonnement) -> None:
    """Unsubscribe: the subscription, and with it the address, is deleted."""
    Abonnement.objects.filter(pk=abonnement.pk).delete()


def unbestaetigte_loeschen(*, jetzt=None) -> int:
    """Delete the subscriptions not confirmed within ZEITUNG_ABO_BESTAETIGEN_TAGE days (the
    retention job `zeitung_aufbewahrung`): an address somebody entered and never confirmed
    is not kept. Returns how many."""
    grenze = (jetzt or timezone.now()) - timedelta(days=settings.ZEITUNG_ABO_BESTAETIGEN_TAGE)
    return Abonnement.objects.filter(bestaetigt_at__isnull=True, angefragt_at__lt=grenze).delete()[
        0
    ]


def inhaltsverzeichnis(ausgabe: Zeitungsausgabe):
    """The released articles of the issue in the order of its page plan (placed and
    printed first, then the rest by headline): the table of contents of its mail."""
    platziert = Q(platzierungen__ausgabe=ausgabe, platzierungen__aktiv=True)
    return (
        ausgabe.artikel.freigegeben()
        .annotate(
            seite=Min("platzierungen__seite", filter=platziert),
            reihe=Min("platzierungen__reihenfolge", filter=platziert),
        )
        .order_by(F("seite").asc(nulls_last=True), F("reihe").asc(nulls_last=True), "titel")
    )


# Put into the link to unsubscribe once; each recipient's token replaces it (one reverse
# per mailing, not one per subscriber). It has the alphabet of the token converter.
_PLATZHALTER = "PLATZHALTER"


@transaction.atomic
def ausgabe_versenden(*, ausgabe: Zeitungsausgabe, user=None) -> int:
    """Mail a published issue to every confirmed subscriber of its area, once: the mails
    are stored in the outbox in this transaction (nothing is lost if the mail server is
    down; the outbox retries) and the issue is marked mailed. Plain text with the title,
    the table of contents and links to the web edition, nothing that tracks the reader;
    each mail carries its one-click unsubscribe (RFC 8058). Returns how many mails."""
    a = Zeitungsausgabe.objects.select_for_update().select_related("quartier").get(pk=ausgabe.pk)
    if a.status != Zeitungsausgabe.Status.ERSCHIENEN or a.versandt_at is not None:
        return 0
    quartier = a.quartier
    site = settings.SITE_URL

    def link(viewname: str, **kwargs) -> str:
        return site + url_im_quartier(quartier, viewname, kwargs=kwargs or None)

    basis = {
        "site_url": site,
        "ausgabe": a,
        "quartier": quartier,
        "ausgabe_url": link("zeitung:ausgabe_detail", nummer=a.nummer),
        "archiv_url": link("zeitung:ausgabe_list"),
        "artikel_liste": [
            {
                "titel": artikel.titel,
                "url": link("zeitung:artikel_detail", nummer=a.nummer, pk=artikel.pk),
            }
            for artikel in inhaltsverzeichnis(a)
        ],
    }
    abbestellen_vorlage = link("zeitung:abbestellen", token=_PLATZHALTER)
    betreff_vorlage = get_template("zeitung/mail/ausgabe_subject.txt")
    text_vorlage = get_template("zeitung/mail/ausgabe.txt")
    betreff = " ".join(betreff_vorlage.render(basis).split())
    mails = []
    empfaenger = (
        Abonnement.objects.bestaetigt()
        .filter(quartier=quartier)
        .order_by("pk")
        .values_list("email", "token")
    )
    for email, token in empfaenger.iterator(chunk_size=2000):
        abbestellen_url = abbestellen_vorlage.replace(_PLATZHALTER, token)
        mails.append(
            OutgoingMail(
                quartier=quartier,
                to=[email],
                subject=betreff,
                body=text_vorlage.render({**basis, "abbestellen_url": abbestellen_url}),
                headers={
                    "List-Unsubscribe": f"<{abbestellen_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    queue_mails(mails)
    a.versandt_at = timezone.now()
    a.save(update_fields=["versandt_at"])
    audit.record(
        a,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=audit.text(gettext_lazy("mailed to %(anzahl)s subscribers"), anzahl=len(mails)),
        changes={"versandt_at": (None, a.versandt_at)},
    )
    return len(mails)
