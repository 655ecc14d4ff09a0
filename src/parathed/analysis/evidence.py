"""What selectors hand to the analysis core: plain, frozen values with no Django types.

Invariant: nothing here points to a person. A response carries its role and answers,
never a name, token, IP address or time of day.
"""

from __future__ import annotations

from dataclasses import dataclass

from parathed.instrument.schema import Role

DEFAULT_THRESHOLD = 5  # fewest respondents behind any metric shown (reliability.md A1)
DEFAULT_TEXT_THRESHOLD = 10  # fewest comments before free text is shown (A2)


@dataclass(frozen=True, slots=True)
class AnswerEvidence:
    """One questionnaire answer, with nothing that points to the respondent."""

    item_id: str
    value: int | None  # 1..5; None is "ved ikke" (don't know), which is not a 0


@dataclass(frozen=True, slots=True)
class ResponseEvidence:
    """One submitted questionnaire: the respondent's role and answers."""

    role: Role
    answers: tuple[AnswerEvidence, ...]


@dataclass(frozen=True, slots=True)
class SurveyEvidence:
    """Every submitted response of one municipality in one round."""

    municipality_code: str
    responses: tuple[ResponseEvidence, ...]
    threshold: int = DEFAULT_THRESHOLD


@dataclass(frozen=True, slots=True)
class MunicipalityEvidence:
    """All evidence about one municipality in one round."""

    code: str
    name: str
    survey: SurveyEvidence


@dataclass(frozen=True, slots=True)
class RoundEvidence:
    """All evidence of one measurement round of a partnership."""

    partnership_name: str
    round_name: str
    instrument_version: str
    municipalities: tuple[MunicipalityEvidence, ...]
    threshold: int = DEFAULT_THRESHOLD
