"""Tags of the admin's own templates."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def abkuerzungen(context) -> list[dict]:
    """The shortcuts above a changelist with their counts (`QuartierScopedAdmin`)."""
    cl = context.get("cl")
    model_admin = getattr(cl, "model_admin", None)
    if model_admin is None or not hasattr(model_admin, "abkuerzungen"):
        return []
    return model_admin.abkuerzungen(context["request"])


@register.simple_tag(takes_context=True)
def uebersicht(context) -> dict:
    """The start page's overview: today's items and this month's figures."""
    from quartier import uebersicht as ue

    request = context["request"]
    return {"heute": ue.heute(request), "monat": ue.monat(request)}
