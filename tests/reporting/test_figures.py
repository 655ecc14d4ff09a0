"""Chart specs from an assessment: categories, values, footnote and alt text by hand."""

from __future__ import annotations

import pytest

from parathed.analysis.assessment import MunicipalityAssessment
from parathed.reporting.figures import BarChartSpec, theme_scores_chart
from tests.reporting.assessments import (
    THEMES,
    municipality_assessment,
    survey_assessment,
)

TITLES = tuple(title for _, title in THEMES)
SCALE_NOTE = "Score 0–100, hvor 100 er fuldt i tråd med Barnets lov."


@pytest.mark.parametrize(
    ("scores", "respondents", "threshold", "footnote", "alt_scores"),
    [
        (
            (61.7, 48.3, 37.0, 71.9, None, 55.6),
            37,
            5,
            "Spørgeskema, n = 37 besvarelser. Vises ikke: færre end 5 besvarelser "
            "(Overgangen til voksenlivet). " + SCALE_NOTE,
            "Tidlig og rettidig indsats 62, Kvalitet i anbringelser 48, "
            "Kontinuitet i sagsbehandlingen 37, Inddragelse og barnets rettigheder 72, "
            "Faglig ledelse og økonomisk styring 56. "
            "Vises ikke: Overgangen til voksenlivet",
        ),
        (
            (100.0, 0.0, 50.0, 25.0, 75.0, 99.4),
            120,
            5,
            "Spørgeskema, n = 120 besvarelser. " + SCALE_NOTE,
            "Tidlig og rettidig indsats 100, Kvalitet i anbringelser 0, "
            "Kontinuitet i sagsbehandlingen 50, Inddragelse og barnets rettigheder 25, "
            "Overgangen til voksenlivet 75, Faglig ledelse og økonomisk styring 99",
        ),
        (
            (None, 40.0, None, 12.3, 80.8, 66.6),
            14,
            10,
            "Spørgeskema, n = 14 besvarelser. Vises ikke: færre end 10 besvarelser "
            "(Tidlig og rettidig indsats, Kontinuitet i sagsbehandlingen). "
            + SCALE_NOTE,
            "Kvalitet i anbringelser 40, Inddragelse og barnets rettigheder 12, "
            "Overgangen til voksenlivet 81, Faglig ledelse og økonomisk styring 67. "
            "Vises ikke: Tidlig og rettidig indsats, Kontinuitet i sagsbehandlingen",
        ),
    ],
)
def test_theme_scores_chart(
    scores: tuple[float | None, ...],
    respondents: int,
    threshold: int,
    footnote: str,
    alt_scores: str,
) -> None:
    """One bar per theme in instrument order; withheld values stay None and are named.

    The footnote gives n, the withheld themes with the reason and the scale; the alt
    text reads out every shown score, rounded to whole points, and names the withheld.
    """
    assessment = MunicipalityAssessment(
        code="760",
        name="Ringkøbing-Skjern",
        survey=survey_assessment(scores, respondents=respondents, threshold=threshold),
    )
    assert theme_scores_chart(assessment) == BarChartSpec(
        title="Parathed pr. tema (spørgeskema)",
        categories=TITLES,
        series_name="Score (0–100)",
        values=scores,
        number_format="0",
        footnote=footnote,
        alt_text="Søjlediagram over score pr. tema for Ringkøbing-Skjern: "
        + alt_scores
        + ".",
        axis_max=100.0,
    )


def test_alt_text_rounds_like_the_data_labels() -> None:
    """A score of 62.5 reads "63" in the alt text, as its data label shows it."""
    spec = theme_scores_chart(
        municipality_assessment((62.5, 48.3, 37.0, 71.9, None, 55.6))
    )
    assert "Tidlig og rettidig indsats 63," in spec.alt_text


def test_alt_text_when_every_theme_is_withheld() -> None:
    """With nothing shown, the alt text still reads as a sentence, not ': .'."""
    spec = theme_scores_chart(municipality_assessment((None,) * 6))
    assert spec.values == (None,) * 6
    assert not spec.alt_text.endswith(": .")
