"""Questionnaire scoring: aligned values, answer scores and theme scores, by hand."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    SUPPRESSED_COMPLEMENTARY,
)
from parathed.analysis.evidence import (
    ResponseEvidence,
    SurveyEvidence,
    TextAnswerEvidence,
)
from parathed.analysis.survey import aligned_value, answer_score, score_survey
from parathed.instrument.schema import SURVEY_ROLES, Keying, Role
from tests.analysis.instruments import SMALL, response

POS, REV = Keying.POSITIVE, Keying.REVERSE


@pytest.mark.parametrize(
    ("value", "keying", "expected"),
    [
        (1, POS, 1),
        (3, POS, 3),
        (5, POS, 5),
        (1, REV, 5),
        (2, REV, 4),
        (3, REV, 3),
        (4, REV, 2),
        (5, REV, 1),
    ],
)
def test_aligned_value_turns_reverse_keyed_answers(
    value: int, keying: Keying, expected: int
) -> None:
    """A positive answer keeps its value; a reverse-keyed one becomes 6 - value."""
    assert aligned_value(value=value, keying=keying) == expected


@pytest.mark.parametrize("value", [0, 6, -1, 99])
@pytest.mark.parametrize("keying", [POS, REV])
def test_aligned_value_rejects_values_outside_the_scale(
    value: int, keying: Keying
) -> None:
    """A value outside 1-5 raises ValueError whatever the keying."""
    with pytest.raises(ValueError, match="outside 1-5"):
        aligned_value(value=value, keying=keying)


@pytest.mark.parametrize(
    ("value", "keying", "expected"),
    [
        (1, POS, 0.0),
        (2, POS, 25.0),
        (3, POS, 50.0),
        (4, POS, 75.0),
        (5, POS, 100.0),
        (1, REV, 100.0),
        (2, REV, 75.0),
        (3, REV, 50.0),
        (4, REV, 25.0),
        (5, REV, 0.0),
    ],
)
def test_answer_score_maps_the_aligned_scale_to_0_100(
    value: int, keying: Keying, expected: float
) -> None:
    """Score = (aligned - 1) / 4 * 100: 1 -> 0, 3 -> 50, 5 -> 100 after keying."""
    assert answer_score(value=value, keying=keying) == expected


# Worked example (SMALL: alpha = A1 + reverse A2, beta = B1), per respondent:
#   R1 med    A1=5 A2=5 B1=5      alpha (100 + 0) / 2 = 50   beta 100
#   R2 med    A1=4 B1=vk ZZ9=5    alpha 75                   beta -   (vk, unknown item)
#   R3 leder  A1=vk A2=2 B1=1     alpha 75 (A2 only)         beta 0
#   R4 chef   A1=3 A2=3 B1=3      alpha 50                   beta 50
#   R5 med    A1=1 A2=1 B1=4      alpha (0 + 100) / 2 = 50   beta 75
#   R6 med    everything vk       counts as a response, in no theme
# alpha: five respondents, (50 + 75 + 75 + 50 + 50) / 5 = 60.0 (pooling the eight
# answers instead would give 56.25). beta: four respondents, so withheld.
FOUR_ON_BETA = (
    response(A1=5, A2=5, B1=5),
    response(A1=4, B1=None, ZZ9=5),
    response(Role.LEDER, A1=None, A2=2, B1=1),
    response(Role.CHEF, A1=3, A2=3, B1=3),
    response(A1=1, A2=1, B1=4),
    response(A1=None, A2=None, B1=None),
)
# R7 med B1=2 -> beta 25; beta then rests on five: (100 + 0 + 50 + 75 + 25) / 5 = 50.0
FIVE_ON_BETA = (*FOUR_ON_BETA, response(B1=2))


def test_theme_score_is_the_mean_of_respondent_means() -> None:
    """Each respondent's theme mean counts once: alpha is 60.0, not the pooled 56.25."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=FOUR_ON_BETA),
        instrument=SMALL,
    )
    alpha = survey.theme("alpha")
    assert (alpha.score, alpha.respondents, alpha.withheld_reason) == (60.0, 5, None)
    assert alpha.theme_title == "Alfa"


