"""The key-figure inputs as the web app shows and accepts them (labels, units, limits).

The vocabulary itself (which inputs exist, from which table) is
``parathed.analysis.keyfigures.INPUTS``; this module only adds what a form and the
Excel template need: a Danish label, a unit and the range a value may take.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input as the template and the validation page show it."""

    name: str
    label: str  # Danish
    unit: str  # Danish
    table: str | None  # StatBank table id, or None when only the municipality knows it
    maximum: float | None = None  # 100 for a share in percent
    integer: bool = False  # counts are whole numbers


def input_specs() -> tuple[InputSpec, ...]:
    """Returns every input, StatBank inputs first, in the template's row order."""
    return _SPECS


def spec_by_name() -> dict[str, InputSpec]:
    """Returns the inputs keyed by name."""
    return {spec.name: spec for spec in _SPECS}


COUNT = "antal"
PERCENT = "procent"

# Provisional until parathed.analysis.keyfigures.INPUTS (branch kfcore) is merged;
# the names then follow that vocabulary.
_SPECS: tuple[InputSpec, ...] = (
    InputSpec("und1_notifications", "Underretninger i året", COUNT, "UND1", None, True),
    InputSpec(
        "und2_children_notified",
        "Børn med mindst én underretning i året",
        COUNT,
        "UND2",
        None,
        True,
    ),
    InputSpec(
        "population_0_17",
        "0-17-årige pr. 1. januar året efter",
        COUNT,
        "FOLK1A",
        None,
        True,
    ),
    InputSpec(
        "population_18_22",
        "18-22-årige pr. 1. januar året efter",
        COUNT,
        "FOLK1A",
        None,
        True,
    ),
    InputSpec(
        "bu43_support_share_0_17",
        "Andel 0-17-årige med støttende indsatser",
        PERCENT,
        "BU43",
        100,
    ),
    InputSpec(
        "bu43_placed_share_0_17",
        "Andel 0-17-årige, der er anbragt",
        PERCENT,
        "BU43",
        100,
    ),
    InputSpec(
        "bu43_all_share_18_22",
        "Andel 18-22-årige, der modtager støtte",
        PERCENT,
        "BU43",
        100,
    ),
    InputSpec(
        "anbaar9_placed_0_17",
        "Anbragte 0-17-årige pr. 31. december",
        COUNT,
        "ANBAAR9",
        None,
        True,
    ),
    InputSpec(
        "anbaar9_placed_18_22",
        "Anbragte 18-22-årige pr. 31. december",
        COUNT,
        "ANBAAR9",
        None,
        True,
    ),
    InputSpec(
        "caseworker_changes_12m",
        "Skift af ansvarlig rådgiver de seneste 12 måneder",
        COUNT,
        None,
        None,
        True,
    ),
    InputSpec("children_with_open_case", "Børn med åben sag", COUNT, None, None, True),
    InputSpec("open_cases", "Åbne sager på tælledagen", COUNT, None, None, True),
    InputSpec("caseworker_fte", "Børne- og ungerådgivere (årsværk)", "årsværk", None),
    InputSpec(
        "days_to_bfu_median",
        "Tid fra underretning til afsluttet børnefaglig undersøgelse (median)",
        "dage",
        None,
    ),
    InputSpec(
        "spending_preventive_share",
        "Forebyggende indsatser som andel af udgifterne (egen opgørelse)",
        PERCENT,
        None,
        100,
    ),
)
