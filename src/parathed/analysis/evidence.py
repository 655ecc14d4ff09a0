"""What selectors hand to the analysis core: plain, frozen values with no Django types.

Invariant: nothing here points to a person. A response carries its role and answers,
never a name, token, IP address or time of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from parathed.instrument.schema import CheckStatus, Role

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
class TextAnswerEvidence:
    """One answer to an open question, already through the CPR guard; no role."""

    question_id: str
    text: str


@dataclass(frozen=True, slots=True)
class SurveyEvidence:
    """Every submitted response of one municipality in one round."""

    municipality_code: str
    responses: tuple[ResponseEvidence, ...]
    threshold: int = DEFAULT_THRESHOLD
    texts: tuple[TextAnswerEvidence, ...] = ()
    text_threshold: int = DEFAULT_TEXT_THRESHOLD
    # Expected respondents per role as the municipal contact entered them (the
    # denominator of the response rate); a role without a number is left out.
    expected: tuple[tuple[Role, int], ...] = ()


@dataclass(frozen=True, slots=True)
class CheckAnswerEvidence:
    """One case-screening check as the screener recorded it in one case file.

    ``status`` is what the screener chose; for a DATE check it is ``None`` unless the
    screener marked it not relevant or not documented, and the analysis evaluates the
    check's date rule from the case's dates. ``count`` is the number a COUNT check
    asks for.
    """

    check_id: str
    status: CheckStatus | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class CaseEvidence:
    """One completed screening of one case file, known only by its pseudonymous label.

    ``rater`` is 1 for the first completed screening of the case and 2 for a second
    consultant's independent screening of the same case (used for agreement only).
    """

    label: str  # "Sag A"; never a name or CPR number
    rater: int
    kinds: tuple[str, ...]  # case kinds from the instrument, e.g. ("notification",)
    age_band: str  # e.g. "0-5", "6-11", "12-17", "18-22"
    dates: tuple[tuple[str, date], ...]  # (case fact name, date)
    answers: tuple[CheckAnswerEvidence, ...]


class Valence(StrEnum):
    """Whether a coded interview statement is a strength or a challenge."""

    STRENGTH = "styrke"
    CHALLENGE = "udfordring"


@dataclass(frozen=True, slots=True)
class StatementEvidence:
    """One coded statement from an interview: theme, valence and development needs.

    ``paraphrase`` may appear in the municipality's own outputs only, never in
    partnership outputs.
    """

    theme: str
    valence: Valence
    development_needs: tuple[str, ...] = ()
    paraphrase: str = ""


@dataclass(frozen=True, slots=True)
class InterviewEvidence:
    """One interview: who took part (roles, a head count, no names) and its coding."""

    roles: tuple[str, ...]  # "chef", "leder", "medarbejder", "udfoerer"
    participants: int
    statements: tuple[StatementEvidence, ...]


class FigureStatus(StrEnum):
    """How far the municipality has validated a key-figure input."""

    UNVALIDATED = "unvalidated"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"  # the municipality's value replaced the source's


@dataclass(frozen=True, slots=True)
class FigureEvidence:
    """One raw key-figure input for one municipality and year, with its provenance.

    ``name`` is an input named in ``parathed.analysis.keyfigures``; indicators are
    computed from these inputs by the analysis, never stored ready-made. ``value`` is
    ``None`` when the source has it missing or suppressed (never 0).
    """

    municipality_code: str
    name: str
    year: int
    value: float | None
    source: str  # "Danmarks Statistik, Statistikbanken, tabel UND2 (udtrukket …)"
    status: FigureStatus = FigureStatus.UNVALIDATED


@dataclass(frozen=True, slots=True)
class MunicipalityEvidence:
    """All evidence about one municipality in one round."""

    code: str
    name: str
    survey: SurveyEvidence
    cases: tuple[CaseEvidence, ...] = ()
    interviews: tuple[InterviewEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class RoundEvidence:
    """All evidence of one measurement round of a partnership."""

    partnership_name: str
    round_name: str
    instrument_version: str
    municipalities: tuple[MunicipalityEvidence, ...]
    threshold: int = DEFAULT_THRESHOLD
    # Key-figure inputs for every municipality in the country, not only the
    # partnership's, so that national and comparable-group benchmarks can be computed.
    figures: tuple[FigureEvidence, ...] = ()
    # The earlier round of the same partnership, for a re-measurement (its own
    # instrument version; the analysis compares only items comparable across them).
    baseline: RoundEvidence | None = None