def test_theme_is_withheld_at_four_respondents() -> None:
    """Beta, answered (not "ved ikke") by four people, has no score, only the reason."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=FOUR_ON_BETA),
        instrument=SMALL,
    )
    beta = survey.theme("beta")
    assert beta.score is None
    assert beta.respondents == 4
    assert beta.withheld_reason == SUPPRESSED_BELOW_THRESHOLD


def test_theme_is_shown_at_five_respondents() -> None:
    """A fifth answer on beta shows its score, 50.0, and leaves alpha at 60.0."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=FIVE_ON_BETA),
        instrument=SMALL,
    )
    assert [(t.theme_code, t.respondents, t.score) for t in survey.themes] == [
        ("alpha", 5, 60.0),
        ("beta", 5, 50.0),
    ]
    assert all(t.withheld_reason is None for t in survey.themes)


def test_respondent_counts_include_those_who_only_answered_dont_know() -> None:
    """All submitted responses count, by role, even one that is all "ved ikke"."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=FOUR_ON_BETA),
        instrument=SMALL,
    )
    assert survey.respondents == 6
    assert survey.respondents_by_role == (
        ("chef", 1),
        ("leder", 1),
        ("medarbejder", 4),
    )
    assert survey.threshold == 5


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # "ved ikke" is left out, it is not a 0: (100 + 75 + 75) / 3
        (({"A1": 5}, {"A1": 4}, {"A1": 4, "A2": None}), 83.3),
        # a reverse-keyed 1 is fully in line with the law: (100 + 100 + 100) / 3
        (({"A2": 1}, {"A2": 1}, {"A1": 5, "A2": 1}), 100.0),
        # one respondent's 25 and 0 make 12.5: (12.5 + 0 + 0) / 3 = 4.17 -> 4.2
        (({"A1": 2, "A2": 5}, {"A1": 1}, {"A2": 5}), 4.2),
        # (50 + 75 + 100) / 3 = 75
        (({"A1": 3}, {"A1": 4, "A2": None}, {"A1": None, "A2": 1}), 75.0),
    ],
)
def test_theme_score_with_a_threshold_of_three(
    answers: tuple[dict[str, int | None], ...], expected: float
) -> None:
    """With the threshold at 3, three respondents show alpha, rounded to 0.1."""
    survey = score_survey(
        SurveyEvidence(
            municipality_code="101",
            responses=tuple(response(Role.MEDARBEJDER, **a) for a in answers),
            threshold=3,
        ),
        instrument=SMALL,
    )
    assert survey.theme("alpha").score == expected
    assert survey.theme("beta").score is None
    assert survey.theme("beta").respondents == 0


def test_no_responses_withholds_every_theme() -> None:
    """A municipality without responses has zero respondents and no theme score."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=()), instrument=SMALL
    )
    assert survey.respondents == 0
    assert [(t.score, t.respondents) for t in survey.themes] == [(None, 0), (None, 0)]
    assert survey.respondents_by_role == (("chef", 0), ("leder", 0), ("medarbejder", 0))


def test_score_survey_does_not_change_its_input() -> None:
    """Scoring leaves the evidence as it was (it is frozen, and compares equal)."""
    evidence = SurveyEvidence(municipality_code="101", responses=FIVE_ON_BETA)
    before = repr(evidence)
    score_survey(evidence, instrument=SMALL)
    assert repr(evidence) == before


def test_theme_lookup_raises_for_an_unknown_theme() -> None:
    """``SurveyAssessment.theme`` raises KeyError for a code the instrument lacks."""
    survey = score_survey(
        SurveyEvidence(municipality_code="101", responses=()), instrument=SMALL
    )
    with pytest.raises(KeyError):
        survey.theme("gamma")


ANSWER = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
RESPONSES = st.lists(
    st.builds(
        lambda role, a1, a2, b1: response(role, A1=a1, A2=a2, B1=b1),
        st.sampled_from(SURVEY_ROLES),
        ANSWER,
        ANSWER,
        ANSWER,
    ),
    max_size=14,
)
THRESHOLD = st.integers(min_value=1, max_value=8)


@given(responses=RESPONSES, threshold=THRESHOLD)
def test_every_shown_score_lies_between_0_and_100(
    responses: list[ResponseEvidence], threshold: int
) -> None:
    """Whatever the answers, a theme score is None or within 0-100."""
    survey = score_survey(
        SurveyEvidence("101", tuple(responses), threshold), instrument=SMALL
    )
    for theme in survey.themes:
        assert theme.score is None or 0.0 <= theme.score <= 100.0
    groups = [g for item in survey.items for g in item.groups]
    groups += [g for theme in survey.theme_results for g in theme.groups]
    for group in groups:
        for value in (group.score, group.share_in_line, group.dont_know_share):
            assert value is None or 0.0 <= value <= 100.0
        assert group.shown == (group.score is not None)
        assert not group.shown or (group.answered or 0) >= threshold
        assert group.shown or (group.answered, group.dont_know) == (None, None)


