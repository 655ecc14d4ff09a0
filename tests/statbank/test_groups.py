"""DST kommunegrupper read from the StatBank's LABY16 TABLEINFO, never from a copy."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from parathed.analysis.keyfigures import dst_groups_from_figures
from parathed.statbank import (
    Provenance,
    ResponseCache,
    StatBankClient,
    StatBankFormatError,
    TableInfo,
    TableValue,
    TableVariable,
    dst_groups_from_tableinfo,
    fetch_dst_groups,
    fetch_inputs,
)
from tests.statbank.laby16 import (
    CODES,
    GROUP_NAMES,
    SYNTHETIC,
    hierarchical,
    laby16_tableinfo,
    real_groups,
)
from tests.statbank.replay import Replay, Scripted


def info_of(values: list[tuple[str, str]]) -> TableInfo:
    variable = TableVariable(
        "KOMGRP", "kommunegruppe", tuple(TableValue(i, t) for i, t in values)
    )
    provenance = Provenance(datetime.now(UTC), from_cache=False)
    return TableInfo("LABY16", "", "Pct.", "", (variable,), provenance)


def test_groups_follow_the_hierarchical_value_list() -> None:
    """Each municipality belongs to the group listed above it."""
    assert dst_groups_from_tableinfo(info_of(hierarchical(SYNTHETIC))) == SYNTHETIC


def test_four_digit_codes_are_read_as_municipality_codes() -> None:
    """ "0101" is København (101)."""
    values = [(f"0{c}" if len(c) == 3 else c, t) for c, t in hierarchical(SYNTHETIC)]
    assert dst_groups_from_tableinfo(info_of(values)) == SYNTHETIC


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (
            [("0", "Hele landet")]
            + list(GROUP_NAMES.items())
            + [(c, c) for c in CODES],
            "gruppe 1, 2, 3, 4 har ingen kommuner",
        ),
        ([(c, c) for c in CODES[:1]] + hierarchical(SYNTHETIC), "står før"),
        (hierarchical(SYNTHETIC)[:-1], "1 kommuner mangler"),
        ([*hierarchical(SYNTHETIC), ("3", "Provinsbykommuner")], "to gange"),
        ([(c, t) for c, t in hierarchical(SYNTHETIC) if c != "4"], "ikke alle fem"),
    ],
)
def test_an_unexpected_list_is_refused_not_guessed(
    values: list[tuple[str, str]], reason: str
) -> None:
    """A flat or incomplete list gives a Danish error instead of wrong groups."""
    with pytest.raises(StatBankFormatError, match=reason) as raised:
        dst_groups_from_tableinfo(info_of(values))
    assert "sammenlignes derfor med hele landet" in str(raised.value)


def test_a_table_without_komgrp_is_refused() -> None:
    """TABLEINFO without the variable: a clear error."""
    info = info_of([])
    info = TableInfo(info.id, "", "", "", (), info.provenance)
    with pytest.raises(StatBankFormatError, match="ingen variabel KOMGRP"):
        dst_groups_from_tableinfo(info)


def test_real_groups_over_http_and_into_figures(replay: Replay, tmp_path: Path) -> None:
    """The real 2018 grouping, served as LABY16 TABLEINFO, comes back for all 98."""
    expected = real_groups()
    body = laby16_tableinfo(hierarchical(expected))
    replay.script("tableinfo", "LABY16", Scripted(200, body))
    client = StatBankClient(
        base_url=replay.url,
        cache=ResponseCache(tmp_path),
        pause=0,
        sleep=lambda _: None,
    )
    groups, provenance = fetch_dst_groups(client)
    assert groups == expected
    assert not provenance.from_cache
    result = fetch_inputs(2025, client=client, tables=["LABY16", "UND2"])
    assert result.problems == ()
    group_figures = [f for f in result.figures if f.name == "dst_municipality_group"]
    assert len(group_figures) == 98
    assert {f.table for f in group_figures} == {"LABY16"}
    assert group_figures[0].citation.startswith(
        "Kilde: Danmarks Statistik, Statistikbanken, tabel LABY16 (udtrukket "
    )
    assert dst_groups_from_figures(result.evidence(), year=2025) == expected
    assert [r.table for r in result.tables] == ["UND2", "LABY16"]


def test_missing_groups_are_a_problem_not_a_failure(
    replay: Replay, tmp_path: Path
) -> None:
    """LABY16 unreadable: the other tables still arrive, and the reason is kept."""
    client = StatBankClient(
        base_url=replay.url,
        cache=ResponseCache(tmp_path),
        pause=0,
        sleep=lambda _: None,
    )
    result = fetch_inputs(2025, client=client, tables=["UND2", "LABY16"])
    assert {f.table for f in result.figures} == {"UND2"}
    assert result.problems == (
        "Statistikbanken afviste forespørgslen til tabel LABY16 (HTTP 400): "
        "Tabellen LABY16 findes ikke.",
    )
