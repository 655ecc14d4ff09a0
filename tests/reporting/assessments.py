"""Hand-made assessments for the report tests: plain dataclasses, no scoring."""

from __future__ import annotations

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    MunicipalityAssessment,
    RoundAssessment,
    SurveyAssessment,
    ThemeScore,
)

THEMES = (
    ("earlier_support", "Tidlig og rettidig indsats"),
    ("placement_quality", "Kvalitet i anbringelser"),
    ("casework_continuity", "Kontinuitet i sagsbehandlingen"),
    ("involvement_rights", "Inddragelse og barnets rettigheder"),
    ("transition_adulthood", "Overgangen til voksenlivet"),
    ("leadership_steering", "Faglig ledelse og økonomisk styring"),
)
# One withheld theme (transition_adulthood: four respondents), the rest shown.
SCORES: tuple[float | None, ...] = (61.7, 48.3, 37.0, 71.9, None, 55.6)


def survey_assessment(
    scores: tuple[float | None, ...] = SCORES,
    *,
    respondents: int = 37,
    threshold: int = 5,
    themes: tuple[tuple[str, str], ...] = THEMES,
) -> SurveyAssessment:
    """Returns a survey assessment; a None score is withheld below the threshold."""
    return SurveyAssessment(
        respondents=respondents,
        respondents_by_role=(("chef", 2), ("leder", 6), ("medarbejder", 29)),
        themes=tuple(
            ThemeScore(
                theme_code=code,
                theme_title=title,
                respondents=4 if score is None else 30 + i,
                score=score,
                withheld_reason=None
                if score is not None
                else SUPPRESSED_BELOW_THRESHOLD,
            )
            for i, ((code, title), score) in enumerate(zip(themes, scores, strict=True))
        ),
        threshold=threshold,
    )


def municipality_assessment(
    scores: tuple[float | None, ...] = SCORES, *, name: str = "Ringkøbing-Skjern"
) -> MunicipalityAssessment:
    """Returns one municipality's assessment (code 760) with ``scores``."""
    return MunicipalityAssessment(
        code="760", name=name, survey=survey_assessment(scores)
    )


def round_assessment(*municipalities: MunicipalityAssessment) -> RoundAssessment:
    """Returns a round of a made-up partnership holding ``municipalities``."""
    return RoundAssessment(
        partnership_name="Testpartnerskab Vest",
        round_name="Baseline 2026",
        instrument_version="1.0",
        municipalities=municipalities,
    )
