"""Turns an assessment into plain chart specs; the deck writer never sees the analysis.

In: ``MunicipalityAssessment``. Out: ``BarChartSpec`` with categories, values (None for a
withheld value, which stays empty in the chart) and the footnote that explains them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        f"{t.theme_title} {t.score:.0f}" for t in survey.themes if t.score is not None
    )
    return BarChartSpec(
        title="Parathed pr. tema (spørgeskema)",
        categories=tuple(t.theme_title for t in survey.themes),
        series_name="Score (0–100)",
        values=tuple(t.score for t in survey.themes),
        number_format="0",
        footnote=" ".join(notes),
        alt_text=f"Søjlediagram over score pr. tema for {assessment.name}: {shown}.",
        axis_max=100.0,
    )
