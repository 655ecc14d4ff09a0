"""The readiness rule: levels, agreement, strength and the cap on disagreement."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parathed.analysis.assessment import Agreement, EvidenceStrength, ReadinessLevel
from parathed.analysis.readiness import assess_readiness, level_for

FAR, SOME = ReadinessLevel.FAR, ReadinessLevel.SOME_WAY
CLOSE, READY = ReadinessLevel.CLOSE, ReadinessLevel.READY


@pytest.mark.parametrize(
    ("current", "level"),
    [(0.0, FAR), (44.9, FAR), (45.0, SOME), (59.9, SOME), (60.0, CLOSE),
     (74.9, CLOSE), (75.0, READY), (100.0, READY)],
)  # fmt: skip
def test_level_bands(current: float, level: ReadinessLevel) -> None:
    """Bands: below 45, 45-60, 60-75, from 75."""
    assert level_for(current) is level


@pytest.mark.parametrize(
    ("survey", "n", "cases", "applicable", "strengths", "challenges",
     "level", "current", "agreement", "strength", "sources", "capped"),
    [
        # all three point to ready; enough answers for strong evidence
        (80.0, 30, 90.0, 12, 3, 1, READY, 85.0, Agreement.AGREE,
         EvidenceStrength.STRONG, 3, False),
        # questionnaire positive, cases negative: disagree, mean 60 = tæt på
        (80.0, 30, 40.0, 12, 0, 0, CLOSE, 60.0, Agreement.DISAGREE,
         EvidenceStrength.STRONG, 2, False),
        # mean 76.5 would be parat, but cases (58) disagree: capped
        (95.0, 30, 58.0, 10, 0, 0, CLOSE, 76.5, Agreement.DISAGREE,
         EvidenceStrength.STRONG, 2, True),
        # questionnaire only
        (50.0, 8, None, 0, 0, 0, SOME, 50.0, Agreement.SINGLE,
         EvidenceStrength.WEAK, 1, False),
        # too few case answers to count, nothing else: no level
        (None, 3, 30.0, 2, 0, 0, None, None, Agreement.NONE,
         EvidenceStrength.NONE, 0, False),
        # both low, few case answers: agree, moderate
        (30.0, 40, 20.0, 5, 0, 0, FAR, 25.0, Agreement.AGREE,
         EvidenceStrength.MODERATE, 2, False),
        # interviews alone give no level
        (None, 0, None, 0, 0, 2, None, None, Agreement.SINGLE,
         EvidenceStrength.WEAK, 1, False),
        # interviews tied: no direction, but they count as a source
        (70.0, 40, None, 0, 2, 2, CLOSE, 70.0, Agreement.SINGLE,
         EvidenceStrength.MODERATE, 2, False),
    ],
)  # fmt: skip
def test_readiness_rule(
    survey: float | None,
    n: int,
    cases: float | None,
    applicable: int,
    strengths: int,
    challenges: int,
    level: ReadinessLevel | None,
    current: float | None,
    agreement: Agreement,
    strength: EvidenceStrength,
    sources: int,
    capped: bool,
) -> None:
    """Each row is worked out by hand from the rule in docs/instrument.md."""
    result = assess_readiness(
        theme_code="alpha",
        theme_title="Alfa",
        survey_score=survey,
        survey_respondents=n,
        case_compliance=cases,
        case_applicable=applicable,
        interview_strengths=strengths,
        interview_challenges=challenges,
    )
    assert result.level is level
    assert result.current == current
    assert result.gap == (None if current is None else round(100 - current, 1))
    assert result.agreement is agreement
    assert result.strength is strength
    assert result.sources == sources
    assert result.capped is capped


SCORE = st.one_of(st.none(), st.floats(min_value=0, max_value=100))


@given(
    survey=SCORE,
    cases=SCORE,
    applicable=st.integers(0, 50),
    strengths=st.integers(0, 5),
    challenges=st.integers(0, 5),
)
def test_current_and_gap_stay_in_range(
    survey: float | None,
    cases: float | None,
    applicable: int,
    strengths: int,
    challenges: int,
) -> None:
    """current and gap lie in 0-100 and add up to 100; a level needs a number."""
    result = assess_readiness(
        theme_code="alpha",
        theme_title="Alfa",
        survey_score=survey,
        survey_respondents=10,
        case_compliance=cases,
        case_applicable=applicable,
        interview_strengths=strengths,
        interview_challenges=challenges,
    )
    if result.current is None:
        assert result.level is None
    else:
        assert result.gap is not None
        assert 0.0 <= result.current <= 100.0
        assert abs(result.current + result.gap - 100.0) < 0.11


def test_worked_example_in_the_docs() -> None:
    """docs/instrument.md: 68.4 (41) and 9 of 15 with 1 strength, 4 challenges."""
    result = assess_readiness(
        theme_code="casework_continuity",
        theme_title="Kontinuitet i sagsbehandlingen",
        survey_score=68.4,
        survey_respondents=41,
        case_compliance=60.0,
        case_applicable=15,
        interview_strengths=1,
        interview_challenges=4,
    )
    assert (result.current, result.gap) == (64.2, 35.8)
    assert result.level is ReadinessLevel.CLOSE
    assert result.agreement is Agreement.DISAGREE
    assert result.capped is False
    assert (result.strength, result.sources) == (EvidenceStrength.STRONG, 3)
