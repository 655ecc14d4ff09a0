"""The anonymity rule: no metric for a group below the threshold, in scores too."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    WITHHELD_REASONS_DA,
)
from parathed.analysis.evidence import (
    DEFAULT_THRESHOLD,
    ResponseEvidence,
    SurveyEvidence,
)
from parathed.analysis.suppression import withheld_reason
from parathed.analysis.survey import score_survey
from parathed.instrument.schema import SURVEY_ROLES
from tests.analysis.instruments import SMALL, response


@pytest.mark.parametrize(
    ("group_size", "threshold", "expected"),
    [
        (0, 5, SUPPRESSED_BELOW_THRESHOLD),
        (1, 5, SUPPRESSED_BELOW_THRESHOLD),
        (4, 5, SUPPRESSED_BELOW_THRESHOLD),
        (5, 5, None),
        (6, 5, None),
        (500, 5, None),
        (0, 1, SUPPRESSED_BELOW_THRESHOLD),
        (1, 1, None),
        (9, 10, SUPPRESSED_BELOW_THRESHOLD),
        (10, 10, None),
    ],
)
def test_withheld_reason_below_threshold(
    group_size: int, threshold: int, expected: str | None
) -> None:
    """A group smaller than the threshold is withheld; at the threshold it is shown."""
    assert withheld_reason(group_size=group_size, threshold=threshold) == expected


@pytest.mark.parametrize(
    ("group_size", "threshold", "message"),
    [
        (5, 0, "threshold must be at least 1"),
        (5, -3, "threshold must be at least 1"),
        (-1, 5, "group_size cannot be negative"),
    ],
)
def test_withheld_reason_rejects_impossible_input(
    group_size: int, threshold: int, message: str
) -> None:
    """A threshold below 1 or a negative group raises ValueError with the cause."""
    with pytest.raises(ValueError, match=message):
        withheld_reason(group_size=group_size, threshold=threshold)


def test_default_threshold_is_five() -> None:
    """The shipped rule rests every metric on at least five respondents."""
    assert DEFAULT_THRESHOLD == 5
    assert SurveyEvidence(municipality_code="101", responses=()).threshold == 5


def test_every_reason_has_a_danish_text_with_the_threshold() -> None:
    """Each withheld reason has a Danish sentence that names the threshold."""
    text = WITHHELD_REASONS_DA[SUPPRESSED_BELOW_THRESHOLD] % {"threshold": 5}
    assert text == "Vises ikke: færre end 5 besvarelser"


@given(
    group_size=st.integers(min_value=0, max_value=10_000),
    threshold=st.integers(min_value=1, max_value=100),
)
def test_withheld_exactly_when_the_group_is_too_small(
    group_size: int, threshold: int
) -> None:
    """For any sizes, the reason is given if and only if group < threshold."""
    reason = withheld_reason(group_size=group_size, threshold=threshold)
    assert (reason is not None) == (group_size < threshold)


ANSWER = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
RESPONSES = st.lists(
    st.builds(
        lambda role, a1, a2, b1: response(role, A1=a1, A2=a2, B1=b1),
        st.sampled_from(SURVEY_ROLES),
        ANSWER,
        ANSWER,
        ANSWER,
    ),
    max_size=12,
)


@given(
    responses=RESPONSES,
    threshold=st.one_of(st.just(DEFAULT_THRESHOLD), st.integers(1, 8)),
)
def test_no_theme_score_rests_on_fewer_respondents_than_the_threshold(
    responses: list[ResponseEvidence], threshold: int
) -> None:
    """A theme is scored only when enough people answered it other than "ved ikke".

    The respondent count is worked out here from the answers, independently of the
    scoring: the people with at least one real answer on an item of the theme.
    """
    survey = score_survey(
        SurveyEvidence("101", tuple(responses), threshold), instrument=SMALL
    )
    for theme in survey.themes:
        items = {item.id for item in SMALL.items if item.theme == theme.theme_code}
        answered = sum(
            any(a.item_id in items and a.value is not None for a in r.answers)
            for r in responses
        )
        assert theme.respondents == answered
        if answered < threshold:
            assert theme.score is None
            assert theme.withheld_reason == SUPPRESSED_BELOW_THRESHOLD
        else:
            assert theme.score is not None
            assert theme.withheld_reason is None
