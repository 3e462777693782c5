"""The newspaper's part of an information request and an erasure (quartier.datenschutz):
the e-mail subscriptions of the address. An erasure deletes them (nothing is kept: no duty
to keep an address that only received the newspaper)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.datenschutz import Bereich, Umfang

from .models import Abonnement


def _abonnements(email: str, user):
    return (
        Abonnement.objects.fuer(user)
        .filter(email__iexact=(email or "").strip())
        .select_related("quartier")
        .order_by("created_at", "pk")
    )


def _bezeichnung(abonnement) -> str:
    return _("Newspaper of %(quartier)s") % {"quartier": abonnement.quartier.name}


def auskunft(*, email: str, user) -> list[dict]:
    return [
        {
            "quartier": a.quartier.name,
            "email": a.email,
            "angefragt": a.angefragt_at.isoformat(),
            "bestaetigt": a.bestaetigt_at.isoformat() if a.bestaetigt_at else None,
        }
        for a in _abonnements(email, user)
    ]


def umfang(*, email: str, user) -> Umfang:
    return Umfang(
        titel=_("Newspaper subscriptions"),
        geloescht=[_bezeichnung(a) for a in _abonnements(email, user)],
    )


def loeschen(*, email: str, user) -> int:
    """Inside the caller's transaction: the subscriptions are deleted."""
    return Abonnement.objects.filter(pk__in=_abonnements(email, user).values("pk")).delete()[0]


BEREICH = Bereich(
    name="zeitungsabonnements",
    titel=gettext_lazy("Newspaper subscriptions"),
    auskunft=auskunft,
    umfang=umfang,
    loeschen=loeschen,
)
