"""Synthetic key figures of the demo: every input named right, plausible, repeatable."""

from __future__ import annotations

from collections import Counter

from parathed.analysis.keyfigures import (
    INPUTS,
    NATIONAL_CODE,
    InputKind,
    compute_indicator,
)
from parathed.demo.generator import generate_key_figures

PARTNERSHIP = ("147", "157", "173")


def test_all_98_and_the_nation_get_every_statbank_input() -> None:
    """23 StatBank inputs for 99 places; own inputs only in the partnership."""
    figures = generate_key_figures(partnership_codes=PARTNERSHIP)
    assert {f.name for f in figures} <= set(INPUTS)
    statbank = [f for f in figures if INPUTS[f.name].kind is InputKind.STATBANK]
    assert len({f.municipality_code for f in statbank}) == 99
    assert Counter(f.municipality_code for f in statbank)[NATIONAL_CODE] == 23
    own = {f.municipality_code for f in figures if f.name.startswith("municipal:")}
    assert own == set(PARTNERSHIP)


def test_values_are_plausible_and_the_same_for_the_same_seed() -> None:
    """Shares within 0-100, rates in known ranges; the same seed gives the same data."""
    figures = generate_key_figures(partnership_codes=PARTNERSHIP)
    assert figures == generate_key_figures(partnership_codes=PARTNERSHIP)
    by_place: dict[str, dict[str, float | None]] = {}
    for f in figures:
        by_place.setdefault(f.municipality_code, {})[f.name] = f.value
        if INPUTS[f.name].unit == "procent":
            assert f.value is not None
            assert 0 <= f.value <= 100
    for code, inputs in by_place.items():
        rate = compute_indicator("KF-ES02", inputs)
        assert rate is not None
        assert 40 <= rate <= 160, code
        network = compute_indicator("KF-PQ02", inputs)
        assert network is not None
        assert 0 <= network <= 100, code
