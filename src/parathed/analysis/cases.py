"""Case-screening compliance per check and theme, and agreement between two raters.

In: a municipality's ``CaseEvidence`` and the ``Instrument``. Out: ``CaseAssessment``.
Each check in each case resolves to one ``CheckStatus``: the screener's status for a
STATUS check; the date rule (``date_rules.evaluate_date_rule``) for a DATE check, a
missing date counting as not documented; ``count_min``/``count_max`` for a COUNT
check. A case of a kind the check does not apply to is left out.
Compliance = met / applicable, applicable = met + not met + not documented; not
documented is also reported on its own. Rater 1's screenings are the result; rater 2's
are used only for agreement (share agreeing and Cohen's kappa). Method:
docs/instrument.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from parathed.analysis.agreement import check_applies
from parathed.analysis.agreement import check_outcome as decided_outcome
from parathed.analysis.assessment import (
    CaseAssessment,
    CheckAgreement,
    CheckCompliance,
    ThemeCompliance,
)
from parathed.analysis.date_rules import derive_dates, evaluate_derived
from parathed.analysis.evidence import CaseEvidence, CheckAnswerEvidence
from parathed.instrument.schema import (
    CaseCheck,
    CheckAnswerType,
    CheckStatus,
    Instrument,
)

APPLICABLE = (CheckStatus.MET, CheckStatus.NOT_MET, CheckStatus.NOT_DOCUMENTED)


def _pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole * 100.0, 1)


def check_outcome(
    check: CaseCheck,
    case: CaseEvidence,
    answer: CheckAnswerEvidence | None,
    *,
    dates: Mapping[str, date] | None = None,
) -> tuple[CheckStatus | None, int | None]:
    """Returns the check's status in ``case`` and the date rule's days, if any.

    None as status means the check does not apply to the case's kinds or was not
    answered at all; such a case is left out of the check. The outcome itself is
    ``agreement.check_outcome`` (the one the screening form and the comparison of
    two screeners show); a DATE or COUNT check whose dates or count are missing
    counts here as not documented. ``dates`` may pass the case's dates with the
    derived facts already added (``date_rules.derive_dates``).
    """
    if answer is None or not check_applies(check, case.kinds):
        return None, None
    if dates is None:
        dates = derive_dates(dict(case.dates))
    days = None
    evaluated = None
    if check.answer_type is CheckAnswerType.DATE and check.rule is not None:
        evaluated = evaluate_derived(check.rule, dates)
        days = evaluated.days
    status = decided_outcome(check, answer, dates, evaluated=evaluated)
    if status is None and check.answer_type is not CheckAnswerType.STATUS:
        return CheckStatus.NOT_DOCUMENTED, None
    return status, days


def _answers(case: CaseEvidence) -> dict[str, CheckAnswerEvidence]:
    return {answer.check_id: answer for answer in case.answers}


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Returns Cohen's kappa for paired categorical ratings, None where undefined.

    kappa = (p_o - p_e) / (1 - p_e); undefined with no pairs or when chance agreement
    p_e is 1 (both raters used one and the same category throughout).
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected >= 1.0:
        return None
    return round((observed - expected) / (1 - expected), 3)


def assess_cases(
    cases: Sequence[CaseEvidence], *, instrument: Instrument
) -> CaseAssessment:
    """Returns compliance per check and theme and rater agreement per check.

    Results do not depend on the order of ``cases``. Does not change its input.
    """
    first = sorted((c for c in cases if c.rater == 1), key=lambda c: c.label)
    second = {c.label: c for c in cases if c.rater == 2}
    checks = []
    agreement = []
    theme_totals: dict[str, dict[CheckStatus, int]] = {
        t.code: dict.fromkeys(CheckStatus, 0) for t in instrument.themes
    }
    answers = {id(case): _answers(case) for case in cases}
    dates = {id(case): derive_dates(dict(case.dates)) for case in cases}
    for check in instrument.case_checks:
        tally = dict.fromkeys(CheckStatus, 0)
        days = []
        pairs = []
        for case in first:
            status, elapsed = check_outcome(
                check, case, answers[id(case)].get(check.id), dates=dates[id(case)]
            )
            if status is not None:
                tally[status] += 1
            if elapsed is not None:
                days.append(elapsed)
            other = second.get(case.label)
            if other is not None and status is not None:
                other_status, _ = check_outcome(
                    check,
                    other,
                    answers[id(other)].get(check.id),
                    dates=dates[id(other)],
                )
                if other_status is not None:
                    pairs.append((status.value, other_status.value))
        applicable = sum(tally[s] for s in APPLICABLE)
        totals = theme_totals[check.theme]
        for s, n in tally.items():
            totals[s] += n
        checks.append(
            CheckCompliance(
                check_id=check.id,
                theme_code=check.theme,
                met=tally[CheckStatus.MET],
                not_met=tally[CheckStatus.NOT_MET],
                not_documented=tally[CheckStatus.NOT_DOCUMENTED],
                not_relevant=tally[CheckStatus.NOT_RELEVANT],
                applicable=applicable,
                compliance=_pct(tally[CheckStatus.MET], applicable),
                not_documented_share=_pct(
                    tally[CheckStatus.NOT_DOCUMENTED], applicable
                ),
                days=tuple(sorted(days)),
            )
        )
        if pairs:
            agreeing = sum(a == b for a, b in pairs)
            agreement.append(
                CheckAgreement(
                    check_id=check.id,
                    pairs=len(pairs),
                    agreeing=agreeing,
                    agreement=_pct(agreeing, len(pairs)),
                    kappa=cohen_kappa(pairs),
                )
            )
    themes = []
    for theme in instrument.themes:
        tally = theme_totals[theme.code]
        applicable = sum(tally[s] for s in APPLICABLE)
        themes.append(
            ThemeCompliance(
                theme_code=theme.code,
                theme_title=theme.title,
                met=tally[CheckStatus.MET],
                not_documented=tally[CheckStatus.NOT_DOCUMENTED],
                applicable=applicable,
                compliance=_pct(tally[CheckStatus.MET], applicable),
                not_documented_share=_pct(
                    tally[CheckStatus.NOT_DOCUMENTED], applicable
                ),
            )
        )
    return CaseAssessment(
        cases=len(first),
        double_screened=sum(1 for c in first if c.label in second),
        checks=tuple(checks),
        themes=tuple(themes),
        agreement=tuple(agreement),
    )
