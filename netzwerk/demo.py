"""Demo data of the network: the partner organisations of the demo log-ins."""

from quartier.demo import DemoContext

from .models import Akteur


def load(context: DemoContext) -> None:
    verein, _ = Akteur.objects.update_or_create(
        slug="nachbarschaftsverein-brunnenviertel",
        defaults={"name": "Nachbarschaftsverein Brunnenviertel e. V.", "art": Akteur.Art.VEREIN},
    )
    sport, _ = Akteur.objects.update_or_create(
        slug="sv-blau-weiss-lindenau",
        defaults={"name": "SV Blau-Weiß Lindenau 1921 e. V.", "art": Akteur.Art.VEREIN},
    )
    for akteur in (verein, sport):
        akteur.quartiere.add(context.quartier)
    verein.mitglieder.add(context.users["partner"])
    sport.mitglieder.add(context.users["partner2"])
    context.extra["akteur_a"] = verein
    context.extra["akteur_b"] = sport
