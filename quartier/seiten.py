"""The legal pages every installation needs: Impressum, Datenschutz, Barrierefreiheit.

`create_legal_pages` adds the missing ones with the German default texts in
`quartier/seitentexte/`. It runs after every `migrate` and every `flush` (see
`quartier.apps`), so the footer's links never lead to a 404. A page that exists is never
touched.

A text in square brackets is a placeholder. The ones whose value the area knows (its
Träger, office address, phone, e-mail and legal details, see `PLATZHALTER`) are filled in
when the page is shown for that area (`ausfuellen`); staff fill the rest in the area's data
or replace them in the page's text. `manage.py check --deploy` warns while a page still
holds one (quartier.checks).
"""

import re
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


# A placeholder: text in square brackets on one line.
PLATZHALTER_MUSTER = re.compile(r"\[[^\[\]\n]+\]")


def _datenschutz(q) -> str:
    if not (q.traeger and q.datenschutz_kontakt):
        return ""
    return f"{q.traeger}, {q.strasse}, {q.plz} {q.ort}\nDatenschutz: {q.datenschutz_kontakt}"


# The placeholders of the default texts and where an area's data holds their value (empty:
# not known yet, the placeholder stays).
PLATZHALTER = {
    "[Name des Trägers, Rechtsform]": lambda q: q.traeger,
    "[Straße und Hausnummer]": lambda q: q.strasse,
    "[Postleitzahl und Ort]": lambda q: f"{q.plz} {q.ort}".strip(),
    "[vertretungsberechtigte Person]": lambda q: q.vertreten_durch,
    "[Telefonnummer]": lambda q: q.telefon,
    "[E-Mail-Adresse]": lambda q: q.email,
    "[falls vorhanden]": lambda q: q.registereintrag,
    "[Name, Anschrift]": lambda q: q.verantwortlich_inhalt,
    "[Name und Anschrift des Trägers, Kontakt der oder des Datenschutzbeauftragten]": _datenschutz,
}


def ausfuellen(text: str, quartier) -> str:
    """The text with every placeholder the area knows replaced by its value."""
    if quartier is None:
        return text

    def wert(match):
        fuellen = PLATZHALTER.get(match.group(0))
        return (fuellen(quartier) or match.group(0)) if fuellen else match.group(0)

    return PLATZHALTER_MUSTER.sub(wert, text)


def offene_platzhalter(text: str, quartier) -> list[str]:
    """The placeholders still in the text as shown for the area, in order, each once."""
    return list(dict.fromkeys(PLATZHALTER_MUSTER.findall(ausfuellen(text, quartier))))
