"""The parts of an information request (Art. 15 GDPR) and an erasure (Art. 17) that the
apps besides concerns contribute for an e-mail address. The concerns' page in the admin
(`anliegen.admin` "Auskunft und Löschung") asks each registered part, so a request covers
them all; an app registers its part in its AppConfig.ready().

A part says what it holds (`auskunft`: rows as plain dicts for the JSON and the page),
what an erasure would do (`umfang`: what goes, and what must be kept, with until when) and
does it (`loeschen`, inside the caller's transaction). Each is scoped to the user's areas."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Umfang:
    """What an erasure would do in one part: the entries erased now, and those kept for a
    legal duty with the date (or the rule) of their deletion."""

    titel: str
    geloescht: list[str] = field(default_factory=list)
    behalten: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Bereich:
    name: str  # the key in the JSON
    titel: str  # the heading on the pages
    auskunft: Callable  # (email=, user=) -> list[dict]
    umfang: Callable  # (email=, user=) -> Umfang
    loeschen: Callable  # (email=, user=) -> int (entries erased)


BEREICHE: list[Bereich] = []


def registrieren(bereich: Bereich) -> None:
    if all(b.name != bereich.name for b in BEREICHE):
        BEREICHE.append(bereich)
