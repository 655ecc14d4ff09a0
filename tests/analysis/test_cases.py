"""Case screening: compliance per check and theme, date and count rules, agreement."""

from __future__ import annotations

from datetime import date

import pytest

from parathed.analysis.cases import assess_cases, check_outcome, cohen_kappa
from parathed.analysis.evidence import CaseEvidence, CheckAnswerEvidence
from parathed.instrument.schema import CheckStatus
from tests.analysis.instruments import FULL

MET, NOT_MET = CheckStatus.MET, CheckStatus.NOT_MET
NOT_RELEVANT, NOT_DOCUMENTED = CheckStatus.NOT_RELEVANT, CheckStatus.NOT_DOCUMENTED
AWARE = ("awareness_date", date(2025, 1, 15))


def _case(
    label: str,
    kinds: tuple[str, ...],
    *answers: CheckAnswerEvidence,
    dates: tuple[tuple[str, date], ...] = (),
    rater: int = 1,
) -> CaseEvidence:
    return CaseEvidence(
        label=label,
        rater=rater,
        kinds=kinds,
        age_band="6-11",
        dates=dates,
        answers=answers,
    )


def _a(
    check_id: str, status: CheckStatus | None = None, count: int | None = None
) -> CheckAnswerEvidence:
    return CheckAnswerEvidence(check_id, status=status, count=count)


CASES = (
    _case(  # A: met, 120 days (met), 2 changes (not met), 2 visits (met)
        "Sag A",
        ("notification",),
        _a("CS-A1", MET),
        _a("CS-A2"),
        _a("CS-B1", count=2),
        _a("CS-B2", count=2),
        dates=(AWARE, ("bfu_finished_date", date(2025, 5, 15))),
    ),
    _case(  # B: support case, so CS-A2 does not apply
        "Sag B",
        ("support",),
        _a("CS-A1", NOT_DOCUMENTED),
        _a("CS-A2"),
        _a("CS-B1", count=1),
        _a("CS-B2", NOT_RELEVANT),
    ),
    _case(  # C: 121 days (not met), no count (not documented), 0 visits
        "Sag C",
        ("notification",),
        _a("CS-A1", NOT_RELEVANT),
        _a("CS-A2"),
        _a("CS-B1"),
        _a("CS-B2", count=0),
        dates=(AWARE, ("bfu_finished_date", date(2025, 5, 16))),
    ),
    _case(  # D: BFU date missing (not documented)
        "Sag D",
        ("notification",),
        _a("CS-A1", NOT_MET),
        _a("CS-A2"),
        _a("CS-B1", count=0),
        _a("CS-B2", count=3),
        dates=(AWARE,),
    ),
)
SECOND = (
    _case(
        "Sag A",
        ("notification",),
        _a("CS-A1", MET),
        _a("CS-A2"),
        _a("CS-B1", count=2),
        _a("CS-B2", count=1),
        dates=(AWARE, ("bfu_finished_date", date(2025, 6, 1))),
        rater=2,
    ),
    _case(
        "Sag D",
        ("notification",),
        _a("CS-A1", MET),
        _a("CS-A2"),
        _a("CS-B1", count=0),
        _a("CS-B2", NOT_RELEVANT),
        dates=(AWARE,),
        rater=2,
    ),
)


@pytest.mark.parametrize(
    ("check_id", "met", "not_met", "not_documented", "not_relevant", "compliance"),
    [
        ("CS-A1", 1, 1, 1, 1, 33.3),
        ("CS-A2", 1, 1, 1, 0, 33.3),
        ("CS-B1", 2, 1, 1, 0, 50.0),
        ("CS-B2", 2, 1, 0, 1, 66.7),
    ],
)
def test_compliance_per_check_is_met_over_applicable(
    check_id: str,
    met: int,
    not_met: int,
    not_documented: int,
    not_relevant: int,
    compliance: float,
) -> None:
    """Not relevant and other case kinds are left out; not documented counts as not
    met and is also reported on its own."""
    result = assess_cases(CASES + SECOND, instrument=FULL).check(check_id)
    assert (result.met, result.not_met) == (met, not_met)
    assert (result.not_documented, result.not_relevant) == (
        not_documented,
        not_relevant,
    )
    assert result.applicable == met + not_met + not_documented
    assert result.compliance == compliance


