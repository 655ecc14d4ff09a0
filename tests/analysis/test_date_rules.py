"""Date rules: deadlines in calendar months, days and hours, and the sentence shown."""

from __future__ import annotations

from datetime import date

import pytest

from parathed.analysis.date_rules import (
    add_months,
    derive_dates,
    evaluate_date_rule,
    limit_text,
)
from parathed.instrument.schema import DateRule, Instrument

BFU = DateRule(start="awareness_date", end="bfu_finished_date", max_months=4)
SAME_DAY = DateRule(start="decision_date", end="child_conversation_date", max_days=0)
HOURS = DateRule(start="notification_received", end="assessment_24h_date", max_hours=24)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 4, date(2025, 5, 15)),
        (date(2024, 10, 31), 4, date(2025, 2, 28)),
        (date(2023, 10, 31), 4, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("rule", "start", "end", "met", "days"),
    [
        (BFU, date(2025, 1, 15), date(2025, 5, 15), True, 120),
        (BFU, date(2025, 1, 15), date(2025, 5, 16), False, 121),
        (SAME_DAY, date(2025, 3, 1), date(2025, 3, 1), True, 0),
        (SAME_DAY, date(2025, 3, 1), date(2025, 2, 20), True, -9),
        (SAME_DAY, date(2025, 3, 1), date(2025, 3, 2), False, 1),
        (HOURS, date(2025, 3, 7), date(2025, 3, 8), True, 1),
        (HOURS, date(2025, 3, 7), date(2025, 3, 9), False, 2),
    ],
)
def test_evaluate_date_rule(
    rule: DateRule, start: date, end: date, met: bool, days: int
) -> None:
    outcome = evaluate_date_rule(rule, {rule.start: start, rule.end: end})
    assert (outcome.met, outcome.days) == (met, days)


def test_a_missing_date_leaves_the_rule_undecided() -> None:
    outcome = evaluate_date_rule(BFU, {"awareness_date": date(2025, 1, 1)})
    assert (outcome.met, outcome.missing) == (None, ("bfu_finished_date",))


def test_derived_ages_come_from_the_birth_date() -> None:
    derived = derive_dates({"birth_date": date(2008, 8, 31)})
    assert derived["age_17_5_date"] == date(2026, 2, 28)
    assert derived["age_18_date"] == date(2026, 8, 31)


def test_limit_text_in_danish() -> None:
    assert [limit_text(r) for r in (BFU, SAME_DAY, HOURS)] == [
        "4 måneder",
        "samme dag",
        "24 timer",
    ]


def test_the_form_sentence_names_days_limit_and_law(instrument: Instrument) -> None:
    check = next(c for c in instrument.case_checks if c.id == "CS-ES04")
    assert check.rule is not None
    outcome = evaluate_date_rule(
        check.rule,
        {"awareness_date": date(2025, 1, 2), "bfu_finished_date": date(2025, 5, 25)},
    )
    refs = ", ".join(ref.label() for ref in check.law_refs)
    assert outcome.explain(check) == (
        f"Efter 143 dage — fristen er 4 måneder, {refs} (ikke overholdt)"
    )
