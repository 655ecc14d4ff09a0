"""The client over real HTTP (a loopback replay server): pacing, retries, cache."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from parathed.statbank import (
    CACHE_DIR_ENV,
    ResponseCache,
    StatBankClient,
    StatBankOfflineError,
    StatBankRequestError,
    StatBankUnavailableError,
    default_cache_dir,
    describe_age,
    dst_message,
    time_between,
    time_from,
    time_newest,
    time_oldest,
    time_to,
)
from tests.statbank.replay import Replay, ReplayServer, Scripted

UND2_SELECTION = [
    ("ADMKOM", ["*"]),
    ("UNDERRET", ["00"]),
    ("ALDER1", ["00"]),
    ("KON", ["0"]),
    ("Tid", ["2025"]),
]


def make_client(replay: Replay, folder: Path, **options: object) -> StatBankClient:
    settings: dict[str, object] = {
        "base_url": replay.url,
        "cache": ResponseCache(folder),
        "pause": 0.0,
        "retries": 2,
        "backoff": 2.0,
        "timeout": 5.0,
    }
    settings.update(options)
    return StatBankClient(**settings)  # type: ignore[arg-type]


def test_tableinfo_reads_variables_with_text_codes(
    client: StatBankClient, replay: Replay
) -> None:
    """TABLEINFO gives ids (OMRÅDE, Tid), codes with leading zeros and the time flag."""
    info = client.tableinfo("FOLK1A")
    assert [v.id for v in info.variables] == [
        "OMRÅDE",
        "KØN",
        "ALDER",
        "CIVILSTAND",
        "Tid",
    ]
    assert {"000", "084", "101"} <= info.variable("område").value_ids()
    assert info.time_variable().id == "Tid"
    assert info.time_variable().values[-1].id == "2026K1"
    assert not info.provenance.from_cache
    assert replay.calls("tableinfo", "FOLK1A") == [
        {"table": "FOLK1A", "format": "JSON", "lang": "da"}
    ]


def test_data_posts_the_exact_json_shape(
    client: StatBankClient, replay: Replay
) -> None:
    """DATA is a JSON POST with table, CSV, da, Code and the variables in order."""
    answer = client.data("UND2", UND2_SELECTION)
    assert replay.calls("data", "UND2") == [
        {
            "table": "UND2",
            "format": "CSV",
            "lang": "da",
            "valuePresentation": "Code",
            "variables": [
                {"code": "ADMKOM", "values": ["*"]},
                {"code": "UNDERRET", "values": ["00"]},
                {"code": "ALDER1", "values": ["00"]},
                {"code": "KON", "values": ["0"]},
                {"code": "Tid", "values": ["2025"]},
            ],
        }
    ]
    values = {row.code("ADMKOM"): row.value for row in answer.data.rows}
    assert values["101"] == 8100.0
    assert values["825"] is None


def test_calls_are_paced(client: StatBankClient, sleeps: list[float]) -> None:
    """Two network calls are at least ``pause`` (1 s) apart; the first waits not."""
    client.tableinfo("UND2")
    assert sleeps == []
    client.data("UND2", UND2_SELECTION)
    assert len(sleeps) == 1
    assert 0.5 < sleeps[0] <= 1.0


def test_5xx_is_retried_with_backoff_then_succeeds(
    replay: Replay, tmp_path: Path
) -> None:
    """503 and 502 are retried after 2 s and 4 s; the third answer is used."""
    sleeps: list[float] = []
    client = make_client(replay, tmp_path, sleep=sleeps.append)
    replay.script("data", "UND2", Scripted(503, b"Service Unavailable"), Scripted(502))
    answer = client.data("UND2", UND2_SELECTION)
    assert len(answer.data.rows) == 6
    assert sleeps == [2.0, 4.0]
    assert len(replay.calls("data", "UND2")) == 3


def test_5xx_every_time_gives_unavailable(replay: Replay, tmp_path: Path) -> None:
    """After 1 + retries failures the client gives up with a Danish message."""
    client = make_client(replay, tmp_path, sleep=lambda _: None)
    replay.script("data", "UND2", *[Scripted(500, b"boom")] * 3)
    with pytest.raises(StatBankUnavailableError, match=r"HTTP 500.*3 forsøg"):
        client.data("UND2", UND2_SELECTION)
    assert len(replay.calls("data", "UND2")) == 3


def test_4xx_carries_dsts_message_and_is_not_retried(
    replay: Replay, tmp_path: Path
) -> None:
    """A 400 raises at once with DST's own Danish text and the table."""
    client = make_client(replay, tmp_path, sleep=lambda _: None)
    error_body = {
        "errorTypeCode": "EXTRACT-NOTALLOWED",
        "message": "Der skal vælges værdier for variabel: ALDER1",
    }
    replay.script("data", "UND2", Scripted(400, json.dumps(error_body).encode("utf-8")))
    with pytest.raises(StatBankRequestError) as raised:
        client.data("UND2", UND2_SELECTION, fmt="BULK")
    assert raised.value.status == 400
    assert raised.value.message == "Der skal vælges værdier for variabel: ALDER1"
    assert str(raised.value) == (
        "Statistikbanken afviste forespørgslen til tabel UND2 (HTTP 400): "
        "Der skal vælges værdier for variabel: ALDER1"
    )
    assert len(replay.calls("data", "UND2")) == 1


