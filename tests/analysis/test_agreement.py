"""Check outcomes in one screening and agreement between two screeners, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parathed.analysis.agreement import (
    CaseAgreement,
    case_outcomes,
    check_applies,
    check_outcome,
    compare_screenings,
    count_met,
    pooled_share,
)
from parathed.analysis.evidence import CaseEvidence, CheckAnswerEvidence
from parathed.instrument.schema import (
    CaseCheck,
    CheckAnswerType,
    CheckStatus,
    DateRule,
    LawRef,
)

MET, NOT_MET = CheckStatus.MET, CheckStatus.NOT_MET
NR, ND = CheckStatus.NOT_RELEVANT, CheckStatus.NOT_DOCUMENTED


def _check(
    check_id: str,
    answer_type: CheckAnswerType = CheckAnswerType.STATUS,
    *,
    applies_to: tuple[str, ...] = (),
    rule: DateRule | None = None,
    count_min: int | None = None,
    count_max: int | None = None,
) -> CaseCheck:
    return CaseCheck(
        id=check_id,
        text=f"Kontrol {check_id}",
        theme="alpha",
        answer_type=answer_type,
        law_refs=(LawRef("20", 3),),
        rule=rule,
        applies_to=applies_to,
        count_min=count_min,
        count_max=count_max,
    )


BFU = _check(
    "D1",
    CheckAnswerType.DATE,
    applies_to=("notification",),
    rule=DateRule(start="awareness_date", end="bfu_finished_date", max_months=4),
)
VISITS = _check("C1", CheckAnswerType.COUNT, count_min=2)
CHANGES = _check("C2", CheckAnswerType.COUNT, count_max=1)
PLAIN = _check("S1")
PLACEMENT_ONLY = _check("S2", applies_to=("placement",))
CHECKS = (BFU, VISITS, CHANGES, PLAIN, PLACEMENT_ONLY)
LATE = {"awareness_date": date(2026, 1, 5), "bfu_finished_date": date(2026, 5, 28)}
IN_TIME = {"awareness_date": date(2026, 1, 5), "bfu_finished_date": date(2026, 5, 5)}


def _answer(
    check_id: str, status: CheckStatus | None = None, count: int | None = None
) -> CheckAnswerEvidence:
    return CheckAnswerEvidence(check_id=check_id, status=status, count=count)


@pytest.mark.parametrize(
    ("check", "answer", "dates", "expected"),
    [
        (PLAIN, _answer("S1", MET), {}, MET),
        (PLAIN, _answer("S1", ND), {}, ND),
        (PLAIN, _answer("S1"), {}, None),
        (PLAIN, None, {}, None),
        (BFU, _answer("D1"), LATE, NOT_MET),
        (BFU, _answer("D1"), IN_TIME, MET),
        (BFU, _answer("D1"), {"awareness_date": date(2026, 1, 5)}, None),
        (BFU, _answer("D1", NR), LATE, NR),
        (BFU, _answer("D1", ND), {}, ND),
        (VISITS, _answer("C1", count=2), {}, MET),
        (VISITS, _answer("C1", count=1), {}, NOT_MET),
        (CHANGES, _answer("C2", count=1), {}, MET),
        (CHANGES, _answer("C2", count=3), {}, NOT_MET),
        (CHANGES, _answer("C2"), {}, None),
        (CHANGES, _answer("C2", NR), {}, NR),
    ],
)
def test_check_outcome(
    check: CaseCheck,
    answer: CheckAnswerEvidence | None,
    dates: dict[str, date],
    expected: CheckStatus | None,
) -> None:
    """Dates and counts decide a check; not relevant / not documented always win."""
    assert check_outcome(check, answer, dates) is expected


@pytest.mark.parametrize(
    ("applies_to", "kinds", "expected"),
    [
        ((), (), True),
        ((), ("support",), True),
        (("placement",), ("support",), False),
        (("placement", "support"), ("support",), True),
    ],
)
def test_check_applies(
    applies_to: tuple[str, ...], kinds: tuple[str, ...], expected: bool
) -> None:
    assert check_applies(_check("X", applies_to=applies_to), kinds) is expected


@given(
    count=st.integers(0, 50),
    low=st.none() | st.integers(0, 10),
    high=st.none() | st.integers(0, 10),
)
def test_count_met_is_within_the_limits(
    count: int, low: int | None, high: int | None
) -> None:
    """A count is met exactly when it lies within the limits that are set."""
    check = _check("C", CheckAnswerType.COUNT, count_min=low, count_max=high)
    expected = (low is None or count >= low) and (high is None or count <= high)
    assert count_met(check, count) is expected


def _case(
    *answers: CheckAnswerEvidence,
    kinds: tuple[str, ...] = ("notification",),
    rater: int = 1,
    dates: dict[str, date] | None = None,
) -> CaseEvidence:
    return CaseEvidence(
        label="Sag A",
        rater=rater,
        kinds=kinds,
        age_band="6-11",
        dates=tuple(sorted((dates if dates is not None else LATE).items())),
        answers=answers,
    )


def test_a_check_outside_the_case_kinds_is_not_relevant() -> None:
    outcomes = case_outcomes(_case(_answer("S2", MET)), CHECKS)
    assert outcomes["S2"] is NR
    assert outcomes["D1"] is None  # applies, but has no answer yet


def test_two_screenings_compared_check_by_check() -> None:
    """Same dates and one status apart: 3 of 4 decided checks alike, one undecided.

    D1 late for both, C1 2 vs 2 visits, C2 1 vs 3 changes, S1 met vs unanswered; S2
    (placement only) is not compared, since neither screener saw a placement.
    """
    first = _case(
        _answer("D1"),
        _answer("C1", count=2),
        _answer("C2", count=1),
        _answer("S1", MET),
    )
    second = _case(
        _answer("D1"),
        _answer("C1", count=2),
        _answer("C2", count=3),
        _answer("S1"),
        rater=2,
    )
    agreement = compare_screenings(first, second, CHECKS)
    assert [row.check_id for row in agreement.checks] == ["D1", "C1", "C2", "S1"]
    assert (agreement.compared, agreement.agreed) == (3, 2)
    assert agreement.share == pytest.approx(2 / 3)
    assert [row.check_id for row in agreement.disagreements] == ["C2"]
    assert agreement.checks[3].agree is None


def test_a_different_reading_of_the_dates_is_a_disagreement() -> None:
    first = _case(_answer("D1"))
    second = _case(_answer("D1"), dates=IN_TIME, rater=2)
    agreement = compare_screenings(first, second, (BFU,))
    assert (agreement.checks[0].first, agreement.checks[0].second) == (NOT_MET, MET)
    assert agreement.share == 0.0


def test_disagreeing_on_the_kind_of_case_shows_on_its_checks() -> None:
    """One screener saw a placement: its check is NR for the other, so they differ."""
    first = _case(_answer("S2", MET), kinds=("notification", "placement"))
    second = _case(rater=2)
    agreement = compare_screenings(first, second, (PLACEMENT_ONLY,))
    assert agreement.checks[0].agree is False


def test_different_cases_cannot_be_compared() -> None:
    other = CaseEvidence("Sag B", 2, ("notification",), "6-11", (), ())
    with pytest.raises(ValueError, match="different cases"):
        compare_screenings(_case(), other, CHECKS)


def test_pooled_share_weighs_by_compared_checks() -> None:
    """3 of 4 and 1 of 1 pool to 4 of 5 (0.8), not the mean of 0.75 and 1.0."""
    cases = [CaseAgreement("A", (), 4, 3), CaseAgreement("B", (), 1, 1)]
    assert pooled_share(cases) == pytest.approx(0.8)
    assert pooled_share([]) is None
    assert CaseAgreement("C", (), 0, 0).share is None
