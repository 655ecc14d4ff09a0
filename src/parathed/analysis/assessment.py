"""What the analysis core produces, and what reporting and pages may read.

Invariant: a withheld value is ``None`` together with the reason; reporting never
decides what to hide. Every number here is computed once, by one function in
``analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESSED_BELOW_THRESHOLD = "below_threshold"

WITHHELD_REASONS_DA: dict[str, str] = {
    SUPPRESSED_BELOW_THRESHOLD: "Vises ikke: færre end %(threshold)s besvarelser",
}


@dataclass(frozen=True, slots=True)
class ThemeScore:
    """A theme's questionnaire score for one group of respondents."""

    theme_code: str
    theme_title: str
    respondents: int  # respondents with at least one answer other than "ved ikke"
    score: float | None  # 0-100; None when withheld (see ``withheld_reason``)
    withheld_reason: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyAssessment:
    """The questionnaire result of one municipality."""

    respondents: int
    respondents_by_role: tuple[
        tuple[str, int], ...
    ]  # (role, count); counts may be shown
    themes: tuple[ThemeScore, ...]
    threshold: int

    def theme(self, code: str) -> ThemeScore:
        """Returns the score of the theme ``code``; raises KeyError when absent."""
        for theme in self.themes:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class MunicipalityAssessment:
    """Everything the analysis says about one municipality in one round."""

    code: str
    name: str
    survey: SurveyAssessment


@dataclass(frozen=True, slots=True)
class RoundAssessment:
    """The assessment of every municipality in a round of a partnership."""

    partnership_name: str
    round_name: str
    instrument_version: str
    municipalities: tuple[MunicipalityAssessment, ...]

    def municipality(self, code: str) -> MunicipalityAssessment:
        """Returns the assessment of the municipality ``code``; KeyError when absent."""
        for municipality in self.municipalities:
            if municipality.code == code:
                return municipality
        raise KeyError(code)