def test_unknown_table_is_a_4xx(client: StatBankClient) -> None:
    """A table DST does not have gives its "findes ikke" message."""
    with pytest.raises(StatBankRequestError, match="Tabellen NOPE findes ikke"):
        client.tableinfo("NOPE")


def test_timeout_is_retried_then_succeeds(replay: Replay, tmp_path: Path) -> None:
    """A server slower than the timeout counts as a failure and is retried."""
    sleeps: list[float] = []
    client = make_client(replay, tmp_path, timeout=0.3, sleep=sleeps.append)
    replay.script("tableinfo", "UND2", Scripted(delay=1.0))
    info = client.tableinfo("UND2")
    assert info.id == "UND2"
    assert sleeps == [2.0]
    assert client.network_calls == 2


def test_timeout_every_time_gives_unavailable(replay: Replay, tmp_path: Path) -> None:
    """Only timeouts: StatBankUnavailableError saying how long it waited."""
    client = make_client(replay, tmp_path, timeout=0.2, retries=1, sleep=lambda _: 0)
    replay.script("tableinfo", "UND2", Scripted(delay=0.8), Scripted(delay=0.8))
    with pytest.raises(
        StatBankUnavailableError, match=r"intet svar inden for 0.2 sekunder.*2 forsøg"
    ):
        client.tableinfo("UND2")


def test_fresh_cache_answers_without_a_call(replay: Replay, tmp_path: Path) -> None:
    """The same request within max_age is served from the cache, not the network."""
    client = make_client(replay, tmp_path)
    first = client.tableinfo("UND2")
    second = client.tableinfo("UND2")
    assert client.network_calls == 1
    assert second.provenance.from_cache
    assert second.provenance.fetched_at == first.provenance.fetched_at
    assert not second.provenance.stale
    assert second.variables == first.variables


def test_stale_cache_is_refreshed_online(replay: Replay, tmp_path: Path) -> None:
    """An answer older than max_age is fetched again when the network is there."""
    make_client(replay, tmp_path).tableinfo("UND2")
    later = datetime.now(UTC) + timedelta(days=2)
    client = make_client(replay, tmp_path, now=lambda: later)
    info = client.tableinfo("UND2")
    assert client.network_calls == 1
    assert not info.provenance.from_cache
    assert info.provenance.fetched_at == later


def test_offline_mode_uses_the_cache_and_says_how_old(
    replay: Replay, tmp_path: Path
) -> None:
    """Offline, a cached answer of any age is used and described with its age."""
    online = make_client(replay, tmp_path)
    fetched = online.data("UND2", UND2_SELECTION).provenance.fetched_at
    three_days_later = fetched + timedelta(days=3, hours=1)
    offline = make_client(replay, tmp_path, offline=True, now=lambda: three_days_later)
    answer = offline.data("UND2", UND2_SELECTION)
    assert offline.network_calls == 0
    assert answer.provenance.from_cache
    assert answer.provenance.stale
    assert answer.provenance.fetched_at == fetched
    assert answer.provenance.describe(three_days_later) == (
        f"fra cachen, hentet {fetched.date().isoformat()} (3 dage gammel); "
        "Statistikbanken kunne ikke nås"
    )


def test_offline_cache_miss_is_a_clear_danish_error(
    replay: Replay, tmp_path: Path
) -> None:
    """Offline with nothing cached: StatBankOfflineError naming table and cache."""
    client = make_client(replay, tmp_path / "empty", offline=True)
    with pytest.raises(StatBankOfflineError) as raised:
        client.tableinfo("UND2")
    assert str(raised.value) == (
        "Statistikbanken kan ikke nås: offline-tilstand, og forespørgslen til tabel "
        f"UND2 findes ikke i cachen ({tmp_path / 'empty'}). Hent tallene, når der er "
        "netværk."
    )
    assert replay.requests == []


