"""Use cases of projects and their money: one keyword-only function each, atomic."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anliegen import services as anliegen_services
from anliegen.models import Anliegen, Kategorie
from netzwerk.models import Sitzung
from quartier import audit, mail
from quartier.benachrichtigungen import Art, benachrichtigen
from quartier.mail import send_templated_mail
from quartier.models import AuditEntry, User
from quartier.stadtteildaten import einwohner_fuer

from .models import (
    ABGERECHNET,
    ANTRAG_UEBERGAENGE,
    BINDEND,
    ENTSCHEIDUNGEN,
    GEBUNDEN,
    NACHWEISBAR,
    NULL_EURO,
    UEBERGAENGE,
    ZURUECKZIEHBAR,
    Antrag,
    Antragsdatei,
    Antragskosten,
    Antragsschritt,
    Antragsstatus,
    Ausgabe,
    Auszahlung,
    Beratung,
    Budgetjahr,
    Entscheidungsweg,
    Finanzierungsposition,
    Fonds,
    Nachweis,
    Projekt,
    Sachbericht,
    Status,
    euro,
)

GELD_ENTSCHEIDEN = "projekte.geld_entscheiden"
# Moving a project into these states is a decision about money.
GELD_STATUS = {Status.BEANTRAGT, Status.BEWILLIGT, Status.ABGELEHNT}


def betrag_text(betrag: Decimal) -> str:
    """An amount as a German reader writes it: 1.234,50 €."""
    return f"{number_format(euro(betrag), decimal_pos=2, force_grouping=True)} €"


def finanzierungsplan_pruefen(projekt: Projekt) -> None:
    """Raise a ValidationError that says by how much, unless costs and financing balance."""
    kosten, finanzierung = projekt.kosten_summe(), projekt.finanzierung_summe()
    if kosten == NULL_EURO:
        raise ValidationError(
            _("The financing plan has no costs yet. Enter its cost lines first."),
            code="ohne_kosten",
        )
    differenz = kosten - finanzierung
    if differenz > 0:
        raise ValidationError(
            _(
                "The financing plan does not balance: %(betrag)s of the costs "
                "(%(kosten)s) are not financed."
            )
            % {"betrag": betrag_text(differenz), "kosten": betrag_text(kosten)},
            code="unterfinanziert",
        )
    if differenz < 0:
        raise ValidationError(
            _(
                "The financing plan does not balance: the financing exceeds the costs "
                "(%(kosten)s) by %(betrag)s."
            )
            % {"betrag": betrag_text(-differenz), "kosten": betrag_text(kosten)},
            code="ueberfinanziert",
        )


@transaction.atomic
def status_setzen(*, projekt: Projekt, status: str, user) -> Projekt:
    """Move a project to another status along `UEBERGAENGE`. Submitting needs a balanced
    financing plan; submitting, approving and rejecting need the money permission."""
    projekt = Projekt.objects.select_for_update().get(pk=projekt.pk)
    alt = projekt.status
    if status == alt:
        return projekt
    if status not in UEBERGAENGE.get(alt, set()):
        raise ValidationError(
            _("A project cannot move from “%(alt)s” to “%(neu)s”.")
            % {"alt": Status(alt).label, "neu": Status(status).label},
            code="uebergang",
        )
    if status in GELD_STATUS and not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied(_("Only the Quartiersmanagement decides about money."))
    if status == Status.BEANTRAGT:
        finanzierungsplan_pruefen(projekt)
    projekt.status = status
    projekt.save(update_fields=["status", "updated_at"])
    audit.record(
        projekt,
        action=AuditEntry.Action.CHANGED,
        user=user,
        changes={"status": (Status(alt).label, Status(status).label)},
    )
    return projekt


@transaction.atomic
def ausgaben_pruefen(*, ausgaben, user) -> int:
    """Mark expenses as checked (by someone who decides money); returns how many."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied(_("Only the Quartiersmanagement decides about money."))
    jetzt = timezone.now()
    offen = list(
        Ausgabe.objects.select_for_update()
        .filter(pk__in=[a.pk for a in ausgaben], geprueft_at__isnull=True)
        .select_related("kostenposition__projekt")
    )
    for ausgabe in offen:
        ausgabe.geprueft_at, ausgabe.geprueft_von = jetzt, user
        ausgabe.save(update_fields=["geprueft_at", "geprueft_von"])
        audit.record(
            ausgabe,
            action=AuditEntry.Action.CHANGED,
            user=user,
            quartier=ausgabe.kostenposition.projekt.quartier,
            changes={"geprueft_at": (None, jetzt)},
        )
    return len(offen)


# --- the area's budget ------------------------------------------------------------------------


@dataclass(frozen=True)
class Topf:
    """One of the area's budgets of a year, and what projects do with it."""

    art: str
    label: str
    betrag: Decimal
    geplant: Decimal
    gebunden: Decimal
    ausgegeben: Decimal

    @property
    def frei(self) -> Decimal:
        """What is neither planned nor committed."""
        return self.betrag - self.geplant - self.gebunden

    @property
    def ueberzogen(self) -> bool:
        return self.frei < 0


def budget_uebersicht(budgetjahr: Budgetjahr) -> list[Topf]:
    """Project means and material costs of the year: the amount the rules give, what
    projects plan from it (not approved yet), what is committed (approved, running,
    completed) and what is spent. A project financed from several sources spends from each
    in proportion to its share of the financing (Anteilfinanzierung). Three queries."""
    Art = Finanzierungsposition.Art
    zeilen = list(
        Finanzierungsposition.objects.filter(
            projekt__quartier_id=budgetjahr.quartier_id,
            haushaltsjahr=budgetjahr.jahr,
            art__in=Finanzierungsposition.AUS_DEM_BUDGET,
        ).values_list("art", "projekt_id", "projekt__status", "betrag")
    )
    projekte = {projekt_id for _art, projekt_id, _status, _betrag in zeilen}
    finanziert = dict(
        Finanzierungsposition.objects.filter(projekt__in=projekte)
        .values("projekt")
        .annotate(s=Sum("betrag"))
        .values_list("projekt", "s")
    )
    ausgaben = dict(
        Ausgabe.objects.filter(kostenposition__projekt__in=projekte)
        .values("kostenposition__projekt")
        .annotate(s=Sum("betrag"))
        .values_list("kostenposition__projekt", "s")
    )
    werte = {art: [NULL_EURO, NULL_EURO, NULL_EURO] for art in Finanzierungsposition.AUS_DEM_BUDGET}
    for art, projekt_id, status, betrag in zeilen:
        werte[art][1 if status in GEBUNDEN else 0] += betrag
        gesamt = finanziert.get(projekt_id) or NULL_EURO
        if gesamt > 0:
            werte[art][2] += min(betrag, euro(ausgaben.get(projekt_id, 0) * betrag / gesamt))
    return [
        Topf(
            Art.PROJEKTMITTEL,
            Art.PROJEKTMITTEL.label,
            budgetjahr.projektmittel(),
            *werte[Art.PROJEKTMITTEL],
        ),
        Topf(Art.SACHKOSTEN, Art.SACHKOSTEN.label, budgetjahr.sachkosten(), *werte[Art.SACHKOSTEN]),
    ]


