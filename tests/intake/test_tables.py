"""Reading uploads: CSV encodings and separators, XLSX, and every refused file."""

from __future__ import annotations

import time

import pytest

from parathed.intake.tables import Limits, TableError, column_letter, read_table
from tests.intake.builders import (
    GOOD_HEADERS,
    MB,
    csv_bytes,
    good_rows,
    many_entries,
    truncated,
    xlsx_bytes,
    zip_bomb,
)

CP1252 = "CSV, Windows-1252 (dansk Excel)"
EXPECTED_FIRST_ROW = (
    "1",
    "Anne",
    "Medarbejder",
    "2026-05-01",
    "Helt enig",
    "2",
    "Ved ikke",
    "Mere tid",
)


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter", "described"),
    [
        ("utf-8", False, ";", "CSV, UTF-8, adskilt med semikolon"),
        ("utf-8", True, ";", "CSV, UTF-8 med BOM, adskilt med semikolon"),
        ("utf-8", True, ",", "CSV, UTF-8 med BOM, adskilt med komma"),
        ("cp1252", False, ";", f"{CP1252}, adskilt med semikolon"),
        ("cp1252", False, ",", f"{CP1252}, adskilt med komma"),
        ("latin-1", False, ";", f"{CP1252}, adskilt med semikolon"),
        ("utf-16", False, "\t", "CSV, UTF-16, adskilt med tabulator"),
    ],
)
def test_csv_is_read_in_every_encoding_and_separator(
    encoding: str, bom: bool, delimiter: str, described: str
) -> None:
    """Danish letters survive UTF-8 (with or without BOM), cp1252/latin-1 and UTF-16."""
    table = read_table(
        csv_bytes(good_rows(), encoding=encoding, bom=bom, delimiter=delimiter),
        filename="svar.csv",
    )
    assert table.headers == GOOD_HEADERS
    assert table.rows[0] == EXPECTED_FIRST_ROW
    assert table.rows[2][7] == "Færre skift af rådgiver"
    assert table.description == described


def test_semicolon_file_with_commas_in_headings_is_split_on_semicolons() -> None:
    """Question texts hold commas; the separator is the one that gives even rows."""
    rows = [
        ("Rolle", "Alle nye underretninger bliver vurderet inden for 24 timer, så"),
        ("Chef", "5"),
        ("Leder", "4"),
    ]
    table = read_table(csv_bytes(rows, delimiter=";"), filename="svar.csv")
    assert len(table.headers) == 2
    assert table.rows == (("Chef", "5"), ("Leder", "4"))


def test_xlsx_cells_become_text_and_dates_lose_their_time() -> None:
    """Numbers read as whole numbers; a date-time cell keeps no midnight time."""
    from datetime import datetime

    # Excel stores a date-time without a zone; openpyxl reads it back naive.
    midnight = datetime(2026, 5, 1)  # noqa: DTZ001
    rows = [("Rolle", "Dato", "ES01"), ("Chef", midnight, 4.0)]
    table = read_table(xlsx_bytes(rows), filename="svar.xlsx")
    assert table.rows == (("Chef", "2026-05-01", "4"),)
    assert table.file_format == "xlsx"


def test_short_rows_are_padded_and_trailing_blank_rows_dropped() -> None:
    """Every row has the header's width; empty rows at the end are not rows."""
    data = b"Rolle;ES01;ES03\r\nChef;4\r\n;;\r\n\r\n"
    table = read_table(data, filename="svar.csv")
    assert table.rows == (("Chef", "4", ""),)


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "tom.csv", "ingen overskrifter"),
        (b"Rolle;ES01\r\n", "kun.csv", "ingen rækker med besvarelser"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "gammel.xls", "(.xls)"),
        (b"Rolle;ES01\r\nChef;4\r\n", "svar.xlsx", "er ikke en Excel-projektmappe"),
        (b"PK\x03\x04rest", "svar.csv", "hedder .csv, men er en Excel"),
        (b"Rolle;ES01\r\n", "svar.pdf", "Filtypen kendes ikke"),
        (b'Rolle;ES01\r\n"Chef;4\r\n', "svar.csv", "anførselstegn"),
        (b"Rolle\x00;ES01\r\n", "svar.csv", "ikke en tekstfil"),
    ],
)
def test_files_that_cannot_be_read_get_a_danish_reason(
    data: bytes, filename: str, reason: str
) -> None:
    """Each unreadable file gets its own Danish sentence."""
    with pytest.raises(TableError) as raised:
        read_table(data, filename=filename)
    assert reason in raised.value.message


