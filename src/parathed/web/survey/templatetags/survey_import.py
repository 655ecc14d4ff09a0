"""The import section on a municipality's page: a link for consultants only."""

from __future__ import annotations

from typing import Any

from django import template

from parathed.web.accounts.access import is_consultant

register = template.Library()


@register.inclusion_tag("survey/import/_section_body.html", takes_context=True)
def import_section(context: dict[str, Any]) -> dict[str, Any]:
    """Shows the link to the import page when the viewer is a consultant."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "show": user is not None and is_consultant(user=user),
        "partnership": context.get("partnership"),
        "municipality": context.get("municipality"),
    }