def plan_gegen_ist(projekt: Projekt) -> list[dict]:
    """Per cost line: planned, spent, what is left and whether it is overspent (one query)."""
    zeilen = []
    for position in projekt.kostenpositionen.annotate(ausgegeben=Sum("ausgaben__betrag")):
        ausgegeben = euro(position.ausgegeben or 0)
        zeilen.append(
            {
                "position": position,
                "geplant": position.betrag,
                "ausgegeben": ausgegeben,
                "rest": position.betrag - ausgegeben,
                "ueberzogen": ausgegeben > position.betrag,
            }
        )
    return zeilen


def idee_kategorie(projekt: Projekt):
    """The concern category an idea on the project is filed under: the area's active
    category of one of the project's fields of action, else the area's first one."""
    felder = projekt.handlungsfelder.values("pk")
    return (
        Kategorie.objects.filter(quartier_id=projekt.quartier_id, aktiv=True)
        .annotate(passt=Exists(felder.filter(pk=OuterRef("handlungsfeld_id"))))
        .order_by("-passt", "reihenfolge", "pk")
        .first()
    )


@transaction.atomic
def idee_senden(
    *, projekt: Projekt, beschreibung: str, formular_token: str | None = None, **felder
):
    """A resident's idea or remark on a public project: a concern of kind idea, linked to
    the project, in the area's triage (number, PIN, confirmation, staff notified). Returns
    the concern and its PIN."""
    kategorie = idee_kategorie(projekt)
    if kategorie is None:
        raise ValidationError(_("The office takes no ideas on the website yet."))
    return anliegen_services.melden(
        quartier=projekt.quartier,
        kategorie=kategorie,
        art=Anliegen.Art.IDEE,
        beschreibung=beschreibung,
        formular_token=formular_token,
        projekt=projekt,
        ortsbeschreibung=projekt.adresse[:300],
        **felder,
    )


# Reports due are announced this many days before their date.
NACHWEIS_VORLAUF_TAGE = 14


def _nachweis_empfaenger(nachweis: Nachweis) -> list[str]:
    """The grant's responsible staff member; without one, whoever decides money in the
    area; without them, the office's address."""
    bewilligung = nachweis.bewilligung
    zustaendig = bewilligung.zustaendig
    if zustaendig is not None and zustaendig.is_active and zustaendig.email:
        return [zustaendig.email]
    quartier = bewilligung.projekt.quartier
    entscheidende = User.objects.bearbeitende([quartier.pk], GELD_ENTSCHEIDEN)
    adressen = sorted(set(entscheidende.exclude(email="").values_list("email", flat=True)))
    return adressen or ([quartier.email] if quartier.email else [])


def nachweise_erinnern(*, heute=None, vorlauf_tage: int = NACHWEIS_VORLAUF_TAGE) -> int:
    """Mail the responsible staff once about each open report due within `vorlauf_tage`
    (today included). A day the command did not run is caught up by the next run; a run
    twice on one day sends nothing twice (each report is locked and marked). Returns how
    many were reminded."""
    heute = heute or timezone.localdate()
    faellig = Nachweis.objects.offen().filter(
        erinnert_at__isnull=True,
        faellig_am__gte=heute,
        faellig_am__lte=heute + timedelta(days=vorlauf_tage),
    )
    count = 0
    for pk in list(faellig.values_list("pk", flat=True)):
        with transaction.atomic():
            nachweis = (
                Nachweis.objects.select_for_update(of=("self",))
                .select_related(
                    "bewilligung__projekt__quartier",
                    "bewilligung__programm",
                    "bewilligung__zustaendig",
                )
                .filter(pk=pk, erinnert_at__isnull=True, eingereicht_am__isnull=True)
                .first()
            )
            if nachweis is None:
                continue
            empfaenger = _nachweis_empfaenger(nachweis)
            if empfaenger:
                send_templated_mail(
                    to=empfaenger,
                    quartier=nachweis.bewilligung.projekt.quartier,
                    template="projekte/mail/nachweis_faellig",
                    context={
                        "nachweis": nachweis,
                        "bewilligung": nachweis.bewilligung,
                        "projekt": nachweis.bewilligung.projekt,
                        "tage": (nachweis.faellig_am - heute).days,
                    },
                )
            nachweis.erinnert_at = timezone.now()
            nachweis.save(update_fields=["erinnert_at"])
            count += 1
    return count


@transaction.atomic
def ausgabe_erfassen(*, ausgabe: Ausgabe, user) -> Ausgabe:
    """Record an expense (staff in the back office, or the Träger in the partner area):
    who recorded it, in the audit trail; checking it is the office's (`ausgaben_pruefen`)."""
    ausgabe.erfasst_von = user
    ausgabe.full_clean()
    ausgabe.save()
    audit.record(
        ausgabe,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=ausgabe.kostenposition.projekt.quartier,
    )
    return ausgabe


@transaction.atomic
def sachbericht_einreichen(*, sachbericht: Sachbericht, user) -> Sachbericht:
    """The Träger submits its narrative report, new or corrected after the office sent it
    back; the office's staff are told. An accepted report is final."""
    neu = sachbericht.pk is None
    if not neu:
        alt = Sachbericht.objects.select_for_update().get(pk=sachbericht.pk)
        if not alt.aenderbar:
            raise ValidationError(
                _("The office has accepted this report; it can no longer be changed."),
                code="angenommen",
            )
    sachbericht.status = Sachbericht.Status.EINGEREICHT
    sachbericht.eingereicht_von = user
    sachbericht.eingereicht_at = timezone.now()
    sachbericht.geprueft_von = None
    sachbericht.geprueft_at = None
    sachbericht.full_clean()
    sachbericht.save()
    audit.record(
        sachbericht,
        action=AuditEntry.Action.CREATED if neu else AuditEntry.Action.CHANGED,
        user=user,
        quartier=sachbericht.projekt.quartier,
        message="" if neu else _("submitted again"),
    )
    benachrichtigen(Art.SACHBERICHT_EINGEREICHT, sachbericht, ausser=user)
    return sachbericht


