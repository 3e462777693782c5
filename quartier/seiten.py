"""The legal pages every installation needs: Impressum, Datenschutz, Barrierefreiheit.

`create_legal_pages` adds the missing ones with the German default texts in
`quartier/seitentexte/`. It runs after every `migrate` and every `flush` (see
`quartier.apps`), so the footer's links never lead to a 404. A page that exists is never
touched: staff replace the placeholders in the admin.
"""

from pathlib import Path

from django.apps import apps as global_apps

TEXTS = Path(__file__).resolve().parent / "seitentexte"

TITLES = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
}


def default_text(art: str) -> str:
    return (TEXTS / f"{art}.txt").read_text(encoding="utf-8").strip()


def create_legal_pages(*, apps=global_apps) -> None:
    Seite = apps.get_model("quartier", "Seite")
    existing = set(Seite.objects.values_list("art", flat=True))
    for art, titel in TITLES.items():
        if art not in existing:
            Seite.objects.get_or_create(
                art=art, defaults={"titel": titel, "inhalt": default_text(art)}
            )
