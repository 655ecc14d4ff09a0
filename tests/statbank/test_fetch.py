"""fetch_inputs: every StatBank input for all 98 municipalities, with DST's citation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from parathed.analysis.evidence import FigureStatus
from parathed.analysis.keyfigures import (
    NATIONAL_CODE,
    InputKind,
    KeyFigureInput,
    StatBankSelection,
    indicator_values,
)
from parathed.statbank import (
    FetchedFigure,
    FetchProgress,
    FetchResult,
    ResponseCache,
    StatBankClient,
    fetch_inputs,
)
from tests.statbank.replay import Replay, Scripted

TABLES = ["UND2", "FOLK1A", "ANBAAR12"]
# DST's answer to a table it does not have (as the replay server gives it).
NOT_FOUND = Scripted(
    400,
    b'{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Tabellen ISBU01 findes ikke."}',
)


def make_client(replay: Replay, folder: Path, **options: object) -> StatBankClient:
    settings: dict[str, object] = {
        "base_url": replay.url,
        "cache": ResponseCache(folder),
        "pause": 0.0,
        "sleep": lambda _: None,
    }
    settings.update(options)
    return StatBankClient(**settings)  # type: ignore[arg-type]


def by_key(result: FetchResult) -> dict[tuple[str, str], FetchedFigure]:
    return {(f.municipality_code, f.name): f for f in result.figures}


@pytest.fixture
def fetched(replay: Replay, tmp_path: Path) -> FetchResult:
    return fetch_inputs(2025, client=make_client(replay, tmp_path), tables=TABLES)


def test_one_figure_per_input_municipality_and_the_nation(
    fetched: FetchResult,
) -> None:
    """9 inputs x (98 municipalities + the nation); no 998, no region."""
    assert fetched.problems == ()
    names = {f.name for f in fetched.figures}
    assert names == {
        "children_with_notifications",
        "population_0_17",
        "population_18_22",
        "population_total",
        "placed_all",
        "placed_place_unknown",
        "placed_network",
        "placed_foster_family",
        "placed_residential",
    }
    assert len(fetched.figures) == 9 * 99
    codes = {f.municipality_code for f in fetched.figures}
    assert len(codes) == 99
    assert NATIONAL_CODE in codes
    assert not codes & {"998", "0", "084"}


@pytest.mark.parametrize(
    ("code", "name", "value"),
    [
        ("101", "children_with_notifications", 8100.0),
        ("860", "children_with_notifications", 1260.0),
        ("825", "children_with_notifications", None),  # ".." at DST
        ("151", "children_with_notifications", None),  # no row in the answer
        (NATIONAL_CODE, "children_with_notifications", 103464.0),  # ADMKOM "0"
        ("101", "population_0_17", 18 * 5000.0),
        ("101", "population_18_22", 5 * 5000.0),
        ("101", "population_total", 300000.0),
        (NATIONAL_CODE, "population_0_17", 18 * 62000.0),  # OMRÅDE "000"
        ("101", "placed_foster_family", 600.0),  # 1 + 21..26 summed
        ("147", "placed_foster_family", None),  # one part suppressed
        ("147", "placed_residential", 50.0),
        ("825", "placed_all", None),
    ],
)
def test_values(
    fetched: FetchResult, code: str, name: str, value: float | None
) -> None:
    """Values are read by code; sums of several codes; missing stays None, never 0."""
    assert by_key(fetched)[(code, name)].value == value


def test_every_value_keeps_table_period_date_and_citation(fetched: FetchResult) -> None:
    """Each figure names its table and period and carries DST's citation."""
    today = datetime.now(UTC).date()
    und2 = by_key(fetched)[("101", "children_with_notifications")]
    assert (und2.table, und2.period, und2.year) == ("UND2", "2025", 2025)
    assert und2.extracted == today
    assert und2.citation == (
        f"Kilde: Danmarks Statistik, Statistikbanken, tabel UND2 "
        f"(udtrukket {today.isoformat()})"
    )
    population = by_key(fetched)[("101", "population_0_17")]
    assert (population.table, population.period) == ("FOLK1A", "2026K1")
    evidence = population.to_evidence()
    assert evidence.source == (
        f"Danmarks Statistik, Statistikbanken, tabel FOLK1A "
        f"(udtrukket {today.isoformat()})"
    )
    assert (evidence.municipality_code, evidence.name, evidence.year) == (
        "101",
        "population_0_17",
        2025,
    )
    assert evidence.value == 90000.0
    assert evidence.status is FigureStatus.UNVALIDATED


