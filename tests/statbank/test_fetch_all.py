"""The default fetch: every StatBank input, the DST groups, then the indicators.

Recorded answers exist for all eleven tables (hand-made in the API's formats); LABY16's
TABLEINFO is built at test time from the real grouping in ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parathed.analysis.keyfigures import (
    NATIONAL_CODE,
    ComparisonKind,
    benchmark_key_figures,
    compute_indicator,
    inputs_by_municipality,
    statbank_inputs,
)
from parathed.instrument.schema import Instrument
from parathed.statbank import (
    FetchResult,
    ResponseCache,
    StatBankClient,
    fetch_inputs,
)
from tests.statbank.laby16 import hierarchical, laby16_tableinfo, real_groups
from tests.statbank.replay import Replay, Scripted


@pytest.fixture
def everything(replay: Replay, tmp_path: Path) -> FetchResult:
    replay.script(
        "tableinfo",
        "LABY16",
        Scripted(200, laby16_tableinfo(hierarchical(real_groups()))),
    )
    client = StatBankClient(
        base_url=replay.url,
        cache=ResponseCache(tmp_path),
        pause=0,
        sleep=lambda _: None,
    )
    return fetch_inputs(2025, client=client)


def test_every_table_and_input_arrives(everything: FetchResult, replay: Replay) -> None:
    """23 StatBank inputs x 99 places, plus 98 DST groups, from twelve tables."""
    assert everything.problems == ()
    tables = {i.statbank.table for i in statbank_inputs() if i.statbank is not None}
    assert len(tables) == 11
    assert {r.table for r in everything.tables} == tables | {"LABY16"}
    assert len(everything.figures) == 23 * 99 + 98
    assert len(replay.calls("data", "REGK31")) == 1
    assert len(replay.calls("tableinfo", "LABY16")) == 1
    assert replay.calls("data", "LABY16") == []


@pytest.mark.parametrize(
    ("indicator_id", "expected"),
    [
        ("KF-ES01", 13500 / 90000 * 1000),
        ("KF-ES02", 8100 / 90000 * 1000),
        ("KF-ES03", 16.0),
        ("KF-ES04", 2.0),
        ("KF-PQ01", 900 / 90000 * 1000),
        ("KF-PQ02", 15.0),
        ("KF-PQ03", 60.0),
        ("KF-PQ04", 40.0),
        ("KF-PQ05", None),  # needs the municipality's own count of 0-5-year-olds
        ("KF-PQ06", 240 / 1200 * 100),
        ("KF-CC01", None),
        ("KF-CC02", None),
        ("KF-IR01", None),
        ("KF-TA01", 300 / 25000 * 1000),
        ("KF-TA02", 2.1),
        ("KF-LS01", 520000 / 1500000 * 100),
        ("KF-LS02", 1500000 * 1000 / 90000),
        ("KF-LS03", 9600 / 4800),
    ],
)
def test_copenhagens_indicators_by_hand(
    everything: FetchResult, indicator_id: str, expected: float | None
) -> None:
    """Every indicator for 101 København, worked out from the recorded answers."""
    inputs = inputs_by_municipality(everything.evidence(), year=2025)["101"]
    result = compute_indicator(indicator_id, inputs)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_aggregates_and_unknowns_are_left_out(everything: FetchResult) -> None:
    """REGK31's 910/960 group sums, regions and 998 never become municipalities."""
    codes = {f.municipality_code for f in everything.figures}
    assert not codes & {"910", "960", "084", "081", "998", "0"}
    national = inputs_by_municipality(everything.evidence(), year=2025)[NATIONAL_CODE]
    assert (
        national["expenditure_special_needs"]
        == 5200000 + 4800000 + 3900000 + 3100000 + 450000
    )
    assert national["area_km2"] == 42951.6
    assert "dst_municipality_group" not in national


def test_benchmarks_from_the_fetch_say_when_groups_are_too_small(
    everything: FetchResult, instrument: Instrument
) -> None:
    """Only four municipalities have recorded values, so every group is too small."""
    (result,) = benchmark_key_figures(
        everything.evidence(),
        year=2025,
        indicators=[i for i in instrument.indicators if i.id == "KF-ES02"],
        municipality_codes=["101"],
        partnership=["101", "147", "860"],
    )
    assert result.value == pytest.approx(90.0)
    nation = result.position(ComparisonKind.NATION)
    assert nation.compared_with == ("147", "860")
    assert nation.rank is None
    assert nation.note.startswith("Kun 2 andre kommuner med tal")
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.broadened
    assert group.rank is None
