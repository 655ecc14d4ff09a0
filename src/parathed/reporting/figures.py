"""Turns an assessment into plain chart specs; the deck writer never sees the analysis.

In: ``MunicipalityAssessment``. Out: ``BarChartSpec`` with categories, values (None
for a withheld value, which stays empty in the chart) and the footnote that explains
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from parathed.analysis.assessment import WITHHELD_REASONS_DA, MunicipalityAssessment


@dataclass(frozen=True, slots=True)
class BarChartSpec:
    """A bar chart as plain data: one series, a number format and a footnote."""

    title: str
    categories: tuple[str, ...]
    series_name: str
    values: tuple[float | None, ...]
    number_format: str
    footnote: str
    alt_text: str
    axis_max: float | None = None


def round_half_up(value: float) -> int:
    """Returns ``value`` rounded to a whole number as Excel's "0" format shows it.

    Python's ``round`` rounds half to even (62.5 -> 62); a chart label shows 63.
    """
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def theme_scores_chart(assessment: MunicipalityAssessment) -> BarChartSpec:
    """Returns the chart of the municipality's questionnaire score per theme (0-100)."""
    survey = assessment.survey
    withheld = [t for t in survey.themes if t.score is None]
    notes = [f"Spørgeskema, n = {survey.respondents} besvarelser."]
    if withheld:
        reason = WITHHELD_REASONS_DA[withheld[0].withheld_reason or ""] % {
            "threshold": survey.threshold
        }
        names = ", ".join(t.theme_title for t in withheld)
        notes.append(f"{reason} ({names}).")
    notes.append("Score 0–100, hvor 100 er fuldt i tråd med Barnets lov.")
    shown = ", ".join(
        f"{t.theme_title} {round_half_up(t.score)}"
        for t in survey.themes
        if t.score is not None
    )
    alt = f"Søjlediagram over score pr. tema for {assessment.name}"
    alt += f": {shown}." if shown else ": ingen scorer kan vises."
    if withheld:
        alt += " Vises ikke: " + ", ".join(t.theme_title for t in withheld) + "."
    return BarChartSpec(
        title="Parathed pr. tema (spørgeskema)",
        categories=tuple(t.theme_title for t in survey.themes),
        series_name="Score (0–100)",
        values=tuple(t.score for t in survey.themes),
        number_format="0",
        footnote=" ".join(notes),
        alt_text=alt,
        axis_max=100.0,
    )
