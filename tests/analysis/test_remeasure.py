"""Re-measurement: deltas only on items comparable across instrument versions."""

from __future__ import annotations

from parathed.analysis.evidence import SurveyEvidence
from parathed.analysis.remeasure import assess_remeasurement, comparable_items
from parathed.instrument.schema import Role
from tests.analysis.instruments import FULL, response

BASE = SurveyEvidence(
    "101", tuple(response(Role.MEDARBEJDER, A1=3, B1=3, B2=5) for _ in range(5))
)
FOLLOW = SurveyEvidence(
    "101", tuple(response(Role.MEDARBEJDER, A1=4, B1=4, B2=1) for _ in range(6))
)


def test_comparable_items_follow_the_changelog() -> None:
    """2.0 lists A1, A2, B1 as comparable with 1.0 and B2 as changed."""
    ids, notes = comparable_items(FULL, baseline_version="1.0")
    assert ids == {"A1", "A2", "B1"}
    assert notes == {"B2": "Ændret indhold i version 2.0"}


def test_same_version_is_comparable_throughout() -> None:
    """Baseline and follow-up on one version: every item compares."""
    ids, notes = comparable_items(FULL, baseline_version="2.0")
    assert ids == {"A1", "A2", "B1", "B2"}
    assert notes == {}


def test_unknown_baseline_version_compares_nothing() -> None:
    """A baseline version the changelog does not know: no item compares."""
    ids, notes = comparable_items(FULL, baseline_version="0.9")
    assert ids == frozenset()
    assert set(notes) == {"A1", "A2", "B1", "B2"}


def test_item_and_theme_deltas() -> None:
    """A1 and B1: 50 -> 75 (+25). B2 changed: no delta, a note. Beta rests on B1."""
    result = assess_remeasurement(
        BASE, FOLLOW, instrument=FULL, baseline_version="1.0", baseline_round_name="B"
    )
    items = {d.subject: d for d in result.items}
    assert (items["A1"].baseline, items["A1"].follow_up, items["A1"].delta) == (
        50.0,
        75.0,
        25.0,
    )
    assert items["B2"].comparable is False
    assert items["B2"].delta is None
    assert items["B2"].note == "Ændret indhold i version 2.0"
    assert items["A2"].delta is None  # nobody answered it
    themes = {d.subject: d for d in result.themes}
    assert themes["beta"].delta == 25.0  # B1 only; B2's 100 -> 0 left out
    assert themes["beta"].note == "Bygger på 1 af 2 spørgsmål, der kan sammenlignes"
    assert themes["alpha"].delta == 25.0
    assert themes["alpha"].note == ""


def test_no_delta_when_a_round_is_below_the_threshold() -> None:
    """Four baseline respondents: nothing to compare against."""
    small = SurveyEvidence("101", BASE.responses[:4])
    result = assess_remeasurement(
        small, FOLLOW, instrument=FULL, baseline_version="1.0", baseline_round_name="B"
    )
    assert all(d.delta is None for d in result.items)
    assert all(d.delta is None for d in result.themes)
