"""Tests for cli/instrument.py: ``parathed instrument check`` and ``export``."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from parathed.cli import main
from parathed.instrument.loader import data_dir, load_instrument


def test_check_passes_and_prints_the_summary_in_danish() -> None:
    """The shipped instrument is valid: exit 0 with counts and two zero lines."""
    result = CliRunner().invoke(main, ["instrument", "check"])
    assert result.exit_code == 0, result.output
    instrument = load_instrument()
    assert f"Instrument version {instrument.version}" in result.output
    assert "Spørgeskema" in result.output
    assert "Sagsscreening" in result.output
    assert "Udsagn og sagstjek uden lovhenvisning: 0" in result.output
    assert "Temaer, der mangler en evidenskilde: 0" in result.output
    total_line = next(
        line for line in result.output.splitlines() if line.startswith("I alt")
    )
    assert total_line.split()[2:] == [
        str(len(instrument.items)),
        str(len(instrument.case_checks)),
        str(len(instrument.interview_questions)),
        str(len(instrument.indicators)),
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "questionnaire.toml",
            'law = ["§ 6"]',
            'law = ["§ 400"]',
            "questionnaire.toml: IR03: § 400 findes ikke",
        ),
        (
            "indicators.toml",
            'id = "KF-IR01"\ntheme = "involvement_rights"',
            'id = "KF-LS09"\ntheme = "leadership_steering"',
            "indicators.toml: involvement_rights: temaet har ingen dele i nøgletal",
        ),
    ],
)
def test_check_fails_with_every_problem_listed(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    """A broken copy given with --path exits 1 and names file, id and problem."""
    folder = tmp_path / "v1"
    shutil.copytree(data_dir(), folder)
    path = folder / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    result = CliRunner().invoke(main, ["instrument", "check", "--path", str(folder)])
    assert result.exit_code == 1
    assert "er ikke gyldigt" in result.output
    assert expected in result.output


def test_export_writes_a_workbook(tmp_path: Path) -> None:
    """export --format xlsx --out FILE writes a workbook with the questionnaire."""
    out = tmp_path / "review" / "instrument.xlsx"
    result = CliRunner().invoke(
        main, ["instrument", "export", "--format", "xlsx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Spørgeskema"]
    assert sheet.max_row == len(load_instrument().items) + 1


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    """Only xlsx is offered; another format is a usage error, not a file."""
    out = tmp_path / "instrument.pdf"
    result = CliRunner().invoke(
        main, ["instrument", "export", "--format", "pdf", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert not out.exists()