def test_no_network_falls_back_to_the_cache(tmp_path: Path) -> None:
    """Server gone: a cached answer is used and marked stale; a miss fails."""
    with ReplayServer(Replay()) as replay:
        make_client(replay, tmp_path).tableinfo("UND2")
    client = make_client(replay, tmp_path, max_age=timedelta(0))
    info = client.tableinfo("UND2")
    assert client.network_calls == 1  # it tried the network first
    assert info.provenance.from_cache
    assert info.provenance.stale
    with pytest.raises(StatBankOfflineError, match=r"ingen forbindelse.*FOLK1A"):
        client.tableinfo("FOLK1A")


def test_cache_keys_separate_requests(replay: Replay, tmp_path: Path) -> None:
    """Different selections are different cache entries."""
    client = make_client(replay, tmp_path)
    client.data("UND2", UND2_SELECTION)
    client.data("UND2", [*UND2_SELECTION[:4], ("Tid", ["2024"])])
    assert client.network_calls == 2
    assert len(list(tmp_path.glob("*/*.json"))) == 2


def test_cache_folder_default_and_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """var/statbank-cache by default; PARATHED_CACHE_DIR overrides it."""
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    assert default_cache_dir() == Path("var") / "statbank-cache"
    assert ResponseCache().folder == Path("var") / "statbank-cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert ResponseCache().folder == tmp_path / "elsewhere"


@pytest.mark.parametrize(
    ("age", "text"),
    [
        (timedelta(minutes=5), "under en time"),
        (timedelta(hours=1), "1 time"),
        (timedelta(hours=30), "30 timer"),
        (timedelta(days=2), "2 dage"),
        (timedelta(days=40, hours=3), "40 dage"),
    ],
)
def test_describe_age(age: timedelta, text: str) -> None:
    """Ages are said in Danish hours or days."""
    assert describe_age(age) == text


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (time_from("2015"), ">=2015"),
        (time_to("2024"), "<=2024"),
        (time_between("2010K1", "2015K4"), ">=2010K1<=2015K4"),
        (time_between("2024M01", "2024M05"), ">=2024M01<=2024M05"),
        (time_newest(), "(1)"),
        (time_newest(3), "(-n+3)"),
        (time_oldest(3), "-(-n+3)"),
    ],
)
def test_time_selections(selection: str, expected: str) -> None:
    """Time rules are written the way DST documents them."""
    assert selection == expected


@pytest.mark.parametrize("bad", ["15", "2024K5", "2024M13", "2024-01", ">=2015"])
def test_time_selection_refuses_a_non_period(bad: str) -> None:
    """A typo in a period is caught before any call."""
    with pytest.raises(ValueError, match="not a StatBank period"):
        time_from(bad)


def test_bulk_over_http_with_a_time_rule(
    client: StatBankClient, replay: Replay
) -> None:
    """A BULK answer is parsed as BULK; the time rule is sent as written."""
    answer = client.data(
        "BU43",
        [
            ("OMRÅDE", ["*"]),
            ("FORANSTALT", ["IALT"]),
            ("ALDER", ["TOT22"]),
            ("Tid", [time_newest()]),
        ],
        fmt="BULK",
    )
    assert answer.data.absent_means_zero
    assert {r.code("OMRÅDE"): r.value for r in answer.data.rows}["825"] is None
    (body,) = replay.calls("data", "BU43")
    assert body["format"] == "BULK"
    assert body["variables"][-1] == {"code": "Tid", "values": ["(1)"]}


def test_only_csv_and_bulk_are_accepted(client: StatBankClient) -> None:
    """Other formats are refused before any call (the parser reads only these two)."""
    with pytest.raises(ValueError, match="format must be one of"):
        client.data("UND2", UND2_SELECTION, fmt="JSONSTAT")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"errorTypeCode":"X","message":"Ugyldig tabel"}', "Ugyldig tabel"),
        (b"Forkert foresp\xc3\xb8rgsel", "Forkert forespørgsel"),
        (
            b"<html><body><h1>Bad Request</h1>\n<p>Fejl</p></body></html>",
            "Bad Request Fejl",
        ),
        (b"", "(intet svar)"),
    ],
)
def test_dst_message_from_any_error_body(body: bytes, message: str) -> None:
    """JSON "message", plain text or the words of an HTML page."""
    assert dst_message(body) == message
