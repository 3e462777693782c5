from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Quartier, Stadtteildaten


def default_quartier() -> Quartier | None:
    """The area this installation presents first (DEFAULT_QUARTIER, else the oldest)."""
    qs = Quartier.objects.order_by("pk")
    if settings.DEFAULT_QUARTIER:
        return qs.filter(slug=settings.DEFAULT_QUARTIER).first() or qs.first()
    return qs.first()


def einwohner_uebernehmen(*, daten, user=None) -> bool:
    """The area's current residents' count follows its newest statistics: when `daten`
    counted later than the area's count, the area takes it (audited). True when it did."""
    from . import audit
    from .models import AuditEntry

    quartier = Quartier.objects.select_for_update().get(pk=daten.quartier_id)
    if daten.stichtag < quartier.einwohner_stichtag:
        return False
    neu = (daten.einwohner, daten.stichtag)
    alt = (quartier.einwohner, quartier.einwohner_stichtag)
    if neu == alt:
        return False
    quartier.einwohner, quartier.einwohner_stichtag = neu
    quartier.save(update_fields=["einwohner", "einwohner_stichtag", "updated_at"])
    audit.record(
        quartier,
        action=AuditEntry.Action.CHANGED,
        user=user,
        message=audit.text(_("residents from the area statistics %(jahr)s"), jahr=daten.jahr),
        changes={"einwohner": (alt[0], neu[0]), "einwohner_stichtag": (alt[1], neu[1])},
        quartier=quartier,
    )
    return True


@transaction.atomic
def stadtteildaten_speichern(*, form, user) -> Stadtteildaten:
    """Save one year of an area's statistics entered by hand (audited); the area's count
    follows the newest."""
    from . import audit
    from .models import AuditEntry

    neu = form.instance.pk is None
    daten = form.save()
    audit.record(
        daten,
        action=AuditEntry.Action.CREATED if neu else AuditEntry.Action.CHANGED,
        user=user,
        changes=None if neu else audit.diff(form),
    )
    einwohner_uebernehmen(daten=daten, user=user)
    return daten


@transaction.atomic
def stadtteildaten_importieren(*, text: str, quelle: str = "", user) -> tuple[int, int]:
    """Store the statistics of a CSV file's text, all rows or none: the file is read again
    here (as it is in the preview), and any error raises ValidationError with every row's
    reason. Returns (new, changed)."""
    from .stadtteildaten import einlesen

    ergebnis = einlesen(text, user=user, quelle=quelle)
    if not ergebnis.ok:
        raise ValidationError([f.text for f in ergebnis.fehler] or [_("Nothing to import.")])
    neu = geaendert = 0
    for zeile in ergebnis.zeilen:
        if not zeile.neu and not zeile.form.has_changed():
            continue
        stadtteildaten_speichern(form=zeile.form, user=user)
        neu += zeile.neu
        geaendert += not zeile.neu
    return neu, geaendert
