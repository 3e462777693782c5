"""The Verfügungsfonds' part of an information request and an erasure (quartier.datenschutz):
every application that holds the address. An erasure deletes drafts, withdraws and
anonymises applications without money; an application with money approved or paid is kept
under the funding rules' audit duty and anonymised by the retention job
(`fonds_aufbewahrung`) FONDS_KONTAKT_LOESCHEN_NACH_JAHREN years after it closed."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit
from quartier.datenschutz import Bereich, Umfang
from quartier.models import AuditEntry

from .models import ABGERECHNET, BINDEND, Antrag, Antragsdatei, Antragsschritt, Antragsstatus
from .services import ANTRAGSTELLER_GELOESCHT, GESCHLOSSEN, _dateien_loeschen


def _antraege(email: str, user):
    from .models import Auszahlung

    return (
        Antrag.objects.fuer(user)
        .filter(email__iexact=email.strip())
        .annotate(
            bezahlt=Exists(Auszahlung.objects.filter(antrag=OuterRef("pk"))),
            zuletzt=Max("schritte__created_at"),
        )
        .select_related("fonds__quartier")
        .order_by("erstellt_at", "pk")
    )


def _pruefpflicht(antrag) -> bool:
    """Money approved or paid: the funding rules keep the record for the audit."""
    return antrag.status in BINDEND | ABGERECHNET or antrag.bezahlt


def _bezeichnung(antrag) -> str:
    return f"{antrag.nummer or _('Draft')} „{antrag.titel}“"


def auskunft(*, email: str, user) -> list[dict]:
    antraege = list(_antraege(email, user).prefetch_related("kosten", "dateien", "schritte"))
    daten = [
        {
            "nummer": a.nummer,
            "fonds": a.fonds.jahr,
            "status": a.get_status_display(),
            "titel": a.titel,
            "beschreibung": a.beschreibung,
            "antragsteller": a.get_antragsteller_display(),
            "organisation": a.organisation,
            "name": a.name,
            "email": a.email,
            "telefon": a.telefon,
            "ort": a.ort,
            "beantragt": str(a.beantragt) if a.beantragt is not None else None,
            "bewilligt": str(a.bewilligt) if a.bewilligt is not None else None,
            "eigenanteil": str(a.eigenanteil),
            "drittmittel": str(a.drittmittel),
            "ehrenamt_stunden": str(a.ehrenamt_stunden),
            "einwilligung_veroeffentlichung": a.einwilligung_veroeffentlichung,
            "mindestalter_bestaetigt": a.mindestalter_bestaetigt,
            "nicht_begonnen": a.nicht_begonnen,
            "keine_doppelfoerderung": a.keine_doppelfoerderung,
            "foerderhinweis": a.foerderhinweis,
            # Lists as one line of text each: the same in the JSON and on the page.
            "kosten": " | ".join(
                f"{k.get_art_display()}: {k.bezeichnung} ({k.betrag} €)" for k in a.kosten.all()
            ),
            "bericht": a.bericht,
            "dateien": " | ".join(f"{d.get_art_display()}: {d.dateiname}" for d in a.dateien.all()),
            "verlauf": " | ".join(
                f"{s.created_at.isoformat()} {s.get_status_display()}"
                + (f": {s.notiz}" if s.notiz else "")
                for s in a.schritte.all()
            ),
        }
        for a in antraege
    ]
    for antrag in antraege:
        audit.record(
            antrag,
            action=AuditEntry.Action.OTHER,
            user=user,
            message=gettext_lazy("information request (Art. 15 GDPR)"),
            quartier=antrag.fonds.quartier,
        )
    return daten


def _loeschdatum(antrag) -> str:
    jahre = settings.FONDS_KONTAKT_LOESCHEN_NACH_JAHREN
    if antrag.status in GESCHLOSSEN | ABGERECHNET and antrag.zuletzt:
        tag = timezone.localtime(antrag.zuletzt).date() + timedelta(days=365 * jahre)
        return _("deleted on %(datum)s (audit duty of the funding rules)") % {
            "datum": date_format(tag, "j. F Y")
        }
    return _("deleted %(jahre)s years after the project is settled (audit duty)") % {"jahre": jahre}


def umfang(*, email: str, user) -> Umfang:
    geloescht, behalten = [], []
    for antrag in _antraege(email, user):
        if _pruefpflicht(antrag):
            behalten.append((_bezeichnung(antrag), _loeschdatum(antrag)))
        else:
            geloescht.append(_bezeichnung(antrag))
    return Umfang(titel=_("Verfügungsfonds applications"), geloescht=geloescht, behalten=behalten)


def loeschen(*, email: str, user) -> int:
    """Inside the caller's transaction: drafts are deleted; an application without money
    is withdrawn (if still open) and loses its contact data, files and the applicant's own
    notes; one under audit duty stays as it is until the retention job's date."""
    niemand = audit.in_office_language(ANTRAGSTELLER_GELOESCHT)
    anzahl = 0
    frei = [a.pk for a in _antraege(email, user) if not _pruefpflicht(a)]
    # Locked one by one (an aggregate cannot be locked), and checked again under the lock.
    for antrag in (
        Antrag.objects.select_for_update(of=("self",))
        .select_related("fonds__quartier")
        .filter(pk__in=frei)
        .exclude(status__in=BINDEND | ABGERECHNET)
        .exclude(auszahlungen__isnull=False)
        .order_by("pk")
    ):
        anzahl += 1
        if antrag.status == Antragsstatus.ENTWURF:
            _dateien_loeschen(antrag.dateien.all())
            antrag.delete()
            continue
        if antrag.status not in GESCHLOSSEN:
            antrag.status = Antragsstatus.ZURUECKGEZOGEN
            Antragsschritt.objects.create(
                antrag=antrag,
                status=antrag.status,
                notiz=audit.in_office_language(gettext_lazy("erasure (Art. 17 GDPR)")),
                user=user,
                fuer_antragsteller=False,
            )
        _dateien_loeschen(
            Antragsdatei.objects.filter(antrag=antrag).exclude(
                art=Antragsdatei.Art.FOTO, personen_einwilligung=True
            )
        )
        antrag.schritte.filter(vom_antragsteller=True).update(notiz="")
        Antrag.objects.filter(pk=antrag.pk).update(
            status=antrag.status, name=niemand, email="", telefon=""
        )
        audit.record(
            antrag,
            action=AuditEntry.Action.CHANGED,
            user=user,
            message=gettext_lazy("erasure (Art. 17 GDPR)"),
            quartier=antrag.fonds.quartier,
        )
    return anzahl


BEREICH = Bereich(
    name="fondsantraege",
    titel=gettext_lazy("Verfügungsfonds applications"),
    auskunft=auskunft,
    umfang=umfang,
    loeschen=loeschen,
)