def test_tableinfo_comes_before_data_and_requests_are_minimal(
    fetched: FetchResult, replay: Replay
) -> None:
    """Per table (vocabulary order): TABLEINFO, then one DATA call for the union."""
    assert [(function, body["table"]) for function, body in replay.requests] == [
        ("tableinfo", "FOLK1A"),
        ("data", "FOLK1A"),
        ("tableinfo", "UND2"),
        ("data", "UND2"),
        ("tableinfo", "ANBAAR12"),
        ("data", "ANBAAR12"),
    ]
    (folk,) = replay.calls("data", "FOLK1A")
    assert folk["variables"] == [
        {"code": "OMRÅDE", "values": ["*"]},
        {"code": "KØN", "values": ["TOT"]},
        {"code": "ALDER", "values": [str(a) for a in range(23)] + ["IALT"]},
        {"code": "CIVILSTAND", "values": ["TOT"]},
        {"code": "Tid", "values": ["2026K1"]},
    ]


def test_indicators_from_fetched_figures(fetched: FetchResult) -> None:
    """Children with notifications per 1,000 aged 0-17, computed from the inputs."""
    rates = indicator_values(fetched.evidence(), year=2025, indicator_id="KF-ES02")
    assert rates["101"] == pytest.approx(8100 / 90000 * 1000)
    assert rates["147"] == pytest.approx(1320 / 18000 * 1000)
    assert rates["860"] == pytest.approx(100.0)
    assert rates["825"] is None
    assert rates[NATIONAL_CODE] == pytest.approx(103464 / 1116000 * 1000)
    network = indicator_values(fetched.evidence(), year=2025, indicator_id="KF-PQ02")
    assert network["101"] == pytest.approx(15.0)  # 150 / (1200 - 200)
    assert network["147"] == pytest.approx(12.5)


def test_a_failing_table_does_not_stop_the_others(
    replay: Replay, tmp_path: Path
) -> None:
    """An unknown table's 4xx becomes a problem; the other table is still fetched."""
    replay.script("tableinfo", "ISBU01", NOT_FOUND)
    result = fetch_inputs(
        2025, client=make_client(replay, tmp_path), tables=["UND2", "ISBU01"]
    )
    assert {f.table for f in result.figures} == {"UND2"}
    (problem,) = result.problems
    assert "ISBU01" in problem
    assert "findes ikke" in problem


def test_a_period_not_yet_published_is_a_problem(
    replay: Replay, tmp_path: Path
) -> None:
    """Year 2026 needs FOLK1A 2027K1, which the table does not have yet."""
    result = fetch_inputs(2026, client=make_client(replay, tmp_path), tables=["FOLK1A"])
    assert result.figures == ()
    assert "har endnu ikke perioden 2027K1 (nyeste: 2026K1)" in result.problems[0]
    assert replay.calls("data", "FOLK1A") == []


def test_an_unknown_code_is_a_problem_before_any_data_call(
    replay: Replay, tmp_path: Path
) -> None:
    """A code TABLEINFO does not list is refused with the variable named."""
    wrong = KeyFigureInput(
        "children_with_notifications",
        "Børn",
        "Forkert kode",
        "børn",
        InputKind.STATBANK,
        statbank=StatBankSelection(
            "UND2", "ADMKOM", (("UNDERRET", ("0",)), ("ALDER1", ("00",)))
        ),
    )
    result = fetch_inputs(2025, client=make_client(replay, tmp_path), inputs=[wrong])
    assert result.figures == ()
    assert "har ikke koden 0 i variablen UNDERRET" in result.problems[0]
    assert replay.calls("data", "UND2") == []


def test_progress_is_reported(replay: Replay, tmp_path: Path) -> None:
    """The callback hears each table and the end."""
    seen: list[FetchProgress] = []
    fetch_inputs(
        2025,
        client=make_client(replay, tmp_path),
        tables=["UND2", "FOLK1A"],
        progress=seen.append,
    )
    assert [(p.table, p.done, p.total) for p in seen] == [
        ("FOLK1A", 0, 2),
        ("UND2", 1, 2),
        ("", 2, 2),
    ]
    assert seen[0].message == "Henter tabel FOLK1A …"


