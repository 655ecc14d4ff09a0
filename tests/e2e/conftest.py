"""Fixtures of the browser journeys: a real server, not Django's test client."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    """Replaces the root fixture of that name: the server here has its own settings."""
