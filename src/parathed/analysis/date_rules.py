"""Date rules of case-screening checks: two case dates in, met / not met out.

One function evaluates a rule, so the screening form ("BFU afsluttet efter 143 dage —
fristen er 4 måneder, § 20, stk. 3") and the compliance figures never disagree.

Invariant: the screener never types the outcome of a date rule; it is computed here
from the entered dates. Case dates are dates only, so a 24-hour limit counts a
next-day date as in time (documented in docs/instrument.md).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from parathed.instrument.schema import CaseCheck, DateRule

HOURS_PER_DAY = 24
MONTHS_TO_17_5 = 17 * 12 + 6
MONTHS_TO_18 = 18 * 12


def add_months(start: date, months: int) -> date:
    """Returns ``start`` moved ``months`` calendar months on, clamped to month end.

    31 October + 4 months is 28 (or 29) February, as a caseworker counts a deadline.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def derive_dates(dates: Mapping[str, date]) -> dict[str, date]:
    """Returns ``dates`` with the derived facts added (17½ and 18 years from birth)."""
    derived = dict(dates)
    birth = dates.get("birth_date")
    if birth is not None:
        derived["age_17_5_date"] = add_months(birth, MONTHS_TO_17_5)
        derived["age_18_date"] = add_months(birth, MONTHS_TO_18)
    return derived


def deadline(rule: DateRule, start: date) -> date:
    """Returns the last day on which the rule's end date is still in time."""
    if rule.max_months is not None:
        return add_months(start, rule.max_months)
    if rule.max_hours is not None:
        return date.fromordinal(start.toordinal() + -(-rule.max_hours // HOURS_PER_DAY))
    return date.fromordinal(start.toordinal() + (rule.max_days or 0))


def limit_text(rule: DateRule) -> str:
    """Returns the rule's limit in Danish: "4 måneder", "24 timer", "samme dag"."""
    if rule.max_months is not None:
        return f"{rule.max_months} {'måned' if rule.max_months == 1 else 'måneder'}"
    if rule.max_hours is not None:
        return f"{rule.max_hours} timer"
    if not rule.max_days:
        return "samme dag"
    return f"{rule.max_days} {'dag' if rule.max_days == 1 else 'dage'}"


@dataclass(frozen=True, slots=True)
class DateRuleOutcome:
    """A date rule evaluated on one case.

    ``met`` is ``None`` when a date is missing: the check cannot be decided from the
    dates, and the screener marks it not documented or not relevant instead.
    """

    met: bool | None
    days: int | None  # end - start in days; negative when the end came first
    deadline: date | None
    missing: tuple[str, ...]  # the names of the facts that were not entered

    def explain(self, check: CaseCheck) -> str:
        """Returns the Danish sentence the form shows ("Efter 143 dage — …")."""
        rule = check.rule
        if rule is None:
            raise ValueError(check.id)
        refs = ", ".join(ref.label() for ref in check.law_refs)
        limit = f"fristen er {limit_text(rule)}" + (f", {refs}" if refs else "")
        if self.days is None:
            return f"Kan ikke beregnes: mangler dato — {limit}"
        if self.days < 0:
            elapsed = f"{-self.days} {'dag' if self.days == -1 else 'dage'} før"
        else:
            elapsed = f"efter {self.days} {'dag' if self.days == 1 else 'dage'}"
        verdict = "overholdt" if self.met else "ikke overholdt"
        return f"{elapsed.capitalize()} — {limit} ({verdict})"


def evaluate_date_rule(rule: DateRule, dates: Mapping[str, date]) -> DateRuleOutcome:
    """Evaluates ``rule`` on a case's ``dates`` (derived dates are added here)."""
    return evaluate_derived(rule, derive_dates(dates))


def evaluate_derived(rule: DateRule, known: Mapping[str, date]) -> DateRuleOutcome:
    """``evaluate_date_rule`` on dates that hold the derived facts already
    (``derive_dates``), for many rules on one case."""
    missing = tuple(name for name in (rule.start, rule.end) if name not in known)
    if missing:
        return DateRuleOutcome(met=None, days=None, deadline=None, missing=missing)
    start, end = known[rule.start], known[rule.end]
    last_day = deadline(rule, start)
    return DateRuleOutcome(
        met=end <= last_day,
        days=(end - start).days,
        deadline=last_day,
        missing=(),
    )