def test_date_rule_days_against_four_months() -> None:
    """Awareness 15 Jan -> BFU 15 May is 120 days (in time), 16 May is 121 (late)."""
    result = assess_cases(CASES, instrument=FULL).check("CS-A2")
    assert result.days == (120, 121)
    assert result.not_documented_share == 33.3


@pytest.mark.parametrize(
    ("theme", "met", "applicable", "not_documented", "compliance", "nd_share"),
    [("alpha", 2, 6, 2, 33.3, 33.3), ("beta", 4, 7, 1, 57.1, 14.3)],
)
def test_theme_compliance_pools_its_checks(
    theme: str,
    met: int,
    applicable: int,
    not_documented: int,
    compliance: float,
    nd_share: float,
) -> None:
    """A theme's compliance is all its checks' met over all their applicable."""
    result = assess_cases(CASES, instrument=FULL).theme(theme)
    assert (result.met, result.applicable) == (met, applicable)
    assert result.not_documented == not_documented
    assert (result.compliance, result.not_documented_share) == (compliance, nd_share)


def test_second_rater_is_used_for_agreement_only() -> None:
    """Rater 2's screenings change no compliance figure."""
    alone = assess_cases(CASES, instrument=FULL)
    both = assess_cases(CASES + SECOND, instrument=FULL)
    assert alone.checks == both.checks
    assert (both.cases, both.double_screened) == (4, 2)
    assert alone.agreement == ()


@pytest.mark.parametrize(
    ("check_id", "agreeing", "agreement", "kappa"),
    [
        ("CS-A1", 1, 50.0, 0.0),  # (met, met), (not met, met): p_e = 0.5
        ("CS-A2", 1, 50.0, 0.333),  # (met, late), (nd, nd): p_e = 0.25
        ("CS-B1", 2, 100.0, 1.0),
        ("CS-B2", 0, 0.0, 0.0),
    ],
)
def test_agreement_and_kappa_per_check(
    check_id: str, agreeing: int, agreement: float, kappa: float
) -> None:
    """Two double-screened cases: share agreeing and Cohen's kappa by hand."""
    result = {
        a.check_id: a for a in assess_cases(CASES + SECOND, instrument=FULL).agreement
    }[check_id]
    assert (result.pairs, result.agreeing) == (2, agreeing)
    assert result.agreement == agreement
    assert result.kappa == kappa


@pytest.mark.parametrize(
    ("pairs", "kappa"),
    [
        ([], None),
        ([("met", "met"), ("met", "met")], None),  # p_e = 1: undefined
        ([("met", "met"), ("not_met", "not_met")], 1.0),
        ([("met", "not_met"), ("not_met", "met")], -1.0),
    ],
)
def test_cohen_kappa_where_defined(
    pairs: list[tuple[str, str]], kappa: float | None
) -> None:
    """Kappa is None with no pairs or when chance agreement is certain."""
    assert cohen_kappa(pairs) == kappa


def test_a_check_of_another_case_kind_is_left_out() -> None:
    """CS-A2 applies to notifications: a support case gives no outcome."""
    assert check_outcome(FULL.case_check("CS-A2"), CASES[1], _a("CS-A2")) == (
        None,
        None,
    )


def test_a_date_check_marked_not_relevant_keeps_that_status() -> None:
    """The screener's "not relevant" on a date check wins over the dates."""
    status, _ = check_outcome(
        FULL.case_check("CS-A2"), CASES[0], _a("CS-A2", NOT_RELEVANT)
    )
    assert status is NOT_RELEVANT


def test_results_do_not_depend_on_the_order_of_cases() -> None:
    """Reversing the cases changes nothing."""
    forward = assess_cases(CASES + SECOND, instrument=FULL)
    backward = assess_cases(tuple(reversed(CASES + SECOND)), instrument=FULL)
    assert forward == backward
