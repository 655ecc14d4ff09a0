"""Tests for instrument/export.py: the review spreadsheet, opened with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from parathed.instrument.export import COMMENT_HEADER, write_instrument_xlsx
from parathed.instrument.loader import load_instrument

INSTRUMENT = load_instrument()
SHEETS = [
    "Temaer",
    "Spørgeskema",
    "Åbne spørgsmål",
    "Sagsscreening",
    "Interviewguide",
    "Kodeskema",
    "Nøgletal",
    "Lovhenvisninger",
    "Sagsoplysninger",
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    """The shipped instrument written once and read back."""
    path: Path = tmp_path_factory.mktemp("export") / "instrument.xlsx"
    write_instrument_xlsx(INSTRUMENT, path)
    return openpyxl.load_workbook(path)


def test_export_has_one_sheet_per_part(workbook: openpyxl.Workbook) -> None:
    """The workbook holds the parts in a fixed order with Danish names."""
    assert workbook.sheetnames == SHEETS


@pytest.mark.parametrize(
    ("sheet", "part"),
    [
        ("Spørgeskema", "items"),
        ("Åbne spørgsmål", "open_questions"),
        ("Sagsscreening", "case_checks"),
        ("Interviewguide", "interview_questions"),
        ("Nøgletal", "indicators"),
        ("Temaer", "themes"),
    ],
)
def test_export_has_a_row_per_part_in_order(
    workbook: openpyxl.Workbook, sheet: str, part: str
) -> None:
    """Below the header, column A lists the ids (or codes) in instrument order."""
    expected = [
        getattr(x, "id", None) or getattr(x, "code", None)
        for x in getattr(INSTRUMENT, part)
    ]
    ws = workbook[sheet]
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == expected


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_sheet_has_a_frozen_header_and_a_comment_column(
    workbook: openpyxl.Workbook, sheet: str
) -> None:
    """Each sheet freezes its header row and ends with an empty Kommentar column."""
    ws = workbook[sheet]
    assert ws.freeze_panes == "A2"
    header = [cell.value for cell in ws[1]]
    assert header[-1] == COMMENT_HEADER
    assert all(row[-1] is None for row in ws.iter_rows(min_row=2, values_only=True))


def test_law_references_read_as_a_danish_reader_writes_them(
    workbook: openpyxl.Workbook,
) -> None:
    """ES02's reference appears as "§ 20, stk. 3" in the questionnaire sheet."""
    ws = workbook["Spørgeskema"]
    header = [cell.value for cell in ws[1]]
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["ES02"][header.index("Lovhenvisninger")] == "§ 20, stk. 3"


def test_law_reference_sheet_lists_each_reference_once_with_its_users(
    workbook: openpyxl.Workbook,
) -> None:
    """Each distinct reference has one row that names the items citing it."""
    rows = list(workbook["Lovhenvisninger"].iter_rows(min_row=2, values_only=True))
    labels = [row[0] for row in rows]
    assert len(labels) == len(set(labels))
    used_by = {row[0]: row[7] for row in rows}
    assert "ES02" in str(used_by["§ 20, stk. 3"])
