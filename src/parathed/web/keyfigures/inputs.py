"""The key-figure inputs as the web app shows and accepts them (labels, units, limits).

The vocabulary itself (which inputs exist, from which table) is
``parathed.analysis.keyfigures.INPUTS``; this module only adds what a form and the
Excel template need: the range a value may take and whether it is a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from parathed.analysis.keyfigures import INPUTS, InputKind

PERCENT_UNITS = frozenset({"procent"})
# Units that count whole things: a fraction of one is an impossible value.
COUNT_UNITS = frozenset(
    {
        "personer",
        "børn",
        "underretninger",
        "anbragte",
        "indsatser",
        "skift",
        "sager",
        "afgørelser",
    }
)


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input as the template and the validation page show it."""

    name: str
    label: str  # Danish
    unit: str  # Danish
    table: str | None  # StatBank table id, or None when only the municipality knows it
    maximum: float | None = None  # 100 for a share in percent
    integer: bool = False  # counts are whole numbers
    description: str = ""  # Danish: exactly what is counted


@cache
def input_specs() -> tuple[InputSpec, ...]:
    """Returns the inputs of the municipality's template, StatBank's first.

    The DST kommunegruppe (a classification, not a figure the municipality reports)
    is left out.
    """
    return tuple(
        InputSpec(
            name=item.name,
            label=item.label,
            unit=item.unit,
            table=item.statbank.table if item.statbank is not None else None,
            maximum=100.0 if item.unit in PERCENT_UNITS else None,
            integer=item.unit in COUNT_UNITS,
            description=item.description,
        )
        for kind in (InputKind.STATBANK, InputKind.MUNICIPAL)
        for item in INPUTS.values()
        if item.kind is kind
    )


def spec_by_name() -> dict[str, InputSpec]:
    """Returns the template's inputs keyed by name."""
    return {spec.name: spec for spec in input_specs()}
