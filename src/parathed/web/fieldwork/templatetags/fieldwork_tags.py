"""The fieldwork section of a municipality page: counts for everybody who sees it."""

from __future__ import annotations

from typing import Any

from django import template

from parathed.web.accounts.access import is_consultant
from parathed.web.fieldwork.selectors import fieldwork_counts

register = template.Library()


@register.inclusion_tag("fieldwork/_municipality_section.html", takes_context=True)
def fieldwork_section(context: dict[str, Any]) -> dict[str, Any]:
    """Counts of completed cases and interviews; links for consultants only.

    The page that includes it has already checked that the user may see the
    municipality; a single case's answers never appear here.
    """
    measurement = context.get("round")
    municipality = context.get("municipality")
    partnership = context.get("partnership")
    if measurement is None or municipality is None or partnership is None:
        return {"fieldwork": None}
    cases, interviews = fieldwork_counts(
        round_id=measurement.pk, municipality_id=municipality.pk
    )
    return {
        "fieldwork": {
            "cases": cases,
            "interviews": interviews,
            "consultant": is_consultant(user=context["request"].user),
            "slug": partnership.slug,
            "code": municipality.code,
        }
    }
