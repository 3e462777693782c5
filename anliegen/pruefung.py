"""The pre-publication check: finds personal data in a text and redacts it in one click.

Heuristics, not certainty: staff read the highlighted text before releasing it.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SCHWAERZUNG = "[…]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TELEFON = re.compile(r"(?<![\w-])(?:\+|00)?\d[\d /().-]{5,}\d(?![\w-])")
# German licence plates: 1–3 letters (district), 1–2 letters, 1–4 digits, optional E/H.
KENNZEICHEN = re.compile(r"\b[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?[1-9][0-9]{0,3}[EH]?\b")
# A title followed by a capitalised word, or two capitalised words that are no sentence start.
NAME = re.compile(
    r"\b(?:Herr|Frau|Familie|Hr\.|Fr\.|Dr\.)\s+[A-ZÄÖÜ][\wäöüß-]+"
    r"|(?<![.!?]\s)(?<!^)\b[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]{2,}(?:mann|er|el|ski|sch|"
    r"ow|ner|ler|mer|ter|ich|ig|rt|st)\b"
)

ARTEN = [
    ("email", EMAIL, _("e-mail address")),
    ("kennzeichen", KENNZEICHEN, _("licence plate")),
    ("telefon", TELEFON, _("phone number")),
    ("name", NAME, _("name-like words")),
]


@dataclass(frozen=True)
class Fund:
    art: str
    label: str
    start: int
    ende: int
    text: str


def funde(text: str) -> list[Fund]:
    """Findings without overlaps, in text order (earlier kinds in ARTEN win)."""
    belegt: list[tuple[int, int]] = []
    ergebnis = []
    for art, muster, label in ARTEN:
        for m in muster.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in belegt):
                continue
            belegt.append((m.start(), m.end()))
            ergebnis.append(Fund(art, str(label), m.start(), m.end(), m.group()))
    return sorted(ergebnis, key=lambda f: f.start)


def schwaerzen(text: str) -> str:
    """Replace every finding with […]."""
    teile, pos = [], 0
    for fund in funde(text):
        teile += [text[pos : fund.start], SCHWAERZUNG]
        pos = fund.ende
    teile.append(text[pos:])
    return "".join(teile)


def markieren(text: str) -> SafeString:
    """HTML with each finding in <mark> (title says what it is); everything else escaped."""
    teile, pos = [], 0
    for fund in funde(text):
        teile.append(escape(text[pos : fund.start]))
        teile.append(
            f'<mark class="fund-{fund.art}" title="{escape(fund.label)}">{escape(fund.text)}</mark>'
        )
        pos = fund.ende
    teile.append(escape(text[pos:]))
    return mark_safe("".join(teile))  # noqa: S308 - every piece is escaped above
