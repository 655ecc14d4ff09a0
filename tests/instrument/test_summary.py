"""Tests for instrument/summary.py: counts per theme and themes lacking evidence."""

from __future__ import annotations

import dataclasses

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from parathed.instrument.summary import coverage_problems, summarise_instrument

INSTRUMENT = load_instrument()


def test_shipped_instrument_has_no_coverage_problems() -> None:
    """Every theme of the shipped instrument has all four evidence sources."""
    assert coverage_problems(INSTRUMENT) == []


def test_summary_totals_match_the_instrument() -> None:
    """The totals over themes equal the number of parts in the instrument."""
    summary = summarise_instrument(INSTRUMENT)
    assert summary.total("items") == len(INSTRUMENT.items)
    assert summary.total("case_checks") == len(INSTRUMENT.case_checks)
    assert summary.total("indicators") == len(INSTRUMENT.indicators)
    assert summary.without_law_ref == ()
    assert summary.themes_missing_source == ()


def test_theme_without_key_figures_is_reported() -> None:
    """A theme with no key figure is named as lacking that evidence source."""
    partial = dataclasses.replace(
        INSTRUMENT,
        indicators=tuple(
            k for k in INSTRUMENT.indicators if k.theme != "involvement_rights"
        ),
    )
    problems = coverage_problems(partial)
    assert [(p.file, p.item_id) for p in problems] == [
        ("indicators.toml", "involvement_rights")
    ]
    assert "nøgletal" in problems[0].message


def test_theme_without_chef_interview_questions_is_reported() -> None:
    """A theme with no interview question for chefs is named with the role."""
    partial = dataclasses.replace(
        INSTRUMENT,
        interview_questions=tuple(
            q
            for q in INSTRUMENT.interview_questions
            if not (q.theme == "earlier_support" and Role.CHEF in q.roles)
        ),
    )
    messages = [p.message for p in coverage_problems(partial)]
    assert messages == ["temaet har ingen interviewspørgsmål til rollen 'chef'"]