@given(responses=RESPONSES, threshold=THRESHOLD, data=st.data())
def test_scores_do_not_depend_on_the_order_of_respondents(
    responses: list[ResponseEvidence], threshold: int, data: st.DataObject
) -> None:
    """Shuffling the responses gives exactly the same assessment."""
    shuffled = data.draw(st.permutations(responses))
    first = score_survey(
        SurveyEvidence("101", tuple(responses), threshold), instrument=SMALL
    )
    second = score_survey(
        SurveyEvidence("101", tuple(shuffled), threshold), instrument=SMALL
    )
    assert first == second


# --- Items, role groups, role gaps, free text --------------------------------------

STAFF_ANSWERS = (  # (A1, A2) per medarbejder; A2 is reverse-keyed
    (5, 1),
    (4, 1),
    (4, 2),
    (2, 5),
    (None, None),
    (1, None),
)


def _staff_only(threshold: int = 5) -> SurveyEvidence:
    return SurveyEvidence(
        "101",
        tuple(response(Role.MEDARBEJDER, A1=a1, A2=a2) for a1, a2 in STAFF_ANSWERS),
        threshold,
    )


def test_item_distribution_share_in_line_and_dont_know() -> None:
    """A1: 5,4,4,2,1 and one "ved ikke" -> score 55, 60 % in line, 16.7 % ved ikke."""
    item = score_survey(_staff_only(), instrument=SMALL).item("A1").group("alle")
    assert item.respondents == 6
    assert item.answered == 5
    assert item.distribution == (1, 1, 0, 2, 1)
    assert item.dont_know == 1
    assert item.score == 55.0  # (5+4+4+2+1 - 5) / (4*5) * 100
    assert item.share_in_line == 60.0
    assert item.dont_know_share == 16.7


def test_reverse_keyed_item_is_turned_before_scoring() -> None:
    """A2 (reverse): 1,1,2,5 -> aligned 5,5,4,1 -> score 68.8, 75 % in line.

    Four answers: withheld at the default threshold, shown at a threshold of 4.
    """
    withheld = score_survey(_staff_only(), instrument=SMALL).item("A2").group("alle")
    assert withheld.score is None
    assert withheld.distribution is None
    assert withheld.withheld_reason == SUPPRESSED_BELOW_THRESHOLD
    item = score_survey(_staff_only(4), instrument=SMALL).item("A2")
    assert item.reverse
    group = item.group("alle")
    assert group.distribution == (2, 1, 0, 0, 1)  # as answered, not turned
    assert group.score == 68.8  # (15 - 4) / 16 * 100 = 68.75
    assert group.share_in_line == 75.0
    assert group.dont_know_share == 33.3


def test_theme_result_per_group_with_aligned_distribution() -> None:
    """Alpha: respondent means 100, 87.5, 75, 12.5, 0 -> 55; 6 took part, 5 scored."""
    theme = score_survey(_staff_only(), instrument=SMALL).theme_result("alpha")
    staff = theme.group("medarbejder")
    assert (staff.respondents, staff.answered, staff.score) == (6, 5, 55.0)
    assert staff.distribution == (2, 1, 0, 3, 3)  # aligned 1..5 over 9 answers
    assert staff.share_in_line == 66.7
    assert staff.dont_know == 3
    assert theme.group("alle") == dataclasses.replace(staff, group="alle")
    assert theme.group("chef").respondents == 0
    assert theme.group("chef").score is None


def _one_chef() -> SurveyEvidence:
    chef = [response(Role.CHEF, B1=5)]
    leaders = [response(Role.LEDER, B1=v) for v in (5, 5, 5, 4, 4)]
    staff = [response(Role.MEDARBEJDER, B1=v) for v in (1, 2, 3, 3, 3, 3)]
    return SurveyEvidence("101", tuple(chef + leaders + staff))