@transaction.atomic
def sachbericht_pruefen(*, sachbericht: Sachbericht, status: str, rueckmeldung: str, user):
    """The office checks a narrative report: accepts it, or sends it back with a remark
    that says what to add. The Träger's partner users are told."""
    if not user.has_perm("projekte.change_sachbericht"):
        raise PermissionDenied
    sachbericht = (
        Sachbericht.objects.select_for_update(of=("self",))
        .select_related("projekt__quartier", "projekt__traeger")
        .get(pk=sachbericht.pk)
    )
    if status not in (Sachbericht.Status.ANGENOMMEN, Sachbericht.Status.NACHBESSERN):
        raise ValidationError({"status": _("Accept the report or ask for changes.")})
    rueckmeldung = rueckmeldung.strip()
    if status == Sachbericht.Status.NACHBESSERN and not rueckmeldung:
        raise ValidationError(
            {"rueckmeldung": _("Say what the organisation should add or correct.")}
        )
    alt = sachbericht.status
    sachbericht.status = status
    sachbericht.rueckmeldung = rueckmeldung
    sachbericht.geprueft_von = user
    sachbericht.geprueft_at = timezone.now()
    sachbericht.save(update_fields=["status", "rueckmeldung", "geprueft_von", "geprueft_at"])
    audit.record(
        sachbericht,
        action=AuditEntry.Action.CHANGED,
        user=user,
        quartier=sachbericht.projekt.quartier,
        changes={"status": (alt, status)},
    )
    benachrichtigen(Art.SACHBERICHT_GEPRUEFT, sachbericht, ausser=user)
    return sachbericht


def verwendungsnachweis_anfordern(*, bewilligung, user) -> None:
    """Ask for the grant's proof of use as PDF: the task renders it after commit."""
    from .tasks import verwendungsnachweis_erstellen

    with transaction.atomic():
        jetzt = timezone.now()
        bewilligung.nachweis_pdf_angefordert_at = jetzt
        bewilligung.save(update_fields=["nachweis_pdf_angefordert_at"])
        audit.record(
            bewilligung,
            action=AuditEntry.Action.CHANGED,
            user=user,
            quartier=bewilligung.projekt.quartier,
            changes={"nachweis_pdf_angefordert_at": (None, jetzt)},
        )
        transaction.on_commit(lambda: verwendungsnachweis_erstellen.enqueue(bewilligung.pk))


# --- the Verfügungsfonds ---------------------------------------------------------------------


@dataclass(frozen=True)
class FondsZahlen:
    """A fund's figures: its budget, what approvals bind (less money returned), what was
    paid (net of returns) and what is still free."""

    budget: Decimal
    gebunden: Decimal
    ausgezahlt: Decimal
    frei: Decimal
    antraege: int


def fonds_zahlen(fonds: Fonds) -> FondsZahlen:
    """Two queries, whatever the number of applications."""
    antraege = fonds.antraege.aggregate(
        bewilligt=Sum("bewilligt", filter=Q(status__in=BINDEND)),
        anzahl=Count("pk", filter=~Q(status=Antragsstatus.ENTWURF)),
    )
    zahlungen = Auszahlung.objects.filter(antrag__fonds=fonds).aggregate(
        netto=Sum("betrag"),
        zurueck_offen=Sum(
            "betrag",
            filter=Q(art=Auszahlung.Art.RUECKZAHLUNG, antrag__status__in=BINDEND),
        ),
        abgerechnet=Sum("betrag", filter=Q(antrag__status__in=ABGERECHNET)),
    )
    gebunden = euro(
        (antraege["bewilligt"] or NULL_EURO)
        + (zahlungen["zurueck_offen"] or NULL_EURO)
        + (zahlungen["abgerechnet"] or NULL_EURO)
    )
    budget = fonds.budget()
    return FondsZahlen(
        budget=budget,
        gebunden=gebunden,
        ausgezahlt=euro(zahlungen["netto"] or NULL_EURO),
        frei=budget - gebunden - (fonds.uebertragen or NULL_EURO),
        antraege=antraege["anzahl"],
    )


def _schritt(
    antrag: Antrag,
    *,
    user,
    notiz: str = "",
    fuer_antragsteller: bool = True,
    vom_antragsteller: bool = False,
):
    """A step in the application's history. A step of the office that concerns the
    applicant is mailed to them (through the outbox, with the change: never lost)."""
    Antragsschritt.objects.create(
        antrag=antrag,
        status=antrag.status,
        notiz=notiz,
        user=user,
        fuer_antragsteller=fuer_antragsteller,
        vom_antragsteller=vom_antragsteller,
    )
    if fuer_antragsteller and not vom_antragsteller and user is not None and antrag.email:
        send_templated_mail(
            to=antrag.email,
            template="projekte/mail/antrag_status",
            quartier=antrag.fonds.quartier,
            context={"antrag": antrag, "notiz": notiz},
        )


@transaction.atomic
def antrag_erfassen(*, antrag: Antrag, kosten: list[Antragskosten], user=None) -> Antrag:
    """Record an application (from the office's paper form, or sent on the website): its
    number, continued per fund under the fund's row lock; its cost lines; its first step."""
    fonds = Fonds.objects.select_for_update().get(pk=antrag.fonds_id)
    _nummer_vergeben(antrag, fonds)
    antrag.pauschale = fonds.pauschale(sum((z.betrag for z in kosten), NULL_EURO))
    antrag.eingereicht_at = antrag.eingereicht_at or timezone.now()
    antrag.full_clean(exclude=["nummer"])
    antrag.save()
    for zeile in kosten:
        zeile.antrag = antrag
        zeile.full_clean()
        zeile.save()
    _schritt(antrag, user=user)
    audit.record(antrag, action=AuditEntry.Action.CREATED, user=user, quartier=fonds.quartier)
    return antrag


