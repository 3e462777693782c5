"""Rooms for tests: the hall with its kitchen (bookable only together), a conference room."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from raeume import services
from raeume.models import Buchungszeit, Nutzungsvereinbarung, Raum


def raum(quartier, name: str, slug: str, **kwargs) -> Raum:
    defaults = {
        "kapazitaet": 20,
        "vorlauf_min": timedelta(0),
        "vorlauf_max": timedelta(days=400),
        "dauer_max": timedelta(hours=14),
    }
    defaults.update(kwargs)
    r = Raum.objects.create(quartier=quartier, name=name, slug=slug, **defaults)
    Buchungszeit.objects.bulk_create(
        [Buchungszeit(raum=r, wochentag=t, von=time(8), bis=time(23)) for t in range(7)]
    )
    return r


def raeume(quartier, prefix: str = "") -> dict[str, Raum]:
    saal = raum(
        quartier,
        "Saal",
        f"{prefix}saal",
        kapazitaet=80,
        flaeche=120,
        ausstattung={"stuehle": 80, "tische": 20, "beamer": 1},
        nachbereitung=timedelta(minutes=30),
        stufenlos=True,
    )
    kueche = raum(
        quartier,
        "Gemeinschaftsküche",
        f"{prefix}kueche",
        kapazitaet=12,
        ausstattung={"kueche": 1},
        nur_mit=saal,
        nachbereitung=timedelta(hours=2),
    )
    konferenz = raum(
        quartier,
        "Konferenzraum 1",
        f"{prefix}konferenzraum-1",
        kapazitaet=16,
        ausstattung={"beamer": 1, "tische": 6},
    )
    return {"saal": saal, "kueche": kueche, "konferenz": konferenz}


def vereinbarung(quartier, version: int = 1) -> Nutzungsvereinbarung:
    return Nutzungsvereinbarung.objects.create(
        quartier=quartier,
        version=version,
        text="Der Raum wird sauber und aufgeräumt zurückgegeben.",
        gueltig_ab=timezone.now() - timedelta(days=1),
    )


def naechster(wochentag: int, *, ab: date | None = None, wochen: int = 1) -> date:
    """The date of `wochentag` (0 = Monday) at least `wochen` weeks from today."""
    ab = ab or timezone.localdate() + timedelta(days=7 * wochen)
    return ab + timedelta(days=(wochentag - ab.weekday()) % 7)


def um(tag: date, stunde: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(tag, time(stunde, minute)))


def buchung(
    raum, beginn, ende, *, akteur=None, user=None, durch_personal=None, zusatzraeume=(), **kwargs
):
    """A booking made through the service, as the partner (with terms) or by staff (for a
    person by name when no actor is given)."""
    wunsch = {
        "zweck": "Treffen",
        "art": "arbeitskreis",
        "personen": 8,
        "akteur": akteur,
        "zusatzraeume": list(zusatzraeume),
    }
    if akteur is None:
        wunsch.update(name="Erika Muster", telefon="0123 4567")
    else:
        wunsch["nutzungsvereinbarung"] = Nutzungsvereinbarung.aktuelle(raum.quartier)
    wunsch.update(kwargs)
    return services.buchen(
        wunsch=services.Buchungswunsch(raum=raum, beginn=beginn, ende=ende, **wunsch),
        user=user,
        durch_personal=akteur is None if durch_personal is None else durch_personal,
    )
