"""Indicators computed from inputs, following the instrument's formulas.

A missing input, a non-finite value or a zero denominator gives a missing indicator
(None), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures.inputs import DST_GROUP_INPUT, NATIONAL_CODE


@dataclass(frozen=True, slots=True)
class Formula:
    """An indicator as (sum of numerator terms) / (sum of denominator terms) × factor.

    A term is ``(input name, sign)``; an empty denominator means 1. The result is
    missing when any input is missing or the denominator is 0.
    """

    indicator_id: str
    numerator: tuple[tuple[str, int], ...]
    denominator: tuple[tuple[str, int], ...] = ()
    factor: float = 1.0

    def input_names(self) -> tuple[str, ...]:
        """Every input the formula reads, numerator first."""
        return tuple(name for name, _ in (*self.numerator, *self.denominator))


def _f(
    indicator_id: str, numerator: str, denominator: str = "", factor: float = 1.0
) -> Formula:
    def terms(text: str) -> tuple[tuple[str, int], ...]:
        result: list[tuple[str, int]] = []
        for part in text.replace("-", " -").replace("+", " +").split():
            sign = -1 if part.startswith("-") else 1
            result.append((part.lstrip("+-"), sign))
        return tuple(result)

    return Formula(indicator_id, terms(numerator), terms(denominator), factor)


_PLACED_KNOWN = "placed_all -placed_place_unknown"

FORMULAS: Mapping[str, Formula] = {
    f.indicator_id: f
    for f in (
        _f("KF-ES01", "notifications", "population_0_17", 1000.0),
        _f("KF-ES02", "children_with_notifications", "population_0_17", 1000.0),
        _f("KF-ES03", "preventive_share_0_17", "", 10.0),
        _f("KF-ES04", "preventive_share_0_17", "placed_share_0_17"),
        _f("KF-PQ01", "placed_0_17", "population_0_17", 1000.0),
        _f("KF-PQ02", "placed_network", _PLACED_KNOWN, 100.0),
        _f("KF-PQ03", "placed_foster_family", _PLACED_KNOWN, 100.0),
        _f("KF-PQ04", "placed_residential", _PLACED_KNOWN, 100.0),
        _f("KF-PQ05", "municipal:placed_age_0_5", "placed_0_17", 100.0),
        _f("KF-PQ06", "placed_without_consent", "placed_by_decision_all", 100.0),
        _f(
            "KF-CC01",
            "municipal:caseworker_changes_12m",
            "municipal:children_with_open_case",
        ),
        _f("KF-CC02", "municipal:open_cases", "municipal:caseworker_fte"),
        _f(
            "KF-IR01",
            "municipal:decisions_with_child_conversation",
            "municipal:decisions",
            100.0,
        ),
        _f("KF-TA01", "placed_18_22", "population_18_22", 1000.0),
        _f("KF-TA02", "supported_share_18_22"),
        _f("KF-LS01", "expenditure_preventive", "expenditure_special_needs", 100.0),
        _f("KF-LS02", "expenditure_special_needs", "population_0_17", 1000.0),
        _f("KF-LS03", "interventions_active", "children_with_interventions"),
    )
}


def compute_indicator(
    indicator_id: str, inputs: Mapping[str, float | None]
) -> float | None:
    """The indicator's value from one municipality's inputs (name -> value).

    None when an input is absent or missing, or the denominator is 0. KeyError for an
    indicator without a formula.
    """
    formula = FORMULAS[indicator_id]

    def total(terms: tuple[tuple[str, int], ...]) -> float | None:
        result = 0.0
        for name, sign in terms:
            value = inputs.get(name)
            if value is None or not math.isfinite(value):
                return None
            result += sign * value
        return result

    numerator = total(formula.numerator)
    denominator = total(formula.denominator) if formula.denominator else 1.0
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * formula.factor


_STATUS_PRIORITY = {
    FigureStatus.CORRECTED: 2,
    FigureStatus.CONFIRMED: 1,
    FigureStatus.UNVALIDATED: 0,
}


def inputs_by_municipality(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, dict[str, float | None]]:
    """Figures of ``year`` as municipality code -> input name -> value.

    When one input of one municipality appears more than once, the municipality's
    corrected value wins over a confirmed one, which wins over an unvalidated one.
    """
    chosen: dict[tuple[str, str], FigureEvidence] = {}
    for figure in figures:
        if figure.year != year:
            continue
        key = (figure.municipality_code, figure.name)
        held = chosen.get(key)
        if (
            held is None
            or _STATUS_PRIORITY[figure.status] >= _STATUS_PRIORITY[held.status]
        ):
            chosen[key] = figure
    result: dict[str, dict[str, float | None]] = {}
    for (code, name), figure in chosen.items():
        result.setdefault(code, {})[name] = figure.value
    return result


def indicator_values(
    figures: Iterable[FigureEvidence], *, year: int, indicator_id: str
) -> dict[str, float | None]:
    """The indicator for every municipality (and :data:`NATIONAL_CODE`) with figures."""
    return {
        code: compute_indicator(indicator_id, inputs)
        for code, inputs in inputs_by_municipality(figures, year=year).items()
    }


def dst_groups_from_figures(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, str]:
    """Municipality code -> DST group code ("1"-"5") from ``dst_municipality_group``."""
    return dst_groups_of(inputs_by_municipality(figures, year=year))


def dst_groups_of(
    by_municipality: Mapping[str, Mapping[str, float | None]],
) -> dict[str, str]:
    """``dst_groups_from_figures`` of inputs already by municipality."""
    groups: dict[str, str] = {}
    for code, inputs in by_municipality.items():
        value = inputs.get(DST_GROUP_INPUT)
        if value is not None and code != NATIONAL_CODE:
            groups[code] = str(round(value))
    return groups