def _nummer_vergeben(antrag: Antrag, fonds: Fonds) -> None:
    """The next number of the fund (drafts have none); the caller holds the fund's lock."""
    letzte = fonds.antraege.exclude(nummer="").count()
    antrag.nummer = f"VF-{fonds.jahr}-{letzte + 1:03d}"


# Who took a step through the tracking link, in the audit trail.
ANTRAGSTELLER = gettext_lazy("the applicant")


class AntragSchonGesendet(Exception):
    """The one-time form token was used already (double click, reload)."""

    def __init__(self, antrag: Antrag):
        super().__init__(antrag.pk)
        self.antrag = antrag


def antrag_pruefen(*, antrag: Antrag, kosten: list[Antragskosten]) -> None:
    """The fund's rules for an application that is sent: a cost plan, no excluded cost
    kind, at most the fund's maximum, no more than the plan needs, the own share."""
    fonds = antrag.fonds
    fehler: dict[str, list[str]] = {}
    if not kosten:
        fehler.setdefault("kosten", []).append(_("Please enter at least one line of costs."))
    ausgeschlossen = [z for z in kosten if z.art in fonds.ausgeschlossen]
    if ausgeschlossen:
        fehler.setdefault("kosten", []).append(
            _("The fund does not pay for: %(arten)s.")
            % {"arten": ", ".join(str(z.get_art_display()) for z in ausgeschlossen)}
        )
    summe = euro(sum((z.betrag for z in kosten), NULL_EURO))
    pauschale = fonds.pauschale(summe)
    summe += pauschale
    beantragt = antrag.beantragt
    if beantragt is None:
        fehler.setdefault("beantragt", []).append(_("Please enter the amount you apply for."))
    else:
        if beantragt > fonds.hoechstbetrag:
            fehler.setdefault("beantragt", []).append(
                _("The fund gives at most %(betrag)s per application.")
                % {"betrag": betrag_text(fonds.hoechstbetrag)}
            )
        bedarf = summe - antrag.eigenanteil - antrag.drittmittel
        if kosten and beantragt > bedarf:
            fehler.setdefault("beantragt", []).append(
                (
                    _(
                        "The costs of %(summe)s (with the fund's flat rate of %(pauschale)s) "
                        "less your own and other money leave %(bedarf)s: apply for at most that."
                    )
                    if pauschale
                    else _(
                        "The costs of %(summe)s less your own and other money leave "
                        "%(bedarf)s: apply for at most that."
                    )
                )
                % {
                    "summe": betrag_text(summe),
                    "pauschale": betrag_text(pauschale),
                    "bedarf": betrag_text(max(bedarf, NULL_EURO)),
                }
            )
    if fonds.eigenanteil_prozent and kosten:
        noetig = euro(summe * fonds.eigenanteil_prozent / 100)
        eigen = antrag.eigenanteil + antrag.ehrenamt_wert()
        if eigen < noetig:
            fehler.setdefault("eigenanteil", []).append(
                _(
                    "The fund asks for an own share of %(prozent)s %% of the costs, that is "
                    "%(noetig)s; you bring %(eigen)s%(ehrenamt)s."
                )
                % {
                    "prozent": number_format(fonds.eigenanteil_prozent, decimal_pos=0),
                    "noetig": betrag_text(noetig),
                    "eigen": betrag_text(eigen),
                    "ehrenamt": _(" (volunteer hours included)") if fonds.ehrenamt_zaehlt else "",
                }
            )
    if fehler:
        raise ValidationError(fehler)


def _kosten_ersetzen(antrag: Antrag, kosten: list[Antragskosten]) -> None:
    antrag.kosten.all().delete()
    for zeile in kosten:
        zeile.pk = None
        zeile.antrag = antrag
        zeile.full_clean()
        zeile.save()


def _dateien_speichern(antrag: Antrag, art: str, dateien, *, einwilligung=False) -> None:
    for datei in dateien:
        eintrag = Antragsdatei(antrag=antrag, art=art, personen_einwilligung=einwilligung)
        eintrag.datei.save(datei.name, datei, save=False)
        eintrag.save()


def antrag_senden(
    *,
    antrag: Antrag,
    kosten: list[Antragskosten],
    angebote=(),
    entwurf: bool,
    formular_token: str | None = None,
) -> Antrag:
    """An application from the website, without an account: saved as a draft (to finish
    later from the private link) or sent to the office, which is told. Either way the
    applicant gets the link by mail. The same form sent twice makes one application."""
    if formular_token and antrag.pk is None:
        vorhanden = Antrag.objects.filter(formular_token=formular_token).first()
        if vorhanden is not None:
            raise AntragSchonGesendet(vorhanden)
        antrag.formular_token = formular_token
    try:
        return _antrag_senden(antrag=antrag, kosten=kosten, angebote=angebote, entwurf=entwurf)
    except IntegrityError:
        vorhanden = Antrag.objects.filter(formular_token=formular_token).first()
        if formular_token and vorhanden is not None:
            raise AntragSchonGesendet(vorhanden) from None
        raise


# What a draft may leave empty (a sent application has them).
ENTWURF_OFFEN = ("beschreibung", "beantragt")


@transaction.atomic
def _antrag_senden(*, antrag: Antrag, kosten, angebote, entwurf: bool) -> Antrag:
    neu = antrag.pk is None
    if not neu:
        gespeichert = Antrag.objects.select_for_update().get(pk=antrag.pk)
        if gespeichert.status != Antragsstatus.ENTWURF:
            raise ValidationError(
                _("This application has been sent already; it can no longer be changed here."),
                code="gesendet",
            )
    fonds = antrag.fonds
    if entwurf:
        antrag.status = Antragsstatus.ENTWURF
        # A draft may leave empty what the sent application needs.
        leer = [f for f in ENTWURF_OFFEN if getattr(antrag, f) in (None, "")]
        antrag.full_clean(exclude=["nummer", *leer])
        antrag.save()
        _kosten_ersetzen(antrag, kosten)
    else:
        antrag_pruefen(antrag=antrag, kosten=kosten)
        fonds = Fonds.objects.select_for_update().select_related("quartier").get(pk=fonds.pk)
        offen, antrag.runde = fonds.nimmt_antraege()
        if not offen:
            raise ValidationError(
                _(
                    "The fund takes no more applications this year; the office tells you "
                    "when the next round opens."
                ),
                code="geschlossen",
            )
        _nummer_vergeben(antrag, fonds)
        antrag.pauschale = fonds.pauschale(sum((z.betrag for z in kosten), NULL_EURO))
        antrag.status = Antragsstatus.EINGEREICHT
        antrag.eingereicht_at = timezone.now()
        antrag.full_clean(exclude=["nummer"])
        antrag.save()
        _kosten_ersetzen(antrag, kosten)
        _schritt(antrag, user=None, vom_antragsteller=True)
        audit.record(
            antrag,
            action=AuditEntry.Action.CREATED,
            actor=ANTRAGSTELLER,
            message=gettext_lazy("sent on the website"),
            quartier=fonds.quartier,
        )
        benachrichtigen(Art.ANTRAG_EINGEGANGEN, antrag)
    _dateien_speichern(antrag, Antragsdatei.Art.ANGEBOT, angebote)
    if antrag.email and (neu or not entwurf):
        send_templated_mail(
            to=antrag.email,
            template="projekte/mail/antrag_link",
            quartier=fonds.quartier,
            context={"antrag": antrag},
        )
    return antrag