def test_truncated_xlsx_is_reported_as_damaged() -> None:
    """A download cut short is refused as incomplete, not as a crash."""
    with pytest.raises(TableError) as raised:
        read_table(truncated(xlsx_bytes(good_rows())), filename="svar.xlsx")
    assert "ufuldstændig eller beskadiget" in raised.value.message


def test_upload_over_the_limit_is_refused_before_reading() -> None:
    """The size limit comes first; the message names both sizes in MB."""
    with pytest.raises(TableError) as raised:
        read_table(bytes(11 * MB), filename="svar.csv")
    assert raised.value.message == ("Filen fylder 11,0 MB; den må højst fylde 10,0 MB.")


def test_zip_bomb_is_refused_from_its_directory_before_unpacking() -> None:
    """A 101 MB unpacked entry in a small file is refused in well under a second."""
    bomb = zip_bomb(unpacked=101 * MB)
    assert len(bomb) < 1 * MB
    started = time.perf_counter()
    with pytest.raises(TableError) as raised:
        read_table(bomb, filename="svar.xlsx")
    assert time.perf_counter() - started < 0.5
    assert "101,0 MB, når den pakkes ud" in raised.value.message
    assert "uden at blive pakket ud" in raised.value.message


def test_zip_with_too_many_entries_is_refused() -> None:
    """More than 1,000 parts is refused from the zip directory alone."""
    with pytest.raises(TableError) as raised:
        read_table(many_entries(1001), filename="svar.xlsx")
    assert "1001 dele; højst 1000" in raised.value.message


def test_zip_whose_directory_lies_about_sizes_stops_at_the_declared_size() -> None:
    """An entry declared as 1 KB but unpacking to 50 MB is refused, reading little."""
    bomb = zip_bomb(unpacked=50 * MB, lie_to=1024)
    started = time.perf_counter()
    with pytest.raises(TableError) as raised:
        read_table(bomb, filename="svar.xlsx")
    assert time.perf_counter() - started < 0.5
    assert "beskadiget" in raised.value.message


def test_lower_unpacked_limit_is_honoured() -> None:
    """The unpacked limit comes from ``Limits``: 3 MB is refused under a 1 MB limit.

    The same limit also caps the bytes actually unpacked, counted chunk by chunk;
    CPython's zipfile already stops at each entry's declared size (see the lying
    directory above), so that counter is a second guard.
    """
    bomb = zip_bomb(unpacked=3 * MB)
    with pytest.raises(TableError) as raised:
        read_table(bomb, filename="svar.xlsx", limits=Limits(max_unpacked_bytes=MB))
    assert "højst 1,0 MB er tilladt" in raised.value.message


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (702, "AAA")]
)
def test_column_letters_follow_excel(index: int, letter: str) -> None:
    """Column numbers are named the way Excel shows them."""
    assert column_letter(index) == letter


def test_too_many_rows_is_refused() -> None:
    """A file longer than the row limit is refused with a Danish reason."""
    rows = [("Rolle", "ES01")] + [("Chef", "4")] * 30
    with pytest.raises(TableError) as raised:
        read_table(csv_bytes(rows), filename="svar.csv", limits=Limits(max_rows=10))
    assert "mere end 10 rækker" in raised.value.message
