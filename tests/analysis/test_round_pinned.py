"""Speed work changes no result: two generated rounds assess exactly as pinned.

The digests were written by the analysis before it was optimised (issue #7); see
``tests/analysis/pinned_round.py`` for how to see a difference in full.
"""

from __future__ import annotations

import json

import pytest

from tests.analysis.pinned_round import PINNED, ROUNDS, assessed, digests, sections


@pytest.mark.parametrize("name", ROUNDS)
def test_generated_round_assesses_exactly_as_pinned(name: str) -> None:
    """Every section (each municipality's survey, cases, interviews, readiness, needs,
    re-measurement, key figures; the partnership's figures) is bit for bit as before."""
    expected = json.loads(PINNED.read_text("utf-8"))[name]
    got = digests(assessed(name))
    differing = sorted(
        k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k)
    )
    assert not differing, f"{name}: sections differ: {differing[:20]}"


def test_pinned_rounds_cover_what_the_speed_work_touches() -> None:
    """The pinned rounds have withheld and complementary groups, both raters, key
    figures with every comparison, a re-measurement and a partnership audit."""
    partnership = assessed("partnership")
    parts = sections(partnership)
    reasons = {
        g.withheld_reason
        for m in partnership.municipalities
        for item in m.survey.items
        for g in item.groups
    }
    assert {None, "below_threshold", "complementary"} <= reasons
    assert any(m.remeasurement is not None for m in partnership.municipalities)
    assert all(m.cases and m.cases.agreement for m in partnership.municipalities)
    assert all(len(m.key_figures) == 18 for m in partnership.municipalities)
    assert all(
        b.value is not None for m in partnership.municipalities for b in m.key_figures
    )
    assert parts["partnership.items"]
    national = assessed("national")
    assert national.partnership is not None
    shown = [
        g for t in national.partnership.themes for g in t.survey if g.score is not None
    ]
    assert shown
