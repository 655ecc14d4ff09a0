"""Fixtures: the replay server and a client with a cache in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parathed.statbank import ResponseCache, StatBankClient
from tests.statbank.replay import Replay, ReplayServer


@pytest.fixture
def replay() -> Iterator[Replay]:
    """A running loopback server answering from ``tests/statbank/data``."""
    with ReplayServer(Replay()) as running:
        yield running


@pytest.fixture
def sleeps() -> list[float]:
    """Every pause the client asked for (no real sleeping in tests)."""
    return []


@pytest.fixture
def client(replay: Replay, tmp_path: Path, sleeps: list[float]) -> StatBankClient:
    """A client of the replay server with its own cache, pausing 1 s between calls."""
    return StatBankClient(
        base_url=replay.url,
        cache=ResponseCache(tmp_path / "cache"),
        pause=1.0,
        retries=2,
        backoff=2.0,
        timeout=5.0,
        sleep=sleeps.append,
    )
