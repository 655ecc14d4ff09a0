"""Shared fixtures of the whole suite; Django-free, so the pure tests run without it."""

from __future__ import annotations

import pytest

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Instrument

# Scans what every test run leaves behind for CPR-shaped strings (issue #5).
pytest_plugins = ["tests.cpr_guard"]


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    """The shipped instrument."""
    return load_instrument()
