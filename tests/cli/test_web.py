"""How ``parathed serve`` and the respondent benchmark run gunicorn."""

from __future__ import annotations

import os

import pytest

from parathed.cli import web


def _option(arguments: list[str], name: str) -> str:
    return arguments[arguments.index(name) + 1]


@pytest.mark.parametrize(("cores", "workers"), [(None, 2), (1, 2), (2, 2), (8, 8)])
def test_one_worker_per_core_and_never_fewer_than_two(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    arguments = web.gunicorn_arguments(port=8123)
    assert _option(arguments, "--workers") == str(workers)
    assert _option(arguments, "--bind") == "127.0.0.1:8123"


def test_preloaded_threaded_workers_and_an_explicit_count_wins() -> None:
    arguments = web.gunicorn_arguments(port=8000, workers=5, threads=3)
    assert _option(arguments, "--workers") == "5"
    assert _option(arguments, "--worker-class") == "gthread"
    assert _option(arguments, "--threads") == "3"
    assert "--preload" in arguments
