"""Use cases of the network: partner edits, review, invitations, merging duplicates, export.

Every function is keyword-only, atomic, audited; mails go out after commit.
"""

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier import audit, cache
from quartier.benachrichtigungen import benachrichtigen
from quartier.exports import Table
from quartier.mail import send_templated_mail
from quartier.models import AuditEntry, Benachrichtigungsart, User
from quartier.roles import Rolle

from .models import Akteur, Angebot, Ansprechperson

# Fields whose change by a partner shows up on the public site and so goes to staff review.
OEFFENTLICHER_TEXT = {
    "beschreibung",
    "oeffnungszeiten",
    "website",
    "email",
    "telefon",
    "logo",
    "strasse",
    "plz",
    "ort",
    "adresse",
    "barrierefreiheit_hinweis",
    "titel",
    "zeit",
    "name",
    "funktion",
    "einwilligung_oeffentlich",
    "oeffentlich",
}


def _quartier_of(akteur: Akteur):
    return akteur.quartiere.order_by("pk").first()


def _zur_pruefung(akteur: Akteur, *, user) -> None:
    """Mark the actor for staff review; staff are told when it starts waiting (not again
    for each further change before they checked it)."""
    neu = akteur.zur_pruefung_vorgemerkt_at is None
    akteur.zur_pruefung_vormerken()
    if neu:
        benachrichtigen(Benachrichtigungsart.AKTEUR_ZUR_PRUEFUNG, akteur, ausser=user)


@transaction.atomic
def partner_speichern(*, form, akteur: Akteur, user) -> models.Model:
    """Save a partner's form for their actor (profile, offer or contact person).

    Visible at once; changes to public text mark the actor for staff review. Audited.
    """
    neu = form.instance.pk is None
    changes = {} if neu else audit.diff(form)
    obj = form.save()
    if neu or (set(form.changed_data) & OEFFENTLICHER_TEXT):
        _zur_pruefung(akteur, user=user)
    audit.record(
        obj,
        action=AuditEntry.Action.CREATED if neu else AuditEntry.Action.CHANGED,
        user=user,
        message=gettext_lazy("Changed in the partner area"),
        changes=changes,
        quartier=_quartier_of(akteur),
    )
    akteur.aktualisiere_suchvektor()
    return obj


@transaction.atomic
def partner_loeschen(*, obj: Angebot | Ansprechperson, user) -> None:
    """A partner removes an offer or a contact person of their actor."""
    akteur = obj.akteur
    audit.record(
        obj,
        action=AuditEntry.Action.DELETED,
        user=user,
        message=gettext_lazy("Deleted in the partner area"),
        quartier=_quartier_of(akteur),
    )
    obj.delete()
    _zur_pruefung(akteur, user=user)
    akteur.aktualisiere_suchvektor()


@transaction.atomic
def als_geprueft_markieren(*, akteure, user) -> int:
    """Staff reviewed the partners' changes of these actors."""
    count = 0
    for akteur in Akteur.objects.select_for_update().filter(
        pk__in=[a.pk for a in akteure], zur_pruefung_vorgemerkt_at__isnull=False
    ):
        akteur.zur_pruefung_vorgemerkt_at = None
        akteur.save(update_fields=["zur_pruefung_vorgemerkt_at"])
        audit.record(
            akteur,
            action=AuditEntry.Action.OTHER,
            user=user,
            message=gettext_lazy("Partner changes reviewed"),
            quartier=_quartier_of(akteur),
        )
        count += 1
    return count


