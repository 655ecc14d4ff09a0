"""The package's 98 municipalities agree with the shared reference list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parathed.reference.municipalities import (
    all_municipalities,
    municipality_by_code,
    official_name,
)

# Reference data beside the repository (../shared), for checks only; never copied in.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "keyfigures_data"
DERIVED = SHARED / "kommuner_98_derived.csv"


def test_there_are_98_municipalities_with_three_digit_codes() -> None:
    """98 municipalities, unique 3-digit codes kept as text, Christiansø left out."""
    codes = [m.code for m in all_municipalities()]
    assert len(codes) == len(set(codes)) == 98
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    assert "411" not in codes


def test_codes_names_and_regions_match_the_shared_reference() -> None:
    """Every code, name and region equals Statistics Denmark's list in ../shared."""
    assert DERIVED.exists(), f"the shared reference list is missing: {DERIVED}"
    with DERIVED.open(encoding="utf-8") as handle:
        reference = {
            row["kommunekode"]: (
                row["kommune"],
                row["region"],
                "10" + row["region_kode"],
            )
            for row in csv.DictReader(handle)
        }
    ours = {m.code: (m.name, m.region, m.region_code) for m in all_municipalities()}
    assert ours == reference


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("101", "København", "Region Hovedstaden"),
        ("400", "Bornholm", "Region Hovedstaden"),
        ("751", "Aarhus", "Region Midtjylland"),
        ("825", "Læsø", "Region Nordjylland"),
        ("492", "Ærø", "Region Syddanmark"),
    ],
)
def test_municipality_by_code(code: str, name: str, region: str) -> None:
    """A code finds its municipality."""
    municipality = municipality_by_code(code)
    assert (municipality.name, municipality.region) == (name, region)


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("Aarhus", "Aarhus Kommune"),
        ("København", "Københavns Kommune"),
        ("Bornholm", "Bornholms Regionskommune"),
        ("Nordfyns", "Nordfyns Kommune"),
    ],
)
def test_official_name(name: str, official: str) -> None:
    """The official name adds "Kommune", except where the law names it otherwise."""
    assert official_name(name) == official


def test_unknown_code_raises_key_error() -> None:
    """A code that is no municipality raises KeyError rather than guessing."""
    with pytest.raises(KeyError):
        municipality_by_code("999")