def test_one_chef_is_merged_into_ledelse_and_leder_is_withheld_as_complement() -> None:
    """1 chef + 5 ledere: ledelse is shown; leder alone would expose the chef."""
    item = score_survey(_one_chef(), instrument=SMALL).item("B1")
    assert item.group("ledelse").score == 91.7  # (28 - 6) / 24 * 100
    assert item.group("medarbejder").score == 37.5
    assert item.group("chef").withheld_reason == SUPPRESSED_BELOW_THRESHOLD
    assert item.group("leder").withheld_reason == SUPPRESSED_COMPLEMENTARY
    assert item.group("leder").respondents == 5  # counts stay visible
    assert item.group("alle").score == 64.6  # (43 - 12) / 48 * 100 = 64.58


def test_role_gap_is_ledelse_minus_medarbejdere_where_both_are_shown() -> None:
    """B1: 91.7 - 37.5 = 54.2 points; alpha has no answers, so no gap."""
    survey = score_survey(_one_chef(), instrument=SMALL)
    gap = next(g for g in survey.item_gaps if g.subject == "B1")
    assert (gap.ledelse, gap.medarbejder, gap.gap) == (91.7, 37.5, 54.2)
    theme_gap = next(g for g in survey.theme_gaps if g.subject == "beta")
    assert theme_gap.gap == 54.2
    alpha = next(g for g in survey.theme_gaps if g.subject == "alpha")
    assert alpha.gap is None


def test_no_role_gap_when_ledelse_is_below_the_threshold() -> None:
    """Two ledere and a chef (3) against staff: no gap is shown."""
    evidence = SurveyEvidence(
        "101",
        tuple(
            [response(Role.CHEF, B1=5), response(Role.LEDER, B1=5)]
            + [response(Role.LEDER, B1=4)]
            + [response(Role.MEDARBEJDER, B1=2) for _ in range(8)]
        ),
    )
    gap = score_survey(evidence, instrument=SMALL).item_gaps[-1]
    assert gap.subject == "B1"
    assert gap.ledelse is None
    assert gap.gap is None


@pytest.mark.parametrize(("comments", "shown"), [(9, False), (10, True)])
def test_free_text_is_shown_only_from_ten_comments(comments: int, shown: bool) -> None:
    """Nine comments: withheld with the reason; ten: shown, sorted, blanks dropped."""
    texts = tuple(
        TextAnswerEvidence("OPEN01", f"Kommentar {n:02d}") for n in range(comments)
    )
    evidence = SurveyEvidence(
        "101", (), texts=(*texts, TextAnswerEvidence("OPEN01", "  "))
    )
    (group,) = score_survey(evidence, instrument=SMALL).comments
    assert group.comments == comments
    assert bool(group.texts) is shown
    assert (group.withheld_reason is None) is shown
    if shown:
        assert group.texts == tuple(sorted(t.text for t in texts))


C, L, M = Role.CHEF, Role.LEDER, Role.MEDARBEJDER


@pytest.mark.parametrize(
    ("expected", "percents", "total"),
    [
        ({C: 1, L: 4, M: 10}, (100, 75, 70), (15, 73)),
        ({C: 1, M: 10}, (100, None, 70), (None, None)),
        ({}, (None, None, None), (None, None)),
        ({C: 0, L: 4, M: 10}, (None, 75, 70), (14, 79)),
        ({C: 1, L: 2, M: 10}, (100, 150, 70), (13, 85)),
    ],
)
def test_response_rate_per_role_and_in_total(
    expected: dict[Role, int],
    percents: tuple[int | None, ...],
    total: tuple[int | None, int | None],
) -> None:
    """One chef, three leaders and seven staff answered: the rate of each role is
    answered / expected in whole percent (more than 100 when more answered); none
    without a number or with 0; the total only when every role has a number."""
    evidence = SurveyEvidence(
        municipality_code="101",
        responses=tuple(
            ResponseEvidence(role, ())
            for role, n in ((C, 1), (L, 3), (M, 7))
            for _ in range(n)
        ),
        expected=tuple(expected.items()),
    )
    rates = score_survey(evidence, instrument=SMALL).response_rates
    assert [r.role for r in rates] == ["chef", "leder", "medarbejder", ""]
    assert tuple(r.percent for r in rates[:3]) == percents
    assert tuple(r.submitted for r in rates) == (1, 3, 7, 11)
    assert tuple(r.expected for r in rates[:3]) == tuple(
        expected.get(role) for role in (C, L, M)
    )
    assert (rates[3].expected, rates[3].percent) == total