def _vom_link(antrag: Antrag, erlaubt: set, fehler: str) -> Antrag:
    antrag = Antrag.objects.select_for_update().select_related("fonds__quartier").get(pk=antrag.pk)
    if antrag.status not in erlaubt:
        raise ValidationError(fehler % {"status": antrag.get_status_display()}, code="status")
    return antrag


def _vom_antragsteller(antrag: Antrag, *, alt: str, art: str, message, notiz: str = ""):
    """The applicant's step through the link, after its change is saved: the history entry,
    the audit trail (the applicant as actor) and the notice to the area's staff."""
    _schritt(antrag, user=None, notiz=notiz, vom_antragsteller=True)
    audit.record(
        antrag,
        action=AuditEntry.Action.CHANGED,
        actor=ANTRAGSTELLER,
        message=message,
        quartier=antrag.fonds.quartier,
        changes={"status": (alt, antrag.status)},
    )
    benachrichtigen(art, antrag)


@transaction.atomic
def antrag_beantworten(*, antrag: Antrag, text: str, angebote=()) -> Antrag:
    """The applicant answers the office's question through the link: the application goes
    back to the office's check and its staff are told."""
    antrag = _vom_link(
        antrag,
        {Antragsstatus.RUECKFRAGE},
        _("Your application is “%(status)s”: there is no question to answer."),
    )
    antrag.status = Antragsstatus.VORPRUEFUNG
    antrag.save(update_fields=["status"])
    _dateien_speichern(antrag, Antragsdatei.Art.ANGEBOT, angebote)
    _vom_antragsteller(
        antrag,
        alt=Antragsstatus.RUECKFRAGE,
        art=Art.ANTRAG_BEANTWORTET,
        message=gettext_lazy("answered by the applicant"),
        notiz=text.strip(),
    )
    return antrag


@transaction.atomic
def antrag_zurueckziehen(*, antrag: Antrag) -> Antrag | None:
    """The applicant withdraws through the link. A draft is deleted (it never reached the
    office); a sent application is withdrawn, its approval freed, and the office told."""
    antrag = _vom_link(
        antrag,
        ZURUECKZIEHBAR,
        _("Your application is “%(status)s”: please talk to the office to withdraw it."),
    )
    if antrag.status == Antragsstatus.ENTWURF:
        _dateien_loeschen(antrag.dateien.all())
        antrag.delete()
        return None
    alt = antrag.status
    antrag.status = Antragsstatus.ZURUECKGEZOGEN
    antrag.save(update_fields=["status"])
    _vom_antragsteller(
        antrag,
        alt=alt,
        art=Art.ANTRAG_ZURUECKGEZOGEN,
        message=gettext_lazy("withdrawn by the applicant"),
    )
    return antrag


@transaction.atomic
def nachweis_einreichen(
    *, antrag: Antrag, bericht: str, ist_kosten: Decimal, belege=(), fotos=(), einwilligung=False
) -> Antrag:
    """The applicant's proof of use through the link: receipts (made safe), a short report,
    photos (with the consent of the people shown, or none) and the actual costs; the
    office's staff are told and check it."""
    antrag = _vom_link(
        antrag,
        NACHWEISBAR,
        _("Your application is “%(status)s”: no proof of use is due."),
    )
    if not belege and not antrag.dateien.filter(art=Antragsdatei.Art.BELEG).exists():
        raise ValidationError({"beleg_1": _("Please add at least one receipt.")})
    alt = antrag.status
    antrag.bericht = bericht.strip()
    antrag.ist_kosten = ist_kosten
    antrag.nachweis_at = timezone.now()
    antrag.status = Antragsstatus.NACHWEIS_EINGEREICHT
    antrag.full_clean()
    antrag.save(update_fields=["bericht", "ist_kosten", "nachweis_at", "status"])
    _dateien_speichern(antrag, Antragsdatei.Art.BELEG, belege)
    _dateien_speichern(antrag, Antragsdatei.Art.FOTO, fotos, einwilligung=einwilligung)
    _vom_antragsteller(
        antrag,
        alt=alt,
        art=Art.ANTRAG_NACHWEIS,
        message=gettext_lazy("proof of use sent by the applicant"),
    )
    return antrag


@transaction.atomic
def antrag_status_setzen(*, antrag: Antrag, status: str, user, notiz: str = "") -> Antrag:
    """One of the office's steps along `ANTRAG_UEBERGAENGE` (decisions and payments have
    their own use cases), in the history and the audit trail."""
    antrag = Antrag.objects.select_for_update().select_related("fonds__quartier").get(pk=antrag.pk)
    alt = antrag.status
    if status == alt:
        return antrag
    if status not in ANTRAG_UEBERGAENGE.get(alt, set()):
        raise ValidationError(
            _("An application cannot go from “%(alt)s” to “%(neu)s”.")
            % {"alt": Antragsstatus(alt).label, "neu": Antragsstatus(status).label}
        )
    antrag.status = status
    antrag.save(update_fields=["status"])
    _schritt(antrag, user=user, notiz=notiz)
    audit.record(
        antrag,
        action=AuditEntry.Action.CHANGED,
        user=user,
        quartier=antrag.fonds.quartier,
        changes={"status": (alt, status)},
    )
    return antrag


