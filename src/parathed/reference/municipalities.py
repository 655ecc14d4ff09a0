"""The 98 Danish municipalities with official 3-digit codes and regions.

Data: ``municipalities.csv`` beside this module, written for parathed from the official
code list (Christiansø, 411, is not a municipality and is left out). The region code is
the official 4-digit one (1081 Nordjylland … 1085 Sjælland); StatBank writes it
as 081–085.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class MunicipalityRef:
    """One municipality (kommune) as reference data."""

    code: str  # three digits, kept as text: "101", never 101
    name: str
    region_code: str
    region: str


@cache
def all_municipalities() -> tuple[MunicipalityRef, ...]:
    """Returns the 98 municipalities ordered by code."""
    text = (
        resources.files(__package__).joinpath("municipalities.csv").read_text("utf-8")
    )
    rows = [MunicipalityRef(**row) for row in csv.DictReader(text.splitlines())]
    return tuple(sorted(rows, key=lambda m: m.code))


def municipality_by_code(code: str) -> MunicipalityRef:
    """Returns the municipality with ``code``; raises KeyError for an unknown code."""
    for municipality in all_municipalities():
        if municipality.code == code:
            return municipality
    raise KeyError(code)


# Municipalities whose official name is not "<name> Kommune".
_OFFICIAL_NAMES = {
    "København": "Københavns Kommune",
    "Bornholm": "Bornholms Regionskommune",
}


def official_name(name: str) -> str:
    """Returns the municipality's official name: "Aarhus" -> "Aarhus Kommune"."""
    return _OFFICIAL_NAMES.get(name, f"{name} Kommune")