def test_offline_fetch_works_from_the_cache_with_the_original_date(
    replay: Replay, tmp_path: Path
) -> None:
    """Offline, the same fetch gives the same values, dated when DST sent them."""
    online = fetch_inputs(2025, client=make_client(replay, tmp_path), tables=TABLES)
    calls = len(replay.requests)
    later = datetime.now(UTC) + timedelta(days=10)
    offline_client = make_client(replay, tmp_path, offline=True, now=lambda: later)
    offline = fetch_inputs(2025, client=offline_client, tables=TABLES)
    assert len(replay.requests) == calls
    assert [f.value for f in offline.figures] == [f.value for f in online.figures]
    assert all(f.from_cache for f in offline.figures)
    assert {f.extracted for f in offline.figures} == {datetime.now(UTC).date()}
    (report,) = [r for r in offline.tables if r.table == "UND2"]
    assert report.provenance is not None
    assert "(10 dage gammel)" in report.provenance.describe(later)


def test_table_reports_describe_source_age_and_problems(
    replay: Replay, tmp_path: Path
) -> None:
    """Each table says in Danish where its numbers came from, or what went wrong."""
    client = make_client(replay, tmp_path)
    replay.script("tableinfo", "ISBU01", NOT_FOUND)
    result = fetch_inputs(2025, client=client, tables=["UND2", "ISBU01"])
    now = datetime.now(UTC)
    und2, isbu01 = result.tables
    assert und2.describe(now) == "UND2: hentet nu fra Statistikbanken"
    assert isbu01.describe(now) == (
        "ISBU01: Statistikbanken afviste forespørgslen til tabel ISBU01 (HTTP 400): "
        "Tabellen ISBU01 findes ikke."
    )


def test_the_client_caches_in_the_default_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """By default answers go to $PARATHED_CACHE_DIR; use_cache=False keeps none."""
    monkeypatch.setenv("PARATHED_CACHE_DIR", str(tmp_path / "snapshot"))
    client = StatBankClient()
    assert client.cache is not None
    assert client.cache.folder == tmp_path / "snapshot"
    assert StatBankClient(use_cache=False).cache is None


def test_an_answer_without_a_requested_column_is_a_problem(
    replay: Replay, tmp_path: Path
) -> None:
    """A CSV that lacks a variable asked for is refused with the column named."""
    replay.script("data", "UND2", Scripted(200, b"ADMKOM;TID;INDHOLD\n101;2025;8100\n"))
    result = fetch_inputs(2025, client=make_client(replay, tmp_path), tables=["UND2"])
    assert result.figures == ()
    assert result.problems == (
        "Svaret fra tabel UND2 mangler kolonnen UNDERRET, ALDER1, KON.",
    )


def test_shares_with_decimal_comma(replay: Replay, tmp_path: Path) -> None:
    """BU43's four shares: decimal comma read, ".." missing; ES03 and ES04 follow."""
    result = fetch_inputs(2025, client=make_client(replay, tmp_path), tables=["BU43"])
    assert result.problems == ()
    values = by_key(result)
    assert values[("147", "preventive_share_0_17")].value == 1.8
    assert values[("147", "placed_share_0_17")].value == 0.5
    assert values[("147", "supported_share_18_22")].value == 2.0
    assert values[("147", "vulnerable_share_0_22")].value == 2.2
    assert values[(NATIONAL_CODE, "vulnerable_share_0_22")].value == 3.5
    assert values[("825", "preventive_share_0_17")].value is None
    (call,) = replay.calls("data", "BU43")
    assert call["variables"][1:3] == [
        {"code": "FORANSTALT", "values": ["FORB", "ANBR", "IALT"]},
        {"code": "ALDER", "values": ["9917", "1822", "TOT22"]},
    ]
    es03 = indicator_values(result.evidence(), year=2025, indicator_id="KF-ES03")
    es04 = indicator_values(result.evidence(), year=2025, indicator_id="KF-ES04")
    assert es03["147"] == pytest.approx(18.0)
    assert es04["147"] == pytest.approx(3.6)
    assert es03["825"] is None