# An application is decided from these states.
ENTSCHEIDBAR = {
    Antragsstatus.VORPRUEFUNG,
    Antragsstatus.ZUR_ENTSCHEIDUNG,
    Antragsstatus.ZURUECKGESTELLT,
}
# Sent and not decided: a closed year's fund decides these no more.
UNENTSCHIEDEN = ENTSCHEIDBAR | {Antragsstatus.EINGEREICHT, Antragsstatus.RUECKFRAGE}


@transaction.atomic
def antrag_entscheiden(
    *,
    antrag: Antrag,
    ergebnis: str,
    user,
    betrag: Decimal | None = None,
    sitzung=None,
    auflagen: str = "",
) -> Antrag:
    """Decide an application. The fund's row is locked first, so that decisions on one
    fund are taken one after the other: an approval that would bind more than the fund
    holds is refused with the free amount named. Above the office's limit the committee
    (or the council) decides: the decision names its meeting."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied
    fonds = Fonds.objects.select_for_update().select_related("quartier").get(pk=antrag.fonds_id)
    antrag = Antrag.objects.select_for_update().get(pk=antrag.pk)
    if fonds.abgeschlossen_at is not None:
        raise ValidationError(
            _("The fund of %(jahr)s is closed: what was left has been carried over.")
            % {"jahr": fonds.jahr}
        )
    if antrag.status not in ENTSCHEIDBAR:
        raise ValidationError(
            _("This application is “%(status)s”: it is not up for decision.")
            % {"status": antrag.get_status_display()}
        )
    if ergebnis not in ENTSCHEIDUNGEN:
        raise ValidationError({"ergebnis": _("Choose a decision.")})
    zusagen = ergebnis in (Antragsstatus.BEWILLIGT, Antragsstatus.TEILBEWILLIGT)
    if ergebnis == Antragsstatus.BEWILLIGT:
        betrag = antrag.beantragt
    elif ergebnis == Antragsstatus.TEILBEWILLIGT:
        if betrag is None or not NULL_EURO < betrag < antrag.beantragt:
            raise ValidationError(
                {
                    "betrag": _("A partial approval is more than 0 and less than %(betrag)s.")
                    % {"betrag": betrag_text(antrag.beantragt)}
                }
            )
    else:
        betrag = None
    weg = fonds.entscheidungsweg(betrag if betrag is not None else antrag.beantragt)
    if weg != Entscheidungsweg.BUERO and sitzung is None:
        raise ValidationError(
            {
                "sitzung": _(
                    "Above %(grenze)s the office does not decide alone: name the meeting of "
                    "%(wer)s that decided."
                )
                % {"grenze": betrag_text(fonds.grenze_buero), "wer": Entscheidungsweg(weg).label}
            }
        )
    if zusagen:
        if betrag > fonds.hoechstbetrag:
            raise ValidationError(
                {
                    "betrag": _("The fund gives at most %(betrag)s per application.")
                    % {"betrag": betrag_text(fonds.hoechstbetrag)}
                }
            )
        frei = fonds_zahlen(fonds).frei
        if betrag > frei:
            raise ValidationError(
                {
                    "betrag": _("The fund has only %(frei)s free; %(betrag)s cannot be approved.")
                    % {"frei": betrag_text(max(frei, NULL_EURO)), "betrag": betrag_text(betrag)}
                },
                code="fonds_erschoepft",
            )
    alt = antrag.status
    antrag.status = ergebnis
    antrag.bewilligt = betrag
    antrag.entscheidungsweg = weg
    antrag.sitzung = sitzung
    antrag.auflagen = auflagen.strip()
    antrag.entschieden_at = timezone.now()
    antrag.entschieden_von = user
    antrag.save()
    _schritt(antrag, user=user, notiz=antrag.auflagen)
    audit.record(
        antrag,
        action=AuditEntry.Action.CHANGED,
        user=user,
        quartier=fonds.quartier,
        changes={"status": (alt, ergebnis), "bewilligt": (None, betrag)},
    )
    return antrag


@transaction.atomic
def auszahlen(*, antrag: Antrag, art: str, betrag: Decimal, user, datum=None) -> Auszahlung:
    """Pay part of an approval (advance, rest) or record money returned (a negative
    amount, which frees the fund). Payments never exceed the approved amount; returns never
    exceed what was paid. The application's row is locked while it is checked."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied
    antrag = Antrag.objects.select_for_update().select_related("fonds__quartier").get(pk=antrag.pk)
    if antrag.status not in BINDEND:
        raise ValidationError(
            _("This application is “%(status)s”: nothing can be paid.")
            % {"status": antrag.get_status_display()}
        )
    bisher = antrag.ausgezahlt_summe()
    if art == Auszahlung.Art.RUECKZAHLUNG:
        betrag = -abs(betrag)
        if -betrag > bisher:
            raise ValidationError(
                {
                    "betrag": _("Only %(bisher)s were paid; more cannot come back.")
                    % {"bisher": betrag_text(bisher)}
                }
            )
    elif bisher + betrag > antrag.bewilligt:
        raise ValidationError(
            {
                "betrag": _(
                    "%(bisher)s of the approved %(bewilligt)s are paid: at most %(rest)s more."
                )
                % {
                    "bisher": betrag_text(bisher),
                    "bewilligt": betrag_text(antrag.bewilligt),
                    "rest": betrag_text(antrag.bewilligt - bisher),
                }
            }
        )
    zahlung = Auszahlung(
        antrag=antrag,
        art=art,
        betrag=betrag,
        datum=datum or timezone.localdate(),
        erfasst_von=user,
    )
    zahlung.full_clean()
    zahlung.save()
    if art == Auszahlung.Art.ABSCHLAG and antrag.status == Antragsstatus.VEREINBARUNG:
        antrag.status = Antragsstatus.ABSCHLAG_AUSGEZAHLT
        antrag.save(update_fields=["status"])
        _schritt(antrag, user=user)
    audit.record(
        zahlung,
        action=AuditEntry.Action.CREATED,
        user=user,
        quartier=antrag.fonds.quartier,
    )
    return zahlung


