"""Checks the build tooling in scripts/ that the test runs themselves rely on."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

WITH_POSTGRES = Path(__file__).resolve().parents[1] / "scripts" / "with_postgres.py"
CONNECT = """
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    print(conn.execute("select version()").fetchone()[0])
print("URL", os.environ["DATABASE_URL"])
"""


def with_postgres(*command: str) -> subprocess.CompletedProcess[str]:
    """Runs ``scripts/with_postgres.py -- COMMAND`` and returns its result."""
    return subprocess.run(
        [sys.executable, str(WITH_POSTGRES), "--", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_with_postgres_runs_the_command_against_a_live_server() -> None:
    """The command connects through DATABASE_URL; the server is gone afterwards."""
    result = with_postgres(sys.executable, "-c", CONNECT)
    assert result.returncode == 0, (
        "scripts/with_postgres.py failed; are the PostgreSQL server binaries "
        "installed (make system-deps)?\n" + result.stdout + result.stderr
    )
    assert "PostgreSQL" in result.stdout
    url = urlsplit(result.stdout.split("URL ", 1)[1].strip())
    assert f"{url.username}@{url.hostname}{url.path}" == "parathed@127.0.0.1/parathed"
    assert url.port is not None
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", url.port), timeout=5).close()


@pytest.mark.slow
def test_with_postgres_exits_with_the_command_exit_code() -> None:
    """A failing command's exit code comes back unchanged, so CI sees the failure."""
    result = with_postgres(sys.executable, "-c", "raise SystemExit(3)")
    assert result.returncode == 3, result.stdout + result.stderr


SETTINGS = """
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    for name in ("fsync", "synchronous_commit", "full_page_writes"):
        print(name, conn.execute(f"show {name}").fetchone()[0])
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "expected"), [((), "off"), (("--durable",), "on")], ids=str
)
def test_with_postgres_durable_keeps_commits_on_disk(
    options: tuple[str, ...], expected: str
) -> None:
    """Tests run without fsync; --durable (benchmarks) keeps production's settings."""
    command = [sys.executable, "-c", SETTINGS]
    result = subprocess.run(
        [sys.executable, str(WITH_POSTGRES), *options, "--", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shown = dict(line.split() for line in result.stdout.splitlines())
    assert shown == dict.fromkeys(
        ("fsync", "synchronous_commit", "full_page_writes"), expected
    )