def einladungs_link(user: User) -> str:
    from django.conf import settings

    path = reverse(
        "partner:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def partner_einladen(*, akteur: Akteur, email: str, name: str, user) -> User:
    """Invite a person to keep an actor's entry: account (without password), Partner
    role, membership, and a mail whose link lets them set their own password."""
    email = email.strip().lower()
    partner = User.objects.filter(email__iexact=email).first()
    if partner is None:
        partner = User.objects.create_user(email, None, name=name.strip())
    elif (
        partner.is_staff
        or partner.is_superuser
        or partner.groups.exclude(name=Rolle.PARTNER).exists()
    ):
        # An invitation must never turn a staff account into a partner of this area (which
        # would bring it into this area's user management).
        raise ValidationError(
            _("This address belongs to a staff account and cannot be invited as a partner."),
            code="staff_account",
        )
    partner.groups.add(Group.objects.get(name=Rolle.PARTNER))
    akteur.mitglieder.add(partner)
    send_templated_mail(
        to=partner.email,
        template="netzwerk/einladung",
        context={
            "akteur": akteur,
            "partner": partner,
            "eingeladen_von": user,
            "link": einladungs_link(partner),
            "hat_passwort": partner.has_usable_password(),
        },
    )
    audit.record(
        akteur,
        action=AuditEntry.Action.OTHER,
        user=user,
        message=audit.text(gettext_lazy("Partner invited: %(email)s"), email=partner.email),
        quartier=_quartier_of(akteur),
    )
    return partner


def _move_rows(queryset, field: str, ziel) -> None:
    """Point `field` of every row at `ziel`; rows that would break a unique rule are
    duplicates of rows the kept actor has already and are deleted."""
    try:
        with transaction.atomic():
            queryset.update(**{field: ziel})
    except IntegrityError:
        for row in queryset:
            try:
                with transaction.atomic():
                    type(row)._base_manager.filter(pk=row.pk).update(**{field: ziel})
            except IntegrityError:
                type(row)._base_manager.filter(pk=row.pk).delete()


@transaction.atomic
def akteure_zusammenfuehren(*, behalten: Akteur, duplikate, user) -> Akteur:
    """Merge duplicate actors into `behalten`: everything that points at a duplicate (found
    generically through `Akteur._meta.related_objects`, so relations other apps add later,
    such as forwarded concerns or room bookings, come along) is moved, the actor's own
    many-to-many relations and empty fields are completed, then the duplicates are deleted."""
    ids = [d.pk for d in duplikate if d.pk != behalten.pk]
    locked = list(Akteur.objects.select_for_update().filter(pk__in=[behalten.pk, *ids]))
    behalten = next(a for a in locked if a.pk == behalten.pk)
    duplikate = [a for a in locked if a.pk != behalten.pk]
    # Rows of every app are moved by update(), which sends no signal (quartier.cache).
    for app in cache.APPS:
        cache.bump(app)
    for duplikat in duplikate:
        for rel in Akteur._meta.related_objects:
            if rel.many_to_many:
                through = rel.through
                field = rel.field
                quelle, ziel = field.m2m_field_name(), field.m2m_reverse_field_name()
                vorhanden = through._base_manager.filter(**{ziel: behalten}).values(quelle)
                rows = through._base_manager.filter(**{ziel: duplikat})
                rows.exclude(**{f"{quelle}__in": vorhanden}).update(**{ziel: behalten})
                rows.delete()
            elif rel.one_to_one:
                model, name = rel.related_model, rel.field.name
                if not model._base_manager.filter(**{name: behalten}).exists():
                    model._base_manager.filter(**{name: duplikat}).update(**{name: behalten})
            else:
                model, name = rel.related_model, rel.field.name
                _move_rows(model._base_manager.filter(**{name: duplikat}), name, behalten)
        for field in Akteur._meta.many_to_many:
            getattr(behalten, field.name).add(*getattr(duplikat, field.name).all())
        geaendert = []
        for field in Akteur._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.FileField):
                if field.name in {"slug", "name"}:
                    continue
                if not getattr(behalten, field.attname) and getattr(duplikat, field.attname):
                    setattr(behalten, field.attname, getattr(duplikat, field.attname))
                    geaendert.append(field.name)
        for name in ("zielgruppen", "sprachen"):
            merged = list(dict.fromkeys([*getattr(behalten, name), *getattr(duplikat, name)]))
            if merged != getattr(behalten, name):
                setattr(behalten, name, merged)
                geaendert.append(name)
        if geaendert:
            behalten.save(update_fields=geaendert)
        audit.record(
            behalten,
            action=AuditEntry.Action.CHANGED,
            user=user,
            message=audit.text(
                gettext_lazy("Merged the duplicate “%(name)s” (#%(pk)s) into this entry"),
                name=duplikat.name,
                pk=duplikat.pk,
            ),
            quartier=_quartier_of(behalten),
        )
        audit.record(
            duplikat,
            action=AuditEntry.Action.DELETED,
            user=user,
            message=audit.text(gettext_lazy("Merged into “%(name)s”"), name=behalten.name),
            quartier=_quartier_of(behalten),
        )
        duplikat.delete()
    behalten.aktualisiere_suchvektor()
    return behalten


def verzeichnis_export(queryset) -> Table:
    """The directory as a table for a CSV download. Contact persons appear only when they
    consented to be shown publicly."""
    header = [
        _("Name"),
        _("Kind"),
        _("Postal address"),
        _("Phone"),
        _("E-mail"),
        _("Website"),
        _("Opening hours"),
        _("Fields of action"),
        _("Target groups"),
        _("Languages"),
        _("Public"),
        _("Contact persons (consented)"),
    ]
    akteure = queryset.prefetch_related(
        "handlungsfelder",
        Prefetch(
            "ansprechpersonen",
            queryset=Ansprechperson.objects.filter(einwilligung_oeffentlich=True),
            to_attr="oeffentliche_ansprechpersonen",
        ),
    ).order_by("name")
    rows = []
    for akteur in akteure:
        kontakte = "; ".join(
            ", ".join(p for p in (k.name, k.funktion, k.email, k.telefon) if p)
            for k in akteur.oeffentliche_ansprechpersonen
        )
        rows.append(
            [
                akteur.name,
                akteur.get_art_display(),
                akteur.anschrift,
                akteur.telefon,
                akteur.email,
                akteur.website,
                " / ".join(akteur.oeffnungszeiten_zeilen()),
                ", ".join(h.name for h in akteur.handlungsfelder.all()),
                ", ".join(akteur.zielgruppen_labels()),
                ", ".join(akteur.sprachen_labels()),
                akteur.oeffentlich,
                kontakte,
            ]
        )
    return Table(
        filename=f"netzwerk-verzeichnis-{timezone.localdate():%Y-%m-%d}",
        title=_("Directory"),
        header=header,
        rows=rows,
    )
