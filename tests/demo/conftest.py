"""Fixtures of the pure suite: it runs without Django (``-p no:django`` works)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    """Replaces the root fixture of that name: no Django settings to change here."""
