"""The readiness rule: one theme's sources combined into one of four levels.

In: the theme's questionnaire score, case compliance and interview counts (already
computed and suppressed). Out: ``ThemeReadiness``. The whole rule is
``assess_readiness``; docs/instrument.md ("Readiness levels") explains it with a
worked example. Key figures are not part of the rule: they are shown beside the level
as context (their benchmarks live in ``analysis.keyfigures``).
"""

from __future__ import annotations

from parathed.analysis.assessment import (
    Agreement,
    EvidenceStrength,
    ReadinessLevel,
    ThemeReadiness,
)

# Lower bounds of the levels on the 0-100 "current practice" scale.
LEVEL_FROM: tuple[tuple[float, ReadinessLevel], ...] = (
    (75.0, ReadinessLevel.READY),
    (60.0, ReadinessLevel.CLOSE),
    (45.0, ReadinessLevel.SOME_WAY),
    (0.0, ReadinessLevel.FAR),
)
POSITIVE_FROM = 60.0  # a source at or above this points towards "ready"
MIN_CASE_ANSWERS = 3  # fewest applicable check answers for case screening to count
STRONG_SURVEY = 20  # respondents for strong evidence
STRONG_CASES = 10  # applicable check answers for strong evidence


def level_for(current: float) -> ReadinessLevel:
    """Returns the level of a current-practice value on 0-100."""
    for lower, level in LEVEL_FROM:
        if current >= lower:
            return level
    return ReadinessLevel.FAR


def assess_readiness(
    *,
    theme_code: str,
    theme_title: str,
    survey_score: float | None,
    survey_respondents: int,
    case_compliance: float | None,
    case_applicable: int,
    interview_strengths: int,
    interview_challenges: int,
) -> ThemeReadiness:
    """Returns the theme's readiness level, gap, evidence agreement and strength.

    1. Number sources: the questionnaire score (when shown) and the case compliance
       (when at least ``MIN_CASE_ANSWERS`` answers were applicable).
    2. ``current`` = their unweighted mean (0-100); ``gap`` = 100 - current.
    3. Level by ``LEVEL_FROM``: from 75 parat, 60 tæt på, 45 et stykke fra, below
       that langt fra parat. No number source: no level.
    4. Direction per source: a number source points "ready" from 60; interviews
       point "ready" with more strengths than challenges, "not ready" with more
       challenges, nowhere when equal. Two or more directions: agree if all the
       same, else disagree; one: a single source.
    5. Disagreeing sources cap the level at "tæt på parat" (``capped``).
    6. Strength: strong with both number sources, at least ``STRONG_SURVEY``
       respondents and ``STRONG_CASES`` applicable answers; moderate with two or
       more sources (interviews count when they coded the theme); weak with one.
    """
    numbers: list[float] = []
    directions: list[bool] = []
    if survey_score is not None:
        numbers.append(survey_score)
        directions.append(survey_score >= POSITIVE_FROM)
    cases = case_compliance if case_applicable >= MIN_CASE_ANSWERS else None
    if cases is not None:
        numbers.append(cases)
        directions.append(cases >= POSITIVE_FROM)
    interviewed = interview_strengths + interview_challenges > 0
    if interview_strengths != interview_challenges:
        directions.append(interview_strengths > interview_challenges)
    sources = len(numbers) + (1 if interviewed else 0)
    if len(directions) >= 2:
        agreement = Agreement.AGREE if len(set(directions)) == 1 else Agreement.DISAGREE
    elif sources >= 1:
        agreement = Agreement.SINGLE
    else:
        agreement = Agreement.NONE
    current = round(sum(numbers) / len(numbers), 1) if numbers else None
    level = None if current is None else level_for(current)
    capped = False
    if level is ReadinessLevel.READY and agreement is Agreement.DISAGREE:
        level, capped = ReadinessLevel.CLOSE, True
    if (
        len(numbers) == 2
        and survey_respondents >= STRONG_SURVEY
        and case_applicable >= STRONG_CASES
    ):
        strength = EvidenceStrength.STRONG
    elif sources >= 2:
        strength = EvidenceStrength.MODERATE
    elif sources == 1:
        strength = EvidenceStrength.WEAK
    else:
        strength = EvidenceStrength.NONE
    return ThemeReadiness(
        theme_code=theme_code,
        theme_title=theme_title,
        level=level,
        current=current,
        gap=None if current is None else round(100.0 - current, 1),
        survey_score=survey_score,
        survey_respondents=survey_respondents,
        case_compliance=cases,
        case_applicable=case_applicable,
        interview_strengths=interview_strengths,
        interview_challenges=interview_challenges,
        agreement=agreement,
        strength=strength,
        sources=sources,
        capped=capped,
    )
