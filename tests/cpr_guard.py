"""Fails a test run that leaves a CPR-shaped string behind (issue #5).

Loaded by ``tests/conftest.py`` into every pytest run, so every step of ``make test``
(SQLite, e2e, PostgreSQL) scans what it produced with ``scripts/cpr_scan.py``:

- **Databases**, after every test that uses one, *before* pytest-django rolls back or
  flushes it: most tests run inside a transaction that is rolled back, so the test
  database is empty again by the end of the session and a scan there would prove
  nothing. Every text value of every table of every configured database is scanned
  through the test's own connection (the in-memory SQLite test database, or the
  ``test_…`` PostgreSQL database); a hit fails that test with the table, column and row.
- **Logs**: the captured stdout, stderr and log records of every test phase.
- **Generated files**, at the end of the session: everything under pytest's temporary
  directory of this run (``tmp_path`` of every test and every xdist worker, module-level
  sites with their SQLite files, server logs, decks, workbooks and PDFs), and files
  under ``out/`` and ``var/`` written since the session started.

A test that plants CPR numbers on purpose (tests of the guard or the scanner) carries
``@pytest.mark.cpr_planted``: its database and captured output are not scanned, and its
``tmp_path`` gets a ``.cpr-planted`` file so the end-of-session scan leaves it out.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCANNER = Path(__file__).resolve().parents[1] / "scripts" / "cpr_scan.py"
MARKER = "cpr_planted"
PLANTED_FILE = ".cpr-planted"
_STARTED = pytest.StashKey[float]()
_LOG_HITS = pytest.StashKey[list[str]]()
_FILE_SCAN = pytest.StashKey[Any]()
_TABLES: dict[tuple[str, str], dict[str, list[str]]] = {}


@cache
def cpr_scan() -> ModuleType:
    """Returns ``scripts/cpr_scan.py`` as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("cpr_scan", SCANNER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cpr_scan"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _is_controller(config: pytest.Config) -> bool:
    """True in the process that reports: no xdist, or xdist's controller."""
    return not hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    """Registers the marker and notes when the session started."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}: the test plants CPR-shaped numbers on purpose; its database, "
        "output and tmp_path are not scanned for them",
    )
    config.stash[_STARTED] = time.time()
    config.stash[_LOG_HITS] = []


# --- Databases, per test ----------------------------------------------------------


def scan_django_databases() -> Any:
    """Scans every configured database through Django's open connections."""
    from django.db import connections

    scanner = cpr_scan()
    scan = scanner.Scan()
    for alias in connections:
        connection = connections[alias]
        key = (alias, connection.vendor)
        with connection.cursor() as cursor:
            if key not in _TABLES:
                lister = (
                    scanner.postgres_tables
                    if connection.vendor == "postgresql"
                    else scanner.sqlite_tables
                )
                _TABLES[key] = lister(cursor)
            source = scanner.Source(connection.vendor, f"test database {alias}")
            scan.sources.append(source)
            scanner.scan_tables(
                scan,
                source,
                cursor,
                _TABLES[key],
                postgres=connection.vendor == "postgresql",
            )
    return scan


@pytest.fixture(autouse=True)
def _cpr_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """Scans the test's database after the test, before it is rolled back."""
    if request.node.get_closest_marker(MARKER) is not None:
        if "tmp_path" in request.fixturenames:
            tmp_path: Path = request.getfixturevalue("tmp_path")
            (tmp_path / PLANTED_FILE).write_text("planted on purpose\n")
        yield
        return
    uses_db = "_django_db_helper" in request.fixturenames or (
        request.node.get_closest_marker("django_db") is not None
    )
    if uses_db:
        # Set up the database first, so it is torn down (rolled back) after this.
        request.getfixturevalue("_django_db_helper")
    yield
    if not uses_db:
        return
    from django.db import DatabaseError

    try:
        scan = scan_django_databases()
    except DatabaseError:
        return  # the test left its transaction broken; nothing can be read
    if scan.hits:
        pytest.fail(
            "CPR-shaped string left in the database:\n  " + "\n  ".join(scan.hits),
            pytrace=False,
        )


# --- Logs, per test phase -----------------------------------------------------------


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Scans the captured stdout, stderr and log of every test phase."""
    config = _config
    if config is None or not _is_controller(config) or MARKER in report.keywords:
        return
    scanner = cpr_scan()
    for section, content in report.sections:
        scan = scanner.Scan()
        source = scanner.Source("log", f"{report.nodeid} [{section}]")
        scan.text(source, "captured", content)
        config.stash[_LOG_HITS].extend(scan.hits)


_config: pytest.Config | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Keeps the config for the report hook, which gets no config of its own."""
    global _config  # one session per process
    _config = session.config


# --- Generated files, at the end ----------------------------------------------------


def _generated_files(config: pytest.Config) -> Iterator[Path]:
    scanner = cpr_scan()
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is not None:
        yield from scanner.walk(factory.getbasetemp(), skip_marker=PLANTED_FILE)
    started = config.stash[_STARTED]
    for name in ("out", "var"):
        root = config.rootpath / name
        if root.is_dir():
            for path in scanner.walk(root):
                if path.stat().st_mtime >= started:
                    yield path


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Scans this run's generated files; a CPR-shaped string fails the run."""
    config = session.config
    if not _is_controller(config):
        return
    scanner = cpr_scan()
    scan = scanner.Scan()
    for path in _generated_files(config):
        scanner.scan_file(scan, path)
    config.stash[_FILE_SCAN] = scan
    if scan.hits or config.stash[_LOG_HITS]:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: Any, exitstatus: int, config: pytest.Config
) -> None:
    """Says what the scan covered and where anything CPR-shaped was."""
    scan = config.stash.get(_FILE_SCAN, None)
    if scan is None:
        return
    log_hits: list[str] = config.stash[_LOG_HITS]
    files = len(scan.sources)
    terminalreporter.write_sep("-", "CPR scan of this run's output")
    terminalreporter.write_line(
        f"cpr scan: {files} generated files and databases, captured output of every "
        f"test; {len(scan.hits) + len(log_hits)} CPR-shaped strings "
        "(databases are scanned after each test)"
    )
    for hit in [*scan.hits, *log_hits]:
        terminalreporter.write_line(f"CPR-SHAPED: {hit}", red=True)
    for error in scan.errors:
        terminalreporter.write_line(f"cpr scan could not read: {error}", yellow=True)
