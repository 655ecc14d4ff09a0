"""Settings read from the environment, checked in a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROBE = """
import json
from django.conf import settings
database = settings.DATABASES["default"]
print(json.dumps({
    "ENGINE": database["ENGINE"],
    "OPTIONS": database.get("OPTIONS", {}),
    "SESSION_COOKIE_AGE": settings.SESSION_COOKIE_AGE,
    "SESSION_SAVE_EVERY_REQUEST": settings.SESSION_SAVE_EVERY_REQUEST,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_NAME": settings.SESSION_COOKIE_NAME,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "DEBUG": settings.DEBUG,
}))
"""


def _env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """Returns a production-like environment whose files live under ``tmp_path``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        ALLOWED_HOSTS="parathed.example.dk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        PARATHED_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="parathed.web.settings",
    )
    env.update(overrides)
    return env


def _settings(env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The settings a production-like environment gives, read once per module."""
    return _settings(_env(tmp_path_factory.mktemp("production")))


def test_deploy_check_passes_with_no_warnings(tmp_path: Path) -> None:
    """`django check --deploy` on production values reports no issue at all."""
    assert len(_env(tmp_path)["SECRET_KEY"]) >= 50
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_production_values_set_secure_cookies_and_hsts(
    production: dict[str, Any],
) -> None:
    """Production cookies are Secure, HttpOnly, __Host- named; HSTS lasts a year+."""
    values = production
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600


def test_session_ends_after_at_most_30_minutes_idle(
    production: dict[str, Any],
) -> None:
    """The session cookie lives 30 minutes or less and is renewed on each request."""
    values = production
    assert values["SESSION_COOKIE_AGE"] <= 30 * 60
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True


def test_postgres_url_gives_the_postgresql_engine(tmp_path: Path) -> None:
    """A postgres:// DATABASE_URL selects PostgreSQL without SQLite's options."""
    env = _env(tmp_path, DATABASE_URL="postgres://parathed@127.0.0.1:5432/parathed")
    values = _settings(env)
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert "init_command" not in values["OPTIONS"]


def test_sqlite_uses_wal_immediate_transactions_and_a_busy_timeout(
    production: dict[str, Any],
) -> None:
    """SQLite runs in WAL mode, takes the write lock at BEGIN and waits when busy."""
    assert production["ENGINE"] == "django.db.backends.sqlite3"
    options = production["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
