"""Outcome of a case check in one screening, and agreement between two screeners.

Evidence in (``CaseEvidence`` of the same case by two consultants), plain figures
out: per check the two outcomes and whether they agree, and the share of agreement
over the checks both screeners decided. A readiness verdict rests on five cases per
municipality, so a second screening of one case shows how far the verdicts are the
screeners' and how far the case's.

Invariant: a check's outcome is decided here once (``check_outcome``): a STATUS check
is what the screener chose; a DATE check is computed from the case's dates by
``date_rules``; a COUNT check from the count and the check's limits. "Not relevant"
and "not documented" chosen by the screener win over any computation. No Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from parathed.analysis.date_rules import DateRuleOutcome, evaluate_date_rule
from parathed.analysis.evidence import CaseEvidence, CheckAnswerEvidence
from parathed.instrument.schema import CaseCheck, CheckAnswerType, CheckStatus

SCREENER_CHOICES = (CheckStatus.NOT_RELEVANT, CheckStatus.NOT_DOCUMENTED)


def check_applies(check: CaseCheck, kinds: Iterable[str]) -> bool:
    """Returns whether ``check`` is asked in a case of ``kinds`` (any of them)."""
    return not check.applies_to or not set(check.applies_to).isdisjoint(kinds)


def count_met(check: CaseCheck, count: int) -> bool:
    """Returns whether ``count`` lies within the check's ``count_min``/``count_max``."""
    if check.count_min is not None and count < check.count_min:
        return False
    return check.count_max is None or count <= check.count_max


def check_outcome(
    check: CaseCheck,
    answer: CheckAnswerEvidence | None,
    dates: Mapping[str, date],
    *,
    evaluated: DateRuleOutcome | None = None,
) -> CheckStatus | None:
    """Returns the check's outcome in one case, or None when it is not decided yet.

    None means: no answer, a DATE check whose dates are missing, or a COUNT check
    without a count. ``evaluated`` is the check's date rule already evaluated on
    ``dates``, when the caller has it. The input is not changed.
    """
    if answer is None:
        return None
    if answer.status in SCREENER_CHOICES:
        return answer.status
    if check.answer_type is CheckAnswerType.STATUS:
        return answer.status
    if check.answer_type is CheckAnswerType.DATE:
        if check.rule is None:
            return None
        if evaluated is None:
            evaluated = evaluate_date_rule(check.rule, dates)
        met = evaluated.met
    else:
        if answer.count is None:
            return None
        met = count_met(check, answer.count)
    if met is None:
        return None
    return CheckStatus.MET if met else CheckStatus.NOT_MET


def case_outcomes(
    case: CaseEvidence, checks: Sequence[CaseCheck]
) -> dict[str, CheckStatus | None]:
    """Returns every check's outcome in ``case``, by check id.

    A check that does not apply to the case's kinds is NOT_RELEVANT, so two screeners
    who disagree on the kind of case also disagree on the checks it decides.
    """
    answers = {a.check_id: a for a in case.answers}
    dates = dict(case.dates)
    return {
        check.id: check_outcome(check, answers.get(check.id), dates)
        if check_applies(check, case.kinds)
        else CheckStatus.NOT_RELEVANT
        for check in checks
    }


@dataclass(frozen=True, slots=True)
class CheckAgreement:
    """One check as two screeners decided it; ``agree`` None if either is undecided."""

    check_id: str
    first: CheckStatus | None
    second: CheckStatus | None

    @property
    def agree(self) -> bool | None:
        """Whether both decided the same; None when either has not decided."""
        if self.first is None or self.second is None:
            return None
        return self.first == self.second


@dataclass(frozen=True, slots=True)
class CaseAgreement:
    """Two screenings of one case compared check by check.

    ``share`` is agreed / compared in 0..1, over the applicable checks both screeners
    decided (a check both marked not relevant counts as agreement); None when no check
    was compared.
    """

    label: str
    checks: tuple[CheckAgreement, ...]
    compared: int
    agreed: int

    @property
    def share(self) -> float | None:
        """The share of compared checks on which the two screeners agree (0..1)."""
        return self.agreed / self.compared if self.compared else None

    @property
    def disagreements(self) -> tuple[CheckAgreement, ...]:
        """The checks on which the two screeners decided differently."""
        return tuple(c for c in self.checks if c.agree is False)


def compare_screenings(
    first: CaseEvidence, second: CaseEvidence, checks: Sequence[CaseCheck]
) -> CaseAgreement:
    """Compares two screenings of the same case over ``checks``.

    Only checks that apply to the case as at least one screener saw it are compared;
    a check neither screener was asked would make agreement look better than it is.
    Raises ValueError when the two screenings carry different labels.
    """
    if first.label != second.label:
        raise ValueError("two different cases cannot be compared")
    a, b = case_outcomes(first, checks), case_outcomes(second, checks)
    rows = tuple(
        CheckAgreement(check.id, a[check.id], b[check.id])
        for check in checks
        if check_applies(check, first.kinds) or check_applies(check, second.kinds)
    )
    decided = [row for row in rows if row.agree is not None]
    return CaseAgreement(
        label=first.label,
        checks=rows,
        compared=len(decided),
        agreed=sum(1 for row in decided if row.agree),
    )


def pooled_share(cases: Iterable[CaseAgreement]) -> float | None:
    """Returns the share of agreement over all compared checks of ``cases`` (0..1).

    Pooled, not averaged, so a case with few decided checks weighs less; None when
    no check was compared.
    """
    listed = list(cases)
    compared = sum(case.compared for case in listed)
    return sum(case.agreed for case in listed) / compared if compared else None
