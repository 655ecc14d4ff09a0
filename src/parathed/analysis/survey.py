"""Questionnaire scores per theme, from answers on a five-point agreement scale.

In: ``SurveyEvidence`` and the ``Instrument``. Out: ``SurveyAssessment``. An answer is
aligned with the law's direction (reverse-keyed items flipped), mapped to 0-100 by
``(aligned - 1) / 4 * 100``; a theme's score is the mean over respondents of each
respondent's mean on that theme. "Ved ikke" is left out. Method: docs/instrument.md.
"""

from __future__ import annotations

from collections import Counter
from statistics import fmean

from parathed.analysis.assessment import SurveyAssessment, ThemeScore
from parathed.analysis.evidence import ResponseEvidence, SurveyEvidence
from parathed.analysis.suppression import withheld_reason
from parathed.instrument.schema import SURVEY_ROLES, Instrument, Keying

SCALE_MIN = 1
SCALE_MAX = 5


def aligned_value(*, value: int, keying: Keying) -> int:
    """Returns ``value`` (1-5) turned so that 5 is always closest to the law.

    Raises ValueError for a value outside 1-5.
    """
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"answer {value} is outside {SCALE_MIN}-{SCALE_MAX}")
    if keying is Keying.REVERSE:
        return SCALE_MAX + SCALE_MIN - value
    return value


def answer_score(*, value: int, keying: Keying) -> float:
    """Returns one answer's score on 0-100 (100 = fully in line with the law)."""
    return (
        (aligned_value(value=value, keying=keying) - SCALE_MIN)
        / (SCALE_MAX - SCALE_MIN)
        * 100.0
    )


def _respondent_theme_means(
    response: ResponseEvidence, instrument: Instrument
) -> dict[str, float]:
    scores: dict[str, list[float]] = {}
    keyed = {item.id: item for item in instrument.items}
    for answer in response.answers:
        item = keyed.get(answer.item_id)
        if item is None or answer.value is None:
            continue
        scores.setdefault(item.theme, []).append(
            answer_score(value=answer.value, keying=item.keying)
        )
    return {theme: fmean(values) for theme, values in scores.items()}


def score_survey(
    evidence: SurveyEvidence, *, instrument: Instrument
) -> SurveyAssessment:
    """Scores each theme for the municipality as a whole.

    A theme score rests on the respondents who gave at least one answer other than
    "ved ikke" on it; under ``evidence.threshold`` of them it is withheld (None with a
    reason). Answers to items not in ``instrument`` are ignored. Does not change its
    input.
    """
    per_theme: dict[str, list[float]] = {theme.code: [] for theme in instrument.themes}
    for response in evidence.responses:
        for code, mean in _respondent_theme_means(response, instrument).items():
            per_theme[code].append(mean)
    themes = []
    for theme in instrument.themes:
        means = sorted(
            per_theme[theme.code]
        )  # sorted: order of respondents is irrelevant
        reason = withheld_reason(group_size=len(means), threshold=evidence.threshold)
        themes.append(
            ThemeScore(
                theme_code=theme.code,
                theme_title=theme.title,
                respondents=len(means),
                score=None if reason else round(fmean(means), 1),
                withheld_reason=reason,
            )
        )
    roles = Counter(response.role.value for response in evidence.responses)
    return SurveyAssessment(
        respondents=len(evidence.responses),
        respondents_by_role=tuple(
            (role.value, roles[role.value]) for role in SURVEY_ROLES
        ),
        themes=tuple(themes),
        threshold=evidence.threshold,
    )