def fonds_nachweise_erinnern(*, heute=None, vorlauf_tage: int = NACHWEIS_VORLAUF_TAGE) -> int:
    """Mail each applicant once whose proof of use is due by the fund's deadline within
    `vorlauf_tage` (today included), with their private link. A missed day is caught up; a
    second run the same day sends nothing twice (each application is locked and marked).
    Returns how many were reminded."""
    heute = heute or timezone.localdate()
    faellig = Antrag.objects.filter(
        status__in=NACHWEISBAR,
        nachweis_erinnert_at__isnull=True,
        fonds__nachweisfrist__gte=heute,
        fonds__nachweisfrist__lte=heute + timedelta(days=vorlauf_tage),
    ).exclude(email="")
    count = 0
    for pk in list(faellig.values_list("pk", flat=True)):
        with transaction.atomic():
            antrag = (
                Antrag.objects.select_for_update(of=("self",))
                .select_related("fonds__quartier")
                .filter(pk=pk, nachweis_erinnert_at__isnull=True, status__in=NACHWEISBAR)
                .first()
            )
            if antrag is None:
                continue
            send_templated_mail(
                to=antrag.email,
                quartier=antrag.fonds.quartier,
                template="projekte/mail/antrag_nachweis_faellig",
                context={"antrag": antrag, "tage": (antrag.fonds.nachweisfrist - heute).days},
            )
            antrag.nachweis_erinnert_at = timezone.now()
            antrag.save(update_fields=["nachweis_erinnert_at"])
            count += 1
    return count


# --- the committee's list ----------------------------------------------------------------------

# What a committee can take up: applications up for decision, or put off before.
BERATBAR = {Antragsstatus.ZUR_ENTSCHEIDUNG, Antragsstatus.ZURUECKGESTELLT}


def beratbare_antraege(sitzung):
    """The applications of the meeting's area that a committee may take up and that are
    not on this meeting's list yet."""
    return (
        Antrag.objects.filter(fonds__quartier_id=sitzung.gremium.quartier_id, status__in=BERATBAR)
        .exclude(beratungen__sitzung=sitzung)
        .select_related("fonds")
        .order_by("nummer")
    )


@transaction.atomic
def auf_die_liste(*, sitzung, antraege, user) -> int:
    """Put applications on a committee meeting's list (the Quartiersmanagement). Returns how
    many were added; another area's or an application not up for decision is left out."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied
    sitzung = Sitzung.objects.select_for_update().get(pk=sitzung.pk)
    erlaubt = {a.pk: a for a in beratbare_antraege(sitzung)}
    neu = [erlaubt[a.pk] for a in antraege if a.pk in erlaubt]
    Beratung.objects.bulk_create([Beratung(sitzung=sitzung, antrag=a) for a in neu])
    if neu:
        # The meeting's agenda names each application; its title only with the applicant's
        # consent to publication (a public meeting's agenda is public).
        punkte = sitzung.tagesordnung_punkte()
        for antrag in neu:
            punkt = tagesordnungspunkt(antrag)
            if punkt not in punkte:
                punkte.append(punkt)
        sitzung.tagesordnung = "\n".join(punkte)
        sitzung.save(update_fields=["tagesordnung"])
    return len(neu)


def tagesordnungspunkt(antrag: Antrag) -> str:
    """The application's line on a committee meeting's agenda."""
    if antrag.einwilligung_veroeffentlichung:
        return _("Verfügungsfonds: application %(nummer)s “%(titel)s”, %(betrag)s") % {
            "nummer": antrag.nummer,
            "titel": antrag.titel,
            "betrag": betrag_text(antrag.beantragt),
        }
    return _("Verfügungsfonds: application %(nummer)s, %(betrag)s") % {
        "nummer": antrag.nummer,
        "betrag": betrag_text(antrag.beantragt),
    }


def _stimmen_text(beratung: Beratung, befangen: int) -> str:
    text = _("yes %(ja)s, no %(nein)s, abstentions %(enthaltung)s") % {
        "ja": beratung.ja,
        "nein": beratung.nein,
        "enthaltung": beratung.enthaltung,
    }
    if befangen:
        text += "; " + _("%(anzahl)s not voting for a conflict of interest") % {"anzahl": befangen}
    return text


@transaction.atomic
def beratung_entscheiden(
    *,
    beratung: Beratung,
    ja: int,
    nein: int,
    enthaltung: int,
    befangen=(),
    ergebnis: str,
    betrag: Decimal | None = None,
    auflagen: str = "",
    user,
) -> Beratung:
    """The committee's decision on one application of its list: the votes must carry the
    decision (an approval needs more yes than no), members with a conflict of interest do
    not vote, the decision itself is `antrag_entscheiden`'s (the fund's lock, the free
    money), and a line goes into the meeting's minutes (numbers, never the members'
    names: the minutes of a public meeting are public)."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied
    sitzung = (
        Sitzung.objects.select_for_update().select_related("gremium").get(pk=beratung.sitzung_id)
    )
    beratung = Beratung.objects.select_for_update().get(pk=beratung.pk)
    if beratung.ergebnis:
        raise ValidationError(_("The committee has decided this application already."))
    befangen = list(befangen)
    fehler: dict[str, list[str]] = {}
    if any(m.gremium_id != sitzung.gremium_id for m in befangen):
        fehler["befangen"] = [_("Only members of this committee can be named here.")]
    mitglieder = sitzung.gremium.mitglieder.count()
    stimmberechtigt = mitglieder - len(befangen)
    if mitglieder and ja + nein + enthaltung > stimmberechtigt:
        fehler["ja"] = [
            _("%(stimmen)s votes, but only %(anzahl)s members may vote.")
            % {"stimmen": ja + nein + enthaltung, "anzahl": stimmberechtigt}
        ]
    zusage = ergebnis in (Antragsstatus.BEWILLIGT, Antragsstatus.TEILBEWILLIGT)
    if zusage and ja <= nein:
        fehler["ergebnis"] = [_("An approval needs more yes than no votes.")]
    if ergebnis == Antragsstatus.ABGELEHNT and ja > nein:
        fehler["ergebnis"] = [_("With more yes than no votes the application is not refused.")]
    if fehler:
        raise ValidationError(fehler)
    antrag = antrag_entscheiden(
        antrag=beratung.antrag,
        ergebnis=ergebnis,
        user=user,
        betrag=betrag,
        sitzung=sitzung,
        auflagen=auflagen,
    )
    if antrag.entscheidungsweg == Entscheidungsweg.BUERO:
        # Within the office's limit, but decided by the committee all the same.
        antrag.entscheidungsweg = Entscheidungsweg.GREMIUM
        antrag.save(update_fields=["entscheidungsweg"])
    beratung.ja, beratung.nein, beratung.enthaltung = ja, nein, enthaltung
    beratung.ergebnis = ergebnis
    beratung.beraten_at = timezone.now()
    beratung.beraten_von = user
    beratung.save()
    beratung.befangen.set(befangen)
    zeile = _("Verfügungsfonds %(nummer)s “%(titel)s”: %(ergebnis)s%(betrag)s (%(stimmen)s).") % {
        "nummer": antrag.nummer,
        "titel": antrag.titel,
        "ergebnis": antrag.get_status_display(),
        "betrag": f" {betrag_text(antrag.bewilligt)}" if antrag.bewilligt else "",
        "stimmen": _stimmen_text(beratung, len(befangen)),
    }
    if antrag.auflagen:
        zeile += " " + _("Conditions: %(auflagen)s") % {"auflagen": antrag.auflagen}
    sitzung.protokoll = f"{sitzung.protokoll.rstrip()}\n{zeile}".lstrip("\n")
    sitzung.save(update_fields=["protokoll"])
    return beratung


