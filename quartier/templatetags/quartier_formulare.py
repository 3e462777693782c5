"""`{% unveraendert form "app" %}…{% endunveraendert %}`: the part of a public form page that
is the same for every reader, rendered once.

A public form cannot come from the page cache (its CSRF token, time trap and one-time token
are the reader's own), but its fields, rendered by crispy-forms, are two thirds of the
page's time and the same for everybody while the form is unbound. This block keeps their
HTML under the version of `app`'s data of the request's area (`quartier.cache.gespeichert`)
and the language, so a new category shows at once. A bound form (errors, what was typed), or
one that shows a saved object's own values (a draft finished from its link), is always
rendered afresh. The block must hold nothing of the reader's: the tokens and hidden
fields stay outside it.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from quartier.cache import gespeichert, quartier_id_of

register = template.Library()


class UnveraendertNode(template.Node):
    def __init__(self, nodelist, form, app: str, ort: str):
        self.nodelist, self.form, self.app, self.ort = nodelist, form, app, ort

    def render(self, context):
        form = self.form.resolve(context)
        request = context.get("request")
        if (
            getattr(form, "is_bound", True)
            or _eigene_werte(form)
            or request is None
            or not settings.PUBLIC_CACHE_SECONDS
        ):
            return self.nodelist.render(context)
        name = f"formular:{self.ort}:{get_language()}"
        html = gespeichert(
            self.app, quartier_id_of(request), name, lambda: str(self.nodelist.render(context))
        )
        return mark_safe(html)  # noqa: S308 (our own rendered template output)


def _eigene_werte(form) -> bool:
    """A form or formset that shows one reader's own values (a saved object, its saved
    rows): never from the shared HTML."""
    if getattr(getattr(form, "instance", None), "pk", None) is not None:
        return True
    zaehlen = getattr(form, "initial_form_count", None)
    return bool(zaehlen and zaehlen())


@register.tag
def unveraendert(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError('{% unveraendert form "app" %} takes two arguments')
    app = bits[2].strip("\"'")
    origin = getattr(parser, "origin", None)
    ort = f"{getattr(origin, 'template_name', '?')}:{token.lineno}"
    nodelist = parser.parse(("endunveraendert",))
    parser.delete_first_token()
    return UnveraendertNode(nodelist, parser.compile_filter(bits[1]), app, ort)
