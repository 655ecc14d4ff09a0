"""Synthetic key-figure inputs for demo decks and report tests (issue #8).

Every input a key-figure formula reads, plus the structure inputs and the DST group,
for the given municipalities and the nation, with plausible magnitudes, a source
citation and a mix of validation statuses. Deterministic for a seed. Synthetic: no
real municipality's figures.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures.indicators import FORMULAS
from parathed.analysis.keyfigures.inputs import (
    DST_GROUP_INPUT,
    NATIONAL_CODE,
    STRUCTURE_INPUTS,
)

SOURCE = "Syntetiske demodata efter Danmarks Statistik, Statistikbanken"
MUNICIPAL_SOURCE = "Syntetiske demodata: kommunens egne tal"
YEAR = 2025


def _value(rng: random.Random, name: str, population: float) -> float:
    children = population * 0.21
    if name.startswith("population_0_17"):
        return round(children)
    if name == "population_total":
        return round(population)
    if name == "area_km2":
        return round(rng.uniform(60, 900), 1)
    if "share" in name:
        return round(rng.uniform(1.0, 6.0), 2)
    if name.startswith("expenditure"):
        return round(children * rng.uniform(8, 30))  # 1.000 kr.
    if name == "municipal:placed_age_0_5":
        return round(children * 0.01 * 0.85 * rng.uniform(0.1, 0.3))
    if name.startswith("municipal:decisions_with"):
        return round(rng.uniform(20, 60))
    if name.startswith("municipal:"):
        return round(rng.uniform(60, 120))
    placed = children * 0.01  # every placement count is a share of this
    if name in ("placed_all", "placed_by_decision_all"):
        return round(placed)
    if name == "placed_place_unknown":
        return round(placed * rng.uniform(0.0, 0.03))
    if name == "placed_0_17":
        return round(placed * 0.85)
    if name.startswith("placed"):
        return round(placed * rng.uniform(0.05, 0.4))
    return round(children * rng.uniform(0.01, 0.06))


def demo_key_figures(
    codes: Sequence[str], *, seed: int = 2024, validated: Sequence[str] = ()
) -> tuple[FigureEvidence, ...]:
    """Returns every formula and structure input for ``codes`` and the nation.

    Inputs of the municipalities in ``validated`` are confirmed or corrected by
    turns; all others stay unvalidated.
    """
    names = sorted(
        {n for f in FORMULAS.values() for n in f.input_names()} | set(STRUCTURE_INPUTS)
    )
    figures: list[FigureEvidence] = []
    for code in (*codes, NATIONAL_CODE):
        rng = random.Random(f"{seed}-keyfigures-{code}")  # noqa: S311 (synthetic)
        population = rng.uniform(6_000, 120_000) * (60 if code == NATIONAL_CODE else 1)
        for k, name in enumerate(names):
            status = FigureStatus.UNVALIDATED
            if code in validated:
                status = (FigureStatus.CONFIRMED, FigureStatus.CORRECTED)[k % 2]
            figures.append(
                FigureEvidence(
                    municipality_code=code,
                    name=name,
                    year=YEAR,
                    value=_value(rng, name, population),
                    source=MUNICIPAL_SOURCE
                    if name.startswith("municipal:")
                    else SOURCE,
                    status=status,
                )
            )
        if code != NATIONAL_CODE:
            figures.append(
                FigureEvidence(
                    municipality_code=code,
                    name=DST_GROUP_INPUT,
                    year=YEAR,
                    value=float(1 + int(code) % 5),
                    source=SOURCE,
                )
            )
    return tuple(figures)