# --- retention --------------------------------------------------------------------------------

# Closed for good: after the audit period only the public entry remains.
GESCHLOSSEN = {
    Antragsstatus.ABGESCHLOSSEN,
    Antragsstatus.ABGELEHNT,
    Antragsstatus.ZURUECKGEZOGEN,
    Antragsstatus.VERFALLEN,
}
ANTRAGSTELLER_GELOESCHT = gettext_lazy("applicant (contact data deleted)")


def _dateien_loeschen(dateien) -> None:
    for eintrag in dateien:
        eintrag.datei.delete(save=False)
        eintrag.delete()


def fonds_aufbewahrung(*, jetzt=None) -> tuple[int, int]:
    """The fund's retention (daily job `fonds_aufbewahrung`): an application closed more
    than FONDS_KONTAKT_LOESCHEN_NACH_JAHREN years ago loses its applicant's name, e-mail and
    phone, their receipts, quotes and unreleased photos, their own notes and the mails sent
    to them; a draft never sent is deleted FONDS_ENTWURF_LOESCHEN_NACH_TAGEN days after it
    was started. Returns (applications cleaned, drafts deleted). Running it twice does no
    harm."""
    jetzt = jetzt or timezone.now()
    niemand = audit.in_office_language(ANTRAGSTELLER_GELOESCHT)
    grenze = jetzt - timedelta(days=365 * settings.FONDS_KONTAKT_LOESCHEN_NACH_JAHREN)
    faellig = (
        Antrag.objects.filter(status__in=GESCHLOSSEN)
        .annotate(zuletzt=Coalesce(Max("schritte__created_at"), "erstellt_at"))
        .filter(zuletzt__lt=grenze)
        .exclude(name=niemand, email="", telefon="")
    )
    with transaction.atomic():
        ids = list(faellig.values_list("pk", flat=True))
        alte = Antrag.objects.filter(pk__in=ids)
        for email, quartier_id in set(
            alte.exclude(email="").values_list("email", "fonds__quartier_id")
        ):
            # Not while the same person has another application in the area still kept.
            weitere = (
                Antrag.objects.filter(email__iexact=email, fonds__quartier_id=quartier_id)
                .exclude(pk__in=ids)
                .exists()
            )
            if not weitere:
                mail.forget_address(email, quartiere=[quartier_id])
        _dateien_loeschen(
            Antragsdatei.objects.filter(antrag__in=ids).exclude(
                art=Antragsdatei.Art.FOTO, personen_einwilligung=True
            )
        )
        Antragsschritt.objects.filter(antrag__in=ids, vom_antragsteller=True).update(notiz="")
        bereinigt = alte.update(name=niemand, email="", telefon="")
    entwuerfe = Antrag.objects.filter(
        status=Antragsstatus.ENTWURF,
        erstellt_at__lt=jetzt - timedelta(days=settings.FONDS_ENTWURF_LOESCHEN_NACH_TAGEN),
    )
    with transaction.atomic():
        _dateien_loeschen(Antragsdatei.objects.filter(antrag__in=entwuerfe))
        geloescht = entwuerfe.delete()[1].get("projekte.Antrag", 0)
    return bereinigt, geloescht


# --- the year's end ------------------------------------------------------------------------


@transaction.atomic
def jahresabschluss(*, fonds: Fonds, user, heute=None) -> Fonds | None:
    """Close a fund's year (the Quartiersmanagement, once the year is over): it decides no
    more, and what is still free goes to next year's fund, which is made with the same
    rules if the office has not set it up yet. Approvals already given stay bound and are
    paid from the closed fund. Returns next year's fund when money was carried over."""
    if not user.has_perm(GELD_ENTSCHEIDEN):
        raise PermissionDenied
    heute = heute or timezone.localdate()
    fonds = Fonds.objects.select_for_update().select_related("quartier").get(pk=fonds.pk)
    if fonds.abgeschlossen_at is not None:
        raise ValidationError(_("This fund's year is closed already."), code="abgeschlossen")
    if heute.year <= fonds.jahr:
        raise ValidationError(
            _("The year %(jahr)s is not over yet.") % {"jahr": fonds.jahr}, code="laufend"
        )
    frei = max(fonds_zahlen(fonds).frei, NULL_EURO)
    betrag = frei if fonds.uebertrag_erlaubt else NULL_EURO
    naechster = None
    if betrag:
        naechster = (
            Fonds.objects.select_for_update()
            .filter(quartier=fonds.quartier, jahr=fonds.jahr + 1)
            .first()
        )
        if naechster is None:
            naechster = Fonds.objects.get(pk=fonds.pk)
            naechster.pk = None
            naechster._state.adding = True
            naechster.jahr = fonds.jahr + 1
            naechster.festgesetzt = None
            naechster.uebertrag = None
            # The residents of the newest area statistics before that year, if there are.
            statistik = einwohner_fuer(quartier=fonds.quartier, jahr=naechster.jahr)
            if statistik is not None:
                naechster.einwohner = statistik.einwohner
            naechster.save()
        naechster.uebertrag = (naechster.uebertrag or NULL_EURO) + betrag
        naechster.save(update_fields=["uebertrag"])
    fonds.abgeschlossen_at = timezone.now()
    fonds.uebertragen = betrag
    fonds.save(update_fields=["abgeschlossen_at", "uebertragen"])
    audit.record(
        fonds,
        action=AuditEntry.Action.CHANGED,
        user=user,
        quartier=fonds.quartier,
        changes={"uebertragen": (None, betrag)},
    )
    return naechster
