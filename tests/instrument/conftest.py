"""Fixtures for the instrument tests: editable copies of the shipped data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from parathed.instrument.loader import data_dir

EditFolder = Callable[[str, str, str], Path]


@pytest.fixture
def edited_copy(tmp_path: Path) -> EditFolder:
    """Returns a function that copies the shipped data and replaces text in one file.

    The first occurrence of ``old`` in ``file`` becomes ``new``; the test fails at once
    if ``old`` is not there, so a changed data file cannot make a test pass silently.
    """
    folder = tmp_path / "v1"
    shutil.copytree(data_dir(), folder)

    def edit(file: str, old: str, new: str) -> Path:
        path = folder / file
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not found in {file}"
        path.write_text(text.replace(old, new, 1), "utf-8")
        return folder

    return edit
