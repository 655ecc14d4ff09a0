"""CSV and BULK answers are read with codes as text and missing cells as None."""

from __future__ import annotations

from pathlib import Path

import pytest

from parathed.statbank import StatBankFormatError, parse_bulk, parse_csv, parse_number

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8100", 8100.0),
        ("89,97", 89.97),
        ("3,5", 3.5),
        ("1.234,5", 1234.5),
        ("-12,5", -12.5),
        ("0", 0.0),
        (" 42 ", 42.0),
        ("..", None),
        (".", None),
        ("-", None),
        ("x", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    """Decimal comma is read; every missing marker is None, and 0 stays 0."""
    assert parse_number(text) == expected


def test_parse_number_refuses_text_in_danish() -> None:
    """A cell that is neither a number nor a marker is an error, not a silent 0."""
    with pytest.raises(StatBankFormatError, match="ikke er et tal"):
        parse_number("I alt")


def test_csv_keeps_leading_zeros_and_suppressed_cells() -> None:
    """UND2's "00" codes stay "00"; Læsø's ".." is None; 998 is kept for the caller."""
    table = parse_csv((DATA / "UND2.CSV.csv").read_text("utf-8"))
    assert table.variables == ("ADMKOM", "UNDERRET", "ALDER1", "KON", "TID")
    assert not table.absent_means_zero
    by_place = {row.code("ADMKOM"): row for row in table.rows}
    assert by_place["101"].code("UNDERRET") == "00"
    assert by_place["101"].code("alder1") == "00"
    assert by_place["101"].value == 8100.0
    assert by_place["825"].value is None
    assert by_place["998"].value == 412.0
    assert by_place["0"].code("Tid") == "2025"


def test_csv_with_byte_order_mark_and_crlf() -> None:
    """FOLK1A's answer (BOM, CRLF, Danish header OMRÅDE;KØN) keeps "000" and "084"."""
    table = parse_csv((DATA / "FOLK1A.CSV.csv").read_text("utf-8"))
    assert table.variables[:2] == ("OMRÅDE", "KØN")
    places = {row.code("OMRÅDE") for row in table.rows}
    assert {"000", "084", "101", "825"} <= places
    assert len(table.rows) == 6 * 24


def test_bulk_empty_value_is_missing_and_absent_rows_mean_zero() -> None:
    """In BULK an empty cell is missing; the result says absent rows would mean 0."""
    table = parse_bulk((DATA / "BU43.BULK.csv").read_text("utf-8"))
    assert table.absent_means_zero
    values = {row.code("OMRÅDE"): row.value for row in table.rows}
    assert values == {
        "000": 3.5,
        "084": 3.1,
        "101": 2.3,
        "147": 2.2,
        "825": None,
        "860": 4.8,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "tomt svar"),
        ("ADMKOM;TID;VÆRDI\n101;2025;3\n", "sidste kolonne skal være INDHOLD"),
        ("ADMKOM;TID;INDHOLD\n101;2025\n", "Linje 2 .* 2 felter"),
        ("ADMKOM;TID;INDHOLD\n101;2025;mange\n", "ikke er et tal"),
    ],
)
def test_malformed_answers_give_danish_errors(text: str, message: str) -> None:
    """A wrong header, a short line or a non-number stops the parse with a reason."""
    with pytest.raises(StatBankFormatError, match=message):
        parse_csv(text)


def test_quoted_cells_and_blank_lines() -> None:
    """Quoted cells are unquoted; blank lines are skipped."""
    table = parse_csv('OMRÅDE;TID;INDHOLD\n"101";"2025";"12,5"\n\n')
    assert [(r.code("OMRÅDE"), r.value) for r in table.rows] == [("101", 12.5)]
