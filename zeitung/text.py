"""The small rich text of an article: paragraphs, subheadings, lists, links and emphasis.

Whatever is typed or pasted (from a word processor, a partner's mail, a script) is cleaned
with nh3 (the Ammonia sanitiser) before it is stored, so neither the web edition nor the
PDF ever gets more than these elements. Scripts and styles are dropped with their content;
every attribute except a link's `href` goes, and a link keeps only http, https and mailto.
"""

import re

import nh3
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

ERLAUBTE_ELEMENTE = {"p", "h3", "ul", "ol", "li", "a", "em", "strong"}
ERLAUBTE_ATTRIBUTE = {"a": {"href"}}
ERLAUBTE_SCHEMATA = {"http", "https", "mailto"}


def bereinigen(html: str) -> str:
    """The text with nothing but the allowed elements, attributes and link schemes."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ERLAUBTE_ELEMENTE,
        attributes=ERLAUBTE_ATTRIBUTE,
        url_schemes=ERLAUBTE_SCHEMATA,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def klartext(html: str) -> str:
    """The words of a cleaned text, for counting its length."""
    return " ".join(strip_tags(html or "").split())


class RichTextField(models.TextField):
    """A text column that holds only cleaned rich text.

    The cleaning happens when the value goes to the database (`get_prep_value`), so every
    way of writing (a form, the admin, a service, the demo, `update()`) stores it clean;
    a form shows the cleaned text back after saving."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "Paragraphs, subheadings, lists, links and emphasis. Other formatting, "
                "scripts and styles are removed when saving."
            ),
        )
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return bereinigen(value)

    def pre_save(self, model_instance, add):
        # The instance holds what is stored, so a page rendered after saving shows the same.
        value = bereinigen(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


BLOCK = re.compile(r"<\s*(p|h3|ul|ol)\b", re.IGNORECASE)


def aus_eingabe(text: str) -> str:
    """What a partner typed into a plain text box, as clean rich text: a text without
    paragraphs of its own gets one for every block of lines separated by an empty line;
    then it is cleaned like every article text."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not BLOCK.search(text):
        absaetze = [" ".join(a.split()) for a in text.split("\n\n") if a.strip()]
        text = "".join(f"<p>{a}</p>" for a in absaetze)
    return bereinigen(text)
